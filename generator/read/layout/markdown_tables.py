"""The Markdown layout's tables (markdown_blocks): a table's rows to logical
lines, and the rules of tables: a table flattened onto one line (in a
heading or a paragraph), an HTML table, rule rows, a split heading column,
a row continued from the table before, a row that is running text."""
from __future__ import annotations

import re

from generator.read.layout.html_cells import html_dropped_message, html_table_rows, join_broken
from generator.read.layout.layout_limits import ROW_MIN_CELLS
from generator.read.layout.markdown_inline import ANCHOR, read_inline
from generator.read.layout.markdown_state import HtmlBlock, LayoutState, MarkdownLine, Row, Table, layout_rule

_NUMBER_CELL = re.compile(r"^[-–]?\d[\d .,]*\b")
_TABLE_IN_HEADING = re.compile(r"\|\s*:?-{3,}")
_HTML_TABLE = re.compile(r"<(?:table|tr)\b", re.I)
_TABLE_END = re.compile(r"</table\s*>", re.I)
_RULE_ONLY = re.compile(r"^\s*=[=\s]{2,}$")


def is_rule_cell(cell: str) -> bool:
    s = cell.strip()
    return bool(s) and set(s) <= set("-:= ") and "-" in s or s in ("",)


# A table flattened onto one line has two columns at least (one column of
# dashes is a horizontal rule) and two rows after its rule (one row is a
# flattened header table, which flattened_table_heading reads).
FLAT_TABLE_MIN = 2


def flattened_rows(line: str) -> list[tuple[list[str], bool]] | None:
    """What `flattened_table` reads: a whole pipe table on one line (a converter
    that lost its line breaks: "| Kap. | Post | ... | |---|---|...| | 740 |
    01 | ... | |  | 21 | ... |") as its rows: the rule row gives the
    number of columns, and every row after it is that many cells and the
    space between its closing and the next row's opening `|`. None when the
    cells do not fall into rows so (a single header row is read as before)."""
    cells = re.split(r"(?<!\\)\|", line.strip())
    rule = next((k for k in range(1, len(cells)) if cells[k].strip() and is_rule_cell(cells[k])), None)
    if rule is None:
        return None
    end = rule
    while end < len(cells) and cells[end].strip() and is_rule_cell(cells[end]):
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


def pipe_cells(line: str) -> list[str]:
    s = line.strip()
    if s.startswith("|"):
        s = s[1:]
    if s.endswith("|") and not s.endswith("\\|"):
        s = s[:-1]
    return [c.strip() for c in re.split(r"(?<!\\)\|", s)]


@layout_rule("heading", "pipe_row")
def flattened_table(st: LayoutState, piece: MarkdownLine) -> bool:
    """A whole table on one line, a heading's or a paragraph's pipe row, as
    its rows (`flattened_rows`): a heading's are written as a table's; a pipe
    row's go to the paragraph's table (`pipe_rows`)."""
    text = piece.text
    if not (_TABLE_IN_HEADING.search(text) if piece.level else ("-|" in text or "- |" in text)):
        return False
    flat = flattened_rows(text)
    if not flat:
        return False
    piece.rows = [(piece.k, cells, head) for cells, head in flat]
    if piece.level:
        render_table(st, piece.rows)
    return True


@layout_rule("heading")
def flattened_table_heading(st: LayoutState, piece: MarkdownLine) -> bool:
    """A heading that holds a pipe table's rule whose cells do not fall into
    rows (`flattened_table` did not read it: one row after the rule) is no
    heading: its filled cells are one row. The 2026 export's flattened header
    tables end in a second rule row, which `flattened_table` reads; this rule
    reads the same line without it (its fixture), so that a table's text is
    never a heading."""
    if not _TABLE_IN_HEADING.search(piece.text):
        return False
    cells = [c for c in pipe_cells(piece.text) if c and not is_rule_cell(c)]
    texts = [" ".join(read_inline(st, c, piece.k)) for c in cells]
    st.put(piece.k, "\t".join(t for t in texts if t))
    return True


@layout_rule("html_line")
def html_table(st: LayoutState, piece: HtmlBlock) -> bool:
    """A table written as HTML (`<table><tr><td>`) is read as a pipe table is,
    its cells by the same allow-list; the lines after its end (no empty line
    between) are the block's next lines."""
    parts, k = piece.parts, piece.at
    if "<t" not in parts[k] or not _HTML_TABLE.search(parts[k]):
        return False
    last = next((j for j in range(k, len(parts)) if _TABLE_END.search(parts[j])), len(parts) - 1)
    rows, report = html_table_rows("\n".join(parts[k:last + 1]))
    for tag, dropped in report.tags:
        st.layout.notes.append((st.line(piece.k + k), "html-dropped", html_dropped_message(tag, dropped)))
    render_table(st, [(piece.k + k + min(off, last - k), cells, head) for off, cells, head in rows])
    piece.at = last
    return True


