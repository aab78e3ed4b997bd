"""Download formats: a CSV cell safe in a spreadsheet (the tables themselves are
render/downloads.py), the extraction JSON of a document, and the deadlines
calendar (iCalendar). Pure functions from model objects to text.

A text cell that a spreadsheet would take for a formula starts with an
apostrophe (csv_cell); a missing amount is an empty cell, never 0.

The iCalendar output follows RFC 5545: CRLF line ends, content lines folded
at 75 octets without splitting a UTF-8 character, TEXT values escaped,
all-day events, and a DTSTAMP derived from the event date (not the clock) so
that the file is byte-reproducible.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from generator.contract import to_contract
from generator.model import Document

__all__ = [
    "csv_cell",
    "extraction_json",
    "CalendarEvent",
    "ics_calendar",
    "ics_escape",
    "ics_fold",
]


# --- CSV ------------------------------------------------------------------------------

# A spreadsheet reads a cell starting with one of these as a formula
# (OWASP, "CSV Injection"): "=HYPERLINK(...)" in a title would be live in Excel.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


def csv_cell(value: object) -> object:
    """A CSV cell that no spreadsheet runs: text starting like a formula gets a
    leading apostrophe (OWASP's neutralisation; the text stays readable). Numbers,
    and text that is just a signed number ("-1234"), stay numbers. A CR becomes
    a line feed: the writer quotes a cell with "\n" but not one with a lone "\r",
    which would end the record in a spreadsheet."""
    if value is None:
        return ""
    if not isinstance(value, str):
        return value
    if value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.match(value):
        value = "'" + value
    return value.replace("\r\n", "\n").replace("\r", "\n")


# --- JSON -----------------------------------------------------------------------------

def extraction_json(doc: Document) -> str:
    """The extraction contract of one document, as the `extract` command writes it."""
    return json.dumps(to_contract(doc), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


# --- iCalendar ------------------------------------------------------------------------

@dataclass(frozen=True)
class CalendarEvent:
    uid: str  # stable, e.g. "tb2025-12@helsebudsjett"
    date: str  # ISO date of the all-day event
    summary: str
    description: str
    url: str  # absolute link to the page ("https://.../2025/oppdrag/tb2025-12/"); "" for none
    end: str = ""  # ISO last day of a period (an approximate deadline); "" for a single day


CRLF = "\r\n"
PRODID = "-//Helsebudsjett//Frister//NO"


def ics_escape(text: str) -> str:
    """RFC 5545 TEXT escaping. Newlines (any convention) become \\n; other
    control characters, which TEXT does not allow, become spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(" " if (ord(ch) < 32 and ch not in "\n\t") or ord(ch) == 127 else ch for ch in text)
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\n", "\\n")
    )


def ics_fold(line: str) -> str:
    """Fold a content line at 75 octets (UTF-8), never inside a character.

    Continuation lines start with one space, which counts in their 75 octets.
    """
    out: list[str] = []
    current: list[str] = []
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append("".join(current))
            current, size, limit = [" "], 1, 75
        current.append(ch)
        size += n
    out.append("".join(current))
    return CRLF.join(out)


def _uri(value: str) -> str:
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", value):
        raise ValueError(f"calendar URL must be absolute (RFC 5545 URI): {value!r}")
    if any(ord(ch) <= 32 or ord(ch) == 127 for ch in value):
        raise ValueError(f"URL with whitespace or control characters: {value!r}")
    return value


def _ymd(day: date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"  # strftime does not pad years < 1000


def ics_calendar(events: Iterable[CalendarEvent], calendar_name: str) -> str:
    """A VCALENDAR with one all-day VEVENT per event, sorted by date and UID.

    Raises ValueError for a bad date, a duplicate UID or a URL with spaces.
    """
    events = sorted(events, key=lambda e: (e.date, e.uid))
    seen: set[str] = set()
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{ics_escape(calendar_name)}",
    ]
    for e in events:
        if e.uid in seen:
            raise ValueError(f"duplicate calendar UID {e.uid!r}")
        seen.add(e.uid)
        day = date.fromisoformat(e.date)
        if day == date.max:
            raise ValueError(f"calendar date out of range: {e.date!r}")
        start = _ymd(day)
        last = date.fromisoformat(e.end) if e.end else day
        if last < day or last == date.max:
            raise ValueError(f"calendar period out of range: {e.date!r}..{e.end!r}")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{ics_escape(e.uid)}",
            f"DTSTAMP:{start}T000000Z",
            f"DTSTART;VALUE=DATE:{start}",
            f"DTEND;VALUE=DATE:{_ymd(last + timedelta(days=1))}",
            f"SUMMARY:{ics_escape(e.summary)}",
        ]
        if e.description:
            lines.append(f"DESCRIPTION:{ics_escape(e.description)}")
        if e.url:
            lines.append(f"URL:{_uri(e.url)}")
        lines += ["TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(ics_fold(line) + CRLF for line in lines)
