"""Post tables and chapter tables of the Prop. 1 S, with column placement.

A post table is "Post Betegnelse Regnskap 2022 Saldert budsjett 2023 Forslag
2024", rows "01 Driftsutgifter 276 840 275 587 299 351" and a closing
"Sum kap. 700 ..." row. The extraction lost the columns: a row with two
numbers may hold any two of the three cells, and space-grouped digits can be
read several ways. `solve` picks, over all rows at once, the readings whose
column sums equal the printed sum row, preferring the plainest readings;
when nothing adds up it says so and keeps the plainest readings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.parsing.tokens.kap_post import KAP, KAP_ABBR, POST, SUM_KAP_LEAD
from generator.parsing.tokens.amounts import PLAIN_GROUP_SPACE, grouped_digits
from generator.parsing.prop.lines import AMOUNT_COLUMNS, RowReading, parse_percent, row_readings
from generator.read.source_text import Line, join_two

SUM_KAP = re.compile(rf"^{SUM_KAP_LEAD} ?({KAP})(?![\d,])\s*(.*)$")
POST_ROW = re.compile(rf"^({POST})\s+(\S.*)$")
CHAPTER_ROW = re.compile(rf"^({KAP})\s+(\S.*)$")
POST_HEADER = re.compile(r"^Post(?:\s+Betegnelse\b.*)?$")
CHAPTER_HEADER = re.compile(rf"^{KAP_ABBR}\s+Betegnelse\b")
SUM_CATEGORY = re.compile(r"^Sum kategori\s+(\d{2}\.\d{2})\s*(.*)$")
# Possessive: "1 000" is one amount, never "1" and "000" tried as well (that
# choice made the match exponential: 4 s for 22 amounts followed by a letter).
_AMOUNTS_ONLY = re.compile(rf"^(?:[-−–]?{grouped_digits('*+', PLAIN_GROUP_SPACE)}(?: |$))*+$")

# `solve`'s search keeps one state per distinct triple of column sums so far.
# The proposition's tables need at most 753 (Prop. 1 S 2023-2024, measured over
# its 199 post rows); the bound, 80 times that, never cuts a real table and keeps
# a long table of ambiguous rows (hostile or misread input) from growing without end.
_MAX_STATES = 60000
# Past the bound the cheapest half is kept, not just under the bound: room for
# the next rows to grow before the next cut, rather than a sort at every row.
_KEEP_STATES = _MAX_STATES // 2


def column_names(header_text: str, budget_year: int) -> tuple[str, str, str]:
    t = re.sub(r"\s+", " ", header_text)
    r = re.search(r"Regnskap (\d{4})", t)
    s = re.search(r"Saldert budsjett (\d{4})", t)
    f = re.search(r"Forslag (\d{4})", t)
    return (
        f"Regnskap {r.group(1) if r else budget_year - 2}",
        f"Saldert budsjett {s.group(1) if s else budget_year - 1}",
        f"Forslag {f.group(1) if f else budget_year}",
    )


@dataclass
class RawRow:
    key: str  # post number "01", or chapter number "700"
    text: str  # the rest of the row, wrapped lines joined
    line: int
    end_line: int


@dataclass
class RawTable:
    key: str  # kap "700" or category "10.00"
    header_line: int
    sum_line: int
    columns: tuple[str, str, str]
    rows: list[RawRow]
    sum_text: str
    first_index: int  # index into the plain lines of the header (or first row)
    sum_index: int


def _collect_rows(lines: list[Line], start: int, stop: int, row_re: re.Pattern) -> tuple[list[RawRow], int]:
    """Rows between start and stop; returns the rows and the index of the first."""
    rows: list[RawRow] = []
    first = stop
    for i in range(start, stop):
        pl = lines[i]
        if not pl.text:
            continue
        m = row_re.match(pl.text)
        if m:
            rows.append(RawRow(m.group(1), m.group(2), pl.lineno, pl.lineno))
            first = min(first, i)
        elif rows:
            last = rows[-1]
            last.text = join_two(last.text, pl.text)
            last.end_line = pl.lineno
    return rows, first


# A post table's head stands within 150 lines above its "Sum kap." row.
POST_TABLE_LINES = 150


def find_post_tables(lines: list[Line], budget_year: int) -> list[RawTable]:
    tables: list[RawTable] = []
    previous_sum = -1
    for i, pl in enumerate(lines):
        m = SUM_KAP.match(pl.text)
        if not m or not _AMOUNTS_ONLY.match(m.group(2)):
            continue
        header = None
        for j in range(i - 1, max(previous_sum, i - POST_TABLE_LINES), -1):
            t = lines[j].text
            if POST_HEADER.match(t):
                header = j
                break
            if SUM_KAP.match(t):
                break
        if header is None:
            # No header: the contiguous rows right above the sum line.
            j = i - 1
            while j > previous_sum and (not lines[j].text or POST_ROW.match(lines[j].text)
                                        or (j > 0 and POST_ROW.match(lines[j - 1].text))):
                j -= 1
            start = j + 1
        else:
            start = header + 1
        rows, first = _collect_rows(lines, start, i, POST_ROW)
        header_text = " ".join(lines[k].text for k in range(header if header is not None else start, first))
        tables.append(RawTable(
            m.group(1), lines[header if header is not None else min(first, i)].lineno, pl.lineno,
            column_names(header_text, budget_year), rows, m.group(2),
            header if header is not None else min(first, i), i,
        ))
        previous_sum = i
    return tables


# A programme category's table ends ("Sum kategori") within 120 lines of its head.
CATEGORY_TABLE_LINES = 120


def find_category_tables(lines: list[Line], budget_year: int) -> list[RawTable]:
    """The "Utgifter under programkategori X fordelt på kapitler" tables."""
    tables: list[RawTable] = []
    for i, pl in enumerate(lines):
        if not CHAPTER_HEADER.match(pl.text):
            continue
        # The table ends at the first "Sum kategori" row.
        end = None
        for j in range(i + 1, min(len(lines), i + CATEGORY_TABLE_LINES)):
            if SUM_CATEGORY.match(lines[j].text):
                end = j
                break
            if CHAPTER_HEADER.match(lines[j].text) or lines[j].text.startswith("Post-gr"):
                break
        if end is None:
            continue
        m = SUM_CATEGORY.match(lines[end].text)
        rows, first = _collect_rows(lines, i + 1, end, CHAPTER_ROW)
        header_text = " ".join(lines[k].text for k in range(i, first))
        tables.append(RawTable(m.group(1), pl.lineno, lines[end].lineno,
                               column_names(header_text, budget_year), rows, m.group(2), i, end))
    return tables


# --- choosing readings ------------------------------------------------------------

@dataclass
class Solution:
    rows: list[RowReading]
    total: tuple[int | None, ...]
    adds_up: bool
    ambiguous: bool


def _pct_ok(reading: RowReading) -> bool:
    """The 'Endring i pst.' column: (Forslag - Saldert) / Saldert."""
    pct = parse_percent(reading.percent)
    _, s, f = reading.amounts
    if pct is None:
        return s is None
    if not s:
        return False
    return abs(round((((f or 0) - s) / s) * 100, 1) - pct) < PERCENT_TOLERANCE


UNKNOWN = object()
# A column disagreeing with another table of the document (the chapter table's
# row for this post table's sum, a post's own row) costs more than any row's
# reading can cost on its own account (NO_READING_COST, 9; three empty cells, 6;
# a number taken into the title, 3): what the other table says wins over a
# plainer reading, unless the column sums leave no other choice.
HINT_PENALTY = 10
# A printed percentage has one decimal: the change agrees when it rounds to
# it (half a unit of the last digit, and a hair for float error).
PERCENT_TOLERANCE = 0.051


def hint_cost(amounts: tuple[int | None, ...], hint: tuple | None) -> int:
    """Penalty for disagreeing with what another table of the document says."""
    if hint is None:
        return 0
    return sum(HINT_PENALTY for a, h in zip(amounts, hint) if h is not UNKNOWN and a != h)


def _bounded(rows: list[list[RowReading]], sums: list[RowReading]) -> tuple[list[list[RowReading]], tuple | None]:
    """Without negative amounts no partial sum can exceed the largest sum
    reading: drop the readings that do (they are misread digit groups)."""
    if any(v is not None and v < 0 for rs in rows for r in rs for v in r.amounts):
        return rows, None
    if not sums:
        return rows, None
    ub = tuple(max((s.amounts[c] or 0) for s in sums) for c in range(AMOUNT_COLUMNS))
    out = []
    for rs in rows:
        kept = [r for r in rs if all((v or 0) <= u for v, u in zip(r.amounts, ub))]
        out.append(kept or rs)
    return out, ub


# A row with no reading at all gets the one empty reading, at this cost: the
# same in every solution, so it decides nothing; above the cost of a row read
# with all its columns empty (2 per empty column), as a row that failed to read.
NO_READING_COST = 9


def solve(rows: list[list[RowReading]], sums: list[RowReading], hint: tuple | None = None,
          use_percent: bool = False, row_hints: list[tuple | None] | None = None) -> Solution:
    """Choose one reading per row so that the columns add up to a reading of
    the sum row; cheapest overall wins. `hint` is what another table says the
    sum is (UNKNOWN for a column it does not give); `row_hints` the same per row."""
    empty = RowReading("", (None,) * AMOUNT_COLUMNS, NO_READING_COST)
    rows = [rs or [empty] for rs in rows]
    if use_percent:
        rows = [[r for r in rs if _pct_ok(r)] or rs for rs in rows]
        sums = [r for r in sums if _pct_ok(r)] or sums
    if row_hints:
        rows = [[RowReading(r.title, r.amounts, r.cost + hint_cost(r.amounts, h), r.percent) for r in rs]
                if h is not None else rs for rs, h in zip(rows, row_hints)]
    rows, ub = _bounded(rows, sums)
    layers: list[dict] = []
    cur: dict[tuple[int, ...], tuple[int, tuple | None, int, bool]] = {(0,) * AMOUNT_COLUMNS: (0, None, -1, False)}
    for readings in rows:
        nxt: dict[tuple[int, ...], tuple[int, tuple | None, int, bool]] = {}
        for state, (cost, _, _, amb) in cur.items():
            for ri, rd in enumerate(readings):
                ns = tuple(a + (b or 0) for a, b in zip(state, rd.amounts))
                if ub is not None and (ns[0] > ub[0] or ns[1] > ub[1] or ns[2] > ub[2]):
                    continue
                nc = cost + rd.cost
                old = nxt.get(ns)
                if old is None or nc < old[0]:
                    nxt[ns] = (nc, state, ri, amb)
                elif nc == old[0] and (old[1] != state or old[2] != ri):
                    nxt[ns] = (old[0], old[1], old[2], True)
        if len(nxt) > _MAX_STATES:
            keep = sorted(nxt.items(), key=lambda kv: kv[1][0])[:_KEEP_STATES]
            nxt = dict(keep)
        if not nxt:
            break
        layers.append(nxt)
        cur = nxt
    best = None
    if len(layers) == len(rows):
        for sr in sums:
            key = tuple(v or 0 for v in sr.amounts)
            hit = cur.get(key)
            if hit is None:
                continue
            total_cost = hit[0] + sr.cost + hint_cost(sr.amounts, hint)
            if best is None or total_cost < best[0]:
                best = (total_cost, key, sr, hit[3])
            elif total_cost == best[0] and key != best[1]:
                best = (best[0], best[1], best[2], True)
    if best is None:
        chosen = [min(rs, key=lambda r: r.cost) for rs in rows]
        return Solution(chosen, _pick_sum(sums, hint, chosen), False, False)
    chosen: list[RowReading] = []
    state = best[1]
    for li in range(len(layers) - 1, -1, -1):
        _, prev, ri, _ = layers[li][state]
        chosen.append(rows[li][ri])
        state = prev
    chosen.reverse()
    return Solution(chosen, best[2].amounts, True, best[3])


def _pick_sum(sums: list[RowReading], hint, chosen: list[RowReading]) -> tuple[int | None, ...]:
    if not sums:
        return (None, None, None)
    # Closest to the column sums of the plainest readings.
    col = [sum((r.amounts[c] or 0) for r in chosen) for c in range(AMOUNT_COLUMNS)]
    return min(sums, key=lambda s: (s.cost + hint_cost(s.amounts, hint), sum(abs((s.amounts[c] or 0) - col[c]) for c in range(AMOUNT_COLUMNS)))).amounts


def readings_for(text: str, percent: bool = False) -> list[RowReading]:
    return row_readings(text, percent=percent)


def sum_readings(text: str, percent: bool = False) -> list[RowReading]:
    return row_readings("Sum " + text, percent=percent, absorb=False)
