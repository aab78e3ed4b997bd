"""Amounts: '30 576', '1 234 567' (any space that groups thousands), '-5 000';
several amounts printed in one run of digit groups ('38 014 37 665'); and the
unit a table states for them ('(i 1 000 kr)', 'Beløp i mill. kroner', 'i kroner')."""
from __future__ import annotations

import re
from functools import lru_cache

# Spaces that may group thousands: normal, no-break, narrow no-break, thin, figure.
_GROUP_SPACE = "[ \u00a0\u202f\u2009\u2007]"
_MINUS = "[-\u2212\u2013]"
# Splitting a run of digit groups into amounts is a search: a table row's
# run is at most a few dozen groups, and 64 candidate splits are plenty to
# pick the one whose columns are of one size; beyond either, no split.
MAX_SPLIT_TOKENS = 40
MAX_SPLITS = 64
# A thousands group prints three digits ("1 234 567"); the first group one to three.
GROUP_DIGITS = 3
# Groups of one amount at most: 999 999 999 (1 000 kr) is past any post of the budget.
AMOUNT_GROUPS_MAX = 3
# A number split off a run of groups is at most five groups (a sum over the columns' sizes).
SPLIT_NUMBER_GROUPS_MAX = 5


# --- the amount as regex source, for the recognisers to compose (rf-strings) -----------------
# Each piece is written once here; a caller keeps its own edges (what may stand
# before and after) and its own quantifiers, passed in by name.

# A space that groups thousands in a letter (text or Markdown): a space or a no-break space ("15 569 000").
TEXT_GROUP_SPACE = r"[ \u00a0]"
# A plain space only: the proposition's text ("200 629,9"), a heading's title ending in an amount.
PLAIN_GROUP_SPACE = " "


def thousands_group(space: str = TEXT_GROUP_SPACE) -> str:
    """Regex source of one thousands group after the first digits: " 569" in "15 569 000"."""
    return rf"{space}\d{{3}}"


# One thousands group in a letter: " 569" in "15 569 000" (a space or a no-break space before it).
THOUSANDS_GROUP = thousands_group()


def grouped_digits(groups: str = "*", space: str = TEXT_GROUP_SPACE) -> str:
    """Regex source of an amount's digits: one to three, then thousands groups
    of three after `space` ("15 569 000"); `groups` is the groups' quantifier
    ("*": none or more, so "500" too; "+": at least one; "*+", "++": the same, possessive)."""
    return rf"\d{{1,3}}(?:{thousands_group(space)}){groups}"


# A whole amount, thousands grouped or not: "15 569 000", "500" (the 2025 letter's "Kap. 701 ... 15 569 000").
AMOUNT = grouped_digits()
# A whole amount with at least one thousands group: "375 000" (not "375").
GROUPED_AMOUNT = grouped_digits("+")
# Decimals after a comma, optional: ",601" in "56,601 mill. kroner".
DECIMALS = r"(?:,\d+)?"
# An amount with decimals, in running text: "56,601", "12 983,5", "500 000".
DECIMAL_AMOUNT = rf"{AMOUNT}{DECIMALS}"
# A figure in million kroner as the proposition's overview table prints it, one decimal: "200 629,9", "-57,0".
MILLIONS = rf"-?{grouped_digits('*', PLAIN_GROUP_SPACE)},\d"
# A number in a change's prose: "56,601", "500 000", "1500000"; it starts after no digit or comma
# and its runs are possessive, so a run of digits is tried once (linear time).
PROSE_NUMBER = rf"(?<![\d,])(?:{grouped_digits('++')}(?:,\d++)?|\d++(?:,\d++)?)"
# The scale word between a number and "kroner": "mill.", "millioner", "mrd.", "milliarder".
SCALE_WORD = r"mill\.|millioner|mrd\.|milliarder"
# An amount with its unit in a change's prose (groups num, unit: the scale word or none):
# "56,601 mill. kroner", "Tildelingen på posten økes med 500 000 kroner", "1 mrd. kroner".
AMOUNT_WITH_UNIT = rf"(?P<num>{PROSE_NUMBER})\s*+(?P<unit>{SCALE_WORD})?\s*+(?:kroner|kr\b)"
# The unit after an allocated amount, compiled case-blind: "mill. kroner", "mill kr.", "kroner", "kr"
# ("Det tildeles 92,2 mill. kroner", 2025; no milliards: a post's allocation is never one).
KRONER_UNIT = r"mill\.?\s*(?:kroner|kr\b\.?)|kroner\b|kr\b\.?"

