"""Norwegian dates: '31.12.2025', '01.10.22', '1. mars 2025', '31.mai 2025',
'innen 1. mars' (the year from the letter), '15.3' in a calendar table."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.lexicon import MONTH_NUMBERS

MONTHS = MONTH_NUMBERS
# A year printed with two digits ("01.10.22") is below this, and of this century.
TWO_DIGIT_YEARS = 100
THIS_CENTURY = 2000
# No month has more days (the calendar checks the month's own last day).
LAST_DAY_MAX = 31
# December.
LAST_MONTH = 12
# A month's name as the lexicon spells it, the longest first (match with re.I):
# "mars" in "1. mars 2025", "september" in "Per 8. september 2023" (Prop. 1 S 2023–2024 l. 1113).
MONTH_NAME = "|".join(sorted(MONTHS, key=len, reverse=True))
_MONTH_ALT = MONTH_NAME
NUMERIC_DATE_RE = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d])")
WORD_DATE_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\.?\s*({_MONTH_ALT})\.?(?:\s+(\d{{4}}))?(?![a-zæøå])", re.I
)
# A whole date with its year, as a fragment to compose: '15. februar 2025', '15.02.2025'.
DATED = rf"\d{{1,2}}\.\s*(?i:{_MONTH_ALT})\s+\d{{4}}|\d{{1,2}}\.\d{{1,2}}\.\d{{4}}"
# A date in words with its year, day, month word and year in groups (the month
# read by date_from_words): "Vedtak nr. 1, 5. oktober 2022" (Prop. 1 S 2023–2024 l. 2068).
WORD_DATE_PARTS = r"(\d{1,2})\.\s*([a-zæøå]+)\s+(\d{4})"
# A month's name, whole or cut short (matched ignoring case): "1. mai 2018 gi en
# kort status" (2018 letter l. 3116), "okt.".
MONTH_WORD = r"(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)[a-zæøå]*\.?"
# A date a calendar's line opens with, read loosely (the month any word of 3-9
# letters, the year optional): "Per 31.12. skal direktoratet ..." (2018 letter
# l. 3226), "Innen 1. mai påfølgende år ..." (l. 891).
DATE_START = r"\d{1,2}\.\s?(?:\d{1,2}\.?(?:\d{2,4})?|[A-Za-zæøå]{3,9}\.?)"
SHORT_DATE_RE = re.compile(r"(?<![\d.,])(\d{1,2})\.(\d{1,2})(?![\d.,]|\.\d)")
# "Frist 1.2.": day and month right after the word, the year the letter's.
FRIST_DAY_MONTH_RE = re.compile(r"\b[Ff]rist:?\s+(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.?(?![\d,])")


@dataclass(frozen=True)
class FoundDate:
    iso: str
    text: str
    start: int
    end: int


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def _numeric_parts(m: re.Match) -> tuple[int, int, int]:
    """(year, month, day) of a NUMERIC_DATE_RE match, a two-digit year in this century."""
    d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return (y + THIS_CENTURY if y < TWO_DIGIT_YEARS else y), mo, d


def impossible_dates(text: str) -> list[str]:
    """Numeric dates in `text` that name no day of the calendar ('31.6.2026',
    TB2026-39's deadline in the 2026 letter): a misprint the reader must be
    told about, never a date moved to the nearest real one."""
    out = []
    for m in NUMERIC_DATE_RE.finditer(text):
        if _make(*_numeric_parts(m)) is None:
            out.append(m.group(0))
    return out


def find_dates(text: str, year: int | None, short_ok: bool = False) -> list[FoundDate]:
    """Every Norwegian date in `text`, in order: '31.12.2025', '01.10.22',
    '1. mars 2025', '31.mai 2025', 'innen 1. mars' (year from `year`).
    `short_ok` also accepts '15.3' (day.month, calendar tables)."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in NUMERIC_DATE_RE.finditer(text):
        iso = _make(*_numeric_parts(m))
        if iso:
            found.append(FoundDate(iso, m.group(0), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in WORD_DATE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        d = int(m.group(1))
        mo = MONTHS[m.group(2).lower()]
        y = int(m.group(3)) if m.group(3) else year
        if y is None:
            continue
        iso = _make(y, mo, d)
        if iso:
            found.append(FoundDate(iso, m.group(0).strip(), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    if short_ok and year:
        for m in SHORT_DATE_RE.finditer(text):
            if not free(m.start(), m.end()):
                continue
            iso = _make(year, int(m.group(2)), int(m.group(1)))
            if iso:
                found.append(FoundDate(iso, m.group(0), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return found


def find_day_month(text: str, year: int) -> FoundDate | None:
    """The first "Frist 1.2." (a day and month after the word, no year) as a
    date in `year`; its text starts at the day."""
    m = FRIST_DAY_MONTH_RE.search(text)
    if not m:
        return None
    iso = _make(year, int(m.group("m")), int(m.group("d")))
    return FoundDate(iso, m.group(0)[m.start("d") - m.start():], m.start("d"), m.end()) if iso else None


def date_from_words(day: str, month: str, year: str) -> str | None:
    """'12', 'mai', '2022' -> '2022-05-12' (a day 1-31 of a month named in
    words; the proposition's decision dates)."""
    m = MONTHS.get(month.lower().rstrip("."))
    if not m:
        return None
    try:
        d = int(day)
        if not 1 <= d <= LAST_DAY_MAX:
            return None
        return f"{int(year):04d}-{m:02d}-{d:02d}"
    except ValueError:
        return None
