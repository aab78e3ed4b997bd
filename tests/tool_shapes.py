"""More shapes other tools give a document (beside tests/shapes.py and
tests/converter_shapes.py), each a rewrite of the word processor's Markdown
export (`shapes.markdown_from_golden`) or of the converter's export:

- `pandoc_markdown`: pandoc's default Markdown writer: Setext headings
  (`===` / `---` underlines) for levels 1 and 2, paragraphs and list items
  hard-wrapped at 72 columns, `-   ` bullets with continuation lines
  indented four spaces, and a wrapped line that would start a list or a
  heading escaped (`1\\.`, `\\-`, `\\#`);
- `bold_headings`: a word processor's export of a document whose headings
  were set by direct formatting, not styles: every heading a bold line
  (`**2.1 Folkehelse**`), no `#`;
- `rowspan_tables`: a PDF-to-HTML converter's tables: `<table>` pretty-printed
  over many lines, the head row in `<thead>` as `<th>`, a chapter's number
  cell spanning its posts' rows (`rowspan`), every cell a `<p>`;
- `flattened_tables`: a converter that lost the line breaks of whole tables:
  every pipe table of amounts on one line (`| Kap. | ... | |---|...| | 701 |
  21 | ... |`).

- `html_headings`: every `#` heading written as HTML (`<h2>3.1 Folkehelse</h2>`);
- `page_split_tables`: the converter's budget tables broken at pages, each
  part a table of its own with an empty head row, a row's title broken over
  two parts;
- `zero_width`: an edited copy with a byte-order mark, zero-width spaces after
  the IDs' dashes, narrow no-break spaces between an amount's digit groups and
  soft hyphens inside long words.

They work from the export's own marks, never from the parser's output.
"""
from __future__ import annotations

import re
import textwrap

from shapes import PIPE_ROW, RULE_ROW, map_pipe_tables, pipe_cells

_ATX = re.compile(r"^(#{1,6}) (.*)$")
# A wrapped line that Markdown would read as a block of its own: pandoc escapes it.
_BLOCK_START = re.compile(r"^(?:(\d{1,9})([.)])(?=\s|$)|([-+*])(?=\s|$)|(#{1,6})(?=\s|$)|(>))")
_AMOUNT_CELL = re.compile(r"^-?\d{1,3}(?: \d{3})+$|^-?\d{1,3}$")


def _escape_start(line: str) -> str:
    m = _BLOCK_START.match(line)
    if not m:
        return line
    if m.group(1):
        return f"{m.group(1)}\\{m.group(2)}{line[m.end():]}"
    return "\\" + line


def _wrap(text: str, first: str, rest: str, width: int = 72) -> list[str]:
    pieces = textwrap.wrap(text, width - len(rest), break_long_words=False, break_on_hyphens=False) or [""]
    return [first + pieces[0]] + [rest + _escape_start(p) for p in pieces[1:]]


def pandoc_markdown(markdown: str, width: int = 72) -> str:
    out: list[str] = []
    for ln in markdown.split("\n"):
        atx = _ATX.match(ln)
        if atx and len(atx.group(1)) <= 2 and "|" not in ln:
            title = _escape_start(atx.group(2))  # "1\\. Innledning": no list item
            out += [title, ("=" if len(atx.group(1)) == 1 else "-") * max(3, len(title))]
            continue
        if not ln.strip() or atx or PIPE_ROW.match(ln) or ln.startswith("<"):
            out.append(ln)
            continue
        item = re.match(r"^(- |\d{1,2}\. )(.*)$", ln)
        if item:
            marker = item.group(1).strip()
            out += _wrap(item.group(2), marker.ljust(4), " " * 4, width)
            continue
        out += _wrap(ln, "", "", width)
    return "\n".join(out)


def bold_headings(markdown: str) -> str:
    out = []
    for ln in markdown.split("\n"):
        atx = _ATX.match(ln)
        if atx and "|" not in ln:
            title = re.sub(r"^\*\*(.*)\*\*$", r"\1", atx.group(2).strip())
            if out and out[-1].strip():
                out.append("")  # a paragraph of its own, as the exporter writes every paragraph
            ln = f"**{title}**"
        out.append(ln)
    return "\n".join(out)


def _is_amount_table(rows: list[list[str]]) -> bool:
    return sum(1 for r in rows if any(_AMOUNT_CELL.match(c) for c in r[1:])) >= 2


def _html_rows(rows: list[list[str]], head: bool) -> list[str]:
    """A table's rows as indented HTML, the first cell spanning the rows
    under it that leave it empty (a chapter's number over its posts)."""
    out = ["<table>"]
    body = rows[1:] if head else rows
    if head:
        out += ["  <thead>", "    <tr>"] + [f"      <th>{c}</th>" for c in rows[0]] + ["    </tr>", "  </thead>"]
    out.append("  <tbody>")
    k = 0
    while k < len(body):
        row = body[k]
        span = 1
        if row and row[0]:
            while k + span < len(body) and body[k + span] and not body[k + span][0] and len(body[k + span]) > 2:
                span += 1
        out.append("    <tr>")
        for j, c in enumerate(row):
            if j == 0 and not c and k > 0 and _spanned(body, k):
                continue
            attr = f' rowspan="{span}"' if j == 0 and span > 1 else ""
            out.append(f"      <td{attr}><p>{c}</p></td>" if c else f"      <td{attr}></td>")
        out.append("    </tr>")
        k += 1
    out += ["  </tbody>", "</table>"]
    return out


