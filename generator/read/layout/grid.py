"""Grid tables of a Markdown export: one table row over several lines.

A word processor's or pandoc's Markdown export prints a table whose cells
wrap as a grid:

    +-----------+--------------------------+----------+
    | Kap./post | Benevnelse               | Tildeling|
    +===========+==========================+==========+
    | 701.21    | Spesielle                | 30 000   |
    |           | driftsutgifter           |          |
    +-----------+--------------------------+----------+

The `+` of a border line mark the column edges; the lines between two
borders are one row, each cell's pieces joined. The row becomes one pipe
row on its first line (the Markdown rules after this read it as any pipe
row); the borders and the row's other lines become None (layout, not text).
"""
from __future__ import annotations

import re

from generator.read.layout.joins import join_cell

_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")


def is_grid_border(text: str) -> bool:
    return "+" in text and _BORDER.match(text) is not None


def grid_table_rows(lines: list[str]) -> list[str | None]:
    """The lines with each grid table's rows as one pipe row each."""
    if not any("+" in ln and _BORDER.match(ln) for ln in lines):
        return lines
    out: list[str | None] = list(lines)
    i = 0
    while i < len(lines):
        if not is_grid_border(lines[i]):
            i += 1
            continue
        edges = [k for k, ch in enumerate(lines[i]) if ch == "+"]
        out[i] = None
        i += 1
        row: list[int] = []
        while i < len(lines) and lines[i].lstrip().startswith(("|", "+")):
            if is_grid_border(lines[i]):
                _put_row(lines, row, edges, out)
                row = []
                edges = [k for k, ch in enumerate(lines[i]) if ch == "+"] or edges
                out[i] = None
            else:
                row.append(i)
            i += 1
        _put_row(lines, row, edges, out)
    return out


def _put_row(lines: list[str], row: list[int], edges: list[int], out: list[str | None]) -> None:
    if not row:
        return
    cells = [""] * (len(edges) - 1)
    for i in row:
        text = lines[i]
        for c in range(len(cells)):
            piece = text[edges[c] + 1: edges[c + 1]].strip().strip("|").strip()
            if piece:
                cells[c] = join_cell(cells[c], piece) if cells[c] else piece
        out[i] = None
    out[row[0]] = "| " + " | ".join(cells) + " |"
