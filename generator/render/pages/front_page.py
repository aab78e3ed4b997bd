"""The year's front page: the documents, what the pages hold, the overview figures and charts."""
from __future__ import annotations

from generator.derive.deadlines import human_date
from generator.derive.assignment_count import assignment_count
from generator.derive.series import LETTER_SERIES
from generator.render.charts import page_charts as chartpages
from generator.render.data_page import download_links
from generator.render.letters import continued_text
from generator.render.markdown import esc, esc_attr, front_matter, heading, rel, table
from generator.render.overview import coverage_note, render_overview
from generator.render.pages.base import PageSet, YearContext
from generator.render.pages.year_changes_page import front_page_block
from generator.link.urls import source_page

KIND_SERIES = {"tildelingsbrev": "Tildelt Helsedirektoratet (del av postene)",
               "prop1s": "Hele postene: regnskap, saldert budsjett, forslag"}


def pages(ctx: YearContext) -> PageSet:
    page, charts = render_front_page(ctx)
    return PageSet({"index.md": page}, [{"Forside": "index.md"}], charts)


def _documents_table(ctx: YearContext) -> str:
    rows = []
    for entry, _, doc in ctx.inp.documents:
        secs = ctx.model.text_pages[doc.source]
        first = secs[0].path if secs else source_page(doc)
        official = f' · <a href="{esc_attr(entry.url)}">offisiell utgave</a>' if entry.url else ""
        rows.append([
            f"[{esc(entry.title)}]({rel('index.md', first)})",
            KIND_SERIES[entry.kind],
            esc(human_date(doc.date or entry.date) if (doc.date or entry.date) else "–"),
            f"[{esc(entry.file)}]({rel('index.md', source_page(doc))}){official}",
        ])
    # a card per document on a phone (site.css .dokumenttabell): the file names do not fit 375 px
    return ('<div class="dokumenttabell" markdown="1">\n\n'
            + table(["Dokument", "Tallene i dokumentet", "Dato", "Kildetekst"], rows) + "\n\n</div>")


def _amended_block(ctx: YearContext) -> list[str]:
    """A year with supplementary letters: when its figures stand, and its letters as a timeline."""
    amended = ctx.figures.amended
    if amended is None:
        return []
    first = next((t for t in ctx.figures.totals if t.series == LETTER_SERIES and t.type == "utgift"), None)
    return front_page_block(ctx.model, amended, first.amount if first else None, bool(first and first.folketrygd))


def render_front_page(ctx: YearContext) -> tuple[str, dict[str, object]]:
    """The front page's Markdown and its charts' files ({svg path: spec})."""
    model, year = ctx.model, ctx.year
    intro = ctx.inp.content.get("index.md", "")
    counts = []
    if model.chapters:
        counts.append(f"[{len(model.chapters)} budsjettkapitler]({rel('index.md', 'kapittel/index.md')})")
    if model.assignments:
        count = assignment_count(model)
        others = continued_text(count)
        counts.append(f"[{count.own} oppdrag]({rel('index.md', 'oppdrag/index.md')})"
                      + (f" og {others}" if others else ""))
    if model.vedtak:
        counts.append(f"[{len(model.vedtak)} anmodningsvedtak]({rel('index.md', 'vedtak/index.md')})")
    cat_chart, charts = chartpages.category_block(model, ctx.figures.categories)
    change_charts = {}
    for ch in ctx.figures.changes:
        change_charts[ch.series], files = chartpages.change_block(model, ch)
        charts = {**charts, **files}
    out = [
        front_matter(title=f"Budsjettår {year}", hide=["toc"]),  # room for the amount columns
        heading(1, f"Helsebudsjettet {year}"),
        *_amended_block(ctx),
        "!!! info \"Hva tallene for " + str(year) + " er\"\n    " + coverage_note(model),
        intro.strip(),
        ("På sidene for dette året: " + ", ".join(counts) + ".") if counts else "",
        heading(2, "Dokumentene for dette året", "dokumenter"),
        _documents_table(ctx),
    ]
    downloads = {key: download_links("index.md", ctx.data_files, f"data/{key}", "tabellen som CSV")
                 for key in ("totaler", "endringer-brev", "endringer-proposisjon")}
    out += render_overview(model, ctx.figures, cat_chart, change_charts, downloads)
    return "\n\n".join(p for p in out if p) + "\n", charts
