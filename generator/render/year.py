"""All pages of one budget year: a pure function from the linked model to files."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.amount_history import chapter_history
from generator.history import assignment_histories
from generator.linking import (
    SiteGraph,
    YearModel,
    assignment_path,
    chapter_path,
    text_ref,
    vedtak_path,
)
from generator.model import Document
from generator.render import chartpages
from generator.render.citation import CiteContext
from generator.render.calendar import download_links, render_data, render_deadlines
from generator.render.downloads import files_of, letter_allocations, post_share_table, proposition_posts
from generator.render.entities import outgoing_sections, render_assignment_page, render_chapter_page, render_vedtak_page
from generator.render.feeds import FEED, year_feed
from generator.render.fulltext import render_section_page, render_source_view
from generator.urls import SectionPage, section_label, section_pages, source_page
from generator.render.indexes import (
    render_assignment_index,
    render_chapter_index,
    render_tags_page,
    render_vedtak_index,
)
from generator.render.links import backlinks_section
from generator.render.markdown import esc, esc_attr, front_matter, heading, rel, table
from generator.deadlines import human_date
from generator.figures import category_totals, letter_changes, proposition_changes
from generator.render.missing import PATH as MISSING_PAGE
from generator.render.missing import PAGE_LIST, page_list_json, render_missing_page
from generator.render.overview import category_titles, coverage_note, render_overview
from generator.settings import Settings
from generator.sources import SourceEntry
from generator.text import SourceText


@dataclass(frozen=True)
class YearInput:
    year: int
    documents: tuple[tuple[SourceEntry, SourceText, Document], ...]
    all_years: tuple[int, ...]
    content: dict[str, str] = field(default_factory=dict)  # hand-written pages by file name
    settings: Settings = Settings()


@dataclass
class YearOutput:
    pages: dict[str, str | bytes]  # docs path -> content
    nav: list  # mkdocs nav structure


KIND_LABEL = {"tildelingsbrev": "Tildelingsbrev", "prop1s": "Budsjettproposisjon"}
KIND_SERIES = {"tildelingsbrev": "Tildelt Helsedirektoratet (del av postene)",
               "prop1s": "Hele postene: regnskap, saldert budsjett, forslag"}


def section_page_for_line(pages: list[SectionPage], line: int) -> SectionPage | None:
    for p in pages:
        if p.line <= line <= p.end_line:
            return p
    return None


def render_front_page(inp: YearInput, model: YearModel, graph: SiteGraph,
                      listing: list[tuple[SourceEntry, Document, list]], pages: dict) -> str:
    intro = inp.content.get("index.md", "")
    rows = []
    for entry, doc, secs in listing:
        first = secs[0].path if secs else source_page(doc)
        official = f' · <a href="{esc_attr(entry.url)}">offisiell utgave</a>' if entry.url else ""
        rows.append([
            f"[{esc(entry.title)}]({rel('index.md', first)})",
            KIND_SERIES[entry.kind],
            esc(human_date(doc.date or entry.date) if (doc.date or entry.date) else "–"),
            f"[{esc(entry.file)}]({rel('index.md', source_page(doc))}){official}",
        ])
    counts = []
    if model.chapters:
        counts.append(f"[{len(model.chapters)} budsjettkapitler]({rel('index.md', 'kapittel/index.md')})")
    if model.assignments:
        counts.append(f"[{len(model.assignments)} oppdrag]({rel('index.md', 'oppdrag/index.md')})")
    if model.vedtak:
        counts.append(f"[{len(model.vedtak)} anmodningsvedtak]({rel('index.md', 'vedtak/index.md')})")
    cat_chart = chartpages.category_block(model, category_totals(model, category_titles(graph)), pages)
    change_charts = {ch.series: chartpages.change_block(model, ch, pages)
                     for ch in (proposition_changes(model), letter_changes(model, graph)) if ch}
    out = [
        front_matter(title=f"Budsjettår {inp.year}", hide=["toc"]),  # room for the amount columns
        heading(1, f"Helsebudsjettet {inp.year}"),
        "!!! info \"Hva tallene for " + str(inp.year) + " er\"\n    " + coverage_note(model),
        intro.strip(),
        ("På sidene for dette året: " + ", ".join(counts) + ".") if counts else "",
        heading(2, "Dokumentene for dette året", "dokumenter"),
        table(["Dokument", "Tallene i dokumentet", "Dato", "Kildetekst"], rows),
    ]
    downloads = {key: download_links("index.md", pages, f"data/{key}", "tabellen som CSV")
                 for key in ("totaler", "endringer-brev", "endringer-proposisjon")}
    out += render_overview(model, graph, cat_chart, change_charts, downloads)
    return "\n\n".join(p for p in out if p) + "\n"


def chapter_downloads(info, year: int, page_path: str, pages: dict) -> dict[str, str]:
    """Each table of a chapter page gets its own CSV beside the page (and the Excel twin)."""
    folder = page_path.rsplit("/", 1)[0]
    links = {}
    for key, data in (("poster", proposition_posts([info], year)), ("tildelt", letter_allocations([info], year, "tildelt")),
                      ("andel", post_share_table(info))):
        if data is not None and data.rows:
            files = files_of(data, folder)
            pages.update(files)
            links[key] = download_links(page_path, files, f"{folder}/{data.name}", "tabellen som CSV")
    return links


def render_year(inp: YearInput, graph: SiteGraph) -> YearOutput:
    model = graph.years[inp.year]
    backlinks = graph.backlinks
    pages: dict[str, str | bytes] = {}
    nav: list = [{"Forside": "index.md"}]
    listing = []
    sources_nav = []
    text_nav = []
    sections_of: dict[str, list[SectionPage]] = {}
    for entry, text, doc in inp.documents:
        secs = section_pages(doc, len(text.raw_lines))
        sections_of[doc.source] = secs
        for sp in secs:
            ref = text_ref(inp.year, sp)
            extra = "\n\n".join(outgoing_sections(graph, ref) + [backlinks_section(backlinks, ref)]).strip()
            pages[sp.path] = render_section_page(doc, sp, inp.year) + (f"\n{extra}\n" if extra else "")
        pages.update(render_source_view(doc, text))
        text_nav.append({entry.title: [{section_label(p.number, p.title): p.path} for p in secs]})
        sources_nav.append({entry.file: source_page(doc)})
        listing.append((entry, doc, secs))

    cite = CiteContext(inp.year, inp.settings, {d.source: e for e, _, d in inp.documents})
    data_files = render_data(model, graph)
    pages.update(data_files)
    if model.chapters:
        for kap, info in sorted(model.chapters.items()):
            path = chapter_path(kap)
            chart = chartpages.chapter_block(graph, info, inp.year, path, pages)
            pages[path] = render_chapter_page(graph, backlinks, info, inp.year, chart,
                                              chapter_downloads(info, inp.year, path, pages),
                                              chapter_history(graph, kap), cite)
        index_data = "data/poster" if "data/poster.csv" in data_files else "data/tildelinger"
        pages["kapittel/index.md"] = render_chapter_index(
            model, download_links("kapittel/index.md", data_files, index_data, "alle postene som CSV"))
        nav.append({"Kapitler": "kapittel/index.md"})
    if model.assignments:
        histories = assignment_histories(graph)
        for key, (doc, a) in model.assignments.items():
            sp = section_page_for_line(sections_of.get(doc.source, []), a.line)
            pages[assignment_path(a.page_id)] = render_assignment_page(graph, backlinks, doc, a, inp.year,
                                                                  sp.path if sp else None, histories.get(key), cite)
        pages["oppdrag/index.md"] = render_assignment_index(
            model, download_links("oppdrag/index.md", data_files, "data/oppdrag", "som CSV"))
        pages["oppdrag/stikkord.md"] = render_tags_page()
        nav.append({"Oppdrag": ["oppdrag/index.md", {"Etter stikkord": "oppdrag/stikkord.md"}]})
    if model.vedtak:
        for key, (doc, v) in model.vedtak.items():
            pages[vedtak_path(v.session, v.nr)] = render_vedtak_page(graph, backlinks, doc, v, inp.year, cite)
        pages["vedtak/index.md"] = render_vedtak_index(
            model, download_links("vedtak/index.md", data_files, "data/vedtak", "som CSV"))
        nav.append({"Vedtak": "vedtak/index.md"})
    pages.update(render_deadlines(model, inp.settings))
    nav.append({"Frister": "frister/index.md"})
    nav.append({"Data": "data/index.md"})
    nav += text_nav
    nav.append({"Kildetekster": sources_nav})
    pages["index.md"] = render_front_page(inp, model, graph, listing, pages)
    pages[MISSING_PAGE] = render_missing_page(model, set(pages))
    about = []
    for name, label in (("om.md", "Om nettstedet og metode"), ("ordliste.md", "Ordliste")):
        if name in inp.content:
            pages[name] = inp.content[name]
            about.append({label: name})
    if about:
        nav.append({"Om": about})
    pages[FEED] = year_feed(graph, inp.year, inp.settings)
    pages[PAGE_LIST] = page_list_json(pages)
    return YearOutput(pages, nav)