def _spanned(body: list[list[str]], k: int) -> bool:
    """Whether row k's empty first cell lies under a chapter cell's rowspan."""
    j = k - 1
    while j >= 0 and body[j] and not body[j][0] and len(body[j]) > 2:
        j -= 1
    return j >= 0 and bool(body[j]) and bool(body[j][0]) and len(body[k]) > 2


def rowspan_tables(markdown: str) -> str:
    return map_pipe_tables(markdown, lambda lines, head, rows: _html_rows(rows, head)
                           if _is_amount_table(rows) else lines)


def flattened_tables(markdown: str) -> str:
    return map_pipe_tables(markdown, lambda lines, head, rows: [" ".join(r.strip() for r in lines)]
                           if _is_amount_table(rows) else lines)


# --- budget tables as tables (an exporter that reads the PDF's table grid) --------

_UNIT_LINE = re.compile(r"^\(?\s*(?:i|alle tall i|beløp i|tall i)\b.*(?:kr|kroner|tusen)\)?\.?$", re.I)
_CHAPTER_HEADING = re.compile(r"^Kap(?:ittel|\.)?\s*\d{3,4}\s+[A-ZÆØÅ]")
_FURNITURE = re.compile(r"^(?:Side\s+)?\d{1,3}(?:\s+av\s+\d{1,3})?$")
_SUM_LINE = re.compile(r"^Sum\b", re.I)


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def _amount_text(value) -> str:
    return "" if value is None else f"{value:,}".replace(",", " ")


def _table_groups(rows: list[dict], raw: list[str]) -> list[list[dict]]:
    """The golden table rows grouped into printed tables: the same columns,
    only empty lines, page furniture and total lines between two rows."""
    groups: list[list[dict]] = []
    for r in rows:
        prev = groups[-1][-1] if groups else None
        gap = [raw[k - 1].strip() for k in range(prev["end_line"] + 1, r["line"])] if prev else []
        same = prev is not None and list(r["amounts"]) == list(prev["amounts"]) and all(
            not g or _FURNITURE.match(g) or _SUM_LINE.match(g) for g in gap)
        if same:
            groups[-1].append(r)
        else:
            groups.append([r])
    return groups


# A table's printed head is at most this many lines above its first row.
HEAD_LINES_MAX = 12


def _head_start(raw: list[str], first: int, stops: set[int], units: list[str], floor: int) -> int:
    """The first physical line of the head printed above a table's first row
    (its column headings, below line `floor`), collecting the unit lines on
    the way up."""
    k, start, seen = first - 1, first, 0
    while k > floor and seen < HEAD_LINES_MAX:
        text = raw[k - 1].strip()
        if not text:
            k -= 1
            continue
        if k in stops or text.endswith((".", ":")) and not _UNIT_LINE.match(text) or _CHAPTER_HEADING.match(text):
            break
        if _UNIT_LINE.match(text):
            units.insert(0, text)
        start, seen, k = k, seen + 1, k - 1
    return start


def _sum_cells(text: str, chapter_rows: list[dict], keys: list[str]) -> list[str] | None:
    """A total line as cells, when its figures are the chapter's sums."""
    sums = [sum(r["amounts"].get(key) or 0 for r in chapter_rows) for key in keys]
    if _digits(text).endswith("".join(str(s) for s in sums)) and sums:
        label = re.match(r"^Sum\D*\d{3,4}|^Sum\D*", text).group(0).strip()
        return [label] + [""] * 2 + [_amount_text(s) for s in sums]
    return None


def _pipe_row(cells: list[str]) -> str:
    return "| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |"


def _tab_row(cells: list[str]) -> str:
    return "\t".join(cells)


def _pipe_table(group: list[dict], raw: list[str], units: list[str], tabs: bool = False) -> list[str]:
    keys = list(group[0]["amounts"])
    comments = any(r.get("comment") for r in group)
    head = ["Kap.", "Post", "Betegnelse"] + keys + (["Kommentar"] if comments else [])
    row_of = _tab_row if tabs else _pipe_row
    lines = ([*units, ""] if units else []) + [row_of(head)] + ([] if tabs else ["|" + "---|" * len(head)])
    last_kap = None
    for k, r in enumerate(group):
        cells = [str(r["kap"]) if r["kap"] != last_kap else "", r["post"], r["title"] or ""]
        cells += [_amount_text(r["amounts"][key]) for key in keys]
        if comments:
            cells.append(" ".join((r.get("comment") or "").split()))
        lines.append(row_of(cells))
        last_kap = r["kap"]
        end = group[k + 1]["line"] if k + 1 < len(group) else r["end_line"] + 1
        for s in (raw[j - 1].strip() for j in range(r["end_line"] + 1, end)):
            if _SUM_LINE.match(s):
                chapter = [x for x in group[:k + 1] if x["kap"] == r["kap"]]
                total = _sum_cells(s, chapter, keys)
                if total:
                    lines.append(row_of(total + ([""] if comments else [])))
    return lines


