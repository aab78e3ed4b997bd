"""Frister: every deadline of the year in date order, and its calendar files."""
from __future__ import annotations

from generator.render.data_page import render_deadlines
from generator.render.pages.base import PageSet, YearContext, split_files


def pages(ctx: YearContext) -> PageSet:
    return split_files(render_deadlines(ctx.model, ctx.inp.settings), [{"Frister": "frister/index.md"}])
