"""Oppdrag: a page per assignment, the assignment index and the tags page."""
from __future__ import annotations

from generator.derive.assignment_history import assignment_histories
from generator.link.graph import assignment_path
from generator.render.data_page import download_links
from generator.render.assignment_page import render_assignment_page
from generator.render.indexes import render_assignment_index, render_tags_page
from generator.render.letters import assignment_through_year
from generator.render.pages.base import PageSet, YearContext
from generator.link.urls import SectionPage, heading_anchor_at


def pages(ctx: YearContext) -> PageSet:
    model = ctx.model
    if not model.assignments:
        return PageSet()
    out: dict[str, str] = {}
    histories = assignment_histories(ctx.graph)
    for key, (doc, a) in model.assignments.items():
        sp = _text_page_for_line(ctx.model.text_pages.get(doc.source, []), a.line)
        path = assignment_path(a.page_id)
        through_year = assignment_through_year(model, doc, a, path, model.extensions.get(key, []))
        # The full-text page and the anchor of the heading the assignment stands under.
        section = (sp.path, heading_anchor_at(doc, sp, a.line)) if sp else None
        out[path] = render_assignment_page(ctx.graph, ctx.graph.backlinks, doc, a, ctx.year, section,
                                           histories.get(key), ctx.cite, through_year)
    out["oppdrag/index.md"] = render_assignment_index(
        model, download_links("oppdrag/index.md", ctx.data_files, "data/oppdrag", "som CSV"))
    out["oppdrag/stikkord.md"] = render_tags_page()
    return PageSet(out, [{"Oppdrag": ["oppdrag/index.md", {"Etter stikkord": "oppdrag/stikkord.md"}]}])


def _text_page_for_line(pages: list[SectionPage], line: int) -> SectionPage | None:
    return next((p for p in pages if p.line <= line <= p.end_line), None)
