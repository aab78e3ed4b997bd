"""Anmodningsvedtak: the follow-up table of the chapter that follows up the
Storting's requests (found by its title, "Oppfølging av anmodnings- og
utredningsvedtak", in prop_parser; never by its number), the follow-up text
under each decision, and numbered decisions mentioned anywhere else.

Table rows: "2022–2023 137 Akuttilbud til personer ... rela-" / "sjoner" / "Nei"
(the status may sit on a later line). Follow-up text: under a
"Stortingssesjon (2022–2023)" heading, a title, "Vedtak nr. 1, 5. oktober 2022",
the quoted decision and the ministry's text, until the next title.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import DecisionTable
from generator.parsing.blocks import lines_to_blocks
from generator.parsing.tokens.dates import WORD_DATE_PARTS, date_from_words
from generator.parsing.tokens.vedtak_refs import PROP_REF_RE, PROP_SESSION, session_for_date, session_text
from generator.read.source_text import Line, join_two

TABLE_ROW = re.compile(rf"^({PROP_SESSION})\s+(\d{{1,4}})\s+(.*)$")
# The title never ends in a space, so the spaces before Ja/Nei start only
# after a non-space: linear on a long run of spaces (it was quadratic).
STATUS_END = re.compile(r"^(.*?)(?<!\s)\s*+\b(Ja|Nei)\s*$")
# The anmodningsvedtak table's head and caption, by their shape: its column
# heads, the proposition's session under them ("(2023–2024)"), the caption
# ("Tabell 3.1 ..."): never a year or a table number.
TABLE_HEADER = ("Sesjon Vedtak nr", "Rapportering avsluttes", "(Ja/Nei) i Prop")
_TABLE_FURNITURE = re.compile(rf"^(?:\({PROP_SESSION}\)\s*$|Tabell\s+\d+(?:\.\d+)*\b)")
SESSION_HEADING = re.compile(rf"^Stortingssesjon\s*\(({PROP_SESSION})\)\s*$")
FOLLOWUP_HEAD = re.compile(rf"^Vedtak nr\.\s*(\d{{1,4}})\s*,?\s*{WORD_DATE_PARTS}\.?\s*$", re.I)


@dataclass
class TableRow:
    session: str
    nr: str
    title: str
    status: str | None
    line: int
    end_line: int
    indices: list[int]


@dataclass
class FollowUp:
    session: str | None
    nr: str
    date: str | None
    heading: str
    head_index: int  # index of the title line (or the "Vedtak nr." line)
    index: int  # index of the "Vedtak nr." line
    end_index: int = 0


def session_of_date(iso: str | None) -> str | None:
    """The Storting's session (October to September) of a date, if any."""
    return session_for_date(iso) if iso else None


# Two rows of the table run together by an export: "... Folketrygdstønad Nei 2022–2023 938 Utvidelse ...".
# A row's title wraps over at most four more lines before its Ja/Nei.
ROW_WRAP_LINES = 4
# A follow-up's own title stands on at most three lines above its "Vedtak nr." line.
FOLLOWUP_TITLE_LINES = 3
JOINED_ROWS = re.compile(rf"^(.*?\S\s+(?:Ja|Nei))\s+({PROP_SESSION}\s+\d{{1,4}}\s+\S.*)$")


def parse_table(lines: list[Line], start: int, stop: int) -> list[TableRow]:
    rows: list[TableRow] = []
    i = start
    carried: str | None = None  # the start of a row that ran on from the line before
    while i < stop:
        m = TABLE_ROW.match(carried if carried is not None else lines[i].text)
        carried = None
        if not m:
            i += 1
            continue
        text, status, idx, j, carried = _row_rest(lines, i, stop, m.group(3))
        rows.append(TableRow(session_text(m.group(1)), m.group(2), text.strip(), status,
                             lines[i].lineno, lines[idx[-1]].lineno, idx))
        i = j - 1 if carried is not None else max(j, i + 1)
    return rows


def _row_rest(lines: list[Line], i: int, stop: int, text: str):
    """(title, status, line indices, next index, carried text) of the row
    starting on line i: the title may wrap and the status follow on a later line."""
    idx = [i]
    sm = STATUS_END.match(text)
    if sm:
        return sm.group(1), sm.group(2), idx, i + 1, None
    j = i + 1
    seen = 0
    while j < stop and seen < ROW_WRAP_LINES:
        t = lines[j].text
        if not t:
            j += 1
            continue
        if TABLE_ROW.match(t):
            break
        seen += 1
        joined = JOINED_ROWS.match(t)
        carried = joined.group(2) if joined else None
        sm = STATUS_END.match(joined.group(1) if joined else t)
        idx.append(j)
        if sm:
            if sm.group(1):
                text = join_two(text, sm.group(1))
            return text, sm.group(2), idx, j + 1, carried
        text = join_two(text, t)
        j += 1
    return text, None, idx, j, None


