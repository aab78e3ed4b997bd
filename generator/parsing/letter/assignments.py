"""Assignments (oppdrag) of an allocation letter, from their headers to their last line.

Headers are found by the rules of `headers.py`; in a letter that numbers
none of its assignments, the bullet items under an "Oppdrag"/"Spesielle
oppdrag" heading (2018 letter) are assignments, with synthesized stable IDs
``TB<year>-U<section>-<n>``.

An assignment runs from its header to the line before the next header, the
next numbered heading, a "Tidligere gitte oppdrag" marker or the end of its
letter.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.diagnostics import Diagnostics
from generator.model import Assignment, Deadline, Reference, Section, assignment_reference, kap_reference
from generator.parsing.blocks import BULLET, lines_to_blocks
from generator.parsing.due_dates import deadlines_and_skipped
from generator.parsing.recognisers import heading_candidate
from generator.parsing.tokens.assignment_id import LOOSE_RE, PRINTED, find_ids, id_year, synthesized_id
from generator.parsing.tokens.kap_post import find_kap_refs
from generator.parsing.letter.sections import Part, section_at
from generator.read.source_text import Line, SourceText, join_wrapped

from generator.parsing.letter.header_fields import parse_departments
from generator.parsing.letter.headers import _Header, _find_headers
from generator.lexicon import NAME_WRAP_CONNECTIVES, SIGN_OFF, words_alternation

_CARRIED_MARKER = re.compile(r"^\s*Tidligere\s+gitte\s+oppdrag", re.I)
# "Ansvarlig avdeling i HOD: SHA" on its own line, or after the deadline on
# the same line ("Frist: 1.5.2026 Ansvarlig avdeling i HOD: SHA").
_DEPT_LINE = re.compile(r"(?:^|(?<=\s))(?:Ansvarlig|Eier)\s*avdeling(?:\s*i\s*HOD|\s*HOD)?\s*:\s*(?P<d>[A-ZÆØÅ].*)$", re.I)
_ORDERED_ITEM = re.compile(r"^\d{1,2}[.)]\s+\S")
# A title made from a paragraph's first sentence is cut between words at 140
# characters: a page title and an index row, not the paragraph.
SHORT_TITLE_MAX = 140
_OPPDRAG_HEADING = re.compile(r"\boppdrag\b", re.I)

def _paragraphs(blocks) -> list[str]:
    """The sentences' carriers of a text: paragraphs, list items, table cells."""
    out: list[str] = []
    for b in blocks:
        if b.text:
            out.append(b.text)
        out.extend(b.items)
        out.extend(" ".join(row) for row in b.rows)
    return out


def _first_deadline(deadlines: tuple[Deadline, ...]) -> tuple[str | None, str | None, bool]:
    """The contract's single deadline: the first printed date, else the first
    period ("utgangen av året", approximate); an assignment whose deadline is
    agreed later has no date and says so in its text."""
    if not deadlines:
        return None, None, False
    # A printed date is what a reader quotes; a period only when no date is given.
    first = next((d for d in deadlines if d.date and not d.approximate), deadlines[0])
    return first.date, first.text, first.approximate


def _references(body: list[Line], own: set[str]) -> tuple[Reference, ...]:
    refs: list[Reference] = []
    seen: set[tuple[str, str, int]] = set()
    texts = [(ln.lineno, ln.text) for ln in body]
    # Join each line with the next so that references broken by the wrap are found
    # ("kap.\n732, post 77", "kapittel 2751\nog 2752"), on the line where they start.
    for k, (lineno, t) in enumerate(texts):
        nxt = texts[k + 1][1] if k + 1 < len(texts) else ""
        window = f"{t} {nxt}"
        for f in find_ids(window):
            if f.start >= len(t) or f.canonical in own:
                continue
            key = ("assignment", f.canonical, lineno)
            if key not in seen:
                seen.add(key)
                refs.append(assignment_reference(f.canonical, f.printed.replace("\n", " "), lineno))
        for kp in find_kap_refs(window):
            if kp.start >= len(t):
                continue
            key = ("kap", kp.target, lineno)
            if key not in seen:
                seen.add(key)
                refs.append(kap_reference(kp.kap, kp.post, kp.text, lineno))
    # Decisions come from the letter's one pass over its text (letter_meta.find_vedtak_refs),
    # added in parse_letter; "se eget oppdrag" names no ID and stays text.
    return tuple(refs)


def _short_title(text: str) -> str:
    first = re.split(r"(?<=[a-zæøå0-9)»])\.\s+(?=[A-ZÆØÅ])", text, maxsplit=1)[0].strip()
    if len(first) > SHORT_TITLE_MAX:
        cut = first[:SHORT_TITLE_MAX].rsplit(" ", 1)[0]
        first = cut + " …"
    return first


