"""Deadlines (frister) of an assignment: exact dates, periods, "agreed later".

Letters give deadlines as a date ("Frist: 1. juni 2025", "innen 1. mars"), as
a period ("i løpet av første halvår 2025", "innen utgangen av mai", "3.
kvartal", "innen utgangen av året") or not at all ("frist avtales nærmere",
"etter avtale"). A period becomes the last day of the period with
`approximate=True`, so that a calendar can place it and say that it is not a
printed date; "agreed later" is a deadline without a date. An assignment keeps
every deadline it prints, in order.

The recognisers here are small and named; `deadlines_in` runs them over one
sentence, `assignment_deadlines` picks the sentences of an assignment's text
that set deadlines.
"""
from __future__ import annotations

import calendar
import re

from generator.model import Deadline
from generator.parsing.recognisers import MONTHS, case_folded, find_dates


_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:\s+(?P<year>20\d{2}))?"
_ORDINAL = {"første": 1, "1.": 1, "andre": 2, "2.": 2, "tredje": 3, "3.": 3, "fjerde": 4, "4.": 4,
            "siste": 4}
_QUARTER_RE = re.compile(rf"(?P<n>første|andre|tredje|fjerde|siste|[1-4]\.)\s*kvartal{_YEAR}", re.I)
_HALF_RE = re.compile(rf"(?P<n>første|andre|siste|[12]\.)\s*halvår(?:et)?{_YEAR}", re.I)
_MONTH_RE = re.compile(
    rf"(?:utgangen\s+av|løpet\s+av|slutten\s+av|i|innen|medio|ultimo|primo)\s+(?P<month>{_MONTH_ALT}){_YEAR}(?![a-zæøå])",
    re.I)
_BARE_MONTH_RE = re.compile(rf"(?<![\w.])(?P<month>{_MONTH_ALT})\s+(?P<year>20\d{{2}})\b", re.I)
_YEAR_END_RE = re.compile(
    r"(?:utgangen\s+av|løpet\s+av|slutten\s+av)\s+(?:(?P<this>året|inneværende\s+år)|(?P<year>20\d{2})(?!\s*[-–]))"
    r"|(?P<newyear>årsskiftet)",
    re.I)
_AGREED_RE = re.compile(
    r"(?:frist(?:en)?\s+(?:\w+\s+){0,3}avtales|avtales\s+(?:nærmere|særskilt|senere|med\s+departementet)"
    r"|etter\s+(?:nærmere\s+)?avtale|fastsettes\s+senere|settes\s+senere"
    r"|avklares\s+(?:nærmere\s+)?(?:i\s+dialog|med\s+departementet|senere))",
    re.I)


def _may_say_agreed(text: str) -> bool:
    """Cheap test passed by every text `_AGREED_RE` matches (each of its
    alternatives holds one of these words)."""
    low = case_folded(text)
    return "avtal" in low or "settes" in low or "avklares" in low


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _year_of(m: re.Match, default: int) -> int:
    return int(m.group("year")) if m.group("year") else default


def period_deadlines(text: str, year: int) -> list[tuple[int, Deadline]]:
    """(offset, deadline) for each period named in `text`: quarters, half-years,
    months, the end of a year."""
    found: list[tuple[int, Deadline]] = []
    for m in _QUARTER_RE.finditer(text):
        q = _ORDINAL[m.group("n").lower()]
        found.append((m.start(), Deadline(_month_end(_year_of(m, year), 3 * q), m.group(0), approximate=True)))
    for m in _HALF_RE.finditer(text):
        h = min(_ORDINAL[m.group("n").lower()], 2)
        found.append((m.start(), Deadline(_month_end(_year_of(m, year), 6 * h), m.group(0), approximate=True)))
    for m in _MONTH_RE.finditer(text):
        month = MONTHS[m.group("month").lower()]
        found.append((m.start(), Deadline(_month_end(_year_of(m, year), month), m.group(0), approximate=True)))
    for m in _BARE_MONTH_RE.finditer(text):  # "Frist: mars 2025"
        if not any(start <= m.start() < start + len(d.text) for start, d in found):
            month = MONTHS[m.group("month").lower()]
            found.append((m.start(), Deadline(_month_end(int(m.group("year")), month), m.group(0), approximate=True)))
    for m in _YEAR_END_RE.finditer(text):
        y = int(m.group("year")) if m.group("year") else year
        found.append((m.start(), Deadline(f"{y}-12-31", m.group(0), approximate=True)))
    return found


