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
tests/fixtures/shapes/.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.parsing.blocks import BULLET
from generator.parsing.recognisers import heading_candidate
from generator.parsing.tokens.assignment_id import PREFIX, PRINTED, STARTS_ID, find_ids
from generator.read.source_text import Line, join_wrapped

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
_ID_FRAGMENT = re.compile(rf"^\s*(?:{PREFIX}[\w\-–/. ]*|\d{{1,3}}(?:\.\d+)?(?:/T?TB[\w\-–. ]*)?)\s*$")
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
    r"(?:\b(?:jf|jfr|se|og|i|til|av|om|med|nr|oppdrag|oppdraget|oppdragene|ref|under|fra|viser|eller|samt)\.?|\bID\s*:|[,(\-–])\s*$", re.I
)
_TITLE_JOIN_END = re.compile(r"(?:\s(?:og|av|i|for|til|mellom|med|om|på|ved|mot|fra|innen|samt|NOU)|[-–,/])$")
# An acronym's hyphen that an extraction parted from its word: "IPS- samarbeidet".
_PARTED_HYPHEN = re.compile(r"\b([A-ZÆØÅ]{2,})- (?!og\b|eller\b)(?=[a-zæøå])")
_TITLE_TAIL = re.compile(r"^(?:[\d(]|[A-ZÆØÅ]{2,}\b|[A-ZÆØÅ][a-zæøå]+\s+[A-ZÆØÅ][a-zæøå]+\b(?!.*\.$))")
# A title cell's next line printed under its column, deep in the page, after a
# tab-separated header row (a layout copy whose column gaps were made tabs).
_UNDER_ITS_COLUMN = re.compile(r"^ {12,}\S(?:\S| (?=\S))*$")
_CELL_ENDS_AT_ID = STARTS_ID
# A title is a name: 150 characters hold the longest the letters print; a
# longer "title" runs on into the body's first sentence.
TITLE_MAX = 150
# A title wraps over at most four more lines of its cell or paragraph.
TITLE_WRAP_LINES = 4
# A header's next cell, printed on a line of its own, stands at most three
# lines on (empty lines between, where the extraction spaced its cells).
CELL_WITHIN_LINES = 3
# A header's departments, or a title that stops on a connective, go on
# after at most one empty line: a wider gap starts the body.
WRAP_WITHIN_LINES = 2
# A line over 120 characters with a sentence break is a paragraph (another
# extraction's unwrapped body), not a title's tail; "(...)" under 30 is one.
PARAGRAPH_LINE = 120
BRACKETED_TAIL_MAX = 30
# A title's cell in a narrow column: at most three more lines, each short.
CELL_LINES_MAX = 3
CELL_LINE_MAX = 45
# The body's first sentence starts after the title's first ten characters.
BODY_START_MIN = 10
_FRIST = re.compile(r"^\s*(?:[•\-–]\s*)?(?:Ny\s+)?[Ff]rist(?:er)?\b\s*(?P<rest>.*)$")
_INNEN = re.compile(r"\b(?:innen|senest|frist)\b", re.I)


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


# (?<!\s): a separator starts at the first space of its run, so that a search
# never rescans one run of spaces from every position in it (linear time).
_DEPT_SEP = re.compile(r"(?<!\s)\s*(?:[/,;&]|\bog\b)\s*")
_DEPT_CODE = re.compile(r"([A-ZÆØÅ]{2,5})(?=$|[\s/,;&(])")