_LETTER_STOP = re.compile(
    rf"^\s*(?:{SIGN_OFF}|Budsjettendringer|Endringer\s+i\s+(?:frister|tildeling\w*)"
    r"|Endrede\s+frister|Kopi\s+til:?"
    # a supplementary letter's own headings between its assignments
    r"|Nye\s+(?:oppdrag|tildelinger)(?:\s+eller\s+presisering\s+av\s+tidligere\s+oppdrag)?:?"
    r"|Presisering\s+av\s+tidligere\s+oppdrag:?|Andre\s+føringer:?)\s*$", re.I)


@dataclass(frozen=True)
class PartScan:
    """What a rule over a whole part of a letter reads: the text, the part, its sections."""
    text: SourceText
    part: Part
    sections: list[Section]
    section_idx: list[int]
    year: int


def _rule_bullet(ps: PartScan, headers: list[_Header]) -> list[_Header]:
    """Rule bullet: in a part that numbers none of its assignments, the
    top-level bullets under an "Oppdrag" heading (synthesized IDs)."""
    return _bullet_headers(ps.text.lines, ps.part, ps.sections, ps.section_idx, headers, ps.text.list_items)


def _rule_id_list_item(ps: PartScan, headers: list[_Header]) -> list[_Header]:
    return _list_item_headers(ps.text, ps.part, headers, ps.year)


# The rules over a whole part, tried in this order after the line rules
# (headers.HEADER_RULES): each reads what the rules before it left and returns
# the headers it finds. A new shape that a line cannot show is a rule here,
# with a fixture pair in tests/fixtures/<rule>/.
PART_RULES = (
    ("bullet", _rule_bullet),
    ("id_list_item", _rule_id_list_item),
)


def assignment_headers(ps: PartScan) -> list[_Header]:
    """Every assignment header of a part of a letter, in line order: the line
    rules at every line, then the part rules."""
    headers = _find_headers(ps.text.lines, ps.part.first, ps.part.last)
    for _, rule in PART_RULES:
        headers += rule(ps, headers)
    return sorted(headers, key=lambda h: h.index)


def parse_assignments(
    text: SourceText, parts: list[Part], sections: list[Section], section_idx: list[int],
    year: int, diags: Diagnostics,
) -> list[Assignment]:
    lines = text.lines
    out: list[Assignment] = []
    heading_lines = set(section_idx)
    for part in parts:
        headers = assignment_headers(PartScan(text, part, sections, section_idx, year))
        carried_from: set[int] = {i for i in range(part.first, part.last + 1) if _CARRIED_MARKER.match(lines[i].text)}
        # Where a letter's own structure resumes after an assignment: its closing
        # ("Med hilsen"), or the unnumbered headings of a supplementary letter's
        # other business ("Endringer i frister", "Budsjettendringer").
        letter_stops = {i for i in range(part.first, part.last + 1) if _LETTER_STOP.match(lines[i].text)}
        stops = sorted(heading_lines | carried_from | letter_stops | {h.index for h in headers} | {part.last + 1})
        synth_counter: dict[str, int] = {}
        for h in headers:
            end = next((s for s in stops if s > h.index and s >= h.body_start), part.last + 1) - 1
            if h.item_end is not None:
                end = h.item_end
            while end > h.body_start and not lines[end].text.strip():
                end -= 1
            body = list(lines[h.body_start: end + 1])
            lineno = lines[h.index].lineno
            if h.body_lead:
                body.insert(0, Line(h.body_lead, lines[h.body_start - 1].lineno))
            section = section_at(sections, lineno) if part.label == "hovedbrev" else part.label
            in_carried = any(c < h.index and not any(c < s <= h.index for s in heading_lines) for c in carried_from)
            departments = list(h.departments)
            if not departments:
                for ln in body:
                    dm = _DEPT_LINE.search(ln.text) if "vdeling" in ln.text else None
                    if dm:
                        departments = parse_departments(dm.group("d"))[0]
                        break
            blocks = lines_to_blocks(body if not h.text_in_header else [Line(
                BULLET.sub("", lines[h.index].text, count=1), lines[h.index].lineno)] + body)
            deadlines, skipped = deadlines_and_skipped(_paragraphs(blocks), year)
            deadline, deadline_text, approximate = _first_deadline(deadlines)
            entries = _header_ids(h, section, year, synth_counter, Place(text.file, lineno), diags)
            for s in skipped:
                diags.warn(text.file, lineno, "deadline-skipped",
                           f"{entries[0][0] if entries else 'assignment'}: '{s.text}' is {s.reason}; not listed as a deadline")
            own = {c for c, _ in entries}
            refs = _references(body if not h.text_in_header else list(lines[h.index: end + 1]), own)
            for canonical, printed in entries:
                y = id_year(canonical) if printed else None
                carried = in_carried or (y is not None and y < year)
                aliases = tuple(c for c, _ in entries if c != canonical)
                out.append(Assignment(
                    id=canonical, printed_id=printed, title=h.title, departments=tuple(departments),
                    deadline=deadline, deadline_text=deadline_text, section=section,
                    letter=part.label, status="carried_over" if carried else "new",
                    line=lineno, end_line=lines[end].lineno if end >= h.index else lineno,
                    header_end=lines[max(h.index, min(h.body_start, len(lines)) - 1)].lineno,
                    body=blocks, references=refs, aliases=aliases, page=text.page_of(lineno),
                    deadlines=deadlines, deadline_approximate=approximate,
                    department_remark=h.department_remark,
                ))
    return _number_reprints(out, text.file, diags)


