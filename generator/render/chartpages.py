"""Charts placed on pages: the SVG file beside the page, a caption, and the data as a table."""
from __future__ import annotations

import posixpath

from generator.linking import ChapterInfo, SiteGraph, YearModel
from generator.render import charts
from generator.render.markdown import esc, esc_attr, table
from generator.render.overview import letter_posts

MAX_CHANGES = 10


def _block(chart: "charts.Chart", svg_path: str, page_path: str, pages: dict) -> str:
    """Markdown for a chart saved at `svg_path`: figure, caption, table of the same data."""
    pages[svg_path] = chart.spec  # drawn by the build, once per distinct spec
    src = posixpath.relpath(svg_path, posixpath.dirname(page_path) or ".")
    rows = [[esc(c) for c in r] for r in chart.table_rows]
    align = ["l"] + ["r"] * (len(chart.table_header) - 1)
    return (
        f'<figure class="diagram" markdown="0">\n<img src="{esc_attr(src)}" alt="{esc_attr(chart.alt)}" '
        f'loading="lazy">\n<figcaption>{esc_attr(chart.caption)}</figcaption>\n</figure>\n\n'
        '<details class="info" markdown="1">\n<summary>Tallene i diagrammet</summary>\n\n'
        + table([esc(h) for h in chart.table_header], rows, align)
        + "\n\n</details>"
    )


def chapter_series(graph: SiteGraph, kap: int) -> list[tuple[str, list[tuple[str, int | None]]]]:
    """Each post's amounts over every column of every year the sources cover.

    The proposition's columns (Regnskap, Saldert, Forslag) and the letters'
    allocation columns, labelled as printed, in year order; the same label from
    two documents is taken once (the newest document's figure).
    """
    columns: dict[str, int] = {}  # label -> sort key
    values: dict[str, dict[str, int | None]] = {}
    titles: dict[str, str] = {}
    for year in sorted(graph.years):
        info = graph.years[year].chapters.get(kap)
        if not info:
            continue
        if info.prop:
            for p in info.prop[1].posts:
                titles.setdefault(p.post, p.title)
                for label, v in p.amounts:
                    columns.setdefault(label, _label_year(label, year))
                    values.setdefault(p.post, {})[label] = v
        allocated = letter_posts(info)
        if allocated:
            # The letter's lines for a post added up, under one label per year
            # (the tables' own headings differ from letter to letter).
            label = f"Tildelt i brevet {year}"
            columns.setdefault(label, year)
            for post, v in allocated.items():
                titles.setdefault(post, next(r.title for _, r in info.letter_rows if r.post == post))
                values.setdefault(post, {})[label] = v
    ordered = sorted(columns, key=lambda c: (columns[c], c))
    series = []
    for post in sorted(values):
        series.append((f"post {post} {titles.get(post, '')}".strip(),
                       [(c, values[post].get(c)) for c in ordered]))
    return series


def _label_year(label: str, default: int) -> int:
    import re

    m = re.search(r"(19|20)\d\d", label)
    return int(m.group(0)) if m else default


def chapter_block(graph: SiteGraph, info: ChapterInfo, year: int, page_path: str, pages: dict) -> str:
    series = chapter_series(graph, info.kap)
    points = sum(1 for _, pts in series for _, v in pts if v is not None)
    if points < 2:
        return ""
    chart = charts.history_chart(f"Kap. {info.kap} {info.title}".strip(), series)
    return _block(chart, f"kapittel/{info.kap}/poster.svg", page_path, pages)


def category_block(model: YearModel, items: list[tuple[str, int]], pages: dict) -> str:
    if len(items) < 2:
        return ""
    chart = charts.category_chart(f"Utgifter etter programkategori {model.year}", items, kind="utgift")
    return _block(chart, "diagram/kategorier.svg", "index.md", pages)


def change_block(model: YearModel, changes: list[tuple], pages: dict) -> str:
    expense = [c for c in changes if c[4] == "utgift"][:MAX_CHANGES]
    if len(expense) < 2:
        return ""
    items = [(f"{k}.{p} {t}"[:60], d) for k, p, t, d, _, _ in expense]
    chart = charts.change_chart(f"Største endringer i utgiftspostene {model.year}", items)
    return _block(chart, "diagram/endringer.svg", "index.md", pages)
