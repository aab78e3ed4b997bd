"""Re-extract a document in other shapes, the way other tools would give it.

The parser must give the same answers for any extraction of the same document.
These functions rewrite a source text into the shapes we know of, so tests can
compare the extraction of each shape with the extraction of the original:

- `layout_shape`: a layout-preserving PDF-to-text: no HTML or bold marks,
  prose hard-wrapped at a fixed width with words hyphenated across the break,
  table cells in space-aligned columns with long cells wrapping under their
  column, page headers and footers between form feeds;
- `markdown_shape`: a word processor's export to Markdown: `#` headings, pipe
  tables, `-` bullets, escaped Markdown characters, one line per paragraph;
- `edited_shape`: an edited copy: CRLF, no-break spaces, tabs for spaces, en
  dashes in IDs.

They work from the text's own marks (tabs, blank lines, numbered headings), not
from the parser, so a wrong parse cannot make its own input.
"""
from __future__ import annotations

import re
import textwrap

_TAG = re.compile(r"</?(?:p|div|ul|ol|br|i|b|em|strong|u|span|li)\b[^<>]*/?>", re.I)
_LI = re.compile(r"<li\b[^<>]*>", re.I)
_BLOCK = re.compile(r"</?(?:p|div|ul|ol|br)\b[^<>]*/?>", re.I)
_HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\.?[ \t]+(\S.*)$")
_ID = re.compile(r"\b(T?TB\d{4})-(\d{1,3})\b")
# Amounts printed with a no-break space inside ("1 389 711") and a space between them.
_AMOUNT_ROW = re.compile(r"^(?P<lead>\S.*?)\s(?P<amounts>-?\d{1,3}(?:\u00a0\d{3})*(?:\s+-?\d{1,3}(?:\u00a0\d{3})*)*)$")
_DECISION_ROW = re.compile(r"^(\d{4}[–-]\d{4})\s+(\d{1,4})\s+(.+?)\s+(Ja|Nei)$")
_OWN_PARAGRAPH = re.compile(r"^(?:Kap\.\s*\d{3,4}\s+[A-ZÆØÅ]|Del\s+[IV]+$|Forslag til vedtak)")
_HEADER_START = re.compile(r"^(?:ID:\s*)?R?T?TB\d{4}-\d+\b.*\b(?:Avd\.?\s*HOD|Eieravdeling)")
# The head of a budget table printed without tabs ("Kap. Post  Helsedirektoratet  2018",
# "Kap./post Benevnelse Tildeling"): an exporter keeps its rows as rows.
_TABLE_HEAD = re.compile(r"^\s*(?:\(i 1 000 kr\)|Post\s+Betegnelse\b|Kap\.?\s*(?:/\s*post|Post)\b|\d{3,4}\s+[A-ZÆØÅ].*\sBeløp$|\d{3,4}\.\d{2}\s+[A-ZÆØÅ])", re.I)
# A bullet whose glyph the extraction lost: an indented line that starts a sentence.
_LOST_BULLET = re.compile(r"^[ \t]+(?!ID\b|Frist|Ansvarlig|Eieravdeling)(?=[A-ZÆØÅ])(?=\S+\s+\S+\s+\S)")
# A line that starts with an assignment's ID and a capitalised title: its own paragraph.
_ID_LINE = re.compile(r"^R?T?TB\d{4}-\d+\s+[A-ZÆØÅ]")


def _logical_lines(text: str) -> list[str]:
    return [t for _, t in _numbered_lines(text)]


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    """The text's lines (with their line numbers) without HTML marks and without
    the empty line that some extractions put after every line (a
    whitespace-only line is then the real paragraph break)."""
    raw = text.replace("\r\n", "\n").split("\n")
    filled = sum(1 for ln in raw if ln.strip())
    sandwiched = sum(1 for i in range(1, len(raw) - 1) if raw[i] == "" and raw[i - 1].strip() and raw[i + 1].strip())
    interleaved = filled > 20 and sandwiched > 0.6 * filled
    out: list[tuple[int, str]] = []
    for number, ln in enumerate(raw, start=1):
        if interleaved and ln == "":
            continue
        if re.fullmatch(r"[-\t |]*-{3,}[-\t |]*", ln):
            continue  # a table rule drawn with dashes: a PDF draws it as a line, not text
        ln = _LI.sub("\n• ", ln)
        ln = _BLOCK.sub("\n", ln)
        ln = _TAG.sub("", ln).replace("**", "")
        for part in ln.split("\n"):
            out.append((number, part.rstrip() if part.strip() else ""))
    return out


