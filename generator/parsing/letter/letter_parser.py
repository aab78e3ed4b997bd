"""Allocation letter (tildelingsbrev) parser: SourceText -> Document.

The work is split by subject: letter_sections (headings, main letter and
supplementary letters), letter_assignments (oppdrag), letter_budget
(allocation and income tables), letter_meta (year, title, date, reference,
vedtak references, reporting calendar). Everything is found by the shapes the
letters print, never by line numbers or file names; unknown shapes are kept as
text and reported as diagnostics.
"""
from __future__ import annotations

import re
from dataclasses import replace

from generator.diagnostics import Diagnostics
from generator.model import Document, Section, vedtak_reference
from generator.parsing.letter.assignments import parse_assignments
from generator.parsing.letter.budget import parse_budget
from generator.parsing.letter.prose_budget import prose_budget_rows
from generator.parsing.letter.meta import (
    find_budget_year, find_dated_items, find_letter_date, find_reference, find_supplement_number, find_title,
    find_vedtak_refs,
)
from generator.parsing.letter.sections import find_sections, split_parts
from generator.parsing.parse_limits import SUBSECTION_DEPTH
from generator.parsing.recognisers import heading_candidate
from generator.parsing.tokens.amounts import GROUPED_AMOUNT
from generator.parsing.tokens.kap_post import KAP, KAP_ABBR, POST
from generator.parsing.tokens.assignment_id import PRINTED, find_ids
from generator.parsing.tokens.dates import LAST_DAY_MAX, LAST_MONTH
from generator.read.layout.layout_limits import ROW_MIN_CELLS
from generator.read.sources import SourceEntry
from generator.read.source_text import SourceText
from generator.lexicon import SIGN_OFF_START, TRUNCATED_AFTER, words_alternation


_CLOSING = SIGN_OFF_START
_APPENDIX = re.compile(r"^\s*Vedlegg\b")
# A body line of 40 characters or more that stops in a lower-case word was
# cut off (a short line may end a list item or a heading).
CUT_LINE_MIN = 40
# The closing ("Med hilsen", the signatures, the copy list) stands within the
# last 60 lines with text: the letters' closings take 6-10 (2026 nr. 6, 2022),
# and room is left for a long copy list ("Kopi til") and addresses.
CLOSING_WITHIN_LINES = 60
# "1.6.18" in a reporting calendar: day, month and a two-digit year from 2015.
SHORT_DATE_FIRST_YEAR = 15
# A subsection heading is a short name: under 90 characters.
HEADING_TITLE_MAX = 90
# A short date's parts: day, month, year.
SHORT_DATE_PARTS = 3
_CUT_END = re.compile(r"(?:[,;(–-]|\b(?:" + words_alternation(TRUNCATED_AFTER) + r"|\d{1,2}))\s*$")


def check_complete(text: SourceText, diags: Diagnostics) -> None:
    """A letter ends with its closing ("Med hilsen" and signatures) or an
    appendix. A file that stops mid-sentence, with neither after the last
    sentence, was most likely cut off: say so instead of quietly building
    half a letter."""
    body = [ln for ln in text.lines if ln.text.strip()]
    if not body:
        return
    last = body[-1]
    if any(_CLOSING.match(ln.text) for ln in body[-CLOSING_WITHIN_LINES:]) or _APPENDIX.match(last.text):
        return
    tail = last.text.strip()
    # A connective or a number at the end, or a long body line stopping in a word.
    if _CUT_END.search(tail) or (len(tail) >= CUT_LINE_MIN and tail[-1:].islower()):
        diags.warn(text.file, last.lineno, "truncated",
                   f"the text ends mid-sentence ('{last.text.strip()[-40:]}') with no closing or appendix "
                   "after it; is the file complete?")


_LINE_ID = re.compile(rf"^\s*(?:[•\-–*]\s*)?(?:ID\s*[:\-–]?\s*)?(?P<id>{PRINTED}(?:/\d+)?)\b")


