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
from dataclasses import dataclass, field

from generator.read.layout.joins import join_cell
from generator.read.layout.layout_limits import run_rules

_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")


def is_grid_border(text: str) -> bool:
    return "+" in text and _BORDER.match(text) is not None


def grid_table_rows(lines: list[str], fired: list[str] | None = None) -> list[str | None]:
    """The lines with each grid table's rows as one pipe row each, by the
    rules of GRID_RULES; the names of those that fire are added to `fired`."""
    st = _GridScan(lines)
    run_rules(GRID_RULES, st, fired)
    return st.out


@dataclass
class _GridScan:
    lines: list[str]
    out: list[str | None] = field(default_factory=list)


def _rule_grid_table_row(st: _GridScan) -> bool:
    """The lines between two `+---+` borders are one row: each cell's pieces
    joined (the join rule's cell cases), the row one pipe row on its first
    line, the borders and the row's other lines None."""
    lines = st.lines
    if not any("+" in ln and _BORDER.match(ln) for ln in lines):
        st.out = lines
        return False
    st.out = out = list(lines)
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
    return True


# The grid table's rules (one): each a function over the scan, returning
# whether it fired (its name is then recorded, `SourceText.layout_rules`);
# each has a fixture in tests/fixtures/<rule>/.
GRID_RULES = (("grid_table_row", _rule_grid_table_row),)


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