def _hyphenate_wrap(text: str, width: int) -> list[str]:
    """Wrap prose at `width`; a long word at the break is split with a hyphen
    the way a typesetter would (both halves at least three letters)."""
    lines: list[str] = []
    words = text.split()
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
            continue
        room = width - len(current) - 2 if current else width - 1
        if word.isalpha() and len(word) >= 8 and room >= 3 and len(word) - room >= 3:
            lines.append(f"{current} {word[:room]}-".strip())
            current = word[room:]
            continue
        if current:
            lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines or [""]


def _column_rows(rows: list[list[str]], indent: str, max_cell: int = 38, gap: int = 3, valign: str = "top") -> list[str]:
    """Table rows as space-aligned columns; a cell longer than `max_cell` wraps
    onto following lines under its own column. `valign`: where a cell of fewer
    lines than its row stands ("top", "middle" or "bottom": a PDF table whose
    cells are centred or set at the bottom, as pdftotext -layout prints it)."""
    ncol = max(len(r) for r in rows)
    widths = [0] * ncol
    for r in rows:
        for k, cell in enumerate(r):
            widths[k] = max(widths[k], min(len(cell), max_cell))
    out: list[str] = []
    for r in rows:
        wrapped = [textwrap.wrap(c, max_cell) or [""] for c in r] + [[""]] * (ncol - len(r))
        height = max(len(w) for w in wrapped)
        if valign != "top":
            wrapped = [[""] * ((height - len(w)) // (2 if valign == "middle" else 1)) + w for w in wrapped]
        for i in range(max(len(w) for w in wrapped)):
            pieces = [(w[i] if i < len(w) else "").ljust(widths[k]) for k, w in enumerate(wrapped)]
            out.append((indent + (" " * gap).join(pieces)).rstrip())
        if valign != "top" and len(rows) > 1:
            out.append("")  # centred cells: the rows' padding prints as an empty line between them
    return out


def layout_shape(text: str, title: str, width: int = 88, page_lines: int = 52, gap: int = 3, valign: str = "top") -> str:
    lines = _logical_lines(text)
    body: list[str] = []
    i = 0
    while i < len(lines):
        ln = lines[i]
        if "\t" in ln.strip("\t") or (ln.startswith("\t") and ln.strip()):
            block = []
            while i < len(lines) and "\t" in lines[i]:
                block.append([c.strip() for c in lines[i].rstrip("\t").split("\t")])
                i += 1
            body.extend(_column_rows(block, "", gap=gap, valign=valign))
            continue
        if len(ln) > width:
            lead = re.match(r"\s*(?:[-•–·]\s+)?", ln).group(0)
            wrapped = _hyphenate_wrap(ln[len(lead):], width - len(lead))
            body.append(lead + wrapped[0])
            body.extend(" " * len(lead) + w for w in wrapped[1:])
        else:
            body.append(ln)
        i += 1
    pages = [body[k:k + page_lines] for k in range(0, len(body), page_lines)]
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        if n > 1:
            out.append("\f" + title)
            out.append("")
        out.extend(page)
        out.append("")
        out.append(f"Side {n} av {len(pages)}".rjust(width))
    return "\n".join(out) + "\n"


# --- two columns side by side (the proposition through a layout-preserving tool) ----

_AMOUNT_END = re.compile(r"(?:\d{1,3}(?:\u00a0\d{3})+|–|-?\d+,\d)\s*%?\s*$")
_ACROSS_HEADING = re.compile(r"^(?:Kap\. \d{3,4} |Del [IV]+|Programkategori)")
_TABLE_START = re.compile(r"^(?:\(i (?:1\u00a0?000|1 000|mill\.) kr\)|Kap\. Post\b|Post Betegnelse\b|\d{4}[–-]\d{4} \d{1,4} )")
_FIGURES_END = re.compile(r"^(?P<lead>.*?\S)\s+(?P<tail>(?:(?:\d{1,3}(?:\u00a0\d{3})+|–|-?\d+,\d\s*%?)\s*)+)$")
_STATUS_END = re.compile(r"^(.*\S)\s+(Ja|Nei)$")


def _across(line: str, width: int) -> str:
    """A table row printed across the page: its figures (or a decision's
    Ja/Nei) right-aligned at the page's edge, apart from each other."""
    v = _STATUS_END.match(line.strip())
    if v:
        return v.group(1) + " " * max(3, width - len(v.group(1)) - 3) + v.group(2)
    m = _FIGURES_END.match(line.strip())
    if not m:
        return line
    tail = "    ".join(m.group("tail").split(" "))
    return m.group("lead") + " " * max(3, width - len(m.group("lead")) - len(tail)) + tail


def _table_end(lines: list[str], i: int) -> int:
    """Where a table starting at line i ends: at the first line of prose that
    is no row's title (a row's title goes on to a line with figures)."""
    k = i + 1
    while k < len(lines):
        ln = lines[k].strip()
        nxt = next((x for x in lines[k + 1:k + 3] if x.strip()), "")
        prose = len(ln) >= 35 and not _AMOUNT_END.search(ln) and not ln.startswith("Sum")
        if prose and not _AMOUNT_END.search(nxt) and not re.match(r"^\d{2} [A-ZÆØÅ]", ln):
            return k
        k += 1
    return k


def two_column_shape(text: str, title: str, col: int = 60, gutter: int = 4, page_lines: int = 56) -> str:
    """A layout-preserving PDF-to-text of a document set in two columns (the
    proposition): prose runs down the left column and on in the right one,
    side by side; tables, headings and lines too wide for a column run across
    the page, between the columns' bands; form feeds and footers between pages."""
    lines = _logical_lines(text)
    width = 2 * col + gutter
    items: list[tuple[bool, str]] = []  # (across the page, text)
    i = 0
    while i < len(lines):
        ln = lines[i]
        if _TABLE_START.match(ln.strip()):
            end = _table_end(lines, i)
            items.extend((True, _across(b, width)) for b in lines[i:end])
            i = end
            continue
        wide = _ACROSS_HEADING.match(ln.strip()) or len(ln) > col or _AMOUNT_END.search(ln) and _FIGURES_END.match(ln.strip())
        items.append((bool(wide), _across(ln, width) if wide else ln))
        i += 1
    pages: list[list[str]] = [[]]
    run: list[str] = []

    def band() -> None:
        h = (len(run) + 1) // 2
        left, right = run[:h], run[h:] + [""]
        pages[-1].extend((left[k].ljust(col) + " " * gutter + right[k]).rstrip() for k in range(h))
        run.clear()

    for wide, ln in items:
        if wide:
            band()
            if len(pages[-1]) >= page_lines:
                pages.append([])
            pages[-1].append(ln)
            continue
        run.append(ln)
        if len(pages[-1]) + (len(run) + 1) // 2 >= page_lines:
            band()
            pages.append([])
    band()
    out: list[str] = []
    for n, page in enumerate(pages, start=1):
        if n > 1:
            out.extend(["\f" + title, ""])
        out.extend(page + ["", f"Side {n} av {len(pages)}".rjust(width)])
    return "\n".join(out) + "\n"


def page_number_in_header(layout_text: str, title: str) -> str:
    """A layout shape whose page number stands in the running header, at the
    outer edge (left on even pages, right on odd ones), with no footer."""
    pages = layout_text.split("\f")
    out = []
    for n, page in enumerate(pages, start=1):
        page = re.sub(r"\n *Side \d+ av \d+\n?$", "\n", page)
        if n > 1:
            page = page.replace(title, f"{n}{' ' * 60}{title}" if n % 2 == 0 else f"{title}{' ' * 60}{n}", 1)
        out.append(page)
    return "\f".join(out)


def _md_escape(text: str) -> str:
    return re.sub(r"([*_\[\]])", r"\\\1", text)


def _join(left: str, right: str) -> str:
    if left.endswith("-") and right[:1].isdigit():
        return left + right  # an ID broken at its dash: "RTB2020-" + "23"
    if left.endswith("-") and left[-2:-1].isupper() and right[:1].islower():
        return left + right  # a hyphen that belongs to the word: "EØS-" + "finansiering"
    if left.endswith("-") and left[-2:-1].islower() and right[:1].islower() and not right.startswith(("og ", "eller ")):
        return left[:-1] + right
    return f"{left} {right}"


def _squeeze(text: str) -> str:
    return re.sub(r"[\s\-\u00ad]+", "", text).lower()


def _header_end(lines: list[tuple[int, str]], i: int, title: str | None) -> int:
    """The index of a header's last line: the line where the reviewed title
    is complete, or (title unknown) the last of the lower-case lines that
    continue it."""
    if title:
        want = _squeeze(title.rstrip("…").rstrip())
        seen = ""
        for k in range(i, min(i + 12, len(lines))):
            seen += _squeeze(lines[k][1])
            if want in seen:
                return k
    while i + 1 < len(lines) and lines[i + 1][1].strip()[:1].islower():
        i += 1
    return i


def markdown_shape(text: str, heading_lines: set[int] | dict[int, str], header_titles: dict[int, str] | None = None) -> str:
    """A word processor's Markdown export: the document's headings (the reviewed
    heading lines of its golden extraction) as `#` headings, one line per
    paragraph (wrapped lines joined, hyphenation undone), an assignment's
    header row as its own bold paragraph, tab-separated rows as pipe tables,
    bullets as `-`, numbered list items as `1.`, Markdown characters escaped."""
    lines = _numbered_lines(text)
    header_titles = header_titles or {}
    out: list[str] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            joined = para[0]
            for nxt in para[1:]:
                joined = _join(joined, nxt)
            out.append(_md_escape(joined))
            out.append("")
            para.clear()

    i = 0
    in_table = False
    while i < len(lines):
        number, ln = lines[i]
        stripped = ln.strip()
        if _TABLE_HEAD.match(stripped) and "\t" not in ln:
            flush()
            in_table = True
        elif in_table and (number in heading_lines or _HEADER_START.match(stripped)):
            in_table = False
        if in_table:
            # A table the extraction printed as lines of text: each line stays a line.
            out.append(_md_escape(stripped) if stripped else "")
            i += 1
            continue
        if "\t" in ln:
            flush()
            block = []
            while i < len(lines) and "\t" in lines[i][1]:
                block.append([_md_escape(c.strip()).replace("|", "\\|") for c in lines[i][1].rstrip("\t").split("\t")])
                i += 1
            ncol = max(len(r) for r in block)
            for k, r in enumerate(block):
                out.append("| " + " | ".join(r + [""] * (ncol - len(r))) + " |")
                if k == 0:
                    out.append("|" + "---|" * ncol)
            out.append("")
            continue
        m = _HEADING.match(stripped)
        amounts = _AMOUNT_ROW.match(stripped)
        if not stripped:
            flush()
        elif (v := _DECISION_ROW.match(stripped)) and not para:
            # A row of the table of Storting decisions: session, number, title, Ja/Nei.
            out.append("| " + " | ".join(_md_escape(c) for c in v.groups()) + " |")
        elif amounts and not para:
            # A table row of the printed document (amounts at its end): a pipe-table row.
            cells = [amounts.group("lead").strip()] + amounts.group("amounts").split()
            out.append("| " + " | ".join(_md_escape(c.replace("\u00a0", " ")) for c in cells) + " |")
        elif number in heading_lines and not m or _OWN_PARAGRAPH.match(stripped):
            # "Del II", "Kap. 740 Helsedirektoratet", "Forslag til vedtak": a heading of its own
            flush()
            out.append(f"# {_md_escape(stripped)}")
            out.append("")
        elif m and number in heading_lines:
            flush()
            title = m.group(2)
            known = heading_lines.get(number) if isinstance(heading_lines, dict) else None
            end = _header_end(lines, i, known) if known else i
            while (not known and end + 1 < len(lines) and lines[end + 1][1].strip()[:1].islower()
                   and len(title) < 150 and not re.match(r"o\s", lines[end + 1][1].strip())):
                end += 1
            for _, more in lines[i + 1:end + 1]:
                if more.strip():
                    title = _join(title, more.strip())
            i = end
            level = min(m.group(1).count(".") + 1, 6)
            out.append(f"{'#' * level} {m.group(1)} {_md_escape(title)}")
            out.append("")
        elif re.match(r"(?:Ny\s+)?[Ff]rist(?:er)?\b|Ansvarlig avdeling", stripped):
            flush()
            para.append(stripped)  # a deadline line is a paragraph of its own
            flush()
        elif number in header_titles or _HEADER_START.match(stripped) or _ID_LINE.match(stripped):
            # An assignment's header row (ID, department, title): its own
            # paragraph, in bold, as far as the reviewed title reaches.
            flush()
            end = _header_end(lines, i, header_titles.get(number))
            header = stripped
            for _, more in lines[i + 1:end + 1]:
                if more.strip():
                    header = _join(header, more.strip())
            i = end
            out.append(f"**{_md_escape(header)}**")
            out.append("")
        elif re.match(r"[•·–\-]\s+\S", stripped) or _LOST_BULLET.match(ln):
            flush()
            para.append("- " + re.sub(r"^[•·–\-]\s+", "", stripped))
        elif re.match(r"\d{1,2}\.\s+[A-ZÆØÅ]", stripped):
            flush()
            out.append(_md_escape(stripped))  # a numbered list item: "1. God helse ..."
        else:
            para.append(stripped)
        i += 1
    flush()
    return "\n".join(out) + "\n"


def markdown_from_golden(text: str, golden: dict) -> str:
    """The Markdown export of a document whose reviewed golden extraction
    says where its headings and its assignments' header rows are (an
    exporter knows them from the document's styles; a text file does not)."""
    headings = {s["line"]: s["title"] for s in golden["sections"]}
    headers = {a["line"]: a["title"] for a in golden["assignments"] if a.get("printed_id")}
    return markdown_shape(text, headings, headers)


# A pipe table's row ("| 701 | 21 | ... |") and its rule row ("|---|", "| :-- |"):
# the rewrites of pipe tables (here, converter_shapes.py, tool_shapes.py) share them.
PIPE_ROW = re.compile(r"^\|.*\|\s*$")
RULE_ROW = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")


def pipe_cells(row: str) -> list[str]:
    """A pipe row's cells, stripped; an escaped bar ("\\|") stays in its cell."""
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip()[1:-1])]


