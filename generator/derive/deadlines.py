"""Deadlines of a year, every one accounted for: exact, approximate, or without a fixed date.

The parser keeps every deadline an assignment prints (model.Deadline): a
date is exact; a period ("mars 2025", "innen utgangen av mai 2025", "1.
kvartal", "første halvår", "i løpet av 2025") is dated at its last day and
marked approximate, and here becomes a span from the period's first to its
last day. An assignment with no dated deadline ("avklares i dialog med
departementet", or none printed) has no fixed date and is listed as such.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from generator.model import Assignment, Deadline
from generator.lexicon import MONTH_NAMES

MONTHS = MONTH_NAMES
_MONTH = "|".join(MONTHS)


@dataclass(frozen=True)
class Due:
    kind: str  # "exact" | "approximate" | "none"
    start: str = ""  # ISO, first day (the date itself when exact)
    end: str = ""  # ISO, last day of the period (the date itself when exact)
    label: str = ""  # "31. desember 2025", "mars 2025 (omtrentlig)", or the printed text


def human_date(iso: str) -> str:
    """"2025-12-31" -> "31. desember 2025"."""
    y, m, d = iso.split("-")
    return f"{int(d)}. {MONTHS[int(m) - 1]} {y}"


def month_label(iso_month: str) -> str:
    """"2025-05" -> "mai 2025"."""
    y, m = iso_month.split("-")[:2]
    return f"{MONTHS[int(m) - 1]} {y}"


def _span(year: int, first_month: int, last_month: int) -> tuple[str, str]:
    last_day = calendar.monthrange(year, last_month)[1]
    return f"{year:04d}-{first_month:02d}-01", f"{year:04d}-{last_month:02d}-{last_day:02d}"


def _year(text: str | None, default: int) -> int:
    return int(text) if text else default


def approximate_period(text: str, budget_year: int) -> tuple[str, str, str] | None:
    """(start, end, label) of the period a deadline text names, or None."""
    t = text.lower()
    m = re.search(rf"utgangen av ({_MONTH})(?: (\d{{4}}))?", t)
    if m:
        month = MONTHS.index(m.group(1)) + 1
        year = _year(m.group(2), budget_year)
        start, end = _span(year, month, month)
        return start, end, f"innen utgangen av {m.group(1)} {year}"
    m = re.search(r"([1-4])\. ?kvartal(?: (\d{4}))?", t)
    if m:
        q, year = int(m.group(1)), _year(m.group(2), budget_year)
        start, end = _span(year, 3 * q - 2, 3 * q)
        return start, end, f"{q}. kvartal {year}"
    m = re.search(r"(første|andre|annet) halvår(?: (\d{4}))?", t)
    if m:
        year = _year(m.group(2), budget_year)
        first = m.group(1) == "første"
        start, end = _span(year, 1 if first else 7, 6 if first else 12)
        return start, end, f"{'første' if first else 'andre'} halvår {year}"
    m = re.search(r"(?:utgangen av|løpet av|gjennomføres i|ferdigstilt i) (\d{4})", t)
    if m:
        year = int(m.group(1))
        return f"{year:04d}-12-31", f"{year:04d}-12-31", f"innen utgangen av {year}"
    m = re.search(r"utgangen av året", t)
    if m:
        return f"{budget_year:04d}-12-31", f"{budget_year:04d}-12-31", f"innen utgangen av {budget_year}"
    m = re.match(rf"\s*(?:innen |i )?({_MONTH}) (\d{{4}})\b", t)
    if m:
        month, year = MONTHS.index(m.group(1)) + 1, int(m.group(2))
        start, end = _span(year, month, month)
        return start, end, f"{m.group(1)} {year}"
    return None


def assignment_dues(a: Assignment, budget_year: int) -> list[Due]:
    """Every dated deadline of the assignment in the order printed, exact or approximate
    (a period, dated by the parser at its last day). Empty when none has a date."""
    printed = a.deadlines or ((Deadline(a.deadline, a.deadline_text or "", a.deadline_approximate),)
                              if a.deadline else ())
    out: list[Due] = []
    for d in printed:
        if not d.date:
            continue
        if not d.approximate:
            out.append(Due("exact", d.date, d.date, human_date(d.date)))
            continue
        period = approximate_period(d.text, budget_year)
        if period and period[1] == d.date:
            out.append(Due("approximate", period[0], d.date, f"{period[2]} (omtrentlig)"))
        else:
            out.append(Due("approximate", d.date, d.date, f"{d.text.strip()} (omtrentlig, senest {human_date(d.date)})"))
    return out


def assignment_due(a: Assignment, budget_year: int) -> Due:
    """The assignment's first dated deadline, or Due("none") with the letter's words."""
    dues = assignment_dues(a, budget_year)
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
