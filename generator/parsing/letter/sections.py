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
from dataclasses import dataclass

from generator.model import Section
from generator.parsing.recognisers import heading_candidate
from generator.parsing.tokens.assignment_id import PRINTED
from generator.parsing.blocks import BULLET
from generator.read.source_text import Line, join_wrapped
from generator.lexicon import SIGN_OFF_LINE

_CONNECTOR_END = re.compile(r"(?:\s(?:og|av|i|for|til|mellom|med|om|på|ved|mot|fra|innen|samt)|[-–,])$", re.I)
_ID_FIRST = re.compile(r"^\W{0,4}R?T?TB\s?\d{4}\s?-\s?\d")
_LIST_WINDOW = 12  # logical lines: items of one numbered list sit this close


@dataclass(frozen=True)
class Part:
    """One letter in the file: the main letter or a supplementary letter."""

    label: str  # "hovedbrev" | "tillegg-1" | ...
    first: int  # index into lines
    last: int  # inclusive index


_SIGN_OFF = SIGN_OFF_LINE
_TTB_HEADER = re.compile(rf"^\s*(?=TTB){PRINTED}\d*\s+\S")
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


def find_sections(lines: tuple[Line, ...], limit: int | None = None, headings: dict[int, int] | None = None,
                  list_items: dict[int, str] | None = None) -> list[tuple[int, Section]]:
    """Numbered headings among lines[:limit] as (index, Section) with end_line unset (0).

    In a Markdown source (`headings`: the physical lines of its explicit
    headings, `list_items`: of its list items), a list item is never a
    section ("1. God helse ..."), and a numbered heading after an
    assignment's ID, before any section, is a part of that assignment
    ("# **1. Ny indikator for behandling**" in a supplementary letter, or
    one whose title ends like an item's, "#### 3. Pårørende:"), while any
    other explicit numbered heading is a section even past an accident of
    the numbering around it (a number skipped)."""
    stop = len(lines) if limit is None else limit
    headings = headings or {}
    list_items = list_items or {}
    found: list[tuple[int, Section]] = []
    path: list[int] = []  # current number, e.g. [3, 1, 3]
    prev_single: tuple[int, int, bool] | None = None  # (index, number, accepted) of last 1-part candidate
    since_id = False  # an assignment's ID started a line since the last section
    for i in range(stop):
        ln = lines[i]
        if "TB" in ln.text and _ID_FIRST.match(ln.text):
            since_id = True
        cand = heading_candidate(ln.text)
        if cand is None:
            continue
        if ln.lineno in list_items and ln.lineno not in headings:
            continue  # rule markdown_list_item
        num = list(cand.number)
        ok = _plausible(num, path)
        explicit = ln.lineno in headings
        if explicit and since_id and (not path or (len(num) == 1 and cand.title.rstrip().endswith((":", ".")))):
            ok = False  # rule heading_inside_assignment: "# **1. Ny indikator ...**", "#### 3. Pårørende:"
        elif explicit and not ok and not since_id and path and num[0] >= path[0] and len(num) <= len(path) + 1:
            ok = True  # rule explicit_numbered_heading: a `#` heading past an accident of the numbering
        if ok and len(num) == 1 and prev_single is not None:
            pi, pn, paccepted = prev_single
            if not paccepted and pn == num[0] - 1 and i - pi <= _LIST_WINDOW:
                ok = False  # the next item of a numbered list, not a heading
        if ok and len(num) == 1 and not path and num[0] > 3:
            ok = False
        if ok and _inside_sentence(lines, i):
            ok = False  # "... jf. punkt" / "4.4 om frister ...": a number the wrap put first
        if ok and _runs_on_as_prose(lines, i, stop):
            ok = False  # a numbered paragraph hard-wrapped at the page width
        if len(num) == 1:
            prev_single = (i, num[0], ok)
        if not ok:
            continue
        title, last = _wrapped_title(cand.title, lines, i, stop)
        if len(num) == 1 and _is_sentence(title):
            continue  # "3. Helsedirektoratet skal ... fra 2022.": a numbered list item
        path = num
        since_id = False
        title = re.sub(r"\s+", " ", title).strip().rstrip(":").strip()
        number = ".".join(map(str, num))
        found.append((i, Section(number, title, len(num), ln.lineno, 0, heading_end=lines[last].lineno)))
    return found


def _wrapped_title(title: str, lines: tuple[Line, ...], i: int, stop: int) -> tuple[str, int]:
    """A heading title wrapped onto the next line or two (lower-case start or
    a connective at the end, no break, no list item), hyphenation undone;
    and the index of the heading's last line."""
    j = i + 1
    while j < stop and j <= i + 3 and lines[j].text.strip() and (
        lines[j].text.strip()[:1].islower() or _CONNECTOR_END.search(title)
    ) and len(lines[j].text) < 100 and heading_candidate(lines[j].text) is None \
            and not BULLET.match(lines[j].text) and len(title) < 200 and not title.endswith(":"):
        title = join_wrapped([title, lines[j].text])
        j += 1
    return title, j - 1


def _is_sentence(title: str) -> bool:
    """Chapter headings are names, not sentences: a long title ending in a full
    stop is a numbered paragraph or list item. (Deeper headings may state a
    goal as a sentence: "3.6 Pasienter ... medvirker ... i utviklingen av
    tjenestene.")"""
    return title.endswith(".") and not title.endswith(("m.m.", "mv.", "etc.")) and len(title.split()) >= 8


_MID_SENTENCE_END = re.compile(
    r"(?:\b(?:punkt|pkt\.|kap\.|kapittel|avsnitt|jf\.|jfr\.|se|i|og|under|til|av|nr\.)|[,(])\s*$", re.I)


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
    return len(here) + len(nxt) > 150


def _plausible(num: list[int], path: list[int]) -> bool:
    if not path:
        return len(num) == 1 or (len(num) == 2 and num[0] == 1 and num[1] <= 2)
    depth = len(num)
    if depth == 1:
        return num[0] in (path[0] + 1, path[0] + 2)
    if depth > len(path) + 1:
        return False
    parent = num[:-1]
    if parent != path[: depth - 1]:
        return False
    current = path[depth - 1] if len(path) >= depth else 0
    return current <= num[-1] <= current + 2 and num[-1] >= 1


def section_at(sections: list[Section], lineno: int) -> str:
    """The number of the innermost numbered section holding a physical line."""
    number = ""
    for s in sections:
        if s.line <= lineno:
            number = s.number
        else:
            break
    return number
