"""Pages printed in two columns, side by side: read the left column, then the right.

A layout-preserving PDF-to-text puts a two-column page's lines next to each
other ("...tilpasset den      Kap. 700 Helse- og omsorgs-"). The right
column starts at one character position on a page (its left edge), after a
gutter of two or more spaces; a table or heading printed across the page
crosses that edge. So, per page:

1. find the right column's edge: the position where most lines' second
   piece of prose starts, after a gutter, with prose (no wide gaps) to the
   left of it;
2. cut the page into bands: runs of lines that either have the gutter at the
   edge or leave one side empty; a line that crosses the edge ends a band;
3. within a band, the left column's lines come first, then the right
   column's; every piece keeps the line number it was printed on.

A page with no such edge (a one-column page, a page of tables) is left as it is.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field

from generator.read.layout.layout_limits import run_rules

NumberedLine = tuple[int, str]

_TWO_PIECES = re.compile(r"^(?P<left> *\S(?:\S| (?=\S))*)(?P<gap> {2,})(?P<right>\S.*)$")
_WIDE_GAP = re.compile(r"\S {3,}\S")
_MIN_COLUMN = 18  # a column narrower than this is a table's cell, not a column of text
_RIGHT_INDENT = 4  # the right column's own indentation (a bullet, a first line)
_MIN_LINES = 6  # lines with the gutter on a page before it counts as two columns


def _column_edge(page: list[NumberedLine]) -> int | None:
    """The position where the right column starts, or None for a one-column page."""
    # Most pages are one column: too few lines with a double space anywhere
    # settles it before any line is matched.
    gapped = [text for _, text in page if "  " in text]
    filled = sum(1 for _, text in page if text and not text.isspace())
    if len(gapped) < max(_MIN_LINES, 0.3 * filled):
        return None
    edges: Counter[int] = Counter()
    for text in gapped:
        m = _TWO_PIECES.match(text)
        if m and len(m.group("left").strip()) >= _MIN_COLUMN and len(m.group("right")) >= _MIN_COLUMN // 2 \
                and not _WIDE_GAP.search(m.group("right")):
            edges[m.start("right")] += 1
    if not edges:
        return None
    edge, count = edges.most_common(1)[0]
    if count < _MIN_LINES or count < 0.3 * filled or edge < 2 * _MIN_COLUMN:
        return None
    return edge


def _split(text: str, edge: int) -> tuple[str, str] | None:
    """(left, right) of a line on a two-column page, or None when the line
    crosses the column edge (a heading or table across the page)."""
    if len(text) <= edge:
        return text.rstrip(), ""  # the right column is empty on this line
    if text[:edge].strip() and text[edge - 1] != " ":
        return None
    left, right = text[:edge].rstrip(), text[edge:]
    if left and not text[edge - 2:edge].isspace():
        return None  # one space before the edge: words of one line, not a gutter
    if len(right) - len(right.lstrip(" ")) > _RIGHT_INDENT:
        return None  # text far right of the edge: a table's figures across the page
    return left, right.rstrip()


def two_column_pages(lines: list[NumberedLine], page_starts: tuple[tuple[int, int | None], ...],
                     fired: list[str] | None = None) -> list[NumberedLine]:
    """The lines in reading order: on each two-column page the left column
    of each band before its right column. `page_starts` are the (first line,
    page) pairs of the page layout; without them the text is one page. The
    names of the rules of COLUMN_PAGE_RULES that fire are added to `fired`."""
    if len(page_starts) <= 1:  # one page
        return _read_page(lines, fired)
    firsts = [first for first, _ in page_starts]
    out: list[NumberedLine] = []
    page: list[NumberedLine] = []
    current = -1
    for number, text in lines:
        p = bisect_right(firsts, number)
        if p != current and page:
            out.extend(_read_page(page, fired))
            page = []
        current = p
        page.append((number, text))
    out.extend(_read_page(page, fired))
    return out


@dataclass
class _ColumnPage:
    """What the rules read and write on one page: its lines, its right column's edge, the lines in reading order."""
    page: list[NumberedLine]
    edge: int | None = None
    out: list[NumberedLine] = field(default_factory=list)


def _rule_two_column_page(st: _ColumnPage) -> bool:
    """A page whose lines show a gutter at one position, prose on both sides, has two columns."""
    st.edge = _column_edge(st.page) if len(st.page) >= _MIN_LINES else None
    return st.edge is not None


def _rule_line_across_columns(st: _ColumnPage) -> bool:
    """On a two-column page, read band by band (left column, then right), a
    line that crosses the edge (a heading or a table across the page) ends
    a band and stays whole."""
    if st.edge is None:
        return False
    out, across = st.out, False
    left: list[NumberedLine] = []
    right: list[NumberedLine] = []

    def flush() -> None:
        while right and not right[-1][1].strip():
            right.pop()  # below the right column's end: no paragraph break
        out.extend(left)
        out.extend(right)
        left.clear()
        right.clear()

    for number, text in st.page:
        parts = _split(text, st.edge)
        if parts is None:
            flush()
            out.append((number, text))
            across = True
            continue
        left.append((number, parts[0]))
        right.append((number, parts[1]))
    flush()
    return across


# The rules of a page, in order: each a function over the page, returning
# whether it fired (its name is then recorded, `SourceText.layout_rules`);
# each has a fixture in tests/fixtures/<rule>/.
COLUMN_PAGE_RULES = (
    ("two_column_page", _rule_two_column_page),
    ("line_across_columns", _rule_line_across_columns),
)


def _read_page(page: list[NumberedLine], fired: list[str] | None = None) -> list[NumberedLine]:
    st = _ColumnPage(page)
    run_rules(COLUMN_PAGE_RULES, st, fired)
    return st.out if st.edge is not None else page
