"""Allocation letter (tildelingsbrev) parser. Placeholder: sections only."""
from __future__ import annotations

import re

from generator.diagnostics import Diagnostics
from generator.model import Document, Section
from generator.sources import SourceEntry
from generator.text import SourceText

_HEADING = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,4})\.?\s+([A-ZÆØÅ].{1,120})$")


def parse_letter(text: SourceText, entry: SourceEntry | None, diags: Diagnostics) -> Document:
    sections = []
    for ln in text.lines:
        m = _HEADING.match(ln.text)
        if m and not re.search(r"\d{2,}\s*$", ln.text):
            num = m.group(1)
            sections.append(Section(num, m.group(2).strip(), num.count(".") + 1, ln.lineno, ln.lineno))
    year = entry.year if entry else 0
    return Document(
        source=text.file.rsplit("/", 1)[-1], path=text.file, kind="tildelingsbrev",
        budget_year=year, title=entry.title if entry else "Tildelingsbrev", sections=tuple(sections),
    )
