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

import re
from dataclasses import dataclass

from generator.model import Deadline
from generator.parsing.recognisers import case_folded
from generator.parsing.tokens.dates import find_dates, find_day_month, impossible_dates
from generator.parsing.tokens.periods import FoundPeriod, find_periods, year_named

_AGREED_RE = re.compile(
    r"(?:frist(?:en)?\s+(?:\w+\s+){0,3}avtales|avtales\s+(?:nærmere|særskilt|senere|med\s+departementet)"
    r"|etter\s+(?:nærmere\s+)?avtale|fastsettes\s+senere|settes\s+(?:senere|i\s+dialog)"
    r"|avklares\s+(?:nærmere\s+)?(?:i\s+(?:fag)?dialog\w*|med\s+departementet|senere))",
    re.I)


def _may_say_agreed(text: str) -> bool:
    """Cheap test passed by every text `_AGREED_RE` matches (each of its
    alternatives holds one of these words)."""
    low = case_folded(text)
    return "avtal" in low or "settes" in low or "avklares" in low


def _period_deadline(p: FoundPeriod) -> Deadline:
    """A period as a deadline: dated at its last day, its first day and kind kept."""
    return Deadline(p.last, p.text, approximate=True, first=p.first, period=p.kind)


def period_deadlines(text: str, year: int) -> list[tuple[int, Deadline]]:
    """(offset, deadline) for each period named in `text`: quarters, half-years,
    months, the end of a year (tokens/periods.py; where two overlap, the first
    listed wins)."""
    return [(p.start, _period_deadline(p)) for p in find_periods(text, year)]


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
    """Each printed date once; a period once per wording ("1. kvartal 2025" and
    "mars 2025" both end on 31 March but are two deadlines as printed)."""
    seen: set[tuple] = set()
    out = []
    for d in deadlines:
        key = (d.date, d.approximate, d.agreed_later, d.text.lower() if d.approximate else "")
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


# The mark first and the exceptions looked behind from after it: the search then
# jumps from mark to mark instead of trying five lookbehinds at every character.
_SENTENCE_END = re.compile(
    r"[.!?](?<!\b\d[.!?])(?<!\b\d\d[.!?])(?<!\bnr[.!?])(?<!\bjf[.!?])(?<!\bkap[.!?])(?=\s+[A-ZÆØÅ«\-–•]|\s*$)")
# A skipped sentence is quoted in its warning up to 120 characters: enough to
# find it in the letter, and one line of a terminal with the file and line.
QUOTED_SENTENCE_CHARS = 120
_FRIST_WORD = re.compile(r"\b(?:[Ff]rist(?:en|er|ene)?|[Ff]risten)\b")
_INNEN = re.compile(r"\b(?:innen|senest|i løpet av)\b", re.I)
# "Frister:", "Frist og rapportering:" above the list that gives them.
_FRIST_LEAD = re.compile(r"(?:^|\s)Frist(?:er|ene)?(?:\s+og\s+\w+)?\s*:?\s*$", re.I)
# A deadline word's date follows it at once: "innen 1. mai", "senest den 1. mars",
# "innen utgangen av mai". "Fagmiljøet innen amming ... per 01.01.24" is no deadline.
_AFTER_BY_WORD = re.compile(r"\s+(?:den\s+)?")
# Completing or handing over by a time: "som ferdigstilles i første halvår 2022",
# "skal leveres i løpet av 2. kvartal".
_DONE_BY = re.compile(
    r"\b(?:ferdigstilles|ferdigstilt|sluttføres|sluttført|avsluttes|være\s+(?:ferdig|klar|på\s+plass))"
    r"\s+(?:\w+\s+){0,2}?(?P<by>i\s+løpet\s+av|innen|senest|i|før)(?=\s)", re.I)
# Dates in a "Frist" sentence that are not the deadline: the date of a letter
# or a meeting ("Under henvisning til Helsedirektoratets brev av 18. februar
# godkjennes ny frist 1. april 2022"), a consultation's own deadline
# ("sendt på offentlig høring, med frist i januar 2024").
_NOT_DUE_BEFORE = re.compile(
    r"(?:\b(?:brev|e-post|epost|notat|skriv|møte\w*|vedtak|rapport)\s+(?:\w+\s+)?(?:av|datert|den|fra)|\bdatert)\s*$",
    re.I)
_CONSULTATION = re.compile(r"\bhøring\w*\b[^.;]{0,60}?\bmed\s+frist\b|\bhøringsfrist", re.I)
# A deadline that has passed, told as history ("utredning i Helsedirektoratet
# som hadde frist 31.12.2025", TB2026-7, whose own deadline is on its
# "Frist:" line).
_PAST_DEADLINE = re.compile(r"\bhadde\s+(?:en\s+|sin\s+)?frist(?:en)?\s*(?:på\s+|den\s+)?$", re.I)


@dataclass(frozen=True)
class Skipped:
    """A deadline phrase that gives no deadline of the assignment, and why:
    the parser reports it as a diagnostic rather than dropping it silently."""
    text: str
    reason: str


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


# The date after a deadline word ("innen den 1. mai") stands within 80 characters of it.
BY_WORD_WINDOW = 80
# What makes a date a letter's or a meeting's ("brev av") stands within 40 characters before it.
NOT_DUE_WINDOW = 40


def _by_word_deadline(sentence: str, start: int, end: int, year: int) -> Deadline | None:
    """The date or period right after the deadline word at sentence[start:end]
    ("innen 1. mai", "innen den 1. mai", "innen utgangen av mai"), if any."""
    gap = _AFTER_BY_WORD.match(sentence, end)
    limit = (gap.end() if gap else end) - start
    rest = sentence[start: start + BY_WORD_WINDOW]
    for d in deadlines_in(rest, year)[:1]:
        if d.date and 0 <= rest.find(d.text) <= limit:
            return d
    return None


