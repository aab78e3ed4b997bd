"""Parsers: one per document kind, each a function SourceText -> Document."""
from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.model import Document
from generator.sources import SourceEntry
from generator.text import SourceText


def parse_document(text: SourceText, entry: SourceEntry, diags: Diagnostics) -> Document:
    if entry.kind == "prop1s":
        from generator.parsing.prop import parse_prop

        return parse_prop(text, entry, diags)
    from generator.parsing.letter import parse_letter

    return parse_letter(text, entry, diags)
