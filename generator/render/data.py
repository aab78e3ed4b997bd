"""The data downloads: CSV of posts, budget rows, assignments and decisions,
the extraction JSON of a document, and the deadlines calendar (iCalendar).

Everything is a pure function from model objects to text. CSV: UTF-8, a
header row, "\\n" line ends, rows in the order given (the caller passes the
document order, which is deterministic); amounts as plain integers (no
grouping) and a missing amount as an empty cell, never 0. A text cell that
a spreadsheet would take for a formula starts with an apostrophe (csv_cell). Amount columns are
the headings as printed in the source, in first-seen order.

The iCalendar output follows RFC 5545: CRLF line ends, content lines folded
at 75 octets without splitting a UTF-8 character, TEXT values escaped,
all-day events, and a DTSTAMP derived from the event date (not the clock) so
that the file is byte-reproducible.
"""
from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from generator.model import Assignment, BudgetRow, Chapter, Document, Vedtak, to_contract

__all__ = [
    "posts_csv",
    "budget_rows_csv",
    "assignments_csv",
    "vedtak_csv",
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


def _write(header: list[str], rows: Iterable[list[object]]) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([csv_cell(h) for h in header])
    for row in rows:
        w.writerow([csv_cell(v) for v in row])
    return buf.getvalue()


def _headings(amount_lists: Iterable[tuple[tuple[str, int | None], ...]]) -> list[str]:
    seen: dict[str, None] = {}
    for amounts in amount_lists:
        for heading, _ in amounts:
            seen.setdefault(heading, None)
    return list(seen)


def _amount_columns(headings: list[str], fixed: list[str]) -> list[str]:
    """Column names for the amount headings; one that clashes with a fixed column gets a prefix."""
    return [f"beløp: {h}" if h in fixed else h for h in headings]


def posts_csv(chapters: Iterable[Chapter], year: int) -> str:
    """One row per post: year, kap, kap_title, type, programme_category, post, post_title, amounts..., line."""
    chapters = list(chapters)
    headings = _headings(p.amounts for c in chapters for p in c.posts)
    fixed = ["year", "kap", "kap_title", "type", "programme_category", "post", "post_title", "line"]
    header = fixed[:-1] + _amount_columns(headings, fixed) + ["line"]

    def rows():
        for c in chapters:
            for p in c.posts:
                amounts = dict(p.amounts)
                yield [year, c.kap, c.title, c.type, c.programme_category, p.post, p.title,
                       *(amounts.get(h) for h in headings), p.line]

    return _write(header, rows())


def budget_rows_csv(rows: Iterable[tuple[str, BudgetRow]]) -> str:
    """One row per budget row: source, kap, post, title, type, unit, amounts..., comment, line."""
    rows = list(rows)
    headings = _headings(r.amounts for _, r in rows)
    fixed = ["source", "kap", "post", "title", "type", "unit", "comment", "line"]
    header = fixed[:6] + _amount_columns(headings, fixed) + ["comment", "line"]

    def out():
        for source, r in rows:
            amounts = dict(r.amounts)
            yield [source, r.kap, r.post, r.title, r.type, r.unit,
                   *(amounts.get(h) for h in headings), r.comment, r.line]

    return _write(header, out())


def assignments_csv(items: Iterable[tuple[str, Assignment]]) -> str:
    """One row per assignment; departments joined with ";"."""
    header = ["source", "id", "printed_id", "title", "departments", "deadline", "deadline_text",
              "section", "letter", "status", "line", "end_line"]
    return _write(header, (
        [source, a.id, a.printed_id, a.title, ";".join(a.departments), a.deadline, a.deadline_text,
         a.section, a.letter, a.status, a.line, a.end_line]
        for source, a in items
    ))


def _yes_no(value: bool | None) -> str:
    return "" if value is None else ("ja" if value else "nei")


def vedtak_csv(items: Iterable[tuple[str, Vedtak]]) -> str:
    """One row per decision; reporting_closed as ja/nei/blank."""
    header = ["source", "session", "nr", "date", "title", "reporting_closed", "line"]
    return _write(header, (
        [source, v.session, v.nr, v.date, v.title, _yes_no(v.reporting_closed), v.line]
        for source, v in items
    ))


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
