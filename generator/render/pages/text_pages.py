"""The documents' full text: one nav entry per document, a page per top-level section."""
from __future__ import annotations

from generator.link.graph import text_ref
from generator.render.entity_parts import outgoing_sections
from generator.render.fulltext import render_section_page
from generator.render.links import backlinks_section
from generator.render.pages.base import PageSet, YearContext
from generator.link.urls import section_label


def pages(ctx: YearContext) -> PageSet:
    out: dict[str, str] = {}
    nav = []
    for entry, _, doc in ctx.inp.documents:
        secs = ctx.model.text_pages[doc.source]
        for sp in secs:
            ref = text_ref(ctx.year, sp)
            extra = "\n\n".join(outgoing_sections(ctx.graph, ref) + [backlinks_section(ctx.graph.backlinks, ref)])
            extra = extra.strip()
            out[sp.path] = (render_section_page(doc, sp, ctx.year, ctx.model.letter_post_title)
                            + (f"\n{extra}\n" if extra else ""))
        nav.append({entry.title: [{section_label(p.number, p.title): p.path} for p in secs]})
    return PageSet(out, nav)
