"""The layout layer: any extraction of a document -> the lines the parsers read.

Text reaches us from several tools: a PDF extraction that keeps one text line
per printed line, a layout-preserving PDF-to-text that keeps columns with runs
of spaces and pages with form feeds, a word processor's Markdown export. The
rules after this layer must never see the difference, so each mark of a tool is
undone here by one small function over physical lines:

- `page_layout`: form feeds, page numbers ("Side 12", "12 av 40", "- 12 -")
  and running headers or footers repeated on every page are dropped from the
  text, and each physical line keeps the page it was printed on;
- `looks_like_markdown`: whether a source is a Markdown export, which
  `markdown_blocks.markdown_layout` then reads with markdown-it-py;
- `column_rows`: rows whose cells are separated by runs of spaces become
  tab-separated rows, and a cell that wraps onto following lines, indented
  under its own column, is joined back into its cell.

Each function takes and returns plain data (lists of (line number, text)), so
it can be tested alone on a few lines.
"""
from __future__ import annotations

import re
from generator.parsing.tokens.amounts import several_amounts
from generator.parsing.tokens.assignment_id import COMPACT as ID
from collections import Counter
from dataclasses import dataclass

from generator.lexicon import KEEP_HYPHEN_BEFORE
from generator.read.layout.layout_limits import TAB_STOP

NumberedLine = tuple[int, str]

# --- pages -------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:(?:Side|Page|s\.)\s+\d{1,4}(?:\s*(?:av|/|of)\s*\d{1,4})?|\d{1,4}\s+(?:av|of)\s+\d{1,4}|[-–]\s*\d{1,4}\s*[-–])$",
    re.I,
)
_PAGE_DIGITS = re.compile(r"\d{1,4}")
# The longest page-number line ("Side 123 av 456" and its kind); a longer line is text.
PAGE_NUMBER_LINE_MAX = 24


def page_number(text: str) -> int | None:
    """The page a page-number line names ("Side 7", "Side 7 av 40", "7 av 40",
    "- 7 -"), else None. A bare number is not one: tables print amounts alone."""
    s = text.strip()
    if len(s) > PAGE_NUMBER_LINE_MAX or not _PAGE_NUMBER.match(s):
        return None
    return int(_PAGE_DIGITS.search(s).group(0))


def _page_number_lines(lines: list[str]) -> dict[int, int]:
    """{line index: page number} of the page-number lines. Only a line of at
    most 24 characters between its spaces, tabs and form feeds can be one, and
    that length test is what rejects almost every line cheaply (a regex per
    line, or one over the whole text, is the slow way)."""
    out: dict[int, int] = {}
    for index, line in enumerate(lines):
        n = line.strip()  # spaces, tabs, form feeds and no-break spaces
        if 0 < len(n) <= PAGE_NUMBER_LINE_MAX:
            page = page_number(n)
            if page is not None:
                out[index] = page
    return out


@dataclass(frozen=True)
class PageLayout:
    furniture: frozenset[int]  # physical line numbers dropped as page furniture
    page_starts: tuple[tuple[int, int | None], ...]  # (first physical line, page number or None: unknown), ascending


# A running header or footer repeats next to at least three page breaks (and
# next to half of them): one or two repeats are the text's own.
RUNNING_MIN_BREAKS = 3
# Running lines stand among the first and last two text lines of a page.
RUNNING_EDGE_LINES = 2
# A running line is a title or a name, shorter than a line of prose.
RUNNING_LINE_MAX = 120


