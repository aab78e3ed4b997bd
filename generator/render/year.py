"""All pages of one budget year: a pure function from the linked model to files.

The year is its page types (render/pages/), in nav order: each returns
its pages, nav entries and assets, and the year puts them together. Adding a
page type is a module in render/pages/ and one line in PAGE_TYPES.
"""
from __future__ import annotations

from generator.derive.figures import YearFigures, site_figures
from generator.link.graph import SiteGraph
from generator.link.urls import MISSING_PAGE, PAGE_LIST
from generator.render.citation import CiteContext
from generator.render.missing import page_list_json, render_missing_page
from generator.render.pages import (
    about_page, assignment_pages, chapter_pages, data_pages, deadline_pages, decision_pages, feed_pages,
    front_page, source_pages, text_pages, year_changes_page,
)
from generator.render.pages.base import YearContext, YearInput, YearOutput
from generator.render.pages.data_pages import render_data
from generator.render.social import publication_meta


__all__ = ["PAGE_TYPES", "YearInput", "YearOutput", "render_year"]


# In nav order: Forside, Endringer i løpet av året (a year with supplements), Kapitler, Oppdrag, Vedtak, Frister, Data, each
# document's text, Kildetekster, Om (the feed has no nav entry).
PAGE_TYPES = (
    front_page.pages,
    year_changes_page.pages,
    chapter_pages.pages,
    assignment_pages.pages,
    decision_pages.pages,
    deadline_pages.pages,
    data_pages.pages,
    text_pages.pages,
    source_pages.pages,
    about_page.pages,
    feed_pages.pages,
)


def render_year(inp: YearInput, graph: SiteGraph, figures: dict[int, YearFigures] | None = None) -> YearOutput:
    """`figures`: the figures stage's output for every year (computed here when not given)."""
    figures = figures if figures is not None else site_figures(graph)
    ctx = year_context(inp, graph, figures[inp.year])
    pages: dict[str, str | bytes] = {}
    nav: list = []
    for page_type in PAGE_TYPES:
        out = page_type(ctx)
        pages.update(out.pages)
        pages.update(out.assets)
        nav += out.nav
    # Two pages about all the others: the "not in this year" page links the
    # indexes the year has, and the page list names every page.
    pages[MISSING_PAGE] = render_missing_page(ctx.model, set(pages))
    pages[PAGE_LIST] = page_list_json(pages)
    # What every page says when shared (og: tags, its card) and where its errors are reported.
    pages.update(publication_meta(ctx, pages))
    return YearOutput(pages, nav)


def year_context(inp: YearInput, graph: SiteGraph, figures: YearFigures) -> YearContext:
    model = graph.years[inp.year]
    cite = CiteContext(inp.year, inp.settings, {d.source: e for e, _, d in inp.documents})
    return YearContext(inp, model, graph, render_data(model, figures), cite, figures)