def pipe_blocks(markdown: str):
    """(kind, lines): runs of pipe rows ("table") and everything else ("text")."""
    kind, block = None, []
    for ln in markdown.split("\n"):
        k = "table" if PIPE_ROW.match(ln) else "text"
        if k != kind and block:
            yield kind, block
            block = []
        kind = k
        block.append(ln)
    if block:
        yield kind, block


def map_pipe_tables(markdown: str, convert) -> str:
    """The Markdown with each pipe table's lines replaced by the lines
    `convert(lines, head, rows)` returns: the table's lines, whether its
    second line is a rule (its first row a head), its rows' cells (rules left out)."""
    out: list[str] = []
    for kind, block in pipe_blocks(markdown):
        if kind != "table":
            out += block
            continue
        head = len(block) > 1 and RULE_ROW.match(block[1]) is not None
        out += convert(block, head, [pipe_cells(r) for r in block if not RULE_ROW.match(r)])
    return "\n".join(out)


def grid_tables(markdown: str, max_cell: int = 30) -> str:
    """The Markdown export with its pipe tables as grid tables (pandoc's shape
    for tables whose cells wrap): `+---+` borders, each cell wrapped within
    its column over the row's lines."""
    return map_pipe_tables(markdown, lambda lines, head, rows: _grid_rows(rows, max_cell))