def frist_sentence(sentence: str, year: int) -> tuple[list[Deadline], list[Skipped]]:
    """Rule 1: a sentence with "Frist" gives its dates and periods, except a
    letter's or meeting's date, a consultation's deadline and a deadline told
    as past ("som hadde frist 31.12.2025")."""
    if _CONSULTATION.search(sentence):
        return [], [Skipped(sentence, "a consultation's deadline (høringsfrist), not the assignment's")]
    here, skipped = [], []
    for d in deadlines_in(sentence, year):
        at = sentence.find(d.text) if d.text else -1
        before = sentence[max(0, at - NOT_DUE_WINDOW): at] if at > 0 else ""
        if d.date and before and _NOT_DUE_BEFORE.search(before):
            skipped.append(Skipped(d.text, "the date of a letter or meeting, not a deadline"))
        elif d.date and before and _PAST_DEADLINE.search(before):
            skipped.append(Skipped(d.text, "a deadline that has passed (hadde frist), not the assignment's"))
        else:
            here.append(d)
    if not here and not skipped and (d := find_day_month(sentence, year)):  # "Frist 1.2."
        here = [Deadline(d.iso, d.text)]
    if not here and not skipped and (p := year_named(sentence)):
        # "Frist: Undersøkelsen må gjennomføres i 2025": within that year.
        here = [_period_deadline(p)]
    if not here and not skipped and (bad := impossible_dates(sentence)):
        skipped.append(Skipped(bad[0], "no day of the calendar (a misprint in the letter?)"))
    if not here and not skipped and not _FRIST_LEAD.search(sentence):
        skipped.append(Skipped(sentence[:QUOTED_SENTENCE_CHARS], "a sentence about a deadline that gives no date"))
    return here, skipped


def by_word(sentence: str, year: int) -> list[Deadline]:
    """Rule 2: the date right after "innen", "senest" or "i løpet av"
    ("levere innen 1. mai"); a period before the letter's year tells history."""
    low = case_folded(sentence)  # a cheap test before the case-blind search
    if "innen" not in low and "senest" not in low and "løpet" not in low:
        return []
    out = []
    for m in _INNEN.finditer(sentence):
        d = _by_word_deadline(sentence, m.start(), m.end(), year)
        if d and not (d.approximate and d.date < f"{year}-01-01"):
            out.append(d)
    return out


def _may_say_done(low: str) -> bool:
    """Cheap test passed by every case-folded text `_DONE_BY` matches (each of
    its verbs holds one of these words)."""
    return "ferdig" in low or "slutt" in low or "være" in low


def done_by(sentence: str, year: int) -> list[Deadline]:
    """Rule 3: something to be completed by a time ("som ferdigstilles i
    første halvår 2022", "skal være ferdig innen 1. mars")."""
    if not _may_say_done(case_folded(sentence)):
        return []
    out = []
    for m in _DONE_BY.finditer(sentence):
        d = _by_word_deadline(sentence, m.start("by"), m.end("by"), year)
        if d and not (d.approximate and d.date < f"{year}-01-01"):
            out.append(d)
    return out


def assignment_deadlines(paragraphs: list[str], year: int) -> tuple[Deadline, ...]:
    return deadlines_and_skipped(paragraphs, year)[0]


# A word that every text a deadline rule reads holds, case-folded: "frist"
# (rule 1), "innen", "senest", "løpet" (rule 2), the completion verbs of rule 3
# and the words of an agreed deadline (`_may_say_agreed`).
_DEADLINE_WORDS = ("frist", "innen", "senest", "løpet", "ferdig", "slutt", "være", "avtal", "settes", "avklares")


def deadlines_and_skipped(paragraphs: list[str], year: int) -> tuple[tuple[Deadline, ...], tuple[Skipped, ...]]:
    """Every deadline an assignment sets, in text order, and the deadline
    phrases that set none (for diagnostics). A deadline is a date the text asks
    something to be done by: the dates of its "Frist" sentences (rule 1); when
    it has none, the date right after "innen", "senest", "i løpet av" (rule 2)
    or a verb of completion (rule 3). An assignment that only says its
    deadline is agreed later gets one deadline without a date."""
    found: list[Deadline] = []  # from sentences about a deadline ("Frist ...")
    innen: list[Deadline] = []  # from "innen ...", "ferdigstilles i ..." elsewhere
    agreed: list[Deadline] = []
    skipped: list[Skipped] = []
    for para in paragraphs:
        low = case_folded(para)
        if not any(word in low for word in _DEADLINE_WORDS):
            continue  # no rule below can match: most paragraphs name no deadline
        for sentence in sentences(para):
            if "rist" in sentence and _FRIST_WORD.search(sentence):
                here, not_here = frist_sentence(sentence, year)
                found.extend(d for d in here if d.date)
                agreed.extend(d for d in here if d.agreed_later)
                if any(d.agreed_later for d in here):
                    not_here = [s for s in not_here if not s.reason.startswith("a sentence")]
                skipped.extend(not_here)
                continue
            innen.extend(by_word(sentence, year))
            innen.extend(done_by(sentence, year))
            if _may_say_agreed(sentence) and _AGREED_RE.search(sentence):
                agreed.extend(d for d in deadlines_in(sentence, year) if d.agreed_later)
    # A letter that writes "Frist" says which dates are deadlines; other dates
    # in its text ("innen 1. oktober" for a conference) count only when it does not.
    dated = _unique(found or innen)
    return (tuple(dated) if dated else tuple(agreed[:1])), tuple(skipped)
