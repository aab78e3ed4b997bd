"""Numbered headings of an allocation letter, and the letter/supplement split.

A heading is a line shaped like "3.1.3. Oppdrag" or "2 Mål ..." whose number
progresses plausibly from the headings before it: a level-1 number follows
the previous level-1 number, a subsection's parent is the current section and
its own number follows its previous sibling (a repeat or one skipped number
is tolerated: one letter prints 3.5.2 twice, and has no 3.5.1). Numbered list
items ("1. God helse ...") fail that test, and a run of them that happens to
reach the next level-1 number is recognised as a run. Table-of-contents lines
(leaders or a tab before a page number) are never headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.model import Section
from generator.parsing.parse_limits import SUBSECTION_DEPTH
from generator.parsing.recognisers import HEADING_TITLE_MAX, HeadingCandidate, heading_candidate, is_toc_line
from generator.parsing.tokens.assignment_id import HEADING_START, PRINTED_ANY_LENGTH
from generator.parsing.blocks import BULLET
from generator.read.source_text import Line, join_wrapped
from generator.lexicon import BEFORE_A_NUMBER, SIGN_OFF_LINE, TITLE_WRAP_CONNECTIVES, words_alternation

_CONNECTOR_END = re.compile(rf"(?:\s(?:{words_alternation(TITLE_WRAP_CONNECTIVES)})|[-–,])$", re.I)
_ID_FIRST = re.compile(rf"^\W{{0,4}}{HEADING_START}")
_LIST_WINDOW = 12  # logical lines: items of one numbered list sit this close
# A letter's first chapter is numbered 1 to 3 (after unnumbered introductions).
FIRST_CHAPTER_MAX = 3
# Before any heading, a subsection 1.1 or 1.2 may open the letter (its chapter heading lost).
FIRST_SUBSECTION_MAX = 2
# A heading's title wraps onto at most three more lines, each shorter than a line of prose.
TITLE_WRAP_LINES = 3
TITLE_WRAP_LINE_MAX = 100
# A title of eight words or more that ends in a full stop is a sentence.
SENTENCE_TITLE_WORDS = 8
# A numbered line running on into the next past 150 characters is longer than any heading.
RUN_ON_MAX = 150


@dataclass(frozen=True)
class Part:
    """One letter in the file: the main letter or a supplementary letter."""

    label: str  # "hovedbrev" | "tillegg-1" | ...
    first: int  # index into lines
    last: int  # inclusive index


_SIGN_OFF = SIGN_OFF_LINE
_TTB_HEADER = re.compile(rf"^\s*(?=TTB){PRINTED_ANY_LENGTH}\s+\S")
_SUPPLEMENT_TITLE = re.compile(r"^\s*(?:Tillegg|Supplerende)\s+(?:nr\.?\s*\d+\s+)?(?:til\s+)?tildelingsbrev", re.I)


def split_parts(lines: tuple[Line, ...]) -> list[Part]:
    """The main letter, then each supplementary letter in file order.

    A letter ends with its sign-off ("Med hilsen"); what follows a sign-off
    is a new (supplementary) letter when it holds a TTB assignment header or
    a "Tillegg til tildelingsbrev" title, else it is the previous letter's
    signature and attachments.
    """
    cuts = [i for i, ln in enumerate(lines) if _SIGN_OFF.match(ln.text)]
    bounds = [0] + [c + 1 for c in cuts] + [len(lines)]
    chunks = [(bounds[k], bounds[k + 1] - 1) for k in range(len(bounds) - 1) if bounds[k] < bounds[k + 1]]
    parts: list[Part] = []
    for first, last in chunks:
        is_supplement = parts and any(
            _TTB_HEADER.match(lines[i].text) or _SUPPLEMENT_TITLE.match(lines[i].text)
            for i in range(first, last + 1)
        )
        if not parts:
            parts.append(Part("hovedbrev", first, last))
        elif is_supplement:
            parts.append(Part(f"tillegg-{len(parts)}", first, last))
        else:
            prev = parts[-1]
            parts[-1] = Part(prev.label, prev.first, last)
    if not parts:
        parts.append(Part("hovedbrev", 0, max(len(lines) - 1, 0)))
    return parts


@dataclass
class _HeadingScan:
    """What the section rules see while they read the numbered headings."""

    lines: tuple[Line, ...]
    stop: int
    headings: dict[int, int]  # a Markdown source's explicit headings: physical line -> level
    list_items: dict[int, str]  # its list items: physical line -> "ol" | "ol-one" (a list of one) | "ul"
    path: list[int] = field(default_factory=list)  # the current number, e.g. [3, 1, 3]
    # (index, number, accepted) of the last one-part candidate
    prev_single: tuple[int, int, bool] | None = None
    since_id: bool = False  # an assignment's ID started a line since the last section


# A deciding rule's verdict besides True (a heading), False (none) and None
# (no say): no heading, and the line does not count as a numbered line (no
# veto is asked, the next numbered line does not follow on from it).
NOT_COUNTED = "not_counted"


# A rule: (scan, index, candidate) -> True (a section), False (not one), NOT_COUNTED or None (no say).
def _rule_markdown_list_item(st: _HeadingScan, i: int, cand: HeadingCandidate) -> bool | str | None:
    """A Markdown list item is no heading ("1. God helse ..."), unless it is
    a numbered list of one item ("ol-one") that no item near it counts on
    with: an export that lost its headings' style wrote "1. Innledning" as a
    paragraph, which Markdown reads as a list; the numbering rules decide it."""
    lineno = st.lines[i].lineno
    if lineno not in st.list_items or lineno in st.headings:
        return None
    return None if st.list_items[lineno] == "ol-one" and _alone_in_list(st, i) else NOT_COUNTED


# A list's items stand within three logical lines of each other (an item's
# paragraph and the empty line between two items).
LIST_NEIGHBOURS = 3


def _alone_in_list(st: _HeadingScan, i: int) -> bool:
    """Whether no numbered list item within `LIST_NEIGHBOURS` lines of line i
    counts on with it ("3." before "4.", "2." after "1."; a bullet list, or
    a list counting "1. 2. 3." before a "2. Mål ..." heading, is another)."""
    own = _item_number(st.lines[i].text)
    for k in range(max(0, i - LIST_NEIGHBOURS), min(len(st.lines), i + LIST_NEIGHBOURS + 1)):
        if k == i or not st.list_items.get(st.lines[k].lineno, "").startswith("ol"):
            continue
        n = _item_number(st.lines[k].text)
        if own is None or n is None or n == own + (1 if k > i else -1):
            return False
    return True


_ITEM_NUMBER = re.compile(r"^\s*(\d{1,3})[.)]\s")


def _item_number(text: str) -> int | None:
    m = _ITEM_NUMBER.match(text)
    return int(m.group(1)) if m else None


def _rule_heading_inside_assignment(st: _HeadingScan, i: int, cand: HeadingCandidate) -> bool | None:
    """A numbered `#` heading after an assignment's ID and before any
    section, or one titled like an item ("#### 3. Pårørende:"), belongs to
    the assignment ("# **1. Ny indikator for behandling**" in TB2026-83);
    so does a numbered line set in bold or plain there, before any section
    (a supplementary letter, which numbers no section: "**2. Utarbeide
    utkast til veileder ...**" in TB2026-78)."""
    if not st.since_id:
        return None
    if not st.path:
        return False
    if st.lines[i].lineno not in st.headings:
        return None
    return False if len(cand.number) == 1 and cand.title.rstrip().endswith((":", ".")) else None


def _rule_explicit_numbered_heading(st: _HeadingScan, i: int, cand: HeadingCandidate) -> bool | None:
    """Any other numbered `#` heading is a section even past an accident of
    the numbering (a number skipped); its level comes from its number."""
    num, path = list(cand.number), st.path
    if (st.lines[i].lineno in st.headings and not _plausible(num, path) and not st.since_id and path
            and num[0] >= path[0] and len(num) <= len(path) + 1):
        return True
    return None


def _rule_numbered_heading(st: _HeadingScan, i: int, cand: HeadingCandidate) -> bool | None:
    """A numbered line is a heading when its number follows the numbering
    before it ("3.1.3. Oppdrag" after 3.1.2)."""
    return _plausible(list(cand.number), st.path)


def _veto_numbered_list_run(st: _HeadingScan, i: int, cand: HeadingCandidate) -> bool:
    """The next item of a numbered list ("2." after a "1." that was no heading)."""
    if len(cand.number) != 1 or st.prev_single is None:
        return False
    pi, pn, paccepted = st.prev_single
    return not paccepted and pn == cand.number[0] - 1 and i - pi <= _LIST_WINDOW


def _veto_first_number_too_high(st: _HeadingScan, i: int, cand: HeadingCandidate) -> bool:
    return len(cand.number) == 1 and not st.path and cand.number[0] > FIRST_CHAPTER_MAX


def _veto_inside_sentence(st: _HeadingScan, i: int, cand: HeadingCandidate) -> bool:
    return _inside_sentence(st.lines, i)  # "... jf. punkt" / "4.4 om frister ...": a number the wrap put first


def _veto_runs_on_as_prose(st: _HeadingScan, i: int, cand: HeadingCandidate) -> bool:
    return _runs_on_as_prose(st.lines, i, st.stop)  # a numbered paragraph hard-wrapped at the page width


def _gate_table_of_contents(st: _HeadingScan, i: int) -> bool:
    """A numbered line with a leader (dots, a tab) before its page number is
    an entry of the table of contents, never a heading; only a line that
    `recognisers.heading_candidate` refused is asked."""
    return is_toc_line(st.lines[i].text)


def _veto_sentence_title(title: str, cand: HeadingCandidate) -> bool:
    """A chapter heading whose title, read whole with its wrapped lines, is a
    sentence ("3. Helsedirektoratet skal ... fra 2022."): a list item."""
    return len(cand.number) == 1 and _is_sentence(title)


# The section rules, in order, each a function over the scan. A line that is
# no heading candidate (`recognisers.heading_candidate`) meets the gate rules,
# always (`table_of_contents`: the first that fires names why it is none);
# the first of the deciding rules with a say decides (True, False, or
# NOT_COUNTED: no heading and not counted as a numbered line); a heading so
# accepted is then dropped by the first veto that fires; the title rule
# last, on the title read whole with its wrapped lines.
GATE_RULES = (("table_of_contents", _gate_table_of_contents),)
DECIDING_RULES = (
    ("markdown_list_item", _rule_markdown_list_item),
    ("heading_inside_assignment", _rule_heading_inside_assignment),
    ("explicit_numbered_heading", _rule_explicit_numbered_heading),
    ("numbered_heading", _rule_numbered_heading),
)
VETO_RULES = (
    ("numbered_list_run", _veto_numbered_list_run),
    ("first_number_too_high", _veto_first_number_too_high),
    ("inside_sentence", _veto_inside_sentence),
    ("runs_on_as_prose", _veto_runs_on_as_prose),
)
TITLE_RULES = (("sentence_title", _veto_sentence_title),)
SECTION_RULES = GATE_RULES + DECIDING_RULES + VETO_RULES + TITLE_RULES


def find_sections(lines: tuple[Line, ...], limit: int | None = None, headings: dict[int, int] | None = None,
                  list_items: dict[int, str] | None = None, trace: list | None = None) -> list[tuple[int, Section]]:
    """Numbered headings among lines[:limit] as (index, Section) with end_line unset (0),
    by `SECTION_RULES`; `trace` (a list) gets (rule, line, number, accepted) per candidate.

    In a Markdown source (`headings`: the physical lines of its explicit
    headings, `list_items`: of its list items), a list item is never a
    section, a numbered heading inside an assignment is part of it, and any
    other explicit numbered heading is a section even past an accident of
    the numbering around it."""
    st = _HeadingScan(lines, len(lines) if limit is None else limit, headings or {}, list_items or {})
    found: list[tuple[int, Section]] = []
    for i in range(st.stop):
        ln = lines[i]
        if "TB" in ln.text and _ID_FIRST.match(ln.text):
            st.since_id = True
        cand = heading_candidate(ln.text)
        if cand is None:
            gate = next((name for name, g in GATE_RULES if g(st, i)), None)
            if gate and trace is not None:
                trace.append((gate, ln.lineno, "", False))
            continue
        rule, ok = next((name, verdict) for name, r in DECIDING_RULES if (verdict := r(st, i, cand)) is not None)
        if ok == NOT_COUNTED:
            if trace is not None:
                trace.append((rule, ln.lineno, ".".join(map(str, cand.number)), False))
            continue
        if ok:
            veto = next((name for name, v in VETO_RULES if v(st, i, cand)), None)
            rule, ok = (veto, False) if veto else (rule, True)
        if len(cand.number) == 1:
            st.prev_single = (i, cand.number[0], ok)
        title, last = _wrapped_title(cand.title, lines, i, st.stop) if ok else ("", i)
        if ok:
            veto = next((name for name, v in TITLE_RULES if v(title, cand)), None)
            rule, ok = (veto, False) if veto else (rule, True)
        if trace is not None:
            trace.append((rule, ln.lineno, ".".join(map(str, cand.number)), ok))
        if not ok:
            continue
        num = list(cand.number)
        st.path = num
        st.since_id = False
        title = re.sub(r"\s+", " ", title).strip().rstrip(":").strip()
        found.append((i, Section(".".join(map(str, num)), title, len(num), ln.lineno, 0,
                                 heading_end=lines[last].lineno)))
    return found


def _wrapped_title(title: str, lines: tuple[Line, ...], i: int, stop: int) -> tuple[str, int]:
    """A heading title wrapped onto the next line or two (lower-case start or
    a connective at the end, no break, no list item), hyphenation undone;
    and the index of the heading's last line."""
    j = i + 1
    while j < stop and j <= i + TITLE_WRAP_LINES and lines[j].text.strip() and (
        lines[j].text.strip()[:1].islower() or _CONNECTOR_END.search(title)
    ) and len(lines[j].text) < TITLE_WRAP_LINE_MAX and heading_candidate(lines[j].text) is None \
            and not BULLET.match(lines[j].text) and len(title) < HEADING_TITLE_MAX and not title.endswith(":"):
        title = join_wrapped([title, lines[j].text])
        j += 1
    return title, j - 1


def _is_sentence(title: str) -> bool:
    """Chapter headings are names, not sentences: a long title ending in a full
    stop is a numbered paragraph or list item. (Deeper headings may state a
    goal as a sentence: "3.6 Pasienter ... medvirker ... i utviklingen av
    tjenestene.")"""
    return title.endswith(".") and not title.endswith(("m.m.", "mv.", "etc.")) and len(title.split()) >= SENTENCE_TITLE_WORDS


_MID_SENTENCE_END = re.compile(rf"(?:\b(?:{words_alternation(BEFORE_A_NUMBER)})|[,(])\s*$", re.I)


def _inside_sentence(lines: tuple[Line, ...], i: int) -> bool:
    """The line before ends in the middle of a sentence that names a number
    ("som omtalt i punkt" / "4.4 om frister")."""
    prev = lines[i - 1].text.strip() if i > 0 else ""
    return bool(prev) and bool(_MID_SENTENCE_END.search(prev))


def _runs_on_as_prose(lines: tuple[Line, ...], i: int, stop: int) -> bool:
    """A numbered line whose text runs on, in lower case, into a line that
    makes it longer than any heading: a numbered paragraph, not a heading."""
    if i + 1 >= stop:
        return False
    here, nxt = lines[i].text.strip(), lines[i + 1].text.strip()
    if not nxt[:1].islower() or here.endswith((".", ":", "?", "!")):
        return False
    return len(here) + len(nxt) > RUN_ON_MAX


# The next heading's number may skip one (a section left out or not found): +1 or +2.
NUMBER_STEP_MAX = 2


def _plausible(num: list[int], path: list[int]) -> bool:
    if not path:
        return len(num) == 1 or (len(num) == SUBSECTION_DEPTH and num[0] == 1 and num[1] <= FIRST_SUBSECTION_MAX)
    depth = len(num)
    if depth == 1:
        return num[0] in (path[0] + 1, path[0] + NUMBER_STEP_MAX)
    if depth > len(path) + 1:
        return False
    parent = num[:-1]
    if parent != path[: depth - 1]:
        return False
    current = path[depth - 1] if len(path) >= depth else 0
    return current <= num[-1] <= current + NUMBER_STEP_MAX and num[-1] >= 1


def section_at(sections: list[Section], lineno: int) -> str:
    """The number of the innermost numbered section holding a physical line."""
    number = ""
    for s in sections:
        if s.line <= lineno:
            number = s.number
        else:
            break
    return number