AMOUNT_RE = re.compile(
    rf"(?<![\d,.])(?P<neg>{_MINUS}\s?)?(?P<num>{grouped_digits('+', _GROUP_SPACE)}|\d+)(?![\d,]|\.\d)"
)

# In 1 000 kroner, what one million and one milliard kroner are.
MILLION_IN_THOUSANDS = 1000
MILLIARD_IN_THOUSANDS = 1_000_000


def thousands_per_unit(unit: str) -> int | None:
    """What one of the scale word's unit is in 1 000 kroner: "mill."/"millioner"
    1 000, "mrd." 1 000 000; None for kroner (no scale word). Read by its start,
    "mill" first: "milliarder" reads as millions, as change_sections always did
    (no source prints it; kept so that this move changes nothing)."""
    unit = unit.lower()
    if unit.startswith("mill"):
        return MILLION_IN_THOUSANDS
    if unit.startswith(("mrd", "milliard")):
        return MILLIARD_IN_THOUSANDS
    return None


def several_amounts(tokens: list[str]) -> bool:
    """A cell's space-separated pieces are several amounts ("103 867 88 741"),
    not one: all digits, and more groups than one amount has, or a group
    after the first that is not of three digits."""
    if len(tokens) <= 1 or not all(t.isdigit() for t in tokens):
        return False
    return len(tokens) > AMOUNT_GROUPS_MAX or any(len(t) != GROUP_DIGITS for t in tokens[1:])


def parse_amount(text: str) -> int | None:
    """'30 576' -> 30576, '1 234 567' (any group space) -> 1234567, '-5 000' -> -5000.

    The whole string (stripped) must be one amount; anything else gives None.
    A lone dash or empty cell is None (a missing cell is never 0).
    """
    s = text.strip()
    if not s:
        return None
    m = AMOUNT_RE.fullmatch(s)
    if not m:
        return None
    value = int(re.sub(r"\D", "", m.group("num")))
    return -value if m.group("neg") else value


def _valid_number(tokens: list[str]) -> bool:
    first = tokens[0]
    if len(tokens) == 1:
        return first.isdigit() and (first == "0" or not first.startswith("0") or len(first) == 1)
    return (1 <= len(first) <= GROUP_DIGITS and not (first.startswith("0"))
            and all(len(t) == GROUP_DIGITS for t in tokens[1:]))


def split_amounts(tokens: list[str], count: int) -> tuple[list[int], int] | None:
    """Split trailing digit tokens into exactly `count` numbers.

    `tokens` are whitespace-separated digit groups ("1", "233", "356", ...),
    possibly preceded by digit tokens that belong to the title ("Egenandelstak
    2"). Returns (numbers, tokens used from the end) using as many tokens as
    possible; between equally long splits the one whose numbers are closest in
    size wins (columns of one table row are of the same order). None when no
    split exists.
    """
    n = len(tokens)
    if count <= 0 or n == 0 or n > MAX_SPLIT_TOKENS:
        return None
    best: tuple[int, float, list[int]] | None = None
    # parts[i][k] = list of possible splits of tokens[i:] into k numbers
    @lru_cache(maxsize=None)
    def splits(i: int, k: int) -> tuple[tuple[int, ...], ...]:
        if k == 0:
            return ((),) if i == n else ()
        out = []
        for j in range(i + 1, min(n, i + SPLIT_NUMBER_GROUPS_MAX) + 1):
            if _valid_number(tokens[i:j]):
                for rest in splits(j, k - 1):
                    out.append((int("".join(tokens[i:j])),) + rest)
                    if len(out) > MAX_SPLITS:
                        return tuple(out)
        return tuple(out)

    for start in range(0, n):
        for cand in splits(start, count):
            used = n - start
            vals = [abs(v) or 1 for v in cand]
            spread = max(vals) / min(vals)
            key = (used, -spread)
            if best is None or key > (best[0], -best[1]):
                best = (used, spread, list(cand))
        if best is not None:
            break
    if best is None:
        return None
    return best[2], best[0]