def tables_from_golden(raw_text: str, golden: dict, tabs: bool = False) -> tuple[str, dict[str, list[str]]]:
    """The source text with every budget table the golden extraction read
    from a table replaced by a placeholder line (the table's lines and its
    printed head emptied, so no other line moves), and the pipe table each
    placeholder stands for: `markdown_shape` keeps the placeholder as a
    paragraph, `put_tables` puts the tables in."""
    raw = raw_text.split("\n")
    rows = sorted((r for r in golden["budget_rows"] if r.get("read_from") == "table"), key=lambda r: r["line"])
    stops = {s["line"] for s in golden["sections"]} | {a["line"] for a in golden["assignments"]}
    tables: dict[str, list[str]] = {}
    floor = 0
    for n, group in enumerate(_table_groups(rows, raw)):
        units: list[str] = []
        start = _head_start(raw, group[0]["line"], stops, units, floor)
        floor = group[-1]["end_line"]
        for j in range(start, group[-1]["end_line"] + 1):
            raw[j - 1] = " " if raw[j - 1].strip() else raw[j - 1]
        key = f"TABLEPLACEHOLDER{n}X"
        raw[start - 1] = key
        tables[key] = _pipe_table(group, raw_text.split("\n"), units, tabs)
    return "\n".join(raw), tables


_PLACEHOLDER = re.compile(r"TABLEPLACEHOLDER\d+X")


def put_tables(markdown: str, tables: dict[str, list[str]]) -> str:
    """The Markdown export with each placeholder replaced by its table (a
    paragraph the placeholder was joined to is cut around it)."""
    out: list[str] = []
    for ln in markdown.split("\n"):
        m = _PLACEHOLDER.search(ln)
        if not m:
            out.append(ln)
            continue
        before, after = ln[:m.start()].rstrip(), ln[m.end():].strip()
        out += ([before, ""] if before.strip() else []) + ["", *tables[m.group(0)], ""] + ([after] if after else [])
    return "\n".join(out)


def html_headings(markdown: str) -> str:
    # (A heading that is a flattened table stays as the converter wrote it.)
    return re.sub(r"^(#{1,6}) ([^|\n]*)$", lambda m: f"<h{len(m.group(1))}>{m.group(2)}</h{len(m.group(1))}>",
                  markdown, flags=re.M)


def zero_width(text: str) -> str:
    text = re.sub(r"(T?TB\d{4})-(\d)", "\\1-\u200b\\2", text)
    text = re.sub(r"(?<=\d) (?=\d{3}\b)", "\u202f", text)
    text = re.sub(r"(?<=[a-zæøå]{4})(?=[a-zæøå]{4})", "\u00ad", text)
    return "\ufeff" + text


def text_with_tab_tables(raw_text: str, golden: dict) -> str:
    """The source text with every budget table as tab-separated rows (a head
    row, a row per golden row), for `shapes.layout_shape` to print in
    space-aligned columns as a layout-preserving PDF-to-text does."""
    text, tables = tables_from_golden(raw_text, golden, tabs=True)
    return "\n".join(_PLACEHOLDER.sub(lambda m: "\n" + "\n".join(tables[m.group(0)]) + "\n", ln)
                     for ln in text.split("\n"))


# Rows of a budget table on one page of the converter's export.
PAGE_ROWS = 7


def page_split_tables(markdown: str, page_rows: int = PAGE_ROWS) -> str:
    """The converter's export with every budget table broken at a page every
    `page_rows` rows: an anchor, then a new table with an empty head row
    (the 2026 converter's shape); every other break falls inside a row,
    whose title's last word opens the next table in a row with an empty
    first cell ("| | og<br>røntgeninstitutt | | |")."""
    return map_pipe_tables(markdown, lambda lines, head, rows: _split_at_pages(lines, rows, page_rows))


def _split_at_pages(lines: list[str], rows: list[list[str]], page_rows: int) -> list[str]:
    if not _is_amount_table(rows) or len(lines) <= page_rows + 2:
        return lines
    ncol = len(rows[0])
    empty_head = ["| " + " | ".join([""] * ncol) + " |", "|" + "---|" * ncol]
    out: list[str] = []
    breaks = 0
    for n, line in enumerate(lines):
        if n < 2 or RULE_ROW.match(line) or (n - 1) % page_rows or n == len(lines) - 1:
            out.append(line)
            continue
        breaks += 1
        cells = pipe_cells(line)
        words = cells[2].split(" ") if len(cells) > 2 else []
        carried = []
        if breaks % 2 == 0 and len(words) >= 3 and not cells[0] and cells[1]:
            line = "| " + " | ".join(cells[:2] + [" ".join(words[:-1])] + cells[3:]) + " |"
            carried = ["| " + " | ".join(["", "", words[-1]] + [""] * (ncol - 3)) + " |"]
        out += [line, "", f'<a id="page-{n}"></a>', ""] + empty_head + carried
    return out
