"""Parsers: one per document kind, each a function SourceText -> Document."""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotations only: importing a token grammar (parsing/tokens/) from reading must not import reading
    from generator.diagnostics import Diagnostics
    from generator.model import Document
    from generator.read.source_text import SourceText
    from generator.read.sources import SourceEntry


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

    if not any(ln.text.strip() for ln in text.lines):  # front matter, images, furniture: no letter text
        _nothing_found(text.file, kind)
    if kind == "prop1s":
        from generator.parsing.prop.prop_parser import parse_prop

        doc = with_pages(parse_prop(text, entry, diags, chapter_text=text_blocks), text)
    else:
        from generator.parsing.letter.letter_parser import parse_letter

        doc = with_pages(parse_letter(text, entry, diags), text)
        if entry and entry.supplement is not None:  # which letter of the year it is (sources.yml)
            from generator.parsing.letter.allocation_changes import read_allocation_changes

            if doc.supplement_number is not None and doc.supplement_number != entry.supplement:
                diags.warn(text.file, 1, "supplement-mismatch",
                           f"source/sources.yml gives supplement: {entry.supplement}, but the letter's title "
                           f"prints nr. {doc.supplement_number}")
            doc = replace(doc, supplement=entry.supplement)
            doc = replace(doc, allocation_changes=read_allocation_changes(doc, text.lines, text.raw_lines,
                                                                          text.file, diags))
        else:  # supplements bound into the letter's file (2022's tillegg): their changes, read the same way
            doc = replace(doc, allocation_changes=_bound_supplements_changes(doc, text, diags))
    require_content(doc, text.file)
    return replace(doc, text_blocks=document_blocks(doc, text.lines)) if text_blocks else doc


def _bound_supplements_changes(doc: Document, text, diags: Diagnostics) -> tuple:
    """The allocation changes printed in the parts after the main letter
    ("Tillegg til tildelingsbrev", model.letter_sequence), from the first
    part's line on: the main letter's own "Kap. NNN, post NN" headings
    allocate, they change nothing."""
    from generator.model import letter_sequence
    from generator.parsing.letter.allocation_changes import read_allocation_changes

    parts = letter_sequence([doc])[1:]
    if not parts:
        return ()
    first = min(p.line for p in parts)
    lines = [ln for ln in text.lines if ln.lineno >= first]
    rows = tuple(r for r in doc.budget_rows if r.line >= first)
    return read_allocation_changes(replace(doc, budget_rows=rows), lines, text.raw_lines, text.file, diags)


# What makes a document a letter or a proposition: at least one of these.
# (A supplementary letter may hold no more than its allocation changes.)
CONTENT_FIELDS = ("sections", "assignments", "budget_rows", "chapters", "vedtak", "allocation_changes")


def require_content(doc: Document, file: str) -> None:
    """A source in which the parser found nothing a letter or a proposition
    holds (two lines of prose, an empty table, a Markdown file with no
    heading and no table) is a one-line error naming the file, never a
    document of budget year 0 with nothing in it."""
    if not any(getattr(doc, name, ()) for name in CONTENT_FIELDS):
        _nothing_found(file, doc.kind)


def _nothing_found(file: str, kind: str) -> None:
    from generator.diagnostics import InputError

    what = "proposition" if kind == "prop1s" else "allocation letter"
    raise InputError(file, 0, f"no {what} found: no numbered heading, no assignment, no budget table "
                              "(is this the right file?)")