@dataclass(frozen=True)
class Place:
    file: str
    line: int


def _header_ids(h: _Header, section: str, year: int, synth_counter: dict[str, int], at: Place,
                diags: Diagnostics) -> list[tuple[str, str | None]]:
    """(canonical ID, ID as printed) for each ID a header names; a header
    without a usable ID gets a stable synthesized one, TB<year>-U<section>-<n>."""
    found = find_ids(h.printed or "") if h.prints_id else []
    printed_clean = re.sub(r"\s+", " ", h.printed).strip() if h.printed else None
    entries: list[tuple[str, str | None]] = []
    if found:
        for f in found:
            p = re.sub(r"\s+", " ", f.printed).strip()
            if f.repaired and re.sub(r"[\s]+", "", f.printed) != f.canonical:
                diags.warn(at.file, at.line, "id-repaired", f"assignment ID printed as {p!r}, read as {f.canonical}")
            entries.append((f.canonical, p))
        leftover = LOOSE_RE.sub("", h.printed or "").strip(" /,-–")
        if leftover and not re.fullmatch(r"[\s/,;]*", leftover):
            diags.warn(at.file, at.line, "id-repaired", f"text {leftover!r} next to the assignment ID ignored")
        return entries
    key = section or "0"
    synth_counter[key] = synth_counter.get(key, 0) + 1
    sid = synthesized_id(year, key, synth_counter[key])
    if h.prints_id:
        diags.warn(at.file, at.line, "bad-id",
                   f"assignment ID {printed_clean or '(none)'!r} is not a valid ID; using {sid}")
    return [(sid, printed_clean if h.prints_id else None)]


def _number_reprints(assignments: list[Assignment], file: str, diags: Diagnostics) -> list[Assignment]:
    """An ID printed again at another place: the same assignment repeated when
    the title is the same, else a second assignment under the same ID, which
    gets a page of its own ("TB2021-43-2"). Either way, a diagnostic."""
    first: dict[str, Assignment] = {}
    count: dict[str, int] = {}
    out: list[Assignment] = []
    for a in assignments:
        before = first.get(a.id)
        if before is None or before.line == a.line:
            first.setdefault(a.id, a)
            out.append(a)
            continue
        if a.title == before.title:
            diags.warn(file, a.line, "duplicate-id",
                       f"assignment {a.id} is printed again (first at line {before.line})")
            out.append(a)
            continue
        count[a.id] = count.get(a.id, 1) + 1
        slug = f"{a.id}-{count[a.id]}"
        diags.warn(file, a.line, "duplicate-id",
                   f"assignment {a.id} is printed again for another assignment (first at line {before.line}: "
                   f"'{before.title[:40]}'); this one is kept as {slug}")
        out.append(replace(a, page_slug=slug))
    return out


# "årsrapport for" / "Omsorg 2020": a line ending in a connective goes on.
_ENDS_IN_CONNECTIVE = re.compile(rf"\b(?:{words_alternation(NAME_WRAP_CONNECTIVES)})$")


def _mid_sentence(previous: str) -> bool:
    """The line before stops mid-sentence: the next line, capital or not,
    goes on with it (a wrap before a name: "årsrapport for" / "Omsorg 2020")."""
    prev = previous.rstrip()
    return bool(prev) and not prev.endswith((".", ":", "!", "?", ";", "»", ")")) and prev[-1:].isalpha() \
        and bool(_ENDS_IN_CONNECTIVE.search(prev))


