"""Deadlines of a year, every one accounted for: exact, approximate, or without a fixed date.

The parser keeps every deadline an assignment prints (model.Deadline): a
date is exact; a period ("mars 2025", "innen utgangen av mai 2025", "1.
kvartal", "tredje kvartal", "første halvår", "i løpet av 2025") is parsed
once (parsing/tokens/periods.py) into its first and last day and kind, and
here becomes a span from the first to the last day, named the same way
however it was printed ("3. kvartal 2026"). The period's words are never
read again. An assignment with no dated deadline ("avklares i dialog med
departementet", or none printed) has no fixed date and is listed as such.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Assignment, Deadline
from generator.lexicon import month_label, norwegian_date
from generator.parsing.tokens.periods import period_label

__all__ = ["Due", "assignment_due", "assignment_dues", "event_title", "human_date", "month_label"]


@dataclass(frozen=True)
class Due:
    kind: str  # "exact" | "approximate" | "none"
    start: str = ""  # ISO, first day (the date itself when exact)
    end: str = ""  # ISO, last day of the period (the date itself when exact)
    label: str = ""  # "31. desember 2025", "mars 2025 (omtrentlig)", or the printed text


human_date = norwegian_date  # "2025-12-31" -> "31. desember 2025", as the pages print a date


def assignment_dues(a: Assignment) -> list[Due]:
    """Every dated deadline of the assignment in the order printed, exact or approximate
    (a period, with the first and last day the parser gave it). Empty when none has a date."""
    printed = a.deadlines or ((Deadline(a.deadline, a.deadline_text or "", a.deadline_approximate),)
                              if a.deadline else ())
    out: list[Due] = []
    for d in printed:
        if not d.date:
            continue
        if not d.approximate:
            out.append(Due("exact", d.date, d.date, human_date(d.date)))
            continue
        if d.period and d.first:
            out.append(Due("approximate", d.first, d.date, f"{period_label(d.period, d.first, d.date)} (omtrentlig)"))
        else:
            out.append(Due("approximate", d.date, d.date, f"{d.text.strip()} (omtrentlig, senest {human_date(d.date)})"))
    return out


def assignment_due(a: Assignment) -> Due:
    """The assignment's first dated deadline, or Due("none") with the letter's words."""
    dues = assignment_dues(a)
    if dues:
        return dues[0]
    words = [d.text for d in a.deadlines if d.text] or [a.deadline_text or ""]
    return Due("none", label="; ".join(w.strip() for w in words if w.strip()))


_TIME_PREFIX = re.compile(r"^\s*(?:[•·\-–]\s*)*(?:kl\.?\s*\d{1,2}[:.]\d{2}(?:\s*[-–]\s*\d{1,2}[:.]\d{2})?\.?\s*)?",
                          re.I)
_NOTE_PREFIX = re.compile(r"^(?:Frist kan ikke fravikes\.\s*)", re.I)


def event_title(title: str, limit: int = 90) -> str:
    """A reporting item's title for a calendar: no leading clock time or bullet, cut between words."""
    t = _TIME_PREFIX.sub("", title)
    t = _NOTE_PREFIX.sub("", t).lstrip("•· ").strip()
    t = re.sub(r"\s*•\s*", "; ", t)
    if len(t) > limit:
        cut = t[: limit - 1]
        t = (cut.rsplit(" ", 1)[0] if " " in cut else cut).rstrip(" ,;:(") + "…"
    return t or title.strip()
