"""Kildetekster: each document's text as extracted, unchanged, with line numbers."""
from __future__ import annotations

from generator.render.fulltext import render_source_view
from generator.render.pages.base import PageSet, YearContext
from generator.link.urls import source_page


def pages(ctx: YearContext) -> PageSet:
    out: dict[str, str] = {}
    for _, text, doc in ctx.inp.documents:
        out.update(render_source_view(doc, text))
    return PageSet(out, [{"Kildetekster": [{entry.file: source_page(doc)} for entry, _, doc in ctx.inp.documents]}])
