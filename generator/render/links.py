"""Links between pages, within a year (Markdown, checked by MkDocs) and across
years (HTML, since each year is its own MkDocs build; checked by our link test)."""
from __future__ import annotations

import html

from generator.link.graph import ASSIGNMENT, CHAPTER, DECISION, Edge, PageRef, SiteGraph
from generator.link.urls import site_root_href, url_of
from generator.render.markdown import esc, rel


def page_link(source: PageRef, target: PageRef, label: str) -> str:
    """A link from `source` to `target`, with plain-text `label` (escaped here)."""
    if source.year == target.year:
        return f"[{esc(label)}]({rel(source.path, target.path, target.anchor)})"
    href = site_root_href(source.path, f"{target.year}/{url_of(target.path)}")
    if target.anchor:
        href += "#" + target.anchor
    return f'<a href="{html.escape(href, quote=True)}">{html.escape(label, quote=False)}</a>'


def backlinks_section(graph_backlinks: dict[tuple[int, str], list[Edge]], page: PageRef,
                      exclude_kinds: tuple[str, ...] = ()) -> str:
    """The "Referert fra" list of a page: every page that links to it (but
    those of `exclude_kinds`, which the page lists under their own heading)."""
    incoming = [e for e in graph_backlinks.get((page.year, page.path), []) if e.source.kind not in exclude_kinds]
    if not incoming:
        return ""
    incoming.sort(key=lambda e: (e.source.year != page.year, e.source.year, e.source.path))
    items = []
    for e in incoming:
        where = "" if e.source.year == page.year else f" ({e.source.year})"
        items.append(f"- {page_link(page, PageRef(e.source.year, e.source.path), e.context)}{esc(where)}")
    return "## Referert fra { #referert-fra }\n\n" + "\n".join(items)


OTHER = "other"  # outgoing_by_kind's key for a front page or a full-text page


def outgoing_by_kind(graph: SiteGraph, page: PageRef) -> dict[str, list[Edge]]:
    """The page's outgoing links by the kind of their target (each target once)."""
    kinds: dict[str, list[Edge]] = {CHAPTER: [], ASSIGNMENT: [], DECISION: [], OTHER: []}
    seen: set[tuple] = set()
    for e in graph.outgoing(page):
        key = (e.target.year, e.target.path, e.target.anchor)
        if key in seen:
            continue
        seen.add(key)
        kinds.get(e.target.kind, kinds[OTHER]).append(e)
    return kinds
