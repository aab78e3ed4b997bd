"""Prop. 1 S parser. Placeholder: top-level headings only."""
from __future__ import annotations

import re

from generator.diagnostics import Diagnostics
from generator.model import Document, Section
from generator.sources import SourceEntry
from generator.text import SourceText

_HEADING = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,2})\s+([A-ZÆØÅ].{1,80})$")


def parse_prop(text: SourceText, entry: SourceEntry | None, diags: Diagnostics) -> Document:
    sections = []
    for ln in text.lines:
        m = _HEADING.match(ln.text)
        if m and "." not in m.group(1):
            sections.append(Section(m.group(1), m.group(2).strip(), 1, ln.lineno, ln.lineno))
    return Document(
        source=text.file.rsplit("/", 1)[-1], path=text.file, kind="prop1s",
        budget_year=entry.year if entry else 0, title=entry.title if entry else "Prop. 1 S",
        sections=tuple(sections),
    )