def _grid_rows(block: list[list[str]], max_cell: int) -> list[str]:
    """A table's rows as a grid table's lines, each cell wrapped in its column."""
    if not block:
        return []
    ncol = max(len(r) for r in block)
    rows = [r + [""] * (ncol - len(r)) for r in block]
    wrapped = [[textwrap.wrap(c, max_cell, break_long_words=False, break_on_hyphens=False) or [""] for c in r]
               for r in rows]
    widths = [max(len(piece) for r in wrapped for piece in r[k]) for k in range(ncol)]
    border = "+" + "+".join("-" * (w + 2) for w in widths) + "+"
    out = [border]
    for r in wrapped:
        for i in range(max(len(c) for c in r)):
            out.append("| " + " | ".join((c[i] if i < len(c) else "").ljust(widths[k])
                                         for k, c in enumerate(r)) + " |")
        out.append(border)
    return out


def edited_shape(text: str) -> str:
    """CRLF line ends, no-break spaces in amounts and before numbers, a tab
    where runs of spaces stood, en dashes in IDs."""
    text = _ID.sub(lambda m: f"{m.group(1)}\u2013{m.group(2)}", text)
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u00a0", text)
    text = re.sub(r"\b(kap\.|post|nr\.) (?=\d)", "\\1\u00a0", text)
    text = re.sub(r"(?<=\S) {3,}(?=\S)", "\t", text)
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def summary(doc) -> dict:
    """What must not change between shapes of one document: every section,
    assignment, budget row, decision reference, chapter, post and decision,
    with the fields a reader sees."""
    from collections import Counter

    return {
        "year": doc.budget_year,
        "sections": Counter((s.number, s.title) for s in doc.sections if s.number),
        "assignments": Counter((a.id, a.title, a.departments, a.deadline, a.status) for a in doc.assignments),
        "budget_rows": Counter((r.kap, r.post, r.amounts) for r in doc.budget_rows),
        "vedtak_refs": Counter((v.nr, v.session) for v in doc.vedtak_refs),
        "chapters": Counter((c.kap, c.title, len(c.posts)) for c in getattr(doc, "chapters", ())),
        "posts": Counter((c.kap, p.post, p.title, p.amounts) for c in getattr(doc, "chapters", ()) for p in c.posts),
        "vedtak": Counter((v.session, v.nr, v.title) for v in getattr(doc, "vedtak", ())),
    }
