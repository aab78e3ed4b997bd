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
from generator.model import Document, Section
from generator.parsing.blocks import lines_to_blocks
from generator.parsing.letter_assignments import parse_assignments
from generator.parsing.letter_budget import parse_budget
from generator.parsing.letter_meta import (
    find_budget_year, find_dated_items, find_letter_date, find_reference, find_title, find_vedtak_refs,
)
from generator.parsing.letter_sections import find_sections, split_parts
from generator.sources import SourceEntry
from generator.text import SourceText


_CLOSING = re.compile(r"^\s*(?:Med\s+(?:vennlig\s+)?hilsen|Vennlig\s+hilsen)\b", re.I)
_APPENDIX = re.compile(r"^\s*Vedlegg\b")
_CUT_END = re.compile(r"(?:[,;(–-]|\b(?:og|i|til|av|for|på|med|som|at|den|det|de|en|et|\d{1,2}))\s*$")


def check_complete(text: SourceText, diags: Diagnostics) -> None:
    """A letter ends with its closing ("Med hilsen" and signatures) or an
    appendix. A file that stops mid-sentence, with neither after the last
    sentence, was most likely cut off: say so instead of quietly building
    half a letter."""
    body = [ln for ln in text.lines if ln.text.strip()]
    if not body:
        return
    last = body[-1]
    if any(_CLOSING.match(ln.text) for ln in body[-60:]) or _APPENDIX.match(last.text):
        return
    tail = last.text.strip()
    # A connective or a number at the end, or a long body line stopping in a word.
    if _CUT_END.search(tail) or (len(tail) >= 40 and tail[-1:].islower()):
        diags.warn(text.file, last.lineno, "truncated",
                   f"the text ends mid-sentence ('{last.text.strip()[-40:]}') with no closing or appendix "
                   "after it; is the file complete?")


def parse_letter(text: SourceText, entry: SourceEntry | None, diags: Diagnostics) -> Document:
    lines = text.lines
    parts = split_parts(lines)
    main = parts[0]
    found = find_sections(lines, main.last + 1)
    idx = [i for i, _ in found]
    sections: list[Section] = []
    for k, (i, s) in enumerate(found):
        end_i = idx[k + 1] - 1 if k + 1 < len(idx) else main.last
        end_line = lines[end_i].lineno if 0 <= end_i < len(lines) else s.line
        sections.append(replace(s, end_line=max(end_line, s.line),
                                blocks=lines_to_blocks(lines[i + 1: end_i + 1])))
    printed_year = find_budget_year(text, Diagnostics() if entry else diags)
    year = entry.year if entry else printed_year
    if entry and printed_year and printed_year != entry.year:
        diags.warn(text.file, 1, "year-mismatch",
                   f"source/sources.yml gives budget year {entry.year}, but the letter is for {printed_year}")
    title = entry.title if entry else find_title(text, year)
    date = (entry.date if entry and entry.date else None) or find_letter_date(text, year)
    reference = find_reference(text)

    assignments = parse_assignments(text, parts, sections, idx, year, diags)
    budget_rows = parse_budget(text, sections, idx, main, diags)
    vedtak_refs = find_vedtak_refs(text, year)
    dated = find_dated_items(text, sections, idx, year)

    # Supplementary letters: one unnumbered section each, so that their full
    # text has a page too (the contract lists numbered sections only).
    for p in parts[1:]:
        first, last = lines[p.first].lineno, lines[p.last].lineno
        sections.append(Section("", f"Tillegg til tildelingsbrev ({p.label})", 1, first, last,
                                blocks=lines_to_blocks(lines[p.first: p.last + 1])))
    if not any(s.number for s in sections):
        diags.warn(text.file, 1, "unknown-shape", "no numbered headings found; the letter is kept as text only")
    check_complete(text, diags)
    return Document(
        source=text.file.rsplit("/", 1)[-1], path=text.file, kind="tildelingsbrev",
        budget_year=year, title=title, date=date, reference=reference,
        sections=tuple(sections), assignments=tuple(assignments), budget_rows=tuple(budget_rows),
        vedtak_refs=tuple(vedtak_refs), dated_items=tuple(dated),
    )
