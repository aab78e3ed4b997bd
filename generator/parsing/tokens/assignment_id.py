"""The assignment ID: one grammar for every way the letters print it.

``TB2025-12`` (an assignment), ``TTB2022-3`` (one given in a supplementary
letter), ``RTB2020-17``; zero-padded or not (``TB2022-01``), a sub-number
(``TB2019-78.1``); misprinted with spaces, any dash or the letter O for a zero
(``TB 2022 – O1``, ``TB-2021-29``); synthesized for an assignment printed
without one (``TB2022-U2.2.3-1``: section 2.2.3, first assignment), and a
second printing of one ID (``TB2021-43-2``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

PREFIX = r"R?T?TB"
# Any dash a document prints inside an ID (hyphen, non-breaking hyphen, figure
# dash, en and em dash, minus).
DASH = "[-\u2010\u2011\u2012\u2013\u2014\u2212]"
# An ID as a header prints it: spaces around its dashes, the letter O for a zero.
PRINTED = rf"{PREFIX}\s*{DASH}?\s*\d{{4}}\s*{DASH}\s*[0-9O]{{1,3}}"
# An ID after reading normalised it (one hyphen, no spaces): a table row's key.
COMPACT = rf"{PREFIX}\d{{4}}-\d+"
# A line (or a cell) that starts a new ID: what ends the cell above it.
STARTS_ID = re.compile(rf"^\s*(?:ID\b|{PREFIX}\d{{4}}-)")

# Named sub-patterns (regex source) for the rules that read an ID where it
# stands; each keeps its reader's edge (which dashes, how many digits).
# The start of an ID heading, a space allowed around the year, hyphen only:
# "- TB2026-71 Utrede ..." (2026 supplement nr. 3 l. 43), "TB 2026-67" (nr. 2 l. 316).
HEADING_START = rf"{PREFIX}\s?\d{{4}}\s?-\s?\d"
# An ID a bold paragraph opens with, hyphen or en dash, a number of 1-3 digits:
# "**TB 2026-67 Utfasing ...**" (2026 supplement nr. 2 l. 316).
BOLD_HEAD_ID = rf"{PREFIX}\s?\d{{4}}\s?[-–]\s?\d{{1,3}}"
# PRINTED whose number may run on past three digits: "TTB2022-3 Spesifisering ..." (2022 l. 3067).
PRINTED_ANY_LENGTH = rf"{PRINTED}\d*"
# A compact ID under any capital prefix of one to four letters, as a column of
# IDs wraps it: "TB2024-38" (2024 letter l. 485).
ANY_PREFIX_COMPACT = r"[A-ZÆØÅ]{1,4}\d{4}-\d+"
# A piece of an ID block a flattened table broke over lines: " TB2019-" then
# "78/TTB2021-65" (2022 letter l. 1943-1944).
FRAGMENT = rf"{PREFIX}[\w\-–/. ]*|\d{{1,3}}(?:\.\d+)?(?:/T?TB[\w\-–. ]*)?"
# A TB ID whose hyphen a typesetter made a dash: "TB2026–32 (1,5 mill." (2026 letter l. 1281).
_DASHED = re.compile(rf"(TB\d{{4}})\s?(?!-){DASH}\s?(?=\d)")
# A hyphen a line break split from the number after it: "TB2019- 78/TTB2021-65".
_BROKEN_AFTER_HYPHEN = re.compile(r"-\s+(?=\d)")

# Tolerant: spaces or line breaks inside, any dash, letter O for zero in the year/number.
LOOSE_RE = re.compile(
    rf"(?<![A-Za-z])(?P<prefix>{PREFIX})\s*{DASH}?\s*(?P<year>[2Oo0][0Oo][0-9Oo]{{2}})\s*{DASH}\s*"
    rf"(?P<num>[0-9Oo]{{1,3}}(?:\.\d{{1,2}})?)(?![0-9])"
)
# The canonical form, as the model keeps it: printed, synthesized or reprinted.
CANONICAL_RE = re.compile(
    rf"^(?P<prefix>{PREFIX})(?P<year>\d{{4}})-(?P<num>\d{{1,3}}(?:\.\d{{1,2}})?|U[\d.]+-\d+)(?:-(?P<reprint>\d+))?$")
# A letter's own IDs (not TTB's or RTB's) and their year, for guessing the letter's year.
_OWN_YEAR = re.compile(rf"TB(?<![A-Za-z]TB)\s*(\d{{4}})\s*{DASH}\s*\d")


@dataclass(frozen=True)
class FoundId:
    canonical: str
    printed: str
    repaired: bool
    start: int
    end: int


def _fix_digits(s: str) -> str:
    return s.replace("O", "0").replace("o", "0")


def find_ids(text: str) -> list[FoundId]:
    """Every assignment ID in `text` ('TB2025-12', 'TTB2022-3', 'TB 2022 – 01',
    'TB2O22-O1'), canonical form and whether it had to be repaired."""
    out: list[FoundId] = []
    if "TB" not in text:  # every ID holds it (LOOSE_RE is case-sensitive): most lines are done here
        return out
    for m in LOOSE_RE.finditer(text):
        year = _fix_digits(m.group("year"))
        if not year.startswith("20"):
            continue
        canonical = f"{m.group('prefix')}{year}-{_fix_digits(m.group('num'))}"
        printed = m.group(0)
        repaired = printed != canonical
        out.append(FoundId(canonical, printed, repaired, m.start(), m.end()))
    return out


def restore_hyphen(text: str) -> str:
    """'TB2026–32' -> 'TB2026-32': an ID's dash made a hyphen again (IDs are
    tokens, not prose). The ID is matched, not looked behind for: the search
    jumps from one "TB" to the next."""
    return _DASHED.sub(r"\1-", text)


def join_broken(fragments: str) -> str:
    """'TB2019- 78/TTB2021-65' -> 'TB2019-78/TTB2021-65': ID fragments joined
    from several lines, the space after a hyphen dropped before a digit."""
    return _BROKEN_AFTER_HYPHEN.sub("-", fragments)


def id_year(canonical: str) -> int | None:
    """The year a canonical ID was first given in: TB2021-43-2 -> 2021,
    TB2022-U2.2.3-1 -> 2022; None for anything else."""
    m = CANONICAL_RE.match(canonical)
    return int(m.group("year")) if m else None


def own_id_years(line: str) -> list[int]:
    """The years of the plain TB IDs on a line (not TTB's or RTB's)."""
    return [int(m.group(1)) for m in _OWN_YEAR.finditer(line)] if "TB" in line else []


def synthesized_id(year: int, section: str, n: int) -> str:
    """The stable ID of the n-th assignment printed without one in a section."""
    return f"TB{year}-U{section}-{n}"


def sort_key(assignment_id: str) -> tuple:
    """Numbers inside an ID sort as numbers: TB2025-2 before TB2025-10."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p.lower())
                 for p in re.findall(r"\d+|\D+", assignment_id))
