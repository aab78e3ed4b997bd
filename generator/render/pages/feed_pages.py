"""The year's Atom feed (what is new), linked from every page's footer; no nav entry."""
from __future__ import annotations

from generator.link.urls import FEED
from generator.render.formats.feeds import year_feed
from generator.render.pages.base import PageSet, YearContext


def pages(ctx: YearContext) -> PageSet:
    return PageSet(assets={FEED: year_feed(ctx.graph, ctx.year, ctx.inp.settings, ctx.figures)})