@layout_rule("line", "table_row")
def rule_rows(st: LayoutState, piece: MarkdownLine | Row) -> bool:
    """Rows of dashes (`|---|---|` repeated inside a table) and a `=====`
    line under a paragraph's line (a setext underline) hold no text."""
    if isinstance(piece, Row):
        return all(is_rule_cell(c) for c in piece.cells) and any(c.strip() for c in piece.cells)
    return "==" in piece.text and bool(_RULE_ONLY.match(piece.text))


def read_table(st: LayoutState, tokens) -> None:
    """A table markdown-it read (tokens from `table_open` to `table_close`)."""
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
    st.claim(*tokens[0].map)
    render_table(st, rows)


def render_table(st: LayoutState, rows: list[tuple[int, list[str], bool]]) -> None:
    """A table's rows (k, cells, head) to their logical lines, each row tried
    by the rules of a printed row, the table by those of a table, each row
    read by those of a row; a row read by none is its cells, tab-separated."""
    read: list[tuple[int, list[list[str]], bool]] = []
    for k, cells, head in rows:
        if st.apply("table_row", Row(k, cells, head)) or not any(c.strip() for c in cells):
            continue  # a row the rules took, or an empty one
        read.append((k, [read_inline(st, c, k) for c in cells], head))
    if not read:
        return
    table = Table(read)
    st.apply("table", table)
    for k, cells, head in table.rows:
        if st.apply("row", Row(k, cells, head)):
            continue
        row = [c[0] if c else "" for c in cells]
        st.put(k, "\t".join(row))
        pos = len(st.out[st.line(k)]) - 1  # the row's place among its line's texts (a flattened table's rows share one)
        for c in cells:
            for text in c[1:]:
                st.put(k, text)
        st.last_table = {"line": st.line(k), "pos": pos, "cells": row, "end": k} if all(len(c) <= 1 for c in cells) else None


@layout_rule("table", repair=True)
def split_header_column(st: LayoutState, piece: Table) -> bool:
    """A column with an empty heading next to a named one, never filled in
    the same row as it, is the named column (the converter split one heading
    cell in two: "Ny tildeling | | Sum tildeling")."""
    widths = [len(cells) for _, cells, _ in piece.rows]
    piece.rows = _merge_split_header_column(piece.rows)
    return widths != [len(cells) for _, cells, _ in piece.rows]


@layout_rule("table", repair=True)
def continued_row(st: LayoutState, piece: Table) -> bool:
    """The first row of a table that starts right after another, with an
    empty first cell and no number, continues the other table's last row (a
    table broken at a page): joined into it cell by cell."""
    first_k, first_cells, _ = piece.rows[0]
    previous = st.last_table
    if previous is None or not _continues(previous, first_k, first_cells, st):
        return False
    merged = [join_broken([a, "\n", b[0] if b else ""]) if b else a
              for a, b in zip(previous["cells"], first_cells + [[]] * (len(previous["cells"]) - len(first_cells)))]
    st.out[previous["line"]][previous["pos"]] = "\t".join(merged)
    previous["cells"] = merged
    piece.rows = piece.rows[1:]
    return True


@layout_rule("row")
def body_row(st: LayoutState, piece: Row) -> bool:
    """A row whose only filled cell is its first, in a table of several
    columns, is running text (an assignment's body in a header table): one
    line per paragraph of the cell."""
    if [n for n, c in enumerate(piece.cells) if c] != [0] or len(piece.cells) < ROW_MIN_CELLS:
        return False
    for text in piece.cells[0]:
        st.put(piece.k, text)
    st.last_table = None
    return True


def _continues(previous: dict, k: int, cells: list[list[str]], st: LayoutState) -> bool:
    """The first row of a table continues the previous table's last row: its
    first cell is empty, the others hold one line each, and nothing but
    empty lines and furniture stand between the two tables."""
    if cells[0] or not any(cells) or any(len(c) > 1 for c in cells) or len(cells) > len(previous["cells"]):
        return False
    if any(c and _NUMBER_CELL.match(c[0]) for c in cells):
        return False  # a row of its own whose key the table printed on its group's first row only
    for j in range(previous["end"] + 1, k):
        number = st.line(j)
        if st.out.get(number) and any(t.strip() for t in st.out[number]):
            return False
        if number not in st.claimed and st.source[j].strip() and not ANCHOR.fullmatch(st.source[j].strip()):
            return False
    return st.line(previous["end"]) in st.out and bool(st.out[st.line(previous["end"])])


# A split heading needs a named cell, its empty neighbour and one more column.
SPLIT_HEAD_MIN_CELLS = 3


def _merge_split_header_column(rows: list[tuple[int, list[list[str]], bool]]) -> list:
    """What `split_header_column` does: the head row's empty cell next to a named
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
