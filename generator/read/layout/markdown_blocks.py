"""A Markdown export read with markdown-it-py: its tokens -> the logical lines the rules read.

A converter's or a word processor's Markdown export carries the letter's
structure as Markdown blocks: ``#`` headings, paragraphs, ``-``/``1.`` lists,
pipe tables (with HTML inside their cells) and raw HTML blocks. markdown-it-py
reads the blocks (its block rules only: the inline text is read here, with
`html_cells` for the HTML), and every token carries its source lines
(`token.map`), so each logical line keeps the physical line it was printed
on. The rules after this layer see the same logical lines as for any
extraction: a heading's text, a paragraph's lines, a list item with its
marker, a table row as tab-separated cells, an empty line between blocks.

The rules of this layer, in order (`LAYOUT_RULES`). Each records its name
when it fires (`MarkdownLayout.rules_fired`, `SourceText.layout_rules`) and
has a fixture pair in tests/fixtures/<rule>/ (a small export beside the JSON
of the rules that fired and the lines it gave; tests/fast/test_rule_fixtures.py):

1. `image_and_caption`: an image paragraph (``![...](...)``) and the
   converter's machine caption under it (a paragraph in English, or the
   image's alt text again) are no letter text;
2. `anchor_only`: a line that is only ``<a id="..."></a>`` anchors holds
   no text;
3. `flattened_table`: a whole table on one line, in a paragraph or a
   heading ("| Kap. | ... | |---|...| | 701 | 21 | ... | |  | 70 | ... |"):
   the rule row gives the number of columns, and the cells after it fall
   into rows of that many, a space between two rows;
4. `flattened_table_heading`: a heading whose text is a whole pipe table
   (``#### | | | |---|...| <b>TB2026-14</b> | ... |``) is that table's
   row, not a heading;
5. `bold_paragraph_lines`: a bold paragraph hard-wrapped over several
   lines (a header pandoc wrapped at 72 columns: "**ID: TB2022-24 ... NOU
   2020:1" / "Tjenester til ..." / "... syndrom**") is one line;
6. `bold_header_run_in`: a paragraph that starts with an assignment's ID
   and title in bold and runs on into its body ("**TB 2026-67 Utfasing
   ...** Sivilombudet ba ...") is the header line and a body paragraph;
7. `html_in_cells`: the HTML of a cell or paragraph read by the allow-list
   of `html_cells` (paragraphs and list items become lines of their own,
   ``<br>`` joins a broken word or number back);
8. `body_row`: a table row whose only filled cell is its first, in a table
   of several columns, is running text (an assignment's body in a header
   table), one line per paragraph of the cell;
9. `continued_row`: the first row of a table that starts right after
   another, with an empty first cell, continues the other table's last
   row (a table broken at a page), cell by cell;
10. `split_header_column`: a column with an empty heading next to a named
   one, never filled in the same row as it, is the named column (the
   converter split one heading cell in two);
11. `pipe_rows`: lines of pipe cells that markdown-it does not read as a
   table (no rule line under the first) are table rows all the same;
12. `html_table`: a table written as HTML (``<table><tr><td>``) is read
   as a pipe table is, its cells by the same allow-list;
13. `html_heading`: a line that is one HTML heading (``<h2>3.1 Folkehelse</h2>``)
   is a heading of that level, as ``## 3.1 Folkehelse`` is;
14. `setext_heading`: a paragraph underlined with ``===`` (level 1), or
   with ``---`` on the very next line (level 2), is a heading, as pandoc's
   writer prints them;
15. `rule_rows`: rows of dashes (``|---|---|`` repeated inside a table)
   hold no text.

Headings are recorded with their level (`MarkdownLayout.headings`), list
items with their kind (`MarkdownLayout.list_items`), so that the section
rules can tell an explicit heading from a numbered list item.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt

from generator.parsing.tokens.assignment_id import PREFIX
from generator.read.layout.layout_limits import ROW_MIN_CELLS
from generator.read.layout.html_cells import html_dropped_message, html_table_rows, join_broken, read_html

LAYOUT_RULES = ("image_and_caption", "anchor_only", "flattened_table", "flattened_table_heading", "bold_paragraph_lines",
                "bold_header_run_in",
                "html_in_cells", "body_row",
                "continued_row", "split_header_column", "pipe_rows", "html_table", "html_heading", "setext_heading",
                "rule_rows")

_MD = MarkdownIt("commonmark", {"html": True}).enable("table").disable(
    ["inline", "text_join", "code", "fence", "reference", "lheading"])


@dataclass
class MarkdownLayout:
    lines: list[tuple[int, str]]  # (physical line, text); "" is a paragraph break
    furniture: list[int]  # physical lines that hold no letter text
    headings: dict[int, int] = field(default_factory=dict)  # physical line -> level (1-6)
    list_items: dict[int, str] = field(default_factory=dict)  # physical line -> "ol" | "ol-one" (a list of one) | "ul"
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line, code, message)
    rules_fired: list[str] = field(default_factory=list)  # LAYOUT_RULES names, in order of first firing


# --- inline text ---------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
# Bold never runs over another pair of marks (".+?" made "**x **x **x ..." quadratic).
_BOLD_MARK = re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__")
_OPEN_BOLD = re.compile(r"^\s*\*\*\*?(?=\S)|(?<=\S)\*\*\*?\s*$")
# An image's alt text and a link's text hold no bracket, their address no
# parenthesis: each try ends at the next one (a run of "[" took 6 s per
# 100 000 characters when a try could run 500 characters on).
_IMAGE = re.compile(r"!\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]{1,500})\]\([^()\n]{0,2000}\)")
_ANCHOR = re.compile(r"<a\s+(?:id|name)=\"[^\"<>]{0,200}\"\s*>\s*</a>", re.I)


def plain_inline(text: str) -> str:
    """A line of Markdown inline text as plain text: escapes, emphasis,
    images (their alt text) and links (their text) undone."""
    escaped: list[str] = []
    if "\\" in text:
        text = _MD_ESCAPE.sub(lambda m: escaped.append(m.group(1)) or f"\x00{len(escaped) - 1}\x00", text)
    if "](" in text:
        text = _IMAGE.sub(lambda m: m.group(1), text)
        text = _LINK.sub(lambda m: m.group(1), text)
    if "*" in text or "_" in text:
        text = _BOLD_MARK.sub(lambda m: m.group(1) or m.group(2), text)
        text = _OPEN_BOLD.sub("", text)
        text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    if escaped:
        text = re.sub("\x00(\\d+)\x00", lambda m: escaped[int(m.group(1))], text)
    return text


class _Reader:
    """Walks the block tokens once, writing each physical line's texts."""

    def __init__(self, phys: list[int], source: list[str]):
        self.phys = phys  # parse-text line index -> physical line number
        self.source = source  # parse-text lines
        self.out: dict[int, list[str]] = {}
        self.claimed: set[int] = set()
        self.layout = MarkdownLayout([], [])
        self.last_table: dict | None = None  # the previous table's last row, for `continued_row`
        self.image_alt: str | None = None
        self.captions_left = 0

    # -- helpers
    def line(self, k: int) -> int:
        return self.phys[min(k, len(self.phys) - 1)]

    def claim(self, start: int, end: int) -> None:
        for k in range(start, end):
            self.claimed.add(self.line(k))

    def fire(self, rule: str) -> None:
        """Record that a rule of `LAYOUT_RULES` changed what the layout gives."""
        if rule not in self.layout.rules_fired:
            self.layout.rules_fired.append(rule)

    def put(self, k: int, text: str) -> None:
        self.out.setdefault(self.line(k), []).append(text)

    def blocks(self, text: str, k: int) -> list[str]:
        """The blocks of a piece of inline text (HTML read by the allow-list)."""
        if "<" in text:
            bare = _ANCHOR.sub("", text)
            if bare != text:
                self.fire("anchor_only")  # rule anchor_only: an anchor holds no text
            text = bare
        blocks, report = read_html(text)
        if "<" in text and blocks != [text]:
            self.fire("html_in_cells")  # rule html_in_cells: the HTML read by the allow-list
        for tag, dropped in report.tags:
            self.layout.notes.append((self.line(k), "html-dropped", html_dropped_message(tag, dropped)))
        return [plain_inline(b) for b in blocks]


