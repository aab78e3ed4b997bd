"""The Markdown layout's tables (markdown_blocks): pipe rows, tables flattened onto one line, and the
repairs a table gets before its rows are written (rule rows, a split heading column, a continued row, body rows)."""
from __future__ import annotations

import re

from generator.read.layout.html_cells import join_broken
from generator.read.layout.layout_limits import ROW_MIN_CELLS
from generator.read.layout.markdown_state import ANCHOR, Reader

_NUMBER_CELL = re.compile(r"^[-–]?\d[\d .,]*\b")


def is_rule_cell(cell: str) -> bool:
    s = cell.strip()
    return bool(s) and set(s) <= set("-:= ") and "-" in s or s in ("",)


# A table flattened onto one line has two columns at least (one column of
# dashes is a horizontal rule) and two rows after its rule (one row is a
# flattened header table, which flattened_table_heading reads).
FLAT_TABLE_MIN = 2


def flattened_rows(line: str) -> list[tuple[list[str], bool]] | None:
    """Rule flattened_table: a whole pipe table on one line (a converter
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


def table(r: Reader, tokens) -> None:
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
    render_table(r, rows)


def render_table(r: Reader, rows: list[tuple[int, list[str], bool]]) -> None:
    """Each row to its logical lines, after the table-level repairs."""
    read: list[tuple[int, list[list[str]], bool]] = []
    for k, cells, head in rows:
        if all(is_rule_cell(c) for c in cells):
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


def _continues(previous: dict, k: int, cells: list[list[str]], r: Reader) -> bool:
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
        if number not in r.claimed and r.source[j].strip() and not ANCHOR.fullmatch(r.source[j].strip()):
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