def _unclaimed_ids(ln, headings: dict[int, int], known: set[str],
                   referenced: set[tuple[str, int]]) -> list[tuple[str, str]]:
    """(ID as printed, where) of the IDs a line prints at its start, at the
    start of a table cell or in a heading, that are no assignment and no
    reference."""
    found: list[tuple[str, str]] = []
    m = _LINE_ID.match(ln.text)
    if m:
        found.append((re.sub(r"\s+", "", m.group("id")).replace("–", "-"), "starts a line"))
    if ln.lineno in headings:
        found += [(f.canonical, "is in a heading") for f in find_ids(ln.text)]
    elif "\t" in ln.text:
        for cell in ln.text.split("\t")[1:]:
            c = _LINE_ID.match(cell)
            if c:
                found.append((re.sub(r"\s+", "", c.group("id")).replace("–", "-"), "starts a table cell"))
    out, seen = [], set()
    for printed, place in found:
        ids = find_ids(printed)
        canonical = ids[0].canonical if ids else printed
        if printed in known or canonical in known or (canonical, ln.lineno) in referenced or canonical in seen:
            continue
        seen.add(canonical)
        out.append((printed, place))
    return out


def _is_short_date(number: tuple[int, ...]) -> bool:
    """'1.6.18' in a reporting calendar is the 1st of June 2018, not a heading."""
    return len(number) == SHORT_DATE_PARTS and number[0] <= LAST_DAY_MAX and number[1] <= LAST_MONTH and number[2] >= SHORT_DATE_FIRST_YEAR


def check_nothing_lost(text: SourceText, sections: list[Section], assignments, diags: Diagnostics) -> None:
    """Say where the letter prints something the rules did not take: an ID
    at the start of a line, at the start of a table cell or anywhere in an
    explicit heading that is no assignment's header, names no assignment of
    this letter and is no reference an assignment's text makes (a list of
    new assignments naming them is fine), and a line numbered like a
    subsection ("4.3 Title") that is no heading."""
    starts = {a.line for a in assignments}
    known = {a.id for a in assignments} | {x for a in assignments for x in a.aliases}
    referenced = {(r.target, r.line) for a in assignments for r in a.references if r.kind == "assignment"}
    heading_lines = {s.line for s in sections}
    body_start = min(heading_lines, default=0)  # the table of contents stands before the first heading
    for ln in text.lines:
        if "TB" in ln.text and ln.lineno not in starts:
            where = _unclaimed_ids(ln, text.headings, known, referenced)
            if where:
                for printed, place in where:
                    diags.warn(text.file, ln.lineno, "unclaimed-id",
                               f"{printed} {place} but is no assignment of this letter; kept as text")
                continue
            if _LINE_ID.match(ln.text):
                continue
        cand = heading_candidate(ln.text)
        if cand and len(cand.number) >= SUBSECTION_DEPTH and ln.lineno > body_start and ln.lineno not in heading_lines \
                and not _is_short_date(cand.number) and len(cand.title) < HEADING_TITLE_MAX \
                and not cand.title.endswith((".", ",", ";")) and cand.title[:1].isupper():
            diags.warn(text.file, ln.lineno, "unclaimed-heading",
                       f"'{ln.text.strip()[:60]}' looks like a heading but does not follow the numbering "
                       "around it; kept as text")


# A line printed like a budget table's row: a chapter and post first
# ("740 01", "740.01", "Kap. 3740 post 02", tab-separated cells), an amount last.
_ROW_LIKE = re.compile(
    rf"^\s*(?:{KAP_ABBR}\s*)?{KAP}(?:\.|,?\s+(?:post\s+)?|\t+){POST}(?!\d)[\s\t].*?(?<![\d,.])(?<!post )(?<!postene )(?<!og )"
    rf"(?:{GROUPED_AMOUNT}|\d{{3,}})[\s\t]*$",
    re.I)