def _running_lines(lines: list[str], breaks: list[int]) -> set[str]:
    """Lines printed at the top or bottom of most pages: running headers and
    footers. Looked for next to each page break (the first and last two text
    lines of a page)."""
    if len(breaks) < RUNNING_MIN_BREAKS:
        return set()
    seen: Counter[str] = Counter()
    for b in breaks:
        near: set[str] = set()
        for step, start in ((1, b), (-1, b - 1)):
            k, found = start, 0
            while 0 <= k < len(lines) and found < RUNNING_EDGE_LINES:
                s = lines[k].replace("\f", "").strip()
                if s:
                    near.add(re.sub(r"\d+", "#", s))
                    found += 1
                k += step
        seen.update(near)
    # A running line holds words: a bare number next to the breaks is a page
    # number (_bare_page_numbers), and the same number elsewhere is content.
    return {s for s, n in seen.items()
            if n >= max(RUNNING_MIN_BREAKS, len(breaks) // 2) and len(s) < RUNNING_LINE_MAX and re.search(r"[^\W\d_]{2}", s)}


_BARE_NUMBER = re.compile(r"^[^\S\n]*(\d{1,4})[^\S\n]*$")
# Bare numbers are page numbers when there are at least three and most of
# them (80 %) count up by one from page to page: a table's lone numbers do not.
BARE_PAGES_MIN = 3
BARE_PAGES_COUNTING = 0.8


def _bare_page_numbers(lines: list[str], feeds: list[int]) -> dict[int, int]:
    """Page numbers printed as a bare number next to the form feeds (the last
    text line of a page or the first of the next): taken only when they count
    up from page to page, since a table also prints numbers alone on a line."""
    found: dict[int, int] = {}
    for f in feeds:
        for step, start in ((-1, f - 1), (1, f)):
            k = start
            while 0 <= k < len(lines) and not lines[k].replace("\f", "").strip():
                k += step
            m = _BARE_NUMBER.match(lines[k]) if 0 <= k < len(lines) else None
            if m:
                found[k] = int(m.group(1))
    ordered = [found[k] for k in sorted(found)]
    counting = sum(1 for a, b in zip(ordered, ordered[1:]) if b == a + 1)
    return found if len(ordered) >= BARE_PAGES_MIN and counting >= BARE_PAGES_COUNTING * (len(ordered) - 1) else {}


def page_layout(lines: list[str]) -> PageLayout:
    """Find page furniture and page numbers in physical lines (1-based numbers
    are index + 1). Pages break at form feeds, else at page-number lines."""
    numbers = _page_number_lines(lines)
    feeds = [i for i, ln in enumerate(lines) if "\f" in ln]
    numbers.update(_bare_page_numbers(lines, feeds))
    breaks = feeds or sorted(numbers)
    running = _running_lines(lines, breaks) if feeds else set()
    furniture = set(numbers)
    if running:
        for i, ln in enumerate(lines):
            if re.sub(r"\d+", "#", ln.replace("\f", "").strip()) in running:
                furniture.add(i)
    starts: list[tuple[int, int]] = []
    if feeds:
        # A printed number names the page it stands on; else count form feeds.
        page = 1
        bounds = [0] + feeds
        for k, first in enumerate(bounds):
            last = bounds[k + 1] if k + 1 < len(bounds) else len(lines)
            printed = [numbers[i] for i in range(first, last) if i in numbers]
            # The footer that counts on from the page before wins over a stray
            # number kept from an earlier extraction ("Side 37" inside page 28).
            counted = page + 1 if k else 1
            page = counted if counted in printed else printed[0] if printed else counted
            starts.append((first + 1, page))
    else:
        # Page numbers printed at the foot of a page: the lines after "Side 6"
        # up to and including "Side 7" are page 7. Only where the footers count
        # up page by page from 1: an extraction that kept a few stray numbers
        # ("Side 7", "Side 21", ... "Side 35", "Side 36") does not say where
        # its pages began, nor whether a number stood at the foot of its page
        # or at the head (a letter's "Side 2" is often at the top), so no line
        # gets a page there rather than one that may be off by one. Nothing
        # says how many pages follow the last footer either.
        ordered = [numbers[i] for i in sorted(numbers)]
        if ordered == list(range(1, len(ordered) + 1)):
            first = 1
            for i in sorted(numbers):
                starts.append((first, numbers[i]))
                first = i + 2
            starts.append((first, None))
    return PageLayout(frozenset(i + 1 for i in furniture), tuple(starts))


def page_of(layout: PageLayout, lineno: int) -> int | None:
    """The printed page of a physical line, when the extraction shows pages."""
    page = None
    for first, number in layout.page_starts:
        if first > lineno:
            break
        page = number
    return page


# --- Markdown ---------------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
# A Markdown export shows a few `#` headings or backslash escapes; a text
# extraction may hold one or two by accident ("# of", a path).
MARKDOWN_HEADINGS_MIN = 3
MARKDOWN_ESCAPES_MIN = 5
# A heading set in bold by hand ("**2.1 Folkehelse**", a paragraph of its own)
# or underlined (Setext: "=====" under its text) counts as a heading.
# A heading a converter wrote as HTML ("<h2>3.1 Folkehelse</h2>") counts too.


def looks_like_markdown(lines: list[str]) -> bool:
    """A Markdown export shows `#` headings (or bold, underlined or HTML
    heading paragraphs), pipe-table rules or backslash escapes. A bold,
    underlined or HTML heading is looked for line by line only where the
    whole text holds its mark at all (a proposition's 33 000 lines hold none)."""
    if any(_MD_RULE_ROW.match(ln) for ln in lines if "|" in ln and "-" in ln):
        return True
    if any(_GRID_BORDER.match(ln) for ln in lines if "+-" in ln):
        return True
    headings = sum(1 for ln in lines if "#" in ln and _MD_HEADING.match(ln))
    if headings < MARKDOWN_HEADINGS_MIN:
        text = "\n".join(lines)
        if "**" in text:
            headings += sum(1 for k in range(len(lines)) if "**" in lines[k] and _MD_BOLD_LINE.match(lines[k])
                            and (k == 0 or not lines[k - 1].strip()))
        if "===" in text:
            headings += sum(1 for k in range(1, len(lines)) if "===" in lines[k] and lines[k - 1].strip()
                            and _MD_SETEXT.match(lines[k]))
        if "<h" in text or "<H" in text:
            headings += sum(1 for ln in lines if "<" in ln and _HTML_HEADING.match(ln))
    if headings >= MARKDOWN_HEADINGS_MIN:
        return True
    return sum(1 for ln in lines if "\\" in ln and _MD_ESCAPE.search(ln)) >= MARKDOWN_ESCAPES_MIN


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# Possessive quantifiers (*+): a rule never backtracks into its own runs (linear time).
_MD_RULE_ROW = re.compile(r"^\s*+\|?\s*+:?-{3,}+:?\s*+(?:\|\s*+:?-{3,}+:?\s*+)*+\|?\s*+$")
_MD_BOLD_LINE = re.compile(r"^\*\*[^*\s](?:[^*]|\*(?!\*))*\*\*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}=+\s*$")
_HTML_HEADING = re.compile(r"^\s{0,3}<h[1-6]\b[^<>]*>", re.I)


_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+\s*$")
_RULE_LINE = re.compile(r"^[\s|+:]*+[-=_]{3,}+[-=_\s|+:]*+$")


def is_rule_line(text: str) -> bool:
    """A line drawn under a table's header or between its rows ("-----\t----",
    "|---|---|", "=====") holds no text."""
    return ("---" in text or "===" in text or "___" in text) and bool(_RULE_LINE.match(text))


# --- space-aligned columns ----------------------------------------------------------

_GAP = re.compile(r"\S(?: {3,}|\t+ *)(?=\S)")
_CELL = re.compile(r"\S+(?: {1,2}\S+)*")


def cells_of(text: str) -> list[tuple[int, str]]:
    """(start column, text) of each cell in a space-aligned row: cells are
    separated by three or more spaces (one or two spaces are inside a cell:
    "1 389 711", "Avd. HOD")."""
    return [(m.start(), m.group(0)) for m in _CELL.finditer(text.expandtabs(TAB_STOP))]


_NARROW_GAP = re.compile(r"(?<=\S)  +(?=\S)")
_NARROW_CELL = re.compile(r"\S+(?: \S+)*")
_TWO_SPACES = re.compile(r"(?<=\S)  (?=\S)")
_ROW_KEY = re.compile(rf"\d{{2,4}}(?:\.\d{{2}})?|{ID}")
NARROW_ROW_GAPS_MIN = 2  # a row two spaces apart has two gaps (or an empty first cell and a gap)
COLUMN_SLACK = 2  # a wrapped cell starts under its column, give or take two characters
EMPTY_CELL_INDENT = 2  # a row indented by two spaces or more has an empty first cell


def _several_amounts(cell: str) -> bool:
    """"103 867 88 741": amounts one space apart, which only the table's
    rules (not its layout) can tell apart; such a row is left as printed."""
    return several_amounts(cell.split(" "))


def _narrow_cells(text: str) -> list[tuple[int, str]]:
    """Cells of a row whose columns are two spaces apart."""
    return [(m.start(), m.group(0)) for m in _NARROW_CELL.finditer(text.expandtabs(TAB_STOP))]


def _is_column_row(text: str) -> bool:
    return "   " in text and "\t" not in text and bool(_GAP.search(text.strip()))


def _narrow_gap_starts(text: str) -> set[int]:
    """Where the cells after gaps of two or more spaces start."""
    return {m.end() for m in _NARROW_GAP.finditer(text)} if "  " in text and "\t" not in text else set()


def _is_narrow_column_row(lines: list[NumberedLine], i: int) -> bool:
    """A row whose columns are two spaces apart: two gaps or more, one of
    them exactly two spaces, and a cell that starts at the same column on
    the line above or below (a sentence's double space in prose has no such
    neighbour)."""
    if "  " not in lines[i][1]:
        return False  # no two spaces in a row: most lines, told apart without the rules below
    text = lines[i][1].rstrip()
    starts = _narrow_gap_starts(text)
    indented = text.startswith("  ")  # an empty first cell: "     79  Andre tilskudd ..."
    if len(starts) + indented < NARROW_ROW_GAPS_MIN or not _TWO_SPACES.search(text) or any(_several_amounts(c) for _, c in _narrow_cells(lines[i][1])):
        return False
    for k in (i - 1, i + 1):
        if 0 <= k < len(lines) and starts & _cell_starts(lines[k][1].rstrip()):
            return True
    # A row standing alone ("  22  Gebyrfinansierte ordninger  26 927"): a
    # post number, kap.post or ID first, an amount last.
    cells = [c for _, c in _narrow_cells(text)]
    return bool(_ROW_KEY.fullmatch(cells[0]) and _WHOLE.fullmatch(cells[-1]))


def _cell_starts(text: str) -> set[int]:
    """Where a line's cells start after a gap, and where an indented line
    (a cell wrapped under its column) starts."""
    starts = _narrow_gap_starts(text)
    indent = len(text) - len(text.lstrip(" "))
    if 0 < indent < len(text):
        starts.add(indent)
    return starts


def _aligned(cells: list[tuple[int, str]], starts: list[int]) -> list[int] | None:
    """The column index of each cell of a continuation line, when every cell
    starts under a column of the row above (within two characters)."""
    cols = []
    for start, _ in cells:
        k = next((k for k, s in enumerate(starts) if abs(s - start) <= COLUMN_SLACK), None)
        if k is None or (cols and k <= cols[-1]):
            return None
        cols.append(k)
    return cols


def column_rows(lines: list[NumberedLine]) -> list[NumberedLine]:
    """Space-aligned table rows -> tab-separated rows, wrapped cells joined.

    A row is a line with a gap of three or more spaces between two pieces of
    text. The lines right after it whose every piece starts under one of the
    row's columns, leaving at least one column empty, continue those cells
    (a cell wrapping in its column). A line that starts at the left margin
    continues the first cell only when it is no wider than that column. A row
    with fewer cells than the table's widest row gets its empty cells back,
    each cell placed under the column it stands in. Lines set above a row's
    key line (centred cells) start its cells (`_take_cells_above`).
    """
    out: list[NumberedLine] = []
    columns: list[tuple[int, int]] = []  # (start, end) of the table's widest row so far
    i = 0
    while i < len(lines):
        number, text = lines[i]
        # Most lines hold no run of two spaces: no row, whatever else they are.
        if "  " not in text:
            if text.strip():
                columns = []
            out.append(lines[i])
            i += 1
            continue
        narrow = _is_narrow_column_row(lines, i)
        if not narrow and not _is_column_row(text):
            if text.strip():
                columns = []
            out.append((number, text))
            i += 1
            continue
        split = _narrow_cells if narrow else cells_of
        cells = split(text)
        starts = [s for s, _ in cells]
        values = [c for _, c in cells]
        _take_cells_above(out, starts, values, split)
        i += 1
        while i < len(lines):
            nxt = lines[i][1]
            if not nxt.strip():
                break
            nxt_cells = split(nxt)
            cols = _aligned(nxt_cells, starts)
            if cols is None or len(cols) >= len(starts):
                break
            if cols[0] == 0 and len(starts) > 1 and nxt_cells[-1][0] + len(nxt_cells[-1][1]) > starts[1]:
                break
            if cols == [0] and len(starts) > 1 and not _continues(values[0], nxt_cells[0][1]):
                break
            if _starts_row(cols, nxt_cells, values):
                break
            for k, (_, piece) in zip(cols, nxt_cells):
                values[k] = join_cell(values[k], piece)
            i += 1
        spans = [(s, s + len(c)) for s, c in cells]
        indent = "\t" if starts[0] > 0 and len(text) - len(text.lstrip()) >= EMPTY_CELL_INDENT else ""
        if len(spans) >= len(columns):
            columns = spans
        else:
            placed = _place(spans, values, columns)
            if placed is not values:
                values, indent = placed, ""
        out.append((number, indent + "\t".join(values)))
    return out


# A cell set in the middle or at the bottom of its row starts at most three lines above the row's key.
CELLS_ABOVE_MAX = 3


def _cells_above(text: str, starts: list[int], split) -> list[tuple[int, str]] | None:
    """(column, piece) of an indented line whose every piece starts under one
    of the row's columns other than its first; None when it is no such line."""
    if "\t" in text or not text.startswith("  ") or not text.strip() or text.lstrip().startswith("("):
        return None  # ("(i 1000 kr)" over the amounts is the table's unit, no cell)
    cells = split(text)
    cols = _aligned(cells, starts)
    if cols is None or cols[0] == 0:
        return None
    return [(k, piece) for k, (_, piece) in zip(cols, cells)]


def _take_cells_above(out: list[NumberedLine], starts: list[int], values: list[str], split) -> None:
    """Rule cells_above_row: a PDF table whose cells are set in the middle
    (or at the bottom) of their rows, its rows apart, prints a tall row's
    longer cells from above the line with the row's key, its post number or
    ID: "" / "            Gjøre regelverket om ammefri" / "TB2024-01
    Avd.HOD: FHA   bedre kjent". Indented lines right after an empty line
    (or the start), each piece under one of the row's later columns, start
    those cells; a top-aligned table's wrapped cell never stands there."""
    if not values or not _ROW_KEY.fullmatch(values[0]):
        return  # only a row with its key first (a post, kap.post or ID): never a table's head
    k = len(out)
    while k > 0 and len(out) - k < CELLS_ABOVE_MAX and _cells_above(out[k - 1][1], starts, split):
        k -= 1
    if k == len(out) or (k > 0 and out[k - 1][1].strip()):
        return  # nothing above, or the lines above go on from a line of text
    above: dict[int, str] = {}
    for _, text in out[k:]:  # top to bottom, each column's pieces in the order printed
        for col, piece in _cells_above(text, starts, split):
            above[col] = join_cell(above[col], piece) if col in above else piece
    for col, text in above.items():
        values[col] = join_cell(text, values[col]) if values[col] else text
    del out[k:]


def _place(spans: list[tuple[int, int]], values: list[str], columns: list[tuple[int, int]]) -> list[str]:
    """Put each cell under the column whose left or right edge it is nearest
    to (text is left-aligned, amounts right-aligned); unplaceable rows stay
    as they are."""
    placed = [""] * len(columns)
    last = -1
    for (s, e), value in zip(spans, values):
        k = min(range(len(columns)), key=lambda c: min(abs(s - columns[c][0]), abs(e - columns[c][1])))
        if k <= last:
            return values
        placed[k] = value
        last = k
    return placed


_WHOLE = re.compile(rf"(?:[-–]?\d[\d \u00a0.,]*|{ID}|[-–])")


def _starts_row(cols: list[int], cells: list[tuple[int, str]], values: list[str]) -> bool:
    """A line with a number (an amount, a post number) or an ID under a
    column whose cell above is one too starts a row of its own: numbers and
    IDs never wrap, so it is no continuation ("       21   Spesielle ...")."""
    return any(_WHOLE.fullmatch(piece) and _WHOLE.fullmatch(values[k]) for k, (_, piece) in zip(cols, cells))


def _continues(cell: str, piece: str) -> bool:
    """Whether a left-margin line can be the wrapped rest of a first cell: the
    cell ends mid-phrase (a separator, hyphen or connective) or the piece is
    an ID or reference list, not a sentence."""
    if cell.endswith((",", "/", "-", "–", "og", "&")):
        return True
    return bool(re.match(r"^(?:[A-ZÆØÅ]{1,4}\d{4}-\d+[,/ ]*)+$", piece))


def join_cell(left: str, right: str) -> str:
    """A cell's text wrapped onto a following line, joined back: a word broken
    at its hyphen is whole again, "helse-" / "og omsorg" keeps its hyphen."""
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].islower():
        if right.split(" ", 1)[0] in KEEP_HYPHEN_BEFORE:
            return f"{left} {right}"
        return left[:-1] + right
    if left.endswith("/"):
        return left + right
    return f"{left} {right}"