def _bullet_headers(
    lines: tuple[Line, ...], part: Part, sections: list[Section], section_idx: list[int],
    headers: list[_Header], list_items: dict[int, str] | None = None,
) -> list[_Header]:
    """Unnumbered assignments: top-level bullet items under an oppdrag heading
    that holds no ID'd assignment (in a Markdown source also the items of a
    numbered list, "1. ", which its `list_items` mark)."""
    list_items = list_items or {}
    out: list[_Header] = []
    if any(part.first <= h.index <= part.last for h in headers):
        # A letter that numbers its assignments numbers all of them: its bullets
        # are goals and lists, not assignments.
        return out
    for k, (sec, idx) in enumerate(zip(sections, section_idx)):
        if not (part.first <= idx <= part.last) or not _OPPDRAG_HEADING.search(sec.title):
            continue
        end = section_idx[k + 1] - 1 if k + 1 < len(section_idx) else part.last
        end = min(end, part.last)
        # A deeper heading inside this one ends its own text.
        if any(idx < h.index <= end for h in headers):
            continue
        marker: str | None = None
        items: list[int] = []
        for i in range(idx + 1, end + 1):
            b = re.match(r"^\s*([•\-–*])\s+\S", lines[i].text)
            kind = b.group(1) if b else None
            if kind is None and list_items.get(lines[i].lineno, "").startswith("ol") and _ORDERED_ITEM.match(lines[i].text):
                kind = "1."  # a Markdown numbered list's item
            if kind and (marker is None or kind == marker):
                marker = kind
                items.append(i)
        if not items:
            # Bullets lost by the extraction: each item starts indented with a
            # capital letter, its wrapped lines start at the margin.
            items = [i for i in range(idx + 1, end + 1)
                     if re.match(r"^[ \t]+[A-ZÆØÅ]", lines[i].text) and heading_candidate(lines[i].text) is None
                     and not _mid_sentence(lines[i - 1].text)]
        for n, i in enumerate(items):
            stop = items[n + 1] - 1 if n + 1 < len(items) else end
            # The item ends at a paragraph break followed by text that is not part of it.
            j = i + 1
            while j <= stop:
                if not lines[j].text.strip():
                    nxt = next((t for t in range(j + 1, stop + 1) if lines[t].text.strip()), None)
                    if nxt is None or not lines[nxt].text.strip()[:1].islower():
                        break
                j += 1
            item_end = j - 1
            item_text = join_wrapped([BULLET.sub("", lines[i].text.strip(), count=1)] +
                                     [lines[t].text for t in range(i + 1, item_end + 1)])
            out.append(_Header(i, i + 1, None, _short_title(item_text), (), "bullet", item_end=item_end,
                               text_in_header=True, prints_id=False))
    return out


# "- TB2026-70 (unntatt offentlighet). For detaljer se eget vedlegg": a list
# item that names an assignment by its ID first.
_ID_ITEM = re.compile(rf"^\s*[-•*–]\s+(?P<id>{PRINTED})(?![\d/])[\s.:–-]*(?P<rest>.*)$")
_PAREN_FIRST = re.compile(r"^\((?P<inner>[^()]{1,80})\)[.:]?\s*(?P<rest>.*)$")
_OPPDRAG_LABEL = re.compile(r"\boppdrag\b", re.I)
_NEW_ASSIGNMENTS = re.compile(r"^\W*Nye\s+oppdrag\b[^.]{0,60}:?\s*$", re.I)


def _list_item_headers(text: SourceText, part: Part, headers: list[_Header], year: int) -> list[_Header]:
    """Rule id_list_item: the items of a list under a heading about
    assignments ("Nye oppdrag ...:") that name an ID no header of the letter
    gives are assignments of their own (a supplementary letter lists the
    ones exempt from public access only there: "TB2026-70 (unntatt
    offentlighet)"); the item's words are the title. Only IDs of the
    letter's own year, and only under an explicit heading or a "Nye oppdrag"
    line, outside any assignment."""
    lines = text.lines
    given = {f.canonical for h in headers for f in find_ids(h.printed or "")}
    starts = sorted(h.index for h in headers)
    out: list[_Header] = []
    label_at: int | None = None  # index of the last heading about assignments
    for i in range(part.first, part.last + 1):
        t = lines[i].text
        if lines[i].lineno in text.headings or _NEW_ASSIGNMENTS.match(t):
            label_at = i if _OPPDRAG_LABEL.search(t) else None
            continue
        if label_at is None or "TB" not in t:
            continue
        m = _ID_ITEM.match(t)
        if not m or any(label_at < s <= i for s in starts):
            continue
        found = find_ids(m.group("id"))
        if not found or found[0].canonical in given or id_year(found[0].canonical) != year:
            continue
        title, lead = m.group("rest").strip(), ""
        p = _PAREN_FIRST.match(title)
        if p:
            inner = p.group("inner").strip()
            title, lead = inner[:1].upper() + inner[1:], p.group("rest").strip()
        given.add(found[0].canonical)
        out.append(_Header(i, i + 1, m.group("id"), title.rstrip(" ."), (), "id_list_item", body_lead=lead,
                           item_end=i))
    return out
