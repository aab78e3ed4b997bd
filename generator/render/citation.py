"""How to cite an entity page: the official publication, the place in it, and this page.

Every entity page ends its facts with a link to the document's official
publication (the `url:` of its manifest entry, an address seen, never
guessed), the printed page where the model knows it, and a "Slik siterer
du" line a journalist can paste. The page's own address is given only when
the site has one (settings.site_url); otherwise the line names the page's
path on the site.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

from generator.derive.deadlines import human_date
from generator.model import Document
from generator.link.urls import url_of
from generator.render.markdown import esc, heading
from generator.settings import Settings
from generator.read.sources import SourceEntry


@dataclass(frozen=True)
class CiteContext:
    year: int
    settings: Settings = Settings()
    entries: dict[str, SourceEntry] = field(default_factory=dict)  # document file name -> manifest entry


@dataclass(frozen=True)
class Place:
    where: str  # "avsnitt 3.2.3", "kap. 740", "vedtak nr. 1114 (2020–2021)"
    line: int
    end_line: int = 0
    page: int | None = None  # printed page, where the model keeps it


def official_link(doc: Document, ctx: CiteContext) -> str:
    entry = ctx.entries.get(doc.source)
    if not entry or not entry.url:
        return ""
    label = "regjeringen.no" if "regjeringen.no" in entry.url else "den offisielle utgaven"
    what = ("proposisjonen" if doc.kind == "prop1s"
            else "departementets liste over tildelingsbrev, der brevet ligger")
    return f'<a href="{html.escape(entry.url, quote=True)}">{esc(label)}</a> ({esc(what)})'


def citation_section(page_path: str, doc: Document, place: Place, ctx: CiteContext) -> str:
    """The "Kilde og sitering" section of an entity page."""
    entry = ctx.entries.get(doc.source)
    issuer = entry.issuer if entry else ""
    lines = f"linje {place.line}" + (f"–{place.end_line}" if place.end_line and place.end_line != place.line else "")
    parts = [f"{issuer}: {doc.title}" if issuer and issuer not in doc.title else doc.title, place.where]
    if place.page:
        parts.append(f"s. {place.page}")
    parts.append(f"{lines} i kildeteksten {doc.source}")
    url = ctx.settings.page_url(ctx.year, url_of(page_path))
    here = url if url else f"Helsebudsjettet, /{ctx.year}/{url_of(page_path)}"
    dated = ctx.settings.source_date(ctx.year)
    # The page's full address and the date of what it shows (its year's sources), never the clock.
    when = f" (versjon av {human_date(dated)})" if dated else ""
    cite = ", ".join(p for p in parts if p) + f". Hentet fra {here}{when}"
    out = [heading(2, "Kilde og sitering", "sitering")]
    official = official_link(doc, ctx)
    facts = []
    if official:
        facts.append(f"- Offisiell utgave: {official}")
    if place.page:
        facts.append(f"- Trykt side i dokumentet: s. {place.page}")
    else:
        # Said, so that a reader knows to look the page up rather than think it was left out.
        facts.append("- Trykt side i dokumentet: ikke kjent (kildeteksten viser ikke sidetallene her)")
    if facts:
        out.append("\n".join(facts))
    out.append(f"**Slik siterer du:** {esc(cite)}")
    return "\n\n".join(out)