def check_rows_claimed(text: SourceText, budget_rows, diags: Diagnostics) -> None:
    """Say where a line is printed like a budget row (chapter and post first,
    an amount last; chapter and post in cells and an amount in a later cell;
    "701.21 Title" whose amount comes later) but no budget row was read from
    it: a table whose head row is lost keeps its rows as text, said."""
    claimed: set[int] = set()
    for r in budget_rows:
        claimed.update(range(r.line, max(r.line, r.end_line) + 1))
    for ln in text.lines:
        if ln.lineno not in claimed and (_ROW_LIKE.match(ln.text) or ("\t" in ln.text and _is_cell_row(ln.text))
                                         or _DOTTED_ROW_START.match(ln.text) or _POST_ROW_LIKE.match(ln.text)):
            diags.warn(text.file, ln.lineno, "unclaimed-row",
                       f"'{ln.text.strip()[:60]}' looks like a budget row but is in no budget table read; kept as text")


_KAP_CELL = re.compile(rf"{KAP}(?:\.{POST})?")
_POST_CELL = re.compile(POST)
_AMOUNT_CELL = re.compile(rf"-?{GROUPED_AMOUNT}|-?\d{{4,}}|\d{{1,3}}|[-–]")  # "-": a row with no amount
# "701.21 Spesielle" at a line's start: a row whose title wraps and whose
# amount comes on a later line (the 2025 letter's shape), which `_ROW_LIKE` cannot see.
_DOTTED_ROW_START = re.compile(rf"^\s*{KAP}\.{POST}[ \t]+[A-ZÆØÅ][a-zæøå]")
# " 71 Psykologhjelp 375 000 375 000": an indented row under its chapter's first row, an amount last.
_POST_ROW_LIKE = re.compile(rf"^[ \t]+{POST}[ \t]+[A-ZÆØÅ][^\t]*?(?<![\d,.])(?:{GROUPED_AMOUNT}|\d{{3,}})[ \t]*$")


def _is_cell_row(text: str) -> bool:
    """A row in cells (tab-separated: a pipe table's, a tab extraction's, a
    space-aligned one's) printed like a budget row: its first filled cells
    are a chapter and post ("701", "21"; "701.21"; "", "21" under a chapter
    above) and a later cell is an amount, or the post's title is followed by
    the (empty) cells of the amount columns. A table whose head row is lost is
    read by no table rule; its rows are said, with whatever comment follows
    the amount (which `_ROW_LIKE`, amount last, does not allow)."""
    cells = [c.strip() for c in text.split("\t")]
    while cells and not cells[0]:
        cells.pop(0)
    if len(cells) < ROW_MIN_CELLS:
        return False
    if _KAP_CELL.fullmatch(cells[0]) and "." in cells[0]:
        rest = cells[1:]
    elif _KAP_CELL.fullmatch(cells[0]) and _POST_CELL.fullmatch(cells[1]):
        rest = cells[2:]
    elif _POST_CELL.fullmatch(cells[0]) and text[:1] == "\t":
        rest = cells[1:]
    else:
        return False
    if any(_AMOUNT_CELL.fullmatch(c) for c in rest[1:] or rest):
        return True
    # A row that prints no amount ("733\t21\tSpesielle driftsutgifter, kan nyttes under post 79"):
    # a post's title in the cell after the key, and nothing (empty amount cells) after it.
    return len(rest) >= 1 and rest[0][:1].isupper() and not any(rest[1:])


def _with_decision_references(assignments, vedtak_refs) -> list:
    """Each assignment names the decisions that the letter's one pass over its
    text found inside the assignment's lines (one set of session rules)."""
    out = []
    for a in assignments:
        inside = tuple(vedtak_reference(v.session, v.nr, v.text or f"vedtak nr. {v.nr}", v.line)
                       for v in vedtak_refs if a.line <= v.line <= a.end_line)
        out.append(replace(a, references=a.references + inside) if inside else a)
    return out


