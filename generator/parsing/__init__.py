"""Parsers: one per document kind, each a function SourceText -> Document."""
from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.model import Document
from generator.sources import SourceEntry
from generator.text import SourceText


def parse_document(
    text: SourceText, entry: SourceEntry | None, diags: Diagnostics, kind: str
) -> Document:
    """Parse one document. `entry` is its manifest entry, or None for a file
    outside the manifest (then the parser finds year and title in the text)."""
    from generator.parsing.pages import with_pages

    if kind == "prop1s":
        from generator.parsing.prop import parse_prop

        return with_pages(parse_prop(text, entry, diags), text)
    from generator.parsing.letter import parse_letter

    return with_pages(parse_letter(text, entry, diags), text)
