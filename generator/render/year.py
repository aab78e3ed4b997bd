"""All pages of one budget year: a pure function from parsed documents to files."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.model import Document
from generator.render.fulltext import (
    render_section_page,
    render_source_view,
    section_pages,
    source_page,
    text_folder,
)
from generator.render.markdown import esc, front_matter, heading, rel, table
from generator.sources import SourceEntry
from generator.text import SourceText


@dataclass(frozen=True)
class YearInput:
    year: int
    documents: tuple[tuple[SourceEntry, SourceText, Document], ...]
    all_years: tuple[int, ...]
    content: dict[str, str] = field(default_factory=dict)  # hand-written pages by file name


@dataclass
class YearOutput:
    pages: dict[str, str | bytes]  # docs path -> content
    nav: list  # mkdocs nav structure


KIND_LABEL = {"tildelingsbrev": "Tildelingsbrev", "prop1s": "Budsjettproposisjon"}


def _document_nav(entry: SourceEntry, doc: Document, pages) -> dict:
    items = [{f"{p.number} {p.title}".strip(): p.path} for p in pages]
    return {entry.title: items}


def render_front_page(inp: YearInput, listing: list[tuple[SourceEntry, Document, list]]) -> str:
    intro = inp.content.get("index.md", "")
    rows = []
    for entry, doc, pages in listing:
        first = pages[0].path if pages else source_page(doc)
        rows.append([
            f"[{esc(entry.title)}]({rel('index.md', first)})",
            KIND_LABEL[entry.kind],
            esc(entry.issuer),
            esc(entry.date or "–"),
            str(len([s for s in doc.sections if s.number])),
            f"[{esc(entry.file)}]({rel('index.md', source_page(doc))})",
        ])
    out = [
        front_matter(title=f"Budsjettår {inp.year}"),
        heading(1, f"Helsebudsjettet {inp.year}"),
        intro.strip(),
        heading(2, "Dokumentene for dette året", "dokumenter"),
        table(["Dokument", "Type", "Fra", "Dato", "Nummererte avsnitt", "Kildetekst"], rows),
    ]
    return "\n\n".join(p for p in out if p) + "\n"


def render_year(inp: YearInput) -> YearOutput:
    pages: dict[str, str | bytes] = {}
    nav: list = [{"Forside": "index.md"}]
    listing = []
    sources_nav = []
    for entry, text, doc in inp.documents:
        secs = section_pages(doc, len(text.raw_lines))
        for sp in secs:
            pages[sp.path] = render_section_page(doc, text, sp, inp.year)
        pages[source_page(doc)] = render_source_view(doc, text)
        nav.append(_document_nav(entry, doc, secs))
        sources_nav.append({entry.file: source_page(doc)})
        listing.append((entry, doc, secs))
    pages["index.md"] = render_front_page(inp, listing)
    nav.append({"Kildetekster": sources_nav})
    about = []
    for name, label in (("om.md", "Om nettstedet og metode"), ("ordliste.md", "Ordliste")):
        if name in inp.content:
            pages[name] = inp.content[name]
            about.append({label: name})
    if about:
        nav.append({"Om": about})
    return YearOutput(pages, nav)

