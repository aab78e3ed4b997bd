"""The fields of an assignment header after its ID: the owning departments
("KTA/SHA/ FHA", wrapping onto the next lines) and the title (wrapping in its
paragraph or narrow table cell, cut where a run-in body starts). Read by the
header rules of `headers.py`."""
from __future__ import annotations

import re

from generator.lexicon import AND, TITLE_WRAP_CONNECTIVES, words_alternation
from generator.parsing.blocks import BULLET
from generator.parsing.recognisers import heading_candidate
from generator.parsing.tokens.assignment_id import STARTS_ID
from generator.read.source_text import Line, join_wrapped

_TITLE_JOIN_END = re.compile(rf"(?:\s(?:{words_alternation(TITLE_WRAP_CONNECTIVES)}|NOU)|[-–,/])$")
# Department codes go on after a separator or "og" at a cell's end ("FHA/KTA og"),
# or on a line that starts with one ("og KTA").
_ENDS_JOINED = re.compile(rf"(?:[/,;&]|\b(?:{words_alternation(AND)}))\s*$")
# (?<!\s): read with match from a line's start; a search (or findall) would otherwise
# start again at every space of a run (quadratic, tests/slow/test_regex_linear.py).
_STARTS_JOINED = re.compile(rf"(?<!\s)\s*(?:{words_alternation(AND)}|[/,;&])")
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


# (?<!\s): a separator starts at the first space of its run, so that a search
# never rescans one run of spaces from every position in it (linear time).
_DEPT_SEP = re.compile(r"(?<!\s)\s*(?:[/,;&]|\b(?:" + words_alternation(AND) + r")\b)\s*")
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
    wraps = bool(codes) and bool(_ENDS_JOINED.search(cell)) and not rest
    remark = ""
    if tail is not None:
        remark, rest = rest, tail.strip()
    return codes, rest, wraps, remark


def wrapped_departments(lines, j: int, last: int, codes: list, rest: str,
                         wraps: bool) -> tuple[list, int, str]:
    """Department codes continued on the lines after a header ("FHA/KTA/" +
    "SHA", "DIG" + "og KTA"): (codes, index after them, the title's start)."""
    while j <= last and (wraps or not rest):
        k = next_text(lines, j, last, within=WRAP_WITHIN_LINES)
        if k is not None and wraps and not _dept_only(lines[k].text):
            # "Avd. HOD: KTA," / "SHA, FHA, DIG Opptrappingsplan ...": the codes go on
            # and the title follows them on that line.
            more, rest_here, _, _ = parse_departments(lines[k].text)
            if more:
                return codes + more, k + 1, rest_here
            break
        if k is None or not _dept_only(lines[k].text):
            break
        if k > j and not _STARTS_JOINED.match(lines[k].text) and not wraps:
            break  # past an empty line only a line that starts with "og"/"/" goes on with the codes
        more, _, wraps, _ = parse_departments(lines[k].text)
        codes = codes + more
        j = k + 1
        if not wraps:
            break
    return codes, j, rest


# A line of department codes only ("FHA/KTA og" / "og SHA"), joined by a separator or "og".
_AND_WORD = words_alternation(AND)
# (?<!\s): read with fullmatch; a findall would start again at every space of a run (quadratic).
_DEPT_ONLY = re.compile(r"(?<!\s)\s*(?:(?:" + _AND_WORD + r"|[/,;&])\s*)?[A-ZÆØÅ]{2,5}(?:\s*(?:[/,;&]|" + _AND_WORD
                        + r")\s*[A-ZÆØÅ]{2,5})*\s*(?:[/,;&]|" + _AND_WORD + r")?\s*")


def _dept_only(text: str) -> bool:
    return bool(_DEPT_ONLY.fullmatch(text))


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


def title_from(lines: tuple[Line, ...], i: int, stop: int, first: str) -> tuple[str, int]:
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
            k = next_text(lines, j, stop - 1, within=WRAP_WITHIN_LINES)
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


def next_text(lines: tuple[Line, ...], i: int, last: int, within: int = CELL_WITHIN_LINES) -> int | None:
    """Index of the next non-empty line within a few lines, else None."""
    for k in range(i, min(last, i + within) + 1):
        if lines[k].text.strip():
            return k
    return None
