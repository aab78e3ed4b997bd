"""Vedtak: a page per anmodningsvedtak (vedtak/<session>-<nr>/: the decision,
its follow-up as the proposition prints it, its links and citation) and the
decision index; the page type and its renderers."""
from __future__ import annotations

from generator.derive.deadlines import human_date
from generator.link.graph import SiteGraph, YearModel, decision_ref
from generator.link.urls import DECISION_INDEX, data_table, vedtak_path
from generator.model import Document, Vedtak
from generator.render.citation import CiteContext, Place, citation_section
from generator.render.downloads import download_links
from generator.render.entity_parts import outgoing_sections, source_line_link
from generator.render.links import backlinks_section
from generator.render.markdown import blocks_markdown, esc, front_matter, heading, rel, table
from generator.render.pages.base import PageSet, YearContext


def pages(ctx: YearContext) -> PageSet:
    model = ctx.model
    if not model.vedtak:
        return PageSet()
    out = {vedtak_path(v.session, v.nr): render_vedtak_page(ctx.graph, ctx.graph.backlinks, doc, v, ctx.year, ctx.cite)
           for doc, v in model.vedtak.values()}
    out[DECISION_INDEX] = render_vedtak_index(
        model, download_links(DECISION_INDEX, ctx.data_files, data_table("vedtak"), "som CSV"))
    return PageSet(out, [{"Vedtak": DECISION_INDEX}])


def _vedtak_span(v: Vedtak) -> tuple[int, int]:
    """The decision's own text (its title, "Vedtak nr. ...", the follow-up), not
    its row in the overview table."""
    if v.followup:
        return v.text_line or v.followup[0].line, max(b.end_line or b.line for b in v.followup)
    return v.line, v.end_line


def _vedtak_page(v: Vedtak) -> int | None:
    """The printed page where the cited span (`_vedtak_span`) starts."""
    return (v.text_page if v.text_line else None) if v.followup else v.page


def render_vedtak_page(graph: SiteGraph, backlinks, doc: Document, v: Vedtak, year: int,
                       cite: CiteContext | None = None) -> str:
    page = decision_ref(year, v.session, v.nr)
    title = f"Vedtak nr. {v.nr} ({v.session})"
    closed = {True: "Ja, rapporteringen avsluttes", False: "Nei, rapporteringen fortsetter", None: "–"}
    facts = [
        ["Sesjon", esc(v.session)],
        ["Vedtak nr.", esc(v.nr)],
        ["Dato", esc(human_date(v.date) if v.date else "–")],
        ["Stikkord", esc(v.title)],
        ["Rapportering avsluttet", closed[v.reporting_closed]],
        ["Kilde", source_line_link(page.path, doc, *_vedtak_span(v), _vedtak_page(v))
         + (f" (i oversikten: {source_line_link(page.path, doc, v.line, page=v.page)})" if v.followup else "")],
    ]
    out = [front_matter(title=f"{title}: {v.title}", search={"boost": 3}),
           heading(1, esc(f"{title}: {v.title}")), table(["Felt", "Verdi"], facts)]
    if v.followup:
        out += [heading(2, "Oppfølging", "oppfolging"), blocks_markdown(v.followup, base_level=3)]
    out += outgoing_sections(graph, page)
    if cite:
        first, last = _vedtak_span(v)
        out.append(citation_section(page.path, doc, Place(f"vedtak nr. {v.nr} ({v.session})", first, last,
                                                          _vedtak_page(v)), cite))
    back = backlinks_section(backlinks, page)
    if back:
        out.append(back)
    else:
        out.append("Ingen oppdrag eller brev i kildene viser til dette vedtaket.")
    return "\n\n".join(p for p in out if p) + "\n"


def render_vedtak_index(model: YearModel, download: str) -> str:
    path = DECISION_INDEX
    items = sorted(model.vedtak.values(), key=lambda dv: (dv[1].session, int(dv[1].nr) if dv[1].nr.isdigit() else 0))
    closed = {True: "Ja", False: "Nei", None: "–"}
    rows = [[esc(v.session), f"[{esc(v.nr)}]({rel(path, vedtak_path(v.session, v.nr))})", esc(human_date(v.date) if v.date else "–"),
             esc(v.title), closed[v.reporting_closed]] for _, v in items]
    done = sum(1 for _, v in items if v.reporting_closed)
    out = [front_matter(title="Anmodningsvedtak"), heading(1, "Anmodningsvedtak"),
           f"{len(items)} anmodningsvedtak er omtalt i oppfølgingstabellen; regjeringen foreslår å avslutte "
           f"rapporteringen for {done} av dem. {download}.",
           table(["Sesjon", "Nr.", "Dato", "Stikkord", "Rapportering avsluttes"], rows)]
    return "\n\n".join(out) + "\n"