def parse_departments(text: str) -> tuple[list[str], str, bool, str]:
    """'KTA/SHA/ FHA Title' -> (['KTA','SHA','FHA'], 'Title', wraps, remark).

    Codes are upper-case words joined by '/', ',', '&' or 'og'; the first code
    is taken even when a title follows after a space. In a tab-separated row
    the department cell ends at the tab, and a remark in it ("SHA og KTA
    (pkt. 1)") is returned as `remark`, not taken into the title. `wraps` is
    True when the text ends with a separator (the codes go on on the next line)."""
    s = text.strip()
    cell, tail = (s.split("\t", 1) + [""])[:2] if "\t" in s else (s, None)
    cell = _DEPT_SEP.sub("", cell, count=1) if _DEPT_SEP.match(cell) and cell[:1] in "/,;&o" else cell
    codes: list[str] = []
    pos = prev_end = 0
    while True:
        m = _DEPT_CODE.match(cell, pos)
        if not m or (codes and not _DEPT_SEP.fullmatch(cell[prev_end:pos])):
            break
        codes.append(m.group(1))
        pos = prev_end = m.end()
        sep = _DEPT_SEP.match(cell, pos)
        if not sep or sep.end() == pos or (sep.end() < len(cell) and not _DEPT_CODE.match(cell, sep.end())):
            break
        pos = sep.end()
    rest = cell[pos:].strip()
    if codes:
        rest = rest.lstrip(",;/&").strip()  # "KTA,  Opptrappingsplan ...": a stray separator
    wraps = bool(codes) and bool(re.search(r"(?:[/,;&]|\bog)\s*$", cell)) and not rest
    remark = ""
    if tail is not None:
        remark, rest = rest, tail.strip()
    return codes, rest, wraps, remark


def _wrapped_departments(lines, j: int, last: int, codes: list, rest: str,
                         wraps: bool) -> tuple[list, int, str]:
    """Department codes continued on the lines after a header ("FHA/KTA/" +
    "SHA", "DIG" + "og KTA"): (codes, index after them, the title's start)."""
    while j <= last and (wraps or not rest):
        k = _next_text(lines, j, last, within=WRAP_WITHIN_LINES)
        if k is not None and wraps and not _dept_only(lines[k].text):
            # "Avd. HOD: KTA," / "SHA, FHA, DIG Opptrappingsplan ...": the codes go on
            # and the title follows them on that line.
            more, rest_here, _, _ = parse_departments(lines[k].text)
            if more:
                return codes + more, k + 1, rest_here
            break
        if k is None or not _dept_only(lines[k].text):
            break
        if k > j and not re.match(r"\s*(?:og|[/,;&])", lines[k].text) and not wraps:
            break  # past an empty line only a line that starts with "og"/"/" goes on with the codes
        more, _, wraps, _ = parse_departments(lines[k].text)
        codes = codes + more
        j = k + 1
        if not wraps:
            break
    return codes, j, rest


def _dept_only(text: str) -> bool:
    return bool(re.fullmatch(
        r"\s*(?:(?:og|[/,;&])\s*)?[A-ZÆØÅ]{2,5}(?:\s*(?:[/,;&]|og)\s*[A-ZÆØÅ]{2,5})*\s*(?:[/,;&]|og)?\s*", text))


# Where an assignment's body starts when an export ran title and body into one
# paragraph: the directorate (or ministry) as subject of a sentence.
_BODY_START = re.compile(
    r"\s(?=(?:Helsedirektoratet|Direktoratet|Departementet|HOD|Hdir)\s+(?:skal|bes|gis|må|har|vil|ber|viser)\b)")


def split_run_in_body(title: str) -> tuple[str, str]:
    """(title, body lead) of a header paragraph longer than any title, cut
    where the body's first sentence starts; ("title", "") when it is not one."""
    if len(title) <= TITLE_MAX:
        return title, ""
    m = _BODY_START.search(title, BODY_START_MIN)
    if not m:
        return title, ""
    return title[:m.start()].rstrip(" .:"), title[m.end():]


# A header's title starts after at most two empty lines.
TITLE_GAP_LINES = 2


