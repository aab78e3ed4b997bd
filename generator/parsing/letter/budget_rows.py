"""Budget-table rows: the ordered row rules (`ROW_RULES`) that start a row at
a line of a table, the reading of one table (`_read_table`) and the check of
a printed total. The lines no row rule takes: `budget_table_ends.py`
(`LINE_RULES`); the checks within a row: `budget_cells.CELL_RULES`,
`budget_scan.START_RULES`; the state the rules share:
`budget_scan.py`; the cells' readers and a row start's shapes:
`budget_cells.py`; a row's type and unit, and the rows as the model keeps
them: `budget_row_types.py`."""
from __future__ import annotations

import re

from generator.diagnostics import Diagnostics
from generator.model import BudgetRow
from generator.parsing.letter.budget_cells import (
    _DOTTED, _KAP_POST, _POST_ONLY, _Row, _SUM, _Table, _is_row_start, _positional_row, _split_line_amounts,
    _tab_row, _take_rest,
)
from generator.parsing.letter.budget_row_types import _finish_rows
from generator.parsing.letter.budget_scan import _TableScan
from generator.parsing.letter.budget_table_ends import END, RESUME, line_verdict
from generator.parsing.tokens.amounts import UNIT_LINE
from generator.read.source_text import Line, SourceText


def _rule_tab_by_heading(st: _TableScan, i: int) -> bool:
    """A tab-separated row (a pipe table's) under a tab-separated head: each
    cell read by its column's heading ("Kap./post" "3740.02", "Kap" and
    "Post" in two cells, an empty comment cell)."""
    t = st.text.lines[i].text
    row = _positional_row(t, st.table, st.kap) if "\t" in t and st.table.header_cells else None
    if row is None:
        return False
    row.line = row.end_line = st.text.lines[i].lineno  # a tab-separated row is one line
    row.tabbed = True
    st.start(row, "tab_by_heading")
    return True


def _rule_tab_cells(st: _TableScan, i: int) -> bool:
    """A tab-separated row read cell by cell: kap.post or kap and post, the
    title, the amounts (two in one cell split), the rest a comment."""
    t = st.text.lines[i].text
    row = _tab_row(t, st.table, st.kap) if "\t" in t else None
    if row is None:
        return False
    row.line = row.end_line = st.text.lines[i].lineno
    row.tabbed = True
    st.start(row, "tab_cells")
    return True


def _rule_sum_row(st: _TableScan, i: int) -> bool:
    """"Sum kap. 0575 ...": a printed total, checked against its rows."""
    ln = st.text.lines[i]
    sm = _SUM.match(ln.text)
    if not sm or not re.search(r"\d", sm.group("rest") or ""):
        return False
    st.close()
    _check_sum(st.text, ln, sm, st.group, st.table, st.diags)
    if st.trace is not None:
        st.trace.append(("sum_row", ln.lineno))
    st.group = []
    st.gap = False
    return True


def _start_row(st: _TableScan, i: int, m: re.Match, rule: str, kap: int | None) -> bool:
    ln = st.text.lines[i]
    if kap is not None and st.kap is not None and kap != st.kap:
        st.close()
        st.group = []
    if kap is not None:
        st.kap = kap
    if st.kap is None:
        st.close()
        st.diags.warn(st.text.file, ln.lineno, "unknown-shape", "budget row without a chapter number; kept as text")
        return True
    row = _Row(st.kap, m.group("post"), [], None, ln.lineno, ln.lineno)
    st.start(row, rule)
    _take_rest(row, m.group("rest"), st.table, first=True)
    return True


def _rule_dotted_kap_post(st: _TableScan, i: int) -> bool:
    """"701.21 Spesielle driftsutgifter 30 000 Comment": kap.post first."""
    t = st.text.lines[i].text
    m = _DOTTED.match(t) if _is_row_start(t, st.table.comments) else None
    return bool(m) and _start_row(st, i, m, "dotted_kap_post", int(m.group("kap")))


def _rule_kap_post(st: _TableScan, i: int) -> bool:
    """"740 01 Driftsutgifter 1 172 992": kap and post apart."""
    t = st.text.lines[i].text
    m = _KAP_POST.match(t) if _is_row_start(t, st.table.comments) else None
    return bool(m) and _start_row(st, i, m, "kap_post", int(m.group("kap")))


def _rule_post_only(st: _TableScan, i: int) -> bool:
    """" 21 Spesielle driftsutgifter 95 420": the chapter printed on its
    group's first row only (never in a table with a comment column)."""
    m = None if st.table.comments else _POST_ONLY.match(st.text.lines[i].text)
    return bool(m) and _start_row(st, i, m, "post_only", None)


# The row rules, tried in this order at each line of a table; the first that
# takes the line starts a row (or reads a total). A line none takes goes to
# `budget_table_ends.LINE_RULES` (the table ends, the open row takes it, or
# a fragment is skipped); the checks made within a row are
# `budget_cells.CELL_RULES` (an amount cell) and `budget_scan.START_RULES`
# (as a row starts).
ROW_RULES = (
    ("tab_by_heading", _rule_tab_by_heading),
    ("tab_cells", _rule_tab_cells),
    ("sum_row", _rule_sum_row),
    ("dotted_kap_post", _rule_dotted_kap_post),
    ("kap_post", _rule_kap_post),
    ("post_only", _rule_post_only),
)


def _read_table(text: SourceText, i: int, last: int, heads: set[int], table: _Table,
                diags: Diagnostics, trace: list | None = None) -> tuple[list[BudgetRow], int]:
    lines = text.lines
    st = _TableScan(text, table, last, heads, diags, table.kap, trace=trace)
    while i <= last:
        ln = lines[i]
        t = ln.text
        if i in heads or ln.lineno in text.headings:
            break  # a section, or any explicit heading of a Markdown source, ends the table
        if not t.strip():
            st.gap = True
            i += 1
            continue
        if UNIT_LINE.match(t):
            i += 1
            continue
        if any(rule(st, i) for _, rule in ROW_RULES):
            i += 1
            continue
        verdict = line_verdict(st, i)  # budget_table_ends.LINE_RULES, then the open row goes on or the table ends
        if verdict == END:
            break
        if verdict == RESUME:
            i = st.resume
            continue
        st.gap = False
        i += 1
    st.close()
    return _finish_rows(st.done, table, text.file, diags, trace), i


def _check_sum(text: SourceText, ln: Line, sm: re.Match, group: list[_Row], table: _Table,
               diags: Diagnostics) -> None:
    k = len(table.columns)
    split = _split_line_amounts(sm.group("rest") or "", k)
    if split is None:
        diags.warn(text.file, ln.lineno, "unknown-shape", "a total row whose amounts could not be read")
        return
    printed = split[1]
    rows = [r for r in group if sm.group("kap") is None or r.kap == int(sm.group("kap"))]
    for col, total in zip(range(k), printed):
        if total is None:
            continue
        s = sum((r.amounts[col] or 0) for r in rows if r.amounts and col < len(r.amounts))
        if s != total:
            diags.warn(text.file, ln.lineno, "amount-sum",
                       f"printed total {total} in column {table.columns[col]!r} but the rows add up to {s}")