# --- units ---------------------------------------------------------------------

# The units an amount of the model is in (BudgetRow.unit, a table's "unit"), each written once:
# "(i 1 000 kr)" and tables that name none; "Beløp i mill. kroner"; "Beløp (kr)", whole kroner.
THOUSAND_NOK = "1000 NOK"
MILLION_NOK = "mill. NOK"
NOK = "NOK"

# Between the lead word and the unit: " i hele " in the sources' unit lines
# ("Alle tall i hele tusen", 2022 and 2024), 11 characters at most ("Tallene er
# i hele tusen", 2018 l. 2771); 24 allows a few words more, not a sentence.
UNIT_LEAD_GAP = 24
# After the unit only its rest: " kroner)", ". kroner" ("Beløp i 1000. kroner",
# 2018 l. 1780; 8 at most); 2018 l. 2834's "Beløp i mill. kroner. Midlene
# tildeles Helsedirektoratet." (45 after) goes on into a sentence: no unit line.
UNIT_TAIL_MAX = 16
# "(i 1 000 kr)", "Alle tall i hele tusen", "Beløp i mill. kroner": short, the
# unit close to its lead word ("i Kristiansund. Riktig beløp er 11,8 mill.
# kroner." is a comment that happens to name an amount).
# (Possessive leading spaces: split two ways they made it quadratic on a long line.)
UNIT_LINE = re.compile(
    rf"^\s*+\(?\s*+(?:(?:alle\s+tall|tallene|tall|beløp)\b[^)]{{0,{UNIT_LEAD_GAP}}}?|i\s+(?:hele\s+)?)\b"
    rf"(?:1\s?000|tusen|mill)[^)]{{0,{UNIT_TAIL_MAX}}}\)?\s*$",
    re.I)
_THOUSANDS = re.compile(r"1\s?000|tusen", re.I)
_KRONER = re.compile(r"(?<![\w.])(?:kr|kroner|NOK)(?![\w.])", re.I)
# "Beløp i kroner", "(i kroner)": a unit line whose amounts are whole kroner.
# (Possessive runs of spaces: two optional runs side by side made it quadratic.)
KRONER_LINE = re.compile(r"^\s*+\(?(?:(?:alle\s++tall|tall|beløp)\s++)?i\s++(?:hele\s++)?kroner\s*+\)?\s*+$", re.I)


def _unit_million_kroner(head: str) -> str | None:
    """"Beløp i mill. kroner": millions."""
    return MILLION_NOK if "mill" in head else None


def _unit_kroner(head: str) -> str | None:
    """"Beløp (kr)", "(i kroner)": whole kroner, when no thousand is named."""
    return NOK if not _THOUSANDS.search(head) and _KRONER.search(head) else None


def _unit_thousand_kroner(head: str) -> str | None:
    """"(i 1 000 kr)", "Alle tall i hele tusen", or no unit at all: letters
    print their tables in 1 000 kroner."""
    return THOUSAND_NOK


# A table's unit, by the first of these rules (each over the lower-cased
# head and the unit line above it) that names one; the last always does.
UNIT_RULES = (
    ("unit_million_kroner", _unit_million_kroner),
    ("unit_kroner", _unit_kroner),
    ("unit_thousand_kroner", _unit_thousand_kroner),
)


def read_unit(text: str) -> tuple[str, str]:
    """The unit the table's head or the line above it states, and the name of
    the rule of `UNIT_RULES` that read it."""
    head = text.lower()
    return next((unit, name) for name, rule in UNIT_RULES if (unit := rule(head)) is not None)


def table_unit(text: str) -> str:
    """The unit the table's head or the line above it states: million or
    thousand kroner, or kroner ("Beløp (kr)") when neither is named; a
    table that names none is in 1 000 kroner, as letters print them."""
    return read_unit(text)[0]
