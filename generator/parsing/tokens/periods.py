"""Norwegian periods a deadline may name, each parsed once into its first and
last day: a quarter ("tredje kvartal", "3. kvartal 2026"), a half-year
("første halvår", "2. halvåret"), a month ("innen utgangen av mars", "i
løpet av mai 2025", "medio juni", "mars 2025") and a year's end ("innen
utgangen av året", "i løpet av 2025", "årsskiftet"). A period without a
year is in the year the caller gives (the letter's budget year).

`find_periods` returns them in text order, none overlapping another; the
deadline parser (parsing/due_dates.py) keeps them in the model
(`model.Deadline.first` and `.period`), and the calendars and the deadlines
page take their dates from there.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from generator.lexicon import MONTH_NAMES, MONTH_NUMBERS
from generator.parsing.tokens.dates import MONTH_NAME

_MONTH_ALT = MONTH_NAME
# The first half-year ends with June.
FIRST_HALF_LAST_MONTH = 6
_YEAR = r"(?:\s+(?P<year>20\d{2}))?"
ORDINALS = {"første": 1, "1.": 1, "andre": 2, "annet": 2, "2.": 2, "tredje": 3, "3.": 3, "fjerde": 4, "4.": 4,
            "siste": 4}
# A year has two half-years: "siste halvår" (ORDINALS' "siste" is a quarter's 4) is the second.
HALF_YEARS = 2

QUARTER_RE = re.compile(rf"(?P<n>første|andre|tredje|fjerde|siste|[1-4]\.)\s*kvartal{_YEAR}", re.I)
HALF_RE = re.compile(rf"(?P<n>første|andre|annet|siste|[12]\.)\s*halvår(?:et)?{_YEAR}", re.I)
MONTH_RE = re.compile(
    rf"(?:(?P<by_end>utgangen\s+av)|løpet\s+av|slutten\s+av|i|innen|medio|ultimo|primo)\s+"
    rf"(?P<month>{_MONTH_ALT}){_YEAR}(?![a-zæøå])",
    re.I)
BARE_MONTH_RE = re.compile(rf"(?<![\w.])(?P<month>{_MONTH_ALT})\s+(?P<year>20\d{{2}})\b", re.I)
# "Frist: ... gjennomføres i 2025": a year named after "i" in a deadline
# sentence, not a span of years ("i 2021–2025").
IN_YEAR_RE = re.compile(r"\bi\s+(?P<year>20\d{2})\b(?!\s*[-–])")
YEAR_END_RE = re.compile(
    r"(?:utgangen\s+av|løpet\s+av|slutten\s+av)\s+(?:(?P<this>året|inneværende\s+år)|(?P<year>20\d{2})(?!\s*[-–]))"
    r"|(?P<newyear>årsskiftet)",
    re.I)

QUARTER, HALF, MONTH, MONTH_END, YEAR_END = "quarter", "half", "month", "month_end", "year_end"


@dataclass(frozen=True)
class FoundPeriod:
    first: str  # ISO, the period's first day (a year's end: 31 December)
    last: str  # ISO, its last day
    kind: str  # QUARTER | HALF | MONTH | MONTH_END ("innen utgangen av mai") | YEAR_END
    text: str  # the words as printed
    start: int  # offset in the text
    end: int


def month_span(year: int, first_month: int, last_month: int) -> tuple[str, str]:
    """The first day of `first_month` and the last day of `last_month`, ISO."""
    last_day = calendar.monthrange(year, last_month)[1]
    return f"{year:04d}-{first_month:02d}-01", f"{year:04d}-{last_month:02d}-{last_day:02d}"


def _year(m: re.Match, default: int) -> int:
    return int(m.group("year")) if m.group("year") else default


def find_periods(text: str, year: int) -> list[FoundPeriod]:
    """Every period named in `text`, in order; a bare "mars 2025" only where
    no other period holds it ("innen utgangen av mars 2025")."""
    found: list[FoundPeriod] = []

    def add(m: re.Match, kind: str, y: int, months: tuple[int, int] | None) -> None:
        first, last = month_span(y, *months) if months else (f"{y:04d}-12-31", f"{y:04d}-12-31")
        found.append(FoundPeriod(first, last, kind, m.group(0), m.start(), m.end()))

    for m in QUARTER_RE.finditer(text):
        q = ORDINALS[m.group("n").lower()]
        add(m, QUARTER, _year(m, year), (3 * q - 2, 3 * q))
    for m in HALF_RE.finditer(text):
        h = min(ORDINALS[m.group("n").lower()], HALF_YEARS)
        add(m, HALF, _year(m, year), (6 * h - 5, 6 * h))
    for m in MONTH_RE.finditer(text):
        month = MONTH_NUMBERS[m.group("month").lower()]
        add(m, MONTH_END if m.group("by_end") else MONTH, _year(m, year), (month, month))
    for m in BARE_MONTH_RE.finditer(text):  # "Frist: mars 2025"
        if not any(p.start <= m.start() < p.end for p in found):
            month = MONTH_NUMBERS[m.group("month").lower()]
            add(m, MONTH, int(m.group("year")), (month, month))
    for m in YEAR_END_RE.finditer(text):
        add(m, YEAR_END, _year(m, year), None)
    found.sort(key=lambda p: p.start)
    return found


def year_named(text: str) -> FoundPeriod | None:
    """The first "i 2025" in `text` as the year's end, or None."""
    m = IN_YEAR_RE.search(text)
    if not m:
        return None
    y = int(m.group("year"))
    return FoundPeriod(f"{y:04d}-12-31", f"{y:04d}-12-31", YEAR_END, m.group(0), m.start(), m.end())


def period_label(kind: str, first: str, last: str) -> str:
    """A period in words, the same for every way of printing it: "3. kvartal
    2026", "første halvår 2025", "mai 2025", "innen utgangen av mai 2025",
    "innen utgangen av 2025"."""
    year, month = int(last[:4]), int(last[5:7])
    if kind == QUARTER:
        return f"{month // 3}. kvartal {year}"
    if kind == HALF:
        return f"{'første' if month <= FIRST_HALF_LAST_MONTH else 'andre'} halvår {year}"
    if kind == MONTH_END:
        return f"innen utgangen av {MONTH_NAMES[month - 1]} {year}"
    if kind == MONTH:
        return f"{MONTH_NAMES[month - 1]} {year}"
    return f"innen utgangen av {year}"
