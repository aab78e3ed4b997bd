"""Vedtak: a page per anmodningsvedtak and the decision index."""
from __future__ import annotations

from generator.link.graph import vedtak_path
from generator.render.data_page import download_links
from generator.render.decision_page import render_vedtak_page
from generator.render.indexes import render_vedtak_index
from generator.render.pages.base import PageSet, YearContext


def pages(ctx: YearContext) -> PageSet:
    model = ctx.model
    if not model.vedtak:
        return PageSet()
    out = {vedtak_path(v.session, v.nr): render_vedtak_page(ctx.graph, ctx.graph.backlinks, doc, v, ctx.year, ctx.cite)
           for doc, v in model.vedtak.values()}
    out["vedtak/index.md"] = render_vedtak_index(
        model, download_links("vedtak/index.md", ctx.data_files, "data/vedtak", "som CSV"))
    return PageSet(out, [{"Vedtak": "vedtak/index.md"}])
