"""Kapitler: a page per budget chapter (posts, allocations, charts, history, links) and the chapter index."""
from __future__ import annotations

from generator.derive.amount_history import chapter_history
from generator.link.graph import chapter_path
from generator.render.charts import page_charts as chartpages
from generator.render.data_page import download_links
from generator.render.downloads import (
    files_of, letter_allocations, post_share_table, proposition_posts, year_changes_table,
)
from generator.render.chapter_page import ChapterPageData, render_chapter_page
from generator.render.indexes import render_chapter_index
from generator.render.pages.base import PageSet, YearContext
from generator.render.pages.year_changes_page import chapter_block


def pages(ctx: YearContext) -> PageSet:
    model = ctx.model
    if not model.chapters:
        return PageSet()
    out: dict[str, str] = {}
    assets: dict[str, object] = {}
    for kap, info in sorted(model.chapters.items()):
        path = chapter_path(kap)
        chart, chart_files = chartpages.chapter_block(ctx.graph, info, ctx.year, path)
        shares = ctx.figures.shares.get(kap, ("", ()))
        links, data_files = chapter_downloads(info, ctx.year, path, shares, ctx.figures.amended)
        assets.update(chart_files)
        assets.update(data_files)
        through_year, year_chart = chapter_block(path, model, ctx.figures.amended, kap, links.get("endringer", "")) \
            if ctx.figures.amended else ("", {})
        assets.update(year_chart)
        data = ChapterPageData(info, ctx.year, chart, links, chapter_history(ctx.graph, kap), shares, through_year)
        out[path] = render_chapter_page(ctx.graph, data, ctx.cite)
    index_data = "data/poster" if "data/poster.csv" in ctx.data_files else "data/tildelinger"
    out["kapittel/index.md"] = render_chapter_index(
        model, ctx.figures.allocations, download_links("kapittel/index.md", ctx.data_files, index_data, "alle postene som CSV"))
    return PageSet(out, [{"Kapitler": "kapittel/index.md"}], assets)


def chapter_downloads(info, year: int, page_path: str, shares,
                      amended=None) -> tuple[dict[str, str], dict[str, object]]:
    """Each table of a chapter page gets its own CSV beside the page (and the
    Excel twin): the download links per table, and the files."""
    folder = page_path.rsplit("/", 1)[0]
    links = {}
    assets: dict[str, object] = {}
    for key, data in (("poster", proposition_posts([info], year)), ("tildelt", letter_allocations([info], year, "tildelt")),
                      ("andel", post_share_table(info, shares)),
                      ("endringer", year_changes_table(amended, info.kap, "endringer"))):
        if data is not None and data.rows:
            files = files_of(data, folder)
            assets.update(files)
            links[key] = download_links(page_path, files, f"{folder}/{data.name}", "tabellen som CSV")
    return links, assets