def parse_followups(lines: list[Line], start: int, stop: int, skip: set[int]) -> list[FollowUp]:
    out: list[FollowUp] = []
    current_session: str | None = None
    for i in range(start, stop):
        t = lines[i].text
        sm = SESSION_HEADING.match(t)
        if sm:
            current_session = session_text(sm.group(1))
            continue
        m = FOLLOWUP_HEAD.match(t)
        if not m:
            continue
        date = date_from_words(m.group(2), m.group(3), m.group(4))
        # The title: the paragraph right above, after a blank line.
        k = i - 1
        while k >= start and not lines[k].text:
            k -= 1
        head_end = k
        while k >= start and lines[k].text and k not in skip and not SESSION_HEADING.match(lines[k].text):
            k -= 1
        head_index = k + 1 if head_end >= k + 1 and head_end - k <= FOLLOWUP_TITLE_LINES else i
        heading = " ".join(lines[x].text for x in range(head_index, i) if lines[x].text)
        out.append(FollowUp(current_session or session_of_date(date), m.group(1), date,
                            heading, head_index, i))
    for n, f in enumerate(out):
        f.end_index = (out[n + 1].head_index if n + 1 < len(out) else stop) - 1
        # A session heading just before the next title belongs to the next decision.
        while f.end_index > f.index and (not lines[f.end_index].text
                                         or SESSION_HEADING.match(lines[f.end_index].text)):
            f.end_index -= 1
    return out


def is_table_furniture(text: str) -> bool:
    return text.startswith(TABLE_HEADER) or bool(_TABLE_FURNITURE.match(text)) \
        or text in ("Rapportering avsluttes", "Sesjon Vedtak nr. Stikkord")


def decision_tables(raw: list[Line], rows: list[TableRow]) -> tuple[DecisionTable, ...]:
    """The follow-up tables the rows make: a run of rows is one table while
    nothing but empty lines and the table's head printed again on a new page
    stands between a row's end and the next row's start (`_same_table`); any
    other text (a decision's follow-up beside the table on a page) ends it.
    Each table keeps its head above its first row (`_head_above`)."""
    text_at = {ln.lineno: ln.text for ln in raw}
    runs: list[list[TableRow]] = []
    for r in sorted(rows, key=lambda r: r.line):
        if runs and _same_table(runs[-1][-1], r, text_at):
            runs[-1].append(r)
        else:
            runs.append([r])
    out = []
    for run in runs:
        head_line, head_end = _head_above(raw, run[0].indices[0])
        out.append(DecisionTable(head_line or run[0].line, head_end, tuple(r.line for r in run),
                                 tuple(r.end_line for r in run), max(r.end_line for r in run)))
    return tuple(out)


def _same_table(row: TableRow, following: TableRow, text_at: dict[int, str]) -> bool:
    """Only empty lines and table furniture ("Sesjon Vedtak nr. Stikkord",
    "(Ja/Nei) i Prop. 1 S", "(2023–2024)") between the row's end and the next row."""
    between = (text_at.get(n, "").strip() for n in range(row.end_line + 1, following.line))
    return all(not t or is_table_furniture(t) for t in between)


def _head_above(raw: list[Line], i: int) -> tuple[int, int]:
    """(first line, last line) of the table's head printed above the row at
    index i: the furniture lines and the empty lines between them; (0, 0) when
    the row has none above it."""
    first = last = 0
    k = i - 1
    while k >= 0 and (not raw[k].text.strip() or is_table_furniture(raw[k].text.strip())):
        if raw[k].text.strip():
            first, last = raw[k].lineno, last or raw[k].lineno
        k -= 1
    return first, last


def followup_blocks(raw: list[Line], lines: list[Line], f: FollowUp, skip: set[int]):
    keep = [raw[x] for x in range(f.index + 1, f.end_index + 1)
            if x not in skip and not is_table_furniture(lines[x].text)]
    return lines_to_blocks(keep)


def find_refs(lines: list[Line], exclude: set[int]) -> list[tuple[str, str | None, str | None, int, str]]:
    """(nr, session, date, lineno, text) for every numbered decision mentioned.
    Each line is read together with the next one, so that a mention broken over
    two lines is found on the line where it starts."""
    out = []
    n = len(lines)
    for i in range(n):
        if i in exclude or "edtak" not in lines[i].text:
            continue
        text = lines[i].text
        nxt = lines[i + 1].text if i + 1 < n else ""
        joined = text + " " + nxt
        for m in PROP_REF_RE.finditer(joined):
            if m.start() >= len(text):
                break
            date = date_from_words(m.group(3), m.group(4), m.group(5)) if m.group(3) else None
            sess = session_text(m.group(2)) if m.group(2) else session_of_date(date)
            out.append((m.group(1), sess, date, lines[i].lineno, m.group(0)))
    return out
