"""Space-aligned columns: rows whose cells a layout-preserving extraction set apart by spaces.

`column_rows` turns rows whose cells are separated by runs of spaces into
tab-separated rows, joins back a cell that wraps onto following lines,
indented under its own column, gives a row with empty cells its cells back
under the table's columns, and takes the lines a centred cell printed above
its row's key into that row (rule cells_above_row).

Plain data in and out (lists of (line number, text)), so it can be tested
alone on a few lines.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable

from generator.lexicon import AND
from generator.parsing.tokens.amounts import several_amounts
from generator.parsing.tokens.assignment_id import ANY_PREFIX_COMPACT, COMPACT as ID
from generator.read.layout.joins import join_cell
from generator.read.layout.layout_limits import TAB_STOP, record

NumberedLine = tuple[int, str]

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


@dataclass
class _Row:
    """A row being read: its line, how its cells split, the cells as printed
    (start, text), its cells' text as the rules leave it, and its indent."""
    number: int
    text: str
    split: Callable[[str], list[tuple[int, str]]]
    cells: list[tuple[int, str]]
    values: list[str]
    indent: str = ""
    placed: bool = False


@dataclass
class _ColumnScan:
    """What the column rules read and write: the lines, the line at hand (i),
    the lines given so far, the (start, end) of the table's widest row so
    far, and the row being read (None: the line is no row)."""
    lines: list[NumberedLine]
    i: int = 0
    out: list[NumberedLine] = field(default_factory=list)
    columns: list[tuple[int, int]] = field(default_factory=list)
    row: _Row | None = None


def _new_row(st: _ColumnScan, split: Callable[[str], list[tuple[int, str]]]) -> None:
    number, text = st.lines[st.i]
    cells = split(text)
    st.row = _Row(number, text, split, cells, [c for _, c in cells])


def _rule_narrow_column_row(st: _ColumnScan) -> bool:
    """A row whose cells stand two spaces apart, a cell of the line above or
    below starting at the same column (or a key first and an amount last)."""
    if not _is_narrow_column_row(st.lines, st.i):
        return False
    _new_row(st, _narrow_cells)
    return True


def _rule_space_column_row(st: _ColumnScan) -> bool:
    """A row whose cells stand three spaces or more apart."""
    if st.row is not None or not _is_column_row(st.lines[st.i][1]):
        return False
    _new_row(st, cells_of)
    return True


def _rule_cells_above_row(st: _ColumnScan) -> bool:
    """Lines set above a row's key line (centred cells) start its cells (`_take_cells_above`)."""
    row = st.row
    return row is not None and _take_cells_above(st.out, [s for s, _ in row.cells], row.values, row.split)


def _rule_wrapped_cell(st: _ColumnScan) -> bool:
    """The lines right after a row whose every piece starts under one of its
    columns, leaving at least one column empty, continue those cells (a cell
    wrapping in its column); a line at the left margin continues the first
    cell only when it is no wider than that column and the cell goes on."""
    row = st.row
    if row is None:
        return False
    lines, starts, values, joined = st.lines, [s for s, _ in row.cells], row.values, False
    while st.i + 1 < len(lines):
        nxt = lines[st.i + 1][1]
        if not nxt.strip():
            break
        nxt_cells = row.split(nxt)
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
        st.i += 1
        joined = True
    return joined


def _rule_cells_under_columns(st: _ColumnScan) -> bool:
    """A row with fewer cells than its table's widest row so far gets its
    empty cells back, each cell under the column it stands in (`_place`)."""
    row = st.row
    if row is None:
        return False
    spans = [(s, s + len(c)) for s, c in row.cells]
    if len(spans) >= len(st.columns):
        st.columns = spans
        return False
    placed = _place(spans, row.values, st.columns)
    if placed is row.values:
        return False
    row.values, row.placed = placed, True
    return True


def _rule_empty_first_cell(st: _ColumnScan) -> bool:
    """A row indented by two spaces or more, not placed under its table's
    columns, starts with an empty cell ("     79  Andre tilskudd ...")."""
    row = st.row
    if row is None or row.placed or not (row.cells[0][0] > 0
                                         and len(row.text) - len(row.text.lstrip()) >= EMPTY_CELL_INDENT):
        return False
    row.indent = "\t"
    return True


# The column rules, in order, tried at each line holding two spaces in a row:
# the first two find a row (else the line is left as it is), the others read
# it. Each is a function over the scan, returning whether it fired (its name
# is then recorded, `SourceText.layout_rules`); each has a fixture in
# tests/fixtures/<rule>/.
COLUMN_RULES = (
    ("narrow_column_row", _rule_narrow_column_row),
    ("space_column_row", _rule_space_column_row),
    ("cells_above_row", _rule_cells_above_row),
    ("wrapped_cell", _rule_wrapped_cell),
    ("cells_under_columns", _rule_cells_under_columns),
    ("empty_first_cell", _rule_empty_first_cell),
)


def column_rows(lines: list[NumberedLine], fired: list[str] | None = None) -> list[NumberedLine]:
    """Space-aligned table rows -> tab-separated rows, wrapped cells joined,
    by the rules of COLUMN_RULES; the names of those that fire are added to
    `fired` (in order of first firing)."""
    st = _ColumnScan(lines)
    out = st.out
    while st.i < len(lines):
        text = lines[st.i][1]
        # Most lines hold no run of two spaces: no row, whatever else they are.
        if "  " in text:
            st.row = None
            for name, rule in COLUMN_RULES:
                if rule(st):
                    record(fired, name)
            if st.row is not None:
                row = st.row
                out.append((row.number, row.indent + "\t".join(row.values)))
                st.i += 1
                continue
        if text.strip():
            st.columns = []
        out.append(lines[st.i])
        st.i += 1
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


def _take_cells_above(out: list[NumberedLine], starts: list[int], values: list[str], split) -> bool:
    """Rule cells_above_row: a PDF table whose cells are set in the middle
    (or at the bottom) of their rows, its rows apart, prints a tall row's
    longer cells from above the line with the row's key, its post number or
    ID: "" / "            Gjøre regelverket om ammefri" / "TB2024-01
    Avd.HOD: FHA   bedre kjent". Indented lines right after an empty line
    (or the start), each piece under one of the row's later columns, start
    those cells; a top-aligned table's wrapped cell never stands there."""
    if not values or not _ROW_KEY.fullmatch(values[0]):
        return False  # only a row with its key first (a post, kap.post or ID): never a table's head
    k = len(out)
    while k > 0 and len(out) - k < CELLS_ABOVE_MAX and _cells_above(out[k - 1][1], starts, split):
        k -= 1
    if k == len(out) or (k > 0 and out[k - 1][1].strip()):
        return False  # nothing above, or the lines above go on from a line of text
    above: dict[int, str] = {}
    for _, text in out[k:]:  # top to bottom, each column's pieces in the order printed
        for col, piece in _cells_above(text, starts, split):
            above[col] = join_cell(above[col], piece) if col in above else piece
    for col, text in above.items():
        values[col] = join_cell(text, values[col]) if values[col] else text
    del out[k:]
    return True


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
    if cell.endswith((",", "/", "-", "–", *AND, "&")):
        return True
    return bool(re.match(rf"^(?:{ANY_PREFIX_COMPACT}[,/ ]*)+$", piece))