def _is_rule_cell(cell: str) -> bool:
    s = cell.strip()
    return bool(s) and set(s) <= set("-:= ") and "-" in s or s in ("",)


# A table flattened onto one line has two columns at least (one column of
# dashes is a horizontal rule) and two rows after its rule (one row is a
# flattened header table, which flattened_table_heading reads).
FLAT_TABLE_MIN = 2


def _flattened_rows(line: str) -> list[tuple[list[str], bool]] | None:
    """Rule flattened_table: a whole pipe table on one line (a converter
    that lost its line breaks: "| Kap. | Post | ... | |---|---|...| | 740 |
    01 | ... | |  | 21 | ... |") as its rows: the rule row gives the
    number of columns, and every row after it is that many cells and the
    space between its closing and the next row's opening `|`. None when the
    cells do not fall into rows so (a single header row is read as before)."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    rule = next((k for k in range(1, len(cells)) if cells[k].strip() and _is_rule_cell(cells[k])), None)
    if rule is None:
        return None
    end = rule
    while end < len(cells) and cells[end].strip() and _is_rule_cell(cells[end]):
        end += 1
    ncol = end - rule
    head = [c.strip() for c in cells[max(1, rule - 1 - ncol):rule - 1]]
    body = cells[end:]
    if ncol < FLAT_TABLE_MIN or (len(body) - 1) % (ncol + 1) or len(body) < FLAT_TABLE_MIN * (ncol + 1) + 1:
        return None  # not rows of `ncol` cells, or one row only: the heading rule reads it
    rows = [body[k + 1:k + 1 + ncol] for k in range(0, len(body) - 1, ncol + 1)]
    if any(body[k].strip() for k in range(0, len(body) - 1, ncol + 1)):
        return None  # something between two rows: not a table's rows
    out = [(head, True)] if len(head) == ncol and any(head) else []
    return out + [([c.strip() for c in row], False) for row in rows]


def _pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", s)]


_RULE_ONLY = re.compile(r"^\s*=[=\s]{2,}$")
_HTML_HEADING_LINE = re.compile(r"^\s*<h([1-6])\b[^<>]*>.*</h\1\s*>\s*$", re.I)
_TABLE_END = re.compile(r"</table\s*>", re.I)
_HTML_TABLE = re.compile(r"<(?:table|tr)\b", re.I)
_BOLD_HEADER_RUN_IN = re.compile(
    rf"^(?:\*\*|__)(?P<head>(?:ID\s*:?\s*)?{PREFIX}\s?\d{{4}}\s?[-–]\s?\d{{1,3}}\b[^*_]{{0,300}}?)(?:\*\*|__)\s+(?P<rest>\S.*)$")
_ONE_BOLD_RUN = re.compile(r"\*\*[^*\s](?:[^*]|\*(?!\*))*\*\*")
_NUMBER_CELL = re.compile(r"^[-–]?\d[\d .,]*\b")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_IN_HEADING = re.compile(r"\|\s*:?-{3,}")
_ENGLISH = frozenset({"the", "of", "is", "are", "with", "features", "and", "this", "its", "which", "an", "logo",
                      "image", "shows", "text", "written", "above", "below", "positioned", "centered"})
# A caption in English: at least two English words, and twice as many as Norwegian ones.
CAPTION_ENGLISH_MIN = 2
CAPTION_ENGLISH_RATIO = 2
_NORWEGIAN = frozenset({"og", "på", "er", "til", "av", "det", "som", "med", "ikke", "har", "skal", "vi", "den"})


def _is_caption(text: str, alt: str | None) -> bool:
    """A converter's description of an image: the alt text again, or a
    paragraph in English (the letters are in Norwegian)."""
    s = text.strip()
    if alt and s == alt.strip():
        return True
    words = re.findall(r"[a-zæøå]+", s.lower())
    english = sum(1 for w in words if w in _ENGLISH)
    norwegian = sum(1 for w in words if w in _NORWEGIAN)
    return english >= CAPTION_ENGLISH_MIN and english > CAPTION_ENGLISH_RATIO * norwegian


_PAD = re.compile(r"(?<=\S) {2,}")
_DASH_RUN = re.compile(r"-{4,}")


def _squeeze(text: str) -> str:
    """Runs of spaces and dashes in table lines, which carry no text, made
    short before markdown-it reads them (a converter pads every cell)."""
    out = []
    for ln in text.split("\n"):
        if "|" in ln and ("  " in ln or "----" in ln):
            ln = _PAD.sub(" ", ln)
            ln = _DASH_RUN.sub("---", ln)
        out.append(ln)
    return "\n".join(out)


def markdown_layout(lines: list[str | None], skip: set[int] | frozenset[int] = frozenset(), first: int = 1) -> MarkdownLayout:
    """The logical lines of a Markdown document. `lines` are its normalised
    physical lines (None: a line an earlier rule took, such as a grid
    table's border); `skip`: physical line numbers that are page furniture;
    `first`: the first physical line that is text (after front matter)."""
    phys: list[int] = []
    kept: list[str] = []
    furniture: list[int] = []
    for number in range(first, len(lines) + 1):
        text = lines[number - 1]
        if text is None or number in skip:
            furniture.append(number)
            continue
        phys.append(number)
        kept.append(text)
    if not phys:
        return MarkdownLayout([], furniture)
    reader = _Reader(phys, kept)
    tokens = _MD.parse(_squeeze("\n".join(kept)))
    _walk(reader, tokens)
    return _assemble(reader, lines, phys, furniture, first)


def _assemble(reader: _Reader, lines: list[str | None], phys: list[int], furniture: list[int],
              first: int) -> MarkdownLayout:
    layout = reader.layout
    out: list[tuple[int, str]] = []
    blank = True
    for number in phys:
        texts = reader.out.get(number)
        if texts is not None:
            for t in texts:
                if not t.strip():
                    if not blank:
                        out.append((number, ""))
                    blank = True
                    continue
                out.append((number, t.rstrip()))
                blank = False
            if not texts:
                furniture.append(number)
            continue
        if number in reader.claimed or (lines[number - 1] or "").strip():
            furniture.append(number)
            continue
        if not blank:
            out.append((number, ""))
        blank = True
    layout.lines = out
    layout.furniture = sorted(set(furniture))
    return layout


def _walk(r: _Reader, tokens) -> None:
    lists: list[tuple[str, str]] = []  # (kind, marker char) of the open lists
    item_marker: str | None = None
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            kind = "ol" if t.startswith("ordered") else "ul"
            lists.append((ONE_ITEM_LIST if kind == "ol" and _items(tokens, i) == 1 else kind, tok.markup))
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            kind, markup = lists[-1] if lists else ("ul", "-")
            marker = f"{tok.info}{markup}" if kind != "ul" else ("•" if markup in "*+" else "-")
            item_marker = "  " * (len(lists) - 1) + marker + " "
            if tok.map:
                r.layout.list_items[r.line(tok.map[0])] = kind
        elif t == "heading_open":
            _heading(r, tok, tokens[i + 1])
            i += 3
            continue
        elif t == "paragraph_open":
            level = None if item_marker or lists else _setext_level(tokens, i)
            if level:
                i = _setext_heading(r, tokens, i, level)
                continue
            _paragraph(r, tok, tokens[i + 1], item_marker)
            item_marker = None
            i += 3
            continue
        elif t == "html_block":
            _html_block(r, tok)
        elif t == "table_open":
            j = i
            while tokens[j].type != "table_close":
                j += 1
            _table(r, tokens[i:j + 1])
            i = j + 1
            continue
        elif t == "hr" and tok.map:
            r.claim(*tok.map)
        if t not in ("paragraph_open", "list_item_open") and t.endswith("_open") and t != "list_item_open":
            pass
        i += 1


_SETEXT_EQUALS = re.compile(r"^ {0,3}=+[ \t]*$")
# Setext's two levels: "===" under a heading of the first, "---" of the second.
SETEXT_EQUALS_LEVEL, SETEXT_DASHES_LEVEL = 1, 2
# A paragraph is three tokens (paragraph_open, inline, paragraph_close): the token after it.
PARAGRAPH_TOKENS = 3


def _setext_level(tokens, i: int) -> int | None:
    """Rule setext_heading: a paragraph underlined with `===` (level 1) or
    with `---` on the very next line (level 2; markdown-it, without its
    setext rule, reads that line as a horizontal rule) is a heading, as
    pandoc's writer prints levels 1 and 2: "4.3. Folketrygd- og
    aktivitetsbaserte poster" / "--------". Not a table's rows."""
    tok, inline = tokens[i], tokens[i + 1]
    parts = inline.content.split("\n")
    if not tok.map or any(_PIPE_ROW.match(p) for p in parts):
        return None
    if len(parts) > 1 and "=" in parts[-1] and _SETEXT_EQUALS.match(parts[-1]) and parts[-2].strip():
        return SETEXT_EQUALS_LEVEL
    nxt = i + PARAGRAPH_TOKENS
    after = tokens[nxt] if nxt < len(tokens) else None
    if after is not None and after.type == "hr" and after.map and after.map[0] == tok.map[1] \
            and set(after.markup) == {"-"}:
        return SETEXT_DASHES_LEVEL
    return None


def _setext_heading(r: _Reader, tokens, i: int, level: int) -> int:
    """The heading `_setext_level` saw, on its first line; the index of the token after it."""
    tok, inline = tokens[i], tokens[i + 1]
    r.claim(*tok.map)
    parts = inline.content.split("\n")
    if level == SETEXT_EQUALS_LEVEL:
        parts = parts[:-1]
    k0 = tok.map[0]
    for k, p in enumerate(parts[:-1]):
        # Lines above the underlined one with no empty line between: the
        # paragraph before it (a converter underlines one line, its heading).
        for t in r.blocks(p, k0 + k):
            r.put(k0 + k, t)
    k = k0 + len(parts) - 1
    text = " ".join(r.blocks(parts[-1], k)).strip()
    r.captions_left = 0
    if text:
        if len(parts) > 1:
            r.put(k, "")
        r.put(k, text)
        r.layout.headings[r.line(k)] = level
        r.fire("setext_heading")
    nxt = i + PARAGRAPH_TOKENS
    if level == SETEXT_DASHES_LEVEL:
        r.claim(*tokens[nxt].map)
        return nxt + 1  # the rule's own token, read as the underline
    return nxt


# A numbered list of one item ("1. Innledning" alone: perhaps a heading an
# export printed as a paragraph, which the section rules decide).
ONE_ITEM_LIST = "ol-one"


def _items(tokens, i: int) -> int:
    """How many items the list opened at tokens[i] holds (its own, not a nested list's)."""
    level, n = tokens[i].level, 0
    for tok in tokens[i + 1:]:
        if tok.level == level and tok.type.endswith("_list_close"):
            break
        if tok.type == "list_item_open" and tok.level == level + 1:
            n += 1
    return n


def _heading(r: _Reader, tok, inline) -> None:
    k = tok.map[0]
    r.claim(*tok.map)
    content = inline.content
    r.captions_left = 0
    if "|" in content and _TABLE_IN_HEADING.search(content):
        flat = _flattened_rows(content)
        if flat:
            r.fire("flattened_table")
            _render_table(r, [(k, cells, head) for cells, head in flat])
            return
        # Rule flattened_table_heading: the heading is a table's rows.
        r.fire("flattened_table_heading")
        cells = [c for c in _pipe_cells(content) if c and not _is_rule_cell(c)]
        texts = [" ".join(r.blocks(c, k)) for c in cells]
        r.put(k, "\t".join(t for t in texts if t))
        return
    text = " ".join(r.blocks(content, k)).strip()
    if text:
        r.put(k, text)
        r.layout.headings[r.line(k)] = int(tok.tag[1])


def _paragraph(r: _Reader, tok, inline, item_marker: str | None) -> None:
    start, end = tok.map
    r.claim(start, end)
    parts = inline.content.split("\n")
    if len(parts) != end - start:
        parts = [" ".join(parts)]  # never expected; keep the text on the first line
    if all(_PIPE_ROW.match(p) for p in parts) and not item_marker:
        # Rule pipe_rows: rows of a table markdown-it did not read as one.
        r.fire("pipe_rows")
        rows = []
        for k, p in enumerate(parts):
            flat = _flattened_rows(p) if "-|" in p or "- |" in p else None
            if flat:
                r.fire("flattened_table")
            rows += [(start + k, cells, head) for cells, head in flat] if flat else [(start + k, _pipe_cells(p), False)]
        _render_table(r, rows)
        return
    whole = inline.content.strip()
    offs = list(range(len(parts)))  # each part's physical line, from the paragraph's first
    if len(parts) > 1 and whole.startswith("**") and _ONE_BOLD_RUN.fullmatch(whole):
        # Rule bold_paragraph_lines: a bold paragraph hard-wrapped over lines (a
        # header or heading an exporter wrapped at its width) is one line.
        parts, offs = [" ".join(p.strip() for p in parts)], [0]
        r.fire("bold_paragraph_lines")
    elif len(parts) > 1 and parts[0].startswith("**") and parts[0].count("**") == 1:
        # The same rule for a bold run that ends on a later line, the body running
        # on after it ("**TB 2026-67 Utfasing ... §" / "45 tredje ledd** Sivilombudet ...").
        close = next((j for j in range(1, len(parts)) if "**" in parts[j]), None)
        if close is not None:
            parts = [" ".join(p.strip() for p in parts[:close + 1])] + parts[close + 1:]
            offs = [0] + offs[close + 1:]
            r.fire("bold_paragraph_lines")
    image = _IMAGE.fullmatch(whole)
    if image:
        # Rule image_and_caption: an image is no letter text; its caption neither.
        r.image_alt, r.captions_left = image.group(1), 2
        r.fire("image_and_caption")
        return
    if r.captions_left and _is_caption(whole, r.image_alt):
        r.captions_left -= 1
        return
    r.captions_left = 0
    run: list[tuple[int, list[str], bool]] = []
    for k, part in enumerate(parts):
        if _PIPE_ROW.match(part) and not (k == 0 and item_marker):
            # Rule pipe_rows: a table's rows that markdown-it read as a
            # paragraph's lazy lines (a table right under a list item).
            run.append((start + offs[k], _pipe_cells(part), False))
            r.fire("pipe_rows")
            continue
        if run:
            _render_table(r, run)
            run = []
        if "==" in part and _RULE_ONLY.match(part):
            r.fire("rule_rows")
            continue  # rule rule_rows: "=====" under a line (a setext underline) holds no text
        run_in = _BOLD_HEADER_RUN_IN.match(part) if part.startswith(("**", "__")) else None
        if run_in:
            # Rule bold_header_run_in: "**TB 2026-67 Title** Body ...": the bold
            # header and the body that runs on after it are two paragraphs.
            r.fire("bold_header_run_in")
            texts = r.blocks(run_in.group("head"), start + offs[k]) + [""] + r.blocks(run_in.group("rest"), start + offs[k])
        else:
            texts = r.blocks(part, start + offs[k])
        if k == 0 and item_marker:
            texts = [item_marker + (texts[0] if texts else "")] + texts[1:]
        for text in texts:
            r.put(start + offs[k], text)
        if not texts:
            r.put(start + offs[k], "")
    if run:
        _render_table(r, run)


def _html_block(r: _Reader, tok) -> None:
    start, end = tok.map
    r.claim(start, end)
    parts = tok.content.rstrip("\n").split("\n")[: end - start]
    k = 0
    while k < len(parts):
        if "<t" in parts[k] and _HTML_TABLE.search(parts[k]):
            # Rule html_table: a table written as HTML is read as a pipe table
            # is; the lines after its end (no empty line between) as text.
            r.fire("html_table")
            last = next((j for j in range(k, len(parts)) if _TABLE_END.search(parts[j])), len(parts) - 1)
            rows, report = html_table_rows("\n".join(parts[k:last + 1]))
            for tag, dropped in report.tags:
                r.layout.notes.append((r.line(start + k), "html-dropped", html_dropped_message(tag, dropped)))
            _render_table(r, [(start + k + min(off, last - k), cells, head) for off, cells, head in rows])
            k = last + 1
            continue
        texts = r.blocks(parts[k], start + k)
        for text in texts:
            r.put(start + k, text)
        level = _HTML_HEADING_LINE.match(parts[k]) if "<h" in parts[k] else None
        if level and len(texts) == 1 and texts[0].strip():
            # Rule html_heading: "<h2>3.1 Folkehelse</h2>" is a heading as "## 3.1 Folkehelse" is.
            r.layout.headings[r.line(start + k)] = int(level.group(1))
            r.fire("html_heading")
        k += 1


def _table(r: _Reader, tokens) -> None:
    rows: list[tuple[int, list[str], bool]] = []
    head = False
    cells: list[str] = []
    line = 0
    for tok in tokens:
        if tok.type == "thead_open":
            head = True
        elif tok.type == "thead_close":
            head = False
        elif tok.type == "tr_open":
            cells, line = [], tok.map[0]
        elif tok.type == "inline":
            cells.append(tok.content)
        elif tok.type == "tr_close":
            rows.append((line, cells, head))
    r.claim(*tokens[0].map)
    _render_table(r, rows)


def _render_table(r: _Reader, rows: list[tuple[int, list[str], bool]]) -> None:
    """Each row to its logical lines, after the table-level repairs."""
    read: list[tuple[int, list[list[str]], bool]] = []
    for k, cells, head in rows:
        if all(_is_rule_cell(c) for c in cells):
            if any(c.strip() for c in cells):
                r.fire("rule_rows")
            continue  # rule rule_rows (and an empty row)
        read.append((k, [r.blocks(c, k) for c in cells], head))
    if not read:
        return
    widths = [len(cells) for _, cells, _ in read]
    read = _merge_split_header_column(read)
    if widths != [len(cells) for _, cells, _ in read]:
        r.fire("split_header_column")
    first_k, first_cells, _ = read[0]
    previous = r.last_table
    if previous is not None and _continues(previous, first_k, first_cells, r):
        # Rule continued_row: cell by cell into the previous table's last row.
        r.fire("continued_row")
        merged = [join_broken([a, "\n", b[0] if b else ""]) if b else a
                  for a, b in zip(previous["cells"], first_cells + [[]] * (len(previous["cells"]) - len(first_cells)))]
        r.out[previous["line"]][previous["pos"]] = "\t".join(merged)
        previous["cells"] = merged
        read = read[1:]
    for k, cells, head in read:
        filled = [n for n, c in enumerate(cells) if c]
        if filled == [0] and len(cells) >= ROW_MIN_CELLS:
            r.fire("body_row")
            for text in cells[0]:  # rule body_row
                r.put(k, text)
            r.last_table = None
            continue
        row = [c[0] if c else "" for c in cells]
        r.put(k, "\t".join(row))
        pos = len(r.out[r.line(k)]) - 1  # the row's place among its line's texts (a flattened table's rows share one)
        for c in cells:
            for text in c[1:]:
                r.put(k, text)
        r.last_table = {"line": r.line(k), "pos": pos, "cells": row, "end": k} if all(len(c) <= 1 for c in cells) else None


def _continues(previous: dict, k: int, cells: list[list[str]], r: _Reader) -> bool:
    """The first row of a table continues the previous table's last row: its
    first cell is empty, the others hold one line each, and nothing but
    empty lines and furniture stand between the two tables."""
    if cells[0] or not any(cells) or any(len(c) > 1 for c in cells) or len(cells) > len(previous["cells"]):
        return False
    if any(c and _NUMBER_CELL.match(c[0]) for c in cells):
        return False  # a row of its own whose key the table printed on its group's first row only
    for j in range(previous["end"] + 1, k):
        number = r.line(j)
        if r.out.get(number) and any(t.strip() for t in r.out[number]):
            return False
        if number not in r.claimed and r.source[j].strip() and not _ANCHOR.fullmatch(r.source[j].strip()):
            return False
    return r.line(previous["end"]) in r.out and bool(r.out[r.line(previous["end"])])


# A split heading needs a named cell, its empty neighbour and one more column.
SPLIT_HEAD_MIN_CELLS = 3


def _merge_split_header_column(rows: list[tuple[int, list[list[str]], bool]]) -> list:
    """Rule split_header_column: the head row's empty cell next to a named
    one, where no row fills both, is one column with it."""
    head = next((cells for _, cells, _ in rows
                 if sum(1 for c in cells if c) >= ROW_MIN_CELLS and not any(c and _NUMBER_CELL.match(c[0]) for c in cells)), None)
    if head is None or len(head) < SPLIT_HEAD_MIN_CELLS:
        return rows
    width = len(head)
    for col in range(width - 1, 0, -1):
        if head[col] or not head[col - 1]:
            continue
        body = [cells for _, cells, _ in rows if cells is not head]
        if not body or any(c[col] and c[col - 1] for c in body if len(c) > col) \
                or not any(len(c) > col and c[col] for c in body):
            continue
        for _, cells, _ in rows:
            if len(cells) > col:
                if not cells[col - 1]:
                    cells[col - 1] = cells[col]
                del cells[col]
    return rows