def deadlines_in(text: str, year: int) -> list[Deadline]:
    """Every deadline in one sentence, in order: exact dates first claim their
    words, then periods, then "agreed later" when nothing else was given."""
    found: list[tuple[int, Deadline]] = []
    taken: list[tuple[int, int]] = []
    for d in find_dates(text, year):
        found.append((d.start, Deadline(d.iso, d.text.rstrip(".") if not d.text[-2:-1].isdigit() else d.text)))
        taken.append((d.start, d.end))
    for start, d in period_deadlines(text, year):
        if not any(a <= start < b for a, b in taken):
            # "1. mai" is a date, not the month of May: periods never overlap dates.
            found.append((start, d))
            taken.append((start, start + len(d.text)))
    if not found:
        m = _AGREED_RE.search(text) if _may_say_agreed(text) else None
        if m:
            found.append((m.start(), Deadline(None, m.group(0), agreed_later=True)))
    found.sort(key=lambda x: x[0])
    return _unique([d for _, d in found])


def _unique(deadlines: list[Deadline]) -> list[Deadline]:
    seen: set[tuple] = set()
    out = []
    for d in deadlines:
        key = (d.date, d.approximate, d.agreed_later)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


_IN_YEAR_RE = re.compile(r"\bi\s+(20\d{2})\b(?!\s*[-–])")
# The mark first and the exceptions looked behind from after it: the search then
# jumps from mark to mark instead of trying five lookbehinds at every character.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b\d[.!?])(?<!\b\d\d[.!?])(?<!\bnr[.!?])(?<!\bjf[.!?])(?<!\bkap[.!?])(?=\s+[A-ZÆØÅ«\-–•]|\s*$)")
_FRIST_WORD = re.compile(r"\b(?:[Ff]rist(?:en|er|ene)?|[Ff]risten)\b")
_INNEN = re.compile(r"\b(?:innen|senest|i løpet av)\b", re.I)


def sentences(text: str) -> list[str]:
    """Split a paragraph at sentence ends (not at "1. mai", "nr. 5", "jf. kap")."""
    out, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append(text[start:m.end()].strip())
        start = m.end()
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return [s for s in out if s]


def assignment_deadlines(paragraphs: list[str], year: int) -> tuple[Deadline, ...]:
    """Every deadline an assignment sets, in text order: the dates and periods
    of its sentences about a deadline ("Frist: ...", "... har frist 1. juli");
    when it has none, the first date after each "innen" or "i løpet av"
    ("levere innen 1. mai"). An assignment that only says its deadline is
    agreed later gets one deadline without a date."""
    found: list[Deadline] = []  # from sentences about a deadline ("Frist ...")
    innen: list[Deadline] = []  # from "innen ...", "i løpet av ..." elsewhere
    agreed: list[Deadline] = []
    for para in paragraphs:
        for sentence in sentences(para):
            if _FRIST_WORD.search(sentence):
                here = deadlines_in(sentence, year)
                if not here and (m := _IN_YEAR_RE.search(sentence)):
                    # "Frist: Undersøkelsen må gjennomføres i 2025": within that year.
                    here = [Deadline(f"{m.group(1)}-12-31", m.group(0), approximate=True)]
                found.extend(d for d in here if d.date)
                agreed.extend(d for d in here if d.agreed_later)
                continue
            found_here = innen
            low = case_folded(sentence)  # a cheap test before the case-blind search
            for m in (_INNEN.finditer(sentence) if "innen" in low or "senest" in low or "løpet" in low else ()):
                # Outside a "Frist" sentence a period before the letter's year
                # ("i løpet av 2024 og 2025" in 2025) tells history, not a deadline.
                found_here.extend(d for d in deadlines_in(sentence[m.start(): m.start() + 80], year)[:1]
                                  if d.date and not (d.approximate and d.date < f"{year}-01-01"))
            if _may_say_agreed(sentence) and _AGREED_RE.search(sentence):
                agreed.extend(d for d in deadlines_in(sentence, year) if d.agreed_later)
    # A letter that writes "Frist" says which dates are deadlines; other dates
    # in its text ("innen 1. oktober" for a conference) count only when it does not.
    dated = _unique(found or innen)
    return tuple(dated) if dated else tuple(agreed[:1])
