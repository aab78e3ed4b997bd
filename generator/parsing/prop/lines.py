"""Small recognisers for the Prop. 1 S: space-grouped amounts, dates, sessions.

The proposition's tables arrive flattened: "71 Medisinske kvalitetsregistre
39 493 40 614" is a post row whose cells lost their column positions, and
whose numbers are grouped by spaces ("39 493" is one number). The functions
here enumerate the readings of such a numeric tail; the table modules choose
among them with the printed sums.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import combinations

from generator.read.source_text import Line


_WS = re.compile(r"\s+")
_FIRST_GROUP = re.compile(r"^[-−–]?(?:0|[1-9]\d{0,2})$")
_NEXT_GROUP = re.compile(r"^\d{3}$")
_PERCENT = re.compile(r"^[-−–]?\d+,\d+$")
# The placements of a row's amounts are tried exhaustively only up to this
# many tokens (a post row holds three or four amounts, 12-16 groups); longer
# runs are not rows, and the search would grow exponentially.
MAX_ROW_TOKENS = 16
# A post table prints three amount columns (Regnskap, Saldert budsjett,
# Forslag): a row's numeric tail holds at most three numbers.
AMOUNT_COLUMNS = 3
# An amount in 1000 kroner has at most three space-separated groups
# ("76 032 508" is 76 billion kroner): a fourth group starts the next number.
GROUPS_MAX = 3
# Words after which a small number belongs to the title ("kan nyttes under post 70").
_TITLE_NUMBER_BEFORE = {"post", "postene", "og", "kap.", "nr.", "kapittel", "under"}


def plain_lines(lines: tuple[Line, ...] | list[Line]) -> list[Line]:
    """The logical lines with whitespace collapsed (tabs, runs of spaces)."""
    # Most lines hold no run of spaces or tab and nothing to strip: they are
    # kept as they are (str.strip returns the same string when there is nothing to strip).
    out = []
    for ln in lines:
        t = ln.text
        plain = (_WS.sub(" ", t) if ("  " in t or "\t" in t) else t).strip()
        out.append(ln if plain is t else Line(plain, ln.lineno))
    return out


def to_int(token: str) -> int:
    neg = token[:1] in "-−–"
    return -int(token.lstrip("-−–")) if neg else int(token)


def is_amount_token(tok: str) -> bool:
    return bool(_FIRST_GROUP.match(tok) or _NEXT_GROUP.match(tok))


def numeric_tail(tokens: list[str]) -> int:
    """How many trailing tokens look like pieces of space-grouped amounts."""
    n = 0
    for tok in reversed(tokens):
        if is_amount_token(tok):
            n += 1
        else:
            break
    return n


def groupings(tokens: list[str], max_numbers: int = AMOUNT_COLUMNS, max_groups: int = GROUPS_MAX) -> list[tuple[list[int], int]]:
    """Every way to read the tokens as at most `max_numbers` space-grouped
    numbers ("39 493 40 614" -> [39493, 40614], [39, 493, 40614], ...), each
    with a plausibility cost: how unevenly sized the numbers are (cells of one
    row are of a similar order) plus how many three-digit tokens had to start
    a number. Later groups are exactly three digits; a minus sign only starts
    a number."""
    out: list[tuple[list[int], int]] = []

    def rec(i: int, acc: list[int], sizes: list[int], splits: int) -> None:
        if i == len(tokens):
            spread = max(sizes) - min(sizes) if sizes else 0
            out.append((list(acc), 2 * spread + splits))
            return
        if len(acc) >= max_numbers or not _FIRST_GROUP.match(tokens[i]):
            return
        split = 1 if (i > 0 and _NEXT_GROUP.match(tokens[i])) else 0
        value = tokens[i]
        j = i + 1
        while True:
            acc.append(to_int(value))
            sizes.append(j - i)
            rec(j, acc, sizes, splits + split)
            acc.pop()
            sizes.pop()
            if j < len(tokens) and j - i < max_groups and _NEXT_GROUP.match(tokens[j]):
                value += tokens[j]
                j += 1
            else:
                break

    if len(tokens) <= MAX_ROW_TOKENS:
        rec(0, [], [], 0)
    return out


def placements(values: list[int], ncols: int = AMOUNT_COLUMNS) -> list[tuple[int | None, ...]]:
    """Each way to put `values` (in order) into `ncols` columns, others empty."""
    out = []
    for cols in combinations(range(ncols), len(values)):
        row: list[int | None] = [None] * ncols
        for c, v in zip(cols, values):
            row[c] = v
        out.append(tuple(row))
    return out


@dataclass(frozen=True)
class RowReading:
    title: str
    amounts: tuple[int | None, ...]
    cost: int  # lower is more plausible
    percent: str | None = None


def row_readings(text: str, ncols: int = AMOUNT_COLUMNS, percent: bool = False, max_groups: int = GROUPS_MAX,
                 absorb: bool = True) -> list[RowReading]:
    """Readings of a flattened table row "<title> <n> <n> <n> [pct]".

    Title-final small numbers ("under post 70") may belong to the title; each
    such reading costs a little more, so the sums decide and ties go to the
    plain reading.
    """
    tokens = text.split(" ")
    pct = None
    if percent and tokens and _PERCENT.match(tokens[-1]):
        pct = tokens.pop()
    tail = numeric_tail(tokens)
    readings: list[RowReading] = []
    prev = tokens[len(tokens) - tail - 1] if len(tokens) > tail else ""
    can_absorb = absorb and tail > 0 and (prev.lower() in _TITLE_NUMBER_BEFORE or prev.endswith(","))
    for absorbed in (0, 1) if can_absorb else (0,):
        k = tail - absorbed
        title_tokens = tokens[: len(tokens) - k]
        if not title_tokens:
            continue
        title = " ".join(title_tokens)
        nums = tokens[len(tokens) - k:]
        if not nums:
            readings.append(RowReading(title, (None,) * ncols, 2 * ncols + absorbed * 3, pct))
            continue
        for values, cost in groupings(nums, ncols, max_groups):
            for row in placements(values, ncols):
                # An empty cell is less usual than a full row.
                readings.append(RowReading(title, row, absorbed * 3 + cost + 2 * (ncols - len(values)), pct))
    return readings


def parse_percent(tok: str | None) -> float | None:
    if not tok:
        return None
    return float(tok.replace(",", ".").replace("−", "-").replace("–", "-"))
