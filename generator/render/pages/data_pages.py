"""Data: the year's tables as CSV (and Excel CSV), each document's extraction as JSON, the data page."""
from __future__ import annotations

from generator.render.pages.base import PageSet, YearContext, split_files


def pages(ctx: YearContext) -> PageSet:
    # Computed with the context (year_context): the indexes and the front page link these files.
    return split_files(ctx.data_files, [{"Data": "data/index.md"}])
