"""Parsers: one per document kind, each a function SourceText -> Document."""
from __future__ import annotations

from dataclasses import replace

from generator.diagnostics import Diagnostics
from generator.model import Document
from generator.read.sources import SourceEntry
from generator.read.source_text import SourceText


def parse_document(
    text: SourceText, entry: SourceEntry | None, diags: Diagnostics, kind: str, text_blocks: bool = True
) -> Document:
    """Parse one document. `entry` is its manifest entry, or None for a file
    outside the manifest (then the parser finds year and title in the text).
    The document's running text is grouped into blocks here, once, for every
    kind (its full-text pages show them); `text_blocks=False` leaves them,
    and the proposition's chapter prose, out where no page is made (the
    `extract` command: no field of the contract holds them)."""
    from generator.parsing.pdf_pages import with_pages
    from generator.parsing.text_blocks import document_blocks

    if kind == "prop1s":
        from generator.parsing.prop.prop_parser import parse_prop

        doc = with_pages(parse_prop(text, entry, diags, chapter_text=text_blocks), text)
    else:
        from generator.parsing.letter.letter_parser import parse_letter

        doc = with_pages(parse_letter(text, entry, diags), text)
    return replace(doc, text_blocks=document_blocks(doc, text.lines)) if text_blocks else doc