def _title_from(lines: tuple[Line, ...], i: int, stop: int, first: str) -> tuple[str, int]:
    """The title starting with `first` (may be empty) on line i-1; continuation
    lines from i. Returns (title, index of the first body line)."""
    title = first.strip()
    j = i
    if not title:
        while j < stop and not lines[j].text.strip() and j < i + TITLE_GAP_LINES:
            j += 1
        if j < stop:
            title = lines[j].text.strip()
            j += 1
    taken = 0
    while j < stop and taken < TITLE_WRAP_LINES:
        nxt = lines[j].text.strip()
        if not nxt and _TITLE_JOIN_END.search(title):
            # "Permanente beredskapsordninger for" / "" / "helsepersonell": a title
            # that stops on a connective goes on past an empty line.
            k = _next_text(lines, j, stop - 1, within=WRAP_WITHIN_LINES)
            if k is not None and lines[k].text.strip()[:1].islower():
                j = k
                nxt = lines[j].text.strip()
        if not nxt or _FRIST.match(nxt) or BULLET.match(lines[j].text):
            break
        if len(nxt) > PARAGRAPH_LINE and re.search(r"[.:]\s+\S", nxt):
            # A whole paragraph on one line (another extraction): body, not a title's tail.
            break
        if (nxt[:1].islower() or _TITLE_JOIN_END.search(title) or (nxt[:1] == "(" and len(nxt) < BRACKETED_TAIL_MAX)
                or _rest_of_title_cell(lines, j, stop) or _UNDER_ITS_COLUMN.match(lines[j].text)):
            # "(2021–2024)", "(NNR) 2022" on the next line finish the title too
            title = join_wrapped([title, nxt])
            j += 1
            taken += 1
            continue
        break
    return _PARTED_HYPHEN.sub(r"\1-", re.sub(r"\s+", " ", title)).strip(), j


def _rest_of_title_cell(lines: tuple[Line, ...], j: int, stop: int) -> bool:
    """Whether lines j.. are the rest of a title wrapped in its narrow table
    cell: at most three short lines, ended by an empty line or the next
    header's ID, never by more text, and starting the way a title's tail
    does (a year, a parenthesis, an acronym, Title Case words), not the way
    a sentence, a sub-heading ("Bakgrunn") or a numbered heading ("2.2
    Helse- og omsorgstjenester", after a page break took the empty line) does."""
    k = j
    while k < stop and lines[k].text.strip() and not _CELL_ENDS_AT_ID.match(lines[k].text):
        if k - j >= CELL_LINES_MAX or len(lines[k].text.strip()) > CELL_LINE_MAX:
            return False
        k += 1
    first = lines[j].text.strip()
    return k > j and _TITLE_TAIL.match(first) is not None and heading_candidate(first) is None
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
    j = _next_text(st.lines, i + 1, st.last)
    a = _AVD_ALONE.match(st.lines[j].text) if j is not None else None
    if not a:
        return None
    return _header_from_departments(st, i, j + 1, m.group("id"), a.group("rest"), "id_then_avd")


def _header_from_departments(st: _Scan, i: int, j: int, ids: str, after_avd: str, shape: str) -> _Header:
    """The header whose department codes (and maybe title) follow "Avd. HOD:",
    codes and title wrapping onto the lines from j."""
    codes, rest, wraps, remark = parse_departments(after_avd)
    codes, k, rest = _wrapped_departments(st.lines, j, st.last, codes, rest, wraps)
    title, body = _title_from(st.lines, k, st.last + 1, rest)
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
    codes, j, rest = _wrapped_departments(st.lines, i + 1, st.last, codes, rest, wraps)
    title, body = _title_from(st.lines, j, st.last + 1, rest)
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
    title, body = _title_from(st.lines, i + 1, st.last + 1, p.group("rest"))
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


def _next_text(lines: tuple[Line, ...], i: int, last: int, within: int = CELL_WITHIN_LINES) -> int | None:
    """Index of the next non-empty line within a few lines, else None."""
    for k in range(i, min(last, i + within) + 1):
        if lines[k].text.strip():
            return k
    return None


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
    return start < i and bool(find_ids(re.sub(r"-\s+(?=\d)", "-", fragments)))


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