def parse_letter(text: SourceText, entry: SourceEntry | None, diags: Diagnostics) -> Document:
    lines = text.lines
    parts = split_parts(lines)
    supplement = find_supplement_number(text)
    if supplement is not None:
        # A supplementary letter on its own: its assignments are "tillegg-<n>".
        parts[0] = replace(parts[0], label=f"tillegg-{supplement[0]}")
    main = parts[0]
    found = find_sections(lines, main.last + 1, text.headings, text.list_items)
    idx = [i for i, _ in found]
    sections: list[Section] = []
    for k, (i, s) in enumerate(found):
        end_i = idx[k + 1] - 1 if k + 1 < len(idx) else main.last
        end_line = lines[end_i].lineno if 0 <= end_i < len(lines) else s.line
        # No blocks here: the full-text pages show the document's text_blocks, read once.
        sections.append(replace(s, end_line=max(end_line, s.line)))
    printed_year = find_budget_year(text, Diagnostics() if entry else diags)
    year = entry.year if entry else printed_year
    if entry and printed_year and printed_year != entry.year:
        diags.warn(text.file, 1, "year-mismatch",
                   f"source/sources.yml gives budget year {entry.year}, but the letter is for {printed_year}")
    title = entry.title if entry else (text.front_matter.title or find_title(text, year))
    date = (entry.date if entry and entry.date else None) or find_letter_date(text, year) or text.front_matter.date
    _check_front_matter(text, title, date, diags)
    reference = find_reference(text)

    assignments = parse_assignments(text, parts, sections, idx, year, diags)
    budget_rows, budget_tables = parse_budget(text, sections, idx, main, diags)
    chapter_headings, prose_rows = prose_budget_rows(lines, main.first, main.last, sections, idx, budget_rows, year,
                                                     supplement=supplement is not None)
    budget_rows = budget_rows + prose_rows
    vedtak_refs = find_vedtak_refs(text, year)
    assignments = _with_decision_references(assignments, vedtak_refs)
    dated = find_dated_items(text, sections, idx, year)

    # Supplementary letters: one unnumbered section each, so that their full
    # text has a page too (the contract lists numbered sections only).
    for p in parts[1:]:
        first, last = lines[p.first].lineno, lines[p.last].lineno
        sections.append(Section("", f"Tillegg til tildelingsbrev ({p.label})", 1, first, last))
    if not any(s.number for s in sections) and supplement is None:
        diags.warn(text.file, 1, "unknown-shape", "no numbered headings found; the letter is kept as text only")
    check_complete(text, diags)
    check_nothing_lost(text, sections, assignments, diags)
    check_rows_claimed(text, [r for r in budget_rows if r.read_from == "table"], diags)
    return Document(
        source=text.file.rsplit("/", 1)[-1], path=text.file, kind="tildelingsbrev",
        budget_year=year, title=title, date=date, reference=reference,
        sections=tuple(sections), assignments=tuple(assignments), budget_rows=tuple(budget_rows),
        vedtak_refs=tuple(vedtak_refs), dated_items=tuple(dated), chapter_headings=tuple(chapter_headings),
        supplement_number=supplement[0] if supplement else None, budget_tables=tuple(budget_tables),
    )


def _check_front_matter(text: SourceText, title: str, date: str | None, diags: Diagnostics) -> None:
    """The converter's front matter may name a title and a date; the manifest
    and the printed letter win, and a disagreement is said."""
    front = text.front_matter
    if front.title and front.title != title:
        diags.warn(text.file, 2, "front-matter",
                   f"the front matter's title {front.title[:80]!r} is not the letter's title {title[:80]!r}; "
                   "the letter's is used")
    if front.date and date and front.date != date:
        diags.warn(text.file, 2, "front-matter",
                   f"the front matter's date {front.date} is not the letter's date {date}; the letter's is used")
