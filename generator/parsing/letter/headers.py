"""Assignment headers of an allocation letter: ordered, named rules.

Each rule in HEADER_RULES looks at one logical line and returns the header
that starts there (IDs as printed, departments, title, where the body starts)
or None; `_find_headers` tries them in order at every line and the first that
matches claims the header's lines. The shapes:

1. `id_avd`: ``TB2025-12 Avd. HOD: FHA Title`` (one or several IDs, cells split
   by tabs or spaces, departments and title wrapping onto the next lines);
2. `id_then_avd`: the ID alone on its line, ``Avd. HOD: KTA`` on the next;
3. `id_block`: ``ID: TB2022-01 Eieravdeling HOD: FHA Title``; the ID may be
   broken over lines, hold several IDs ("TB2019-7/TTB2019-38") or be
   misprinted ("TB-2021-29", "TB2O22-O1", "ukjent");
4. `id_title`: ``TTB2022-3 Title`` at the start of a paragraph, departments in
   a later "Ansvarlig avdeling: SHA" line.

A new shape of header is a new rule here, with a fixture in
tests/fixtures/shapes/. A header's departments and title are read by
`header_fields.py`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.lexicon import HEADER_RUN_ON_WORDS, words_alternation
from generator.parsing.letter.header_fields import (
    next_text, parse_departments, split_run_in_body, title_from, wrapped_departments,
)
from generator.parsing.tokens.assignment_id import FRAGMENT, PRINTED, find_ids, join_broken
from generator.read.source_text import Line

_ID = PRINTED
_ID_LIST = rf"{_ID}(?:\s*[,/&]\s*{_ID})*"
_AVD_HEADER = re.compile(rf"^\s*(?:ID\s*[:\-–]?\s*)?(?P<id>{_ID_LIST})\s*[,/]?\s*(?P<avd>Avd\.?\s*HOD\b\s*:?)(?P<rest>.*)$", re.I)
_ID_ALONE = re.compile(rf"^\s*(?:ID\s*[:\-–]?\s*)?(?P<id>{_ID_LIST})\s*[,/]?\s*$", re.I)
_AVD_ALONE = re.compile(r"^\s*Avd\.?\s*HOD\b\s*:?(?P<rest>.*)$", re.I)
_EIER = re.compile(r"(?:Eier|Ansvarlig)\s*avdeling\s*(?:i\s*)?HOD\s*:?", re.I)
_ID_START = re.compile(r"^\s*ID\s*(?:[:\-–]\s*|\s+)(?P<rest>.*)$")
# "TB2019-78/TTB2021-65 Eieravdeling HOD: SHA ...": the ID block on one line without "ID:".
_IDS_THEN_EIER = re.compile(rf"^\s*{_ID_LIST}\s*[,/]?\s*(?:Eier|Ansvarlig)\s*avdeling", re.I)
# A piece of an ID broken over lines (" TB2019-" / "78/TTB2021-65").
_ID_FRAGMENT = re.compile(rf"^\s*(?:{FRAGMENT})\s*$")
_PLAIN_HEADER = re.compile(rf"^\s*(?P<id>{_ID})(?![\d.])\s*[:–]?\s+(?P<rest>[A-ZÆØÅ«\"].*)$")
# "Bedre pasientforløp (Avd. HOD: SHA)": the owner named in brackets after the title.
_DEPT_IN_BRACKETS = re.compile(r"(?<!\s)\s*+\((?:Avd\.?(?:\s*HOD)?|(?:Eier|Ansvarlig)\s*avdeling(?:\s*i)?(?:\s*HOD)?)\s*:?\s*([^()]*)\)\s*$", re.I)
# The head of a table of assignments: its columns named.
_COLUMN_ROLES = (
    ("id", re.compile(r"^(?:ID|Nr\.?|Oppdragsnr\.?|Oppdrags-?ID|TB-?nr\.?)$", re.I)),
    ("title", re.compile(r"^(?:Oppdrag|Tittel|Oppdragstittel|Navn|Oppdragets\s+tittel|Beskrivelse)$", re.I)),
    ("departments", re.compile(r"(?:avdeling|^Avd\.?(?:\s*HOD)?$|^Eier$|^Ansvarlig$)", re.I)),
    ("deadline", re.compile(r"^Frist", re.I)),
)
_CONTINUES_SENTENCE = re.compile(
    rf"(?:\b(?:{words_alternation(HEADER_RUN_ON_WORDS)})\.?|\bID\s*:|[,(\-–])\s*$", re.I
)


@dataclass
class _Header:
    index: int  # first line index of the header
    body_start: int  # first line index of the body
    printed: str | None  # ID text as printed (joined), None when none
    title: str
    departments: tuple[str, ...]
    shape: str  # the name of the rule that found it
    item_end: int | None = None  # a list item's last line index, where the item is the whole assignment
    text_in_header: bool = False  # the header line's words are the assignment's text (a bullet item)
    prints_id: bool = True  # False where the letter prints no ID for the shape (its ID is synthesized)
    department_remark: str = ""  # "(pkt. 1)" after the codes in the department cell
    body_lead: str = ""  # the body's start, when it ran into the header's paragraph


# --- header rules ------------------------------------------------------------
#
# Each rule looks at line i and returns the assignment header that starts
# there, or None. `_find_headers` tries them in the order of HEADER_RULES (the
# most specific shape first) and the first that matches claims the header's
# lines. A new shape of header is a new rule here, with a fixture in
# tests/fixtures/shapes/.


@dataclass(frozen=True)
class _Scan:
    lines: tuple[Line, ...]
    first: int
    last: int
    claimed: set[int]
    table_heads: dict[int, int] = field(default_factory=dict)  # a table row's head line (rule id_table)


def _rule_id_avd(st: _Scan, i: int) -> _Header | None:
    """`TB2025-12 Avd. HOD: FHA Title`: IDs, departments and title on one
    line (cells split by tabs or spaces), departments and title may wrap."""
    m = _AVD_HEADER.match(st.lines[i].text)
    if not m:
        return None
    return _header_from_departments(st, i, i + 1, m.group("id"), m.group("rest"), "id_avd")


def _rule_id_then_avd(st: _Scan, i: int) -> _Header | None:
    """The ID alone on its line, then `Avd. HOD: KTA` on the next, then the
    title: a table row that the extraction printed one cell per line."""
    m = _ID_ALONE.match(st.lines[i].text)
    if not m:
        return None
    j = next_text(st.lines, i + 1, st.last)
    a = _AVD_ALONE.match(st.lines[j].text) if j is not None else None
    if not a:
        return None
    return _header_from_departments(st, i, j + 1, m.group("id"), a.group("rest"), "id_then_avd")


def _header_from_departments(st: _Scan, i: int, j: int, ids: str, after_avd: str, shape: str) -> _Header:
    """The header whose department codes (and maybe title) follow "Avd. HOD:",
    codes and title wrapping onto the lines from j."""
    codes, rest, wraps, remark = parse_departments(after_avd)
    codes, k, rest = wrapped_departments(st.lines, j, st.last, codes, rest, wraps)
    title, body = title_from(st.lines, k, st.last + 1, rest)
    return _Header(i, body, ids, title, tuple(codes), shape, department_remark=remark)


def _rule_id_block(st: _Scan, i: int) -> _Header | None:
    """`ID: TB2022-01` ... `Eieravdeling HOD: FHA Title`, the ID possibly
    broken over the lines above the owner line."""
    text = st.lines[i].text
    # The case-blind search cannot skip ahead to a literal: the letters it
    # needs first ("v", "d", "e", "l" fold to nothing else under re.I).
    e = _EIER.search(text) if "vdel" in text.lower() else None
    if not e or i in st.claimed or not _id_block_before(st.lines, i, st.first, st.claimed):
        return None
    start, _ = _lookback_start(st.lines, i, st.first, st.claimed)
    id_text = " ".join(st.lines[k].text.strip() for k in range(start, i))
    id_text = (id_text + " " + text[: e.start()]).strip()
    id_text = re.sub(r"^ID\s*[:\-–]?\s*", "", id_text).strip()
    codes, rest, wraps, _ = parse_departments(text[e.end():])
    codes, j, rest = wrapped_departments(st.lines, i + 1, st.last, codes, rest, wraps)
    title, body = title_from(st.lines, j, st.last + 1, rest)
    return _Header(start, body, id_text or None, title, tuple(codes), "id_block")


def _rule_id_title(st: _Scan, i: int) -> _Header | None:
    """`TTB2022-3 Title` at the start of a paragraph (departments in a later
    `Ansvarlig avdeling:` line). An ID that only continues a sentence is not."""
    text = st.lines[i].text
    p = _PLAIN_HEADER.match(text)
    if not p or i in st.claimed or _EIER.search(text):
        return None
    prev = _prev_text(st.lines, i, st.first)
    if prev is not None and _CONTINUES_SENTENCE.search(prev):
        return None
    title, body = title_from(st.lines, i + 1, st.last + 1, p.group("rest"))
    codes: list[str] = []
    d = _DEPT_IN_BRACKETS.search(title)
    if d:
        codes = parse_departments(d.group(1))[0]
        title = title[:d.start()] if codes else title
    return _Header(i, body, p.group("id"), title, tuple(codes), "id_title")


def _table_columns(lines: tuple[Line, ...], i: int, first: int,
                   heads: dict[int, int] | None = None) -> dict[str, int] | None:
    """The roles of the columns of the tab-separated table that line i is a
    row of, named by the table's head row above it; None when there is none.
    `heads` remembers each row's head line, so that a long table is walked
    up once, not once per row."""
    heads = {} if heads is None else heads
    k = i - 1
    while k >= first and "\t" in lines[k].text and find_ids(lines[k].text.split("\t", 1)[0]):
        if k in heads:  # the row above was read: same table, same head
            k = heads[k]
            break
        k -= 1  # the rows above, back to the head
    heads[i] = k
    if k < first or "\t" not in lines[k].text:
        return None
    roles: dict[str, int] = {}
    for n, cell in enumerate(lines[k].text.strip().split("\t")):
        role = next((r for r, rx in _COLUMN_ROLES if rx.search(cell.strip())), None)
        if role and role not in roles:
            roles[role] = n
    return roles if "id" in roles and "title" in roles else None


def _rule_id_table(st: _Scan, i: int) -> _Header | None:
    """A row of a table of assignments whose head names its columns (`ID`,
    `Oppdrag`/`Tittel`, `Avdeling`, `Frist`): each cell read by its column."""
    text = st.lines[i].text
    if "\t" not in text or i in st.claimed:
        return None
    cells = [c.strip() for c in text.strip().split("\t")]
    roles = _table_columns(st.lines, i, st.first, st.table_heads)
    if roles is None or roles["id"] >= len(cells) or not find_ids(cells[roles["id"]]):
        return None

    def cell(role: str) -> str:
        n = roles.get(role)
        return cells[n] if n is not None and n < len(cells) else ""

    codes = parse_departments(cell("departments"))[0] if cell("departments") else []
    lead = f"Frist: {cell('deadline')}" if cell("deadline") else ""
    return _Header(i, i + 1, cell("id"), cell("title"), tuple(codes), "id_table", body_lead=lead)


HEADER_RULES = (
    ("id_table", _rule_id_table),
    ("id_avd", _rule_id_avd),
    ("id_then_avd", _rule_id_then_avd),
    ("id_block", _rule_id_block),
    ("id_title", _rule_id_title),
)


def _find_headers(lines: tuple[Line, ...], first: int, last: int) -> list[_Header]:
    st = _Scan(lines, first, last, set())
    headers: list[_Header] = []
    i = first
    while i <= last:
        for _, rule in HEADER_RULES:  # the first rule that reads a header here
            header = rule(st, i)
            if header is not None:
                break
        if header is None:
            i += 1
            continue
        if not header.body_lead:
            header.title, header.body_lead = split_run_in_body(header.title)
        headers.append(header)
        st.claimed.update(range(header.index, header.body_start))
        i = max(header.body_start, i + 1)
    return headers



def _prev_text(lines: tuple[Line, ...], i: int, first: int) -> str | None:
    k = i - 1
    while k >= first and not lines[k].text.strip():
        return None  # a paragraph break: the header starts a paragraph
    return lines[k].text.rstrip() if k >= first else None


def _id_block_before(lines: tuple[Line, ...], i: int, first: int, claimed: set[int]) -> bool:
    """An "Eieravdeling HOD" line is an assignment header when an ID goes with
    it: on the line itself ("ID: TB2022-01 ..."), on an "ID:" line just above,
    or as bare fragments just above, as a flattened table prints them
    (" TB2019-" / "78/TTB2021-65")."""
    if _ID_START.match(lines[i].text) or _IDS_THEN_EIER.match(lines[i].text):
        return True
    start, t = _lookback_start(lines, i, first, claimed)
    if _ID_START.match(t):
        return True
    fragments = " ".join(lines[k].text.strip() for k in range(start, i))
    return start < i and bool(find_ids(join_broken(fragments)))


# An ID block ("ID:" and its fragments) runs at most four lines above its last.
ID_BLOCK_LINES = 4


def _lookback_start(lines: tuple[Line, ...], i: int, first: int, claimed: set[int]) -> tuple[int, str]:
    """Where the ID block ending on line i begins: an 'ID:' line or ID fragments."""
    if _ID_START.match(lines[i].text) or _IDS_THEN_EIER.match(lines[i].text):
        return i, lines[i].text
    k = i - 1
    start = i
    while k >= first and k >= i - ID_BLOCK_LINES and k not in claimed:
        t = lines[k].text
        if not t.strip():
            k -= 1
            continue
        if _ID_START.match(t):
            return k, t
        if _ID_FRAGMENT.match(t) and not _EIER.search(t):
            start = k
            k -= 1
            continue
        break
    return start, lines[start].text
