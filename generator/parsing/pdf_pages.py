"""The printed page of every entity, where the extraction shows pages.

A layout-preserving extraction keeps form feeds and page numbers ("Side 12
av 40"); `SourceText.page_of` maps a physical line to the page it was
printed on. Each entity the parsers build takes the page of its first line
(a decision also the page of its own text, where a citation starts), so
that a page of the site can say "s. 12" beside "linje 3466". One pass over
the finished Document, so that the parsers themselves need not know pages.
"""
from __future__ import annotations

from dataclasses import replace

from generator.model import Document
from generator.read.source_text import SourceText


def with_pages(doc: Document, text: SourceText) -> Document:
    """`doc` with `page` filled in on every entity; unchanged when the text has no pages."""
    if not text.page_starts:
        return doc
    page = text.page_of
    return replace(
        doc,
        sections=tuple(replace(s, page=page(s.line)) for s in doc.sections),
        assignments=tuple(a if a.page is not None else replace(a, page=page(a.line)) for a in doc.assignments),
        budget_rows=tuple(replace(r, page=page(r.line)) for r in doc.budget_rows),
        vedtak_refs=tuple(replace(v, page=page(v.line)) for v in doc.vedtak_refs),
        dated_items=tuple(replace(d, page=page(d.line)) for d in doc.dated_items),
        chapters=tuple(replace(c, page=page(c.line), posts=tuple(replace(p, page=page(p.line)) for p in c.posts))
                       for c in doc.chapters),
        vedtak=tuple(replace(v, page=page(v.line), text_page=page(v.text_line) if v.text_line else None)
                     for v in doc.vedtak),
    )
