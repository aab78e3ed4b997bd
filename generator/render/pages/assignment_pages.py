"""Oppdrag: the page type and its renderers. An assignment's page
(oppdrag/<id>/: its facts, ID, owner, deadlines, status, letter, section and
source, its wording, its links, history and citation), the filterable
assignment index and the tags page."""
from __future__ import annotations

import html

from generator.derive.assignment_count import assignment_count
from generator.derive.assignment_history import AssignmentHistory, assignment_histories
from generator.derive.deadlines import assignment_due, assignment_dues
from generator.lexicon import ASSIGNMENT_STATUS_LABEL, DEPARTMENT_NAMES
from generator.link.graph import SiteGraph, YearModel, assignment_ref
from generator.link.urls import (
    ASSIGNMENT_INDEX, TAGS_PAGE, SectionPage, data_table, assignment_calendar, assignment_path, heading_anchor_at,
)
from generator.model import Assignment, Document
from generator.parsing.tokens.assignment_id import id_year, sort_key as id_sort_key
from generator.render.citation import CiteContext, Place, citation_section
from generator.render.downloads import download_links
from generator.render.entity_parts import letter_label, outgoing_sections, source_line_link
from generator.render.history import assignment_history_section
from generator.render.letters import assignment_through_year, continued_text, later_letters_text, letter_key
from generator.render.links import backlinks_section
from generator.render.markdown import blocks_markdown, esc, front_matter, heading, rel, table
from generator.render.pages.base import PageSet, YearContext


def pages(ctx: YearContext) -> PageSet:
    model = ctx.model
    if not model.assignments:
        return PageSet()
    out: dict[str, str] = {}
    histories = assignment_histories(ctx.graph)
    for key, (doc, a) in model.assignments.items():
        sp = _text_page_for_line(ctx.model.text_pages.get(doc.source, []), a.line)
        path = assignment_path(a.page_id)
        through_year = assignment_through_year(model, doc, a, path, model.extensions.get(key, []))
        # The full-text page and the anchor of the heading the assignment stands under.
        section = (sp.path, heading_anchor_at(doc, sp, a.line)) if sp else None
        out[path] = render_assignment_page(ctx.graph, ctx.graph.backlinks, doc, a, ctx.year, section,
                                           histories.get(key), ctx.cite, through_year)
    out[ASSIGNMENT_INDEX] = render_assignment_index(
        model, download_links(ASSIGNMENT_INDEX, ctx.data_files, data_table("oppdrag"), "som CSV"))
    out[TAGS_PAGE] = render_tags_page()
    return PageSet(out, [{"Oppdrag": [ASSIGNMENT_INDEX, {"Etter stikkord": TAGS_PAGE}]}])


def _text_page_for_line(pages: list[SectionPage], line: int) -> SectionPage | None:
    return next((p for p in pages if p.line <= line <= p.end_line), None)


# An ID the letter does not print (the 2018 letter numbers no assignments): made by the site.
SYNTHESIZED_ID = ("laget av nettstedet: brevet trykker ingen ID for oppdraget; ID-en er avsnittsnummeret "
                  "og oppdragets plass i avsnittet")




def render_assignment_page(graph: SiteGraph, backlinks, doc: Document, a: Assignment, year: int,
                           section_page: tuple[str, str] | None, history: AssignmentHistory | None = None,
                           cite: CiteContext | None = None, through_year: tuple[list, str, str] = ([], "", "")) -> str:
    """`through_year`: in a year of supplementary letters, (facts rows: which
    letter gave it and when; a notice above its wording; its additions)."""
    letter_facts, notice, additions = through_year
    page = assignment_ref(year, a.page_id)
    title = f"{a.id} {a.title}".strip()
    departments = ", ".join(f"{d} ({DEPARTMENT_NAMES[d]})" if d in DEPARTMENT_NAMES else d for d in a.departments)
    status = ASSIGNMENT_STATUS_LABEL.get(a.status, a.status)
    if a.status == "carried_over":
        origin = id_year(a.id)
        if origin:
            status += f" (gitt første gang i {origin})"
    shown = (letter_label(a.section, doc) if a.section.startswith("tillegg-") else a.section) or \
        ("brevets tekst" if section_page else "")
    section = esc(shown) or "–"
    if section_page:
        section = f"[{esc(shown)}]({rel(page.path, *section_page)})"  # (path, the heading's anchor)
    facts = [
        ["ID", esc(a.id) + (f" (trykt som «{esc(a.printed_id)}»)" if a.printed_id and a.printed_id != a.id else "")
         + ("" if a.printed_id else f" *({SYNTHESIZED_ID})*")],
        ["Eier i HOD", esc(departments) or "–"],
        ["Frist", _deadline_cell(a)],
        ["Status", esc(status)],
        *(letter_facts or [["Brev", esc(f"{letter_label(a.letter, doc)}, {doc.title}")]]),
        ["Avsnitt", section],
        ["Kilde", source_line_link(page.path, doc, a.line, a.end_line, a.page)],
    ]
    reprints = graph.years[year].reprints.get(a.id.lower(), [])
    if reprints:
        facts.append(["Også trykt", "; ".join(source_line_link(page.path, d, r.line, r.end_line, r.page)
                                              for d, r in reprints)])
    namesakes = [b for _, b in graph.years[year].assignments.values() if b.id == a.id and b.page_id != a.page_id]
    if namesakes:
        # The letter prints this ID for more than one assignment: say so on each page.
        facts.append(["Samme ID", "Brevet bruker samme ID også for " + "; ".join(
            f"[{esc(b.page_id)} {esc(b.title)}]({rel(page.path, assignment_path(b.page_id))})" for b in namesakes)])
    tags = list(a.departments) + [ASSIGNMENT_STATUS_LABEL.get(a.status, a.status)]
    out = [front_matter(title=title, search={"boost": 3}, tags=tags), heading(1, esc(title)),
           table(["Felt", "Verdi"], facts), notice, heading(2, "Ordlyd", "ordlyd"),
           blocks_markdown(a.body, base_level=3) or esc(a.title), additions]
    out += outgoing_sections(graph, page)
    if history is not None:
        out.append(assignment_history_section(page, history))
    if cite:
        where = letter_label(a.section, doc) if a.section.startswith("tillegg-") else \
            (f"avsnitt {a.section}" if a.section else "brevets tekst")
        out.append(citation_section(page.path, doc, Place(where, a.line, a.end_line, a.page), cite))
    back = backlinks_section(backlinks, page)
    if back:
        out.append(back)
    return "\n\n".join(p for p in out if p) + "\n"


def _deadline_cell(a: Assignment) -> str:
    """Every dated deadline in Norwegian in date order, approximate ones marked,
    the letter's words (as printed, in the letter's order), a calendar file."""
    dues = sorted(assignment_dues(a), key=lambda d: (d.end, d.start, d.kind))
    printed = "; ".join(d.text.strip() for d in a.deadlines if d.text.strip()) or (a.deadline_text or "").strip()
    if not dues:
        return esc(printed or "ikke oppgitt") + " *(uten fast dato)*"
    out = "; ".join(f"**{esc(d.label)}**" for d in dues)
    if printed:
        out += f" (brevet: «{esc(printed)}»)"
    page = assignment_path(a.page_id)
    return out + f" · [Legg til i kalender]({rel(page, assignment_calendar(page))})"


def _month(iso: str | None) -> str:
    return iso[:7] if iso else ""


def render_assignment_index(model: YearModel, download: str) -> str:
    """A table with filters (department, status, deadline month, letter) and sortable columns.

    The filtering and sorting are done by site_overrides/assets/javascripts/tables.js;
    without JavaScript the full table is still there.
    """
    path = ASSIGNMENT_INDEX
    # in the letters' order: the main letter, then each supplementary letter (2026's are files of their own)
    items = sorted(model.assignments.values(),
                   key=lambda da: (da[0].supplement or 0, da[1].line, id_sort_key(da[1].id)))
    rows = []
    for doc, a in items:
        due = assignment_due(a)
        due_text = due.label if due.kind != "none" else "uten fast dato"
        attrs = {
            "data-avdeling": " ".join(a.departments),
            "data-status": a.status,
            "data-maaned": _month(due.end or None),
            "data-brev": letter_key(doc, a),
        }
        attr = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
        href = html.escape(rel(path, assignment_path(a.page_id)).replace("index.md", ""), quote=True)
        rows.append(
            f"<tr {attr}><td><a href=\"{href}\">{html.escape(a.id)}</a>"
            + ("" if a.printed_id else '<sup title="ID laget av nettstedet, ikke trykt i brevet">*</sup>')
            + "</td>"
            f"<td>{html.escape(a.title)}</td><td>{html.escape(', '.join(a.departments) or '–')}</td>"
            f"<td data-sort=\"{due.end or '9999'}\">{html.escape(due_text)}</td>"
            f"<td>{html.escape(ASSIGNMENT_STATUS_LABEL.get(a.status, a.status))}</td>"
            f"<td>{html.escape(letter_label(a.letter, doc))}</td></tr>"
        )
    out = [front_matter(title="Oppdrag"), heading(1, "Oppdrag"), _count_sentence(model)
           + ("IDer merket * er laget av nettstedet (brevet trykker ingen ID for dem). "
              if any(not a.printed_id for _, a in items) else "")
           + "Velg i listene for å filtrere, "
           f"og klikk på en kolonneoverskrift for å sortere. {download}. "
           f"Oppdragene er også ordnet etter [stikkord]({rel(path, TAGS_PAGE)}).",
           '<div class="filtertabell" markdown="0">\n'
           '<table class="sorterbar">\n<thead><tr><th scope="col">ID</th><th scope="col">Tittel</th>'
           '<th scope="col">Avdeling</th><th scope="col">Frist</th><th scope="col">Status</th>'
           '<th scope="col">Brev</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table>\n</div>"]
    if not items:
        out[-1] = "Det er ingen oppdrag i kildene for dette året."
    return "\n\n".join(out) + "\n"


def _count_sentence(model: YearModel) -> str:
    """"98 oppdrag gitt i brevene for 2026, og 1 oppdrag fra 2025 som
    videreføres (TB2025-115). ": the year's own and the ones it continues apart."""
    count = assignment_count(model)
    out = f"{count.own} oppdrag gitt i tildelingsbrevet for {model.year}"
    if len(model.letters) > 1:
        out = f"{count.own} oppdrag gitt i brevene for {model.year} (tildelingsbrevet og " \
              f"{later_letters_text(model.letters)})"
    others = continued_text(count)
    if others:
        named = ", ".join(f"[{esc(i)}]({rel(ASSIGNMENT_INDEX, assignment_path(i))})" for i in count.continued)
        out += f", og {others}" + (f" ({named})" if len(count.continued) <= 5 else "")
    return out + ". "


def render_tags_page() -> str:
    return front_matter(title="Oppdrag etter stikkord") + "# Oppdrag etter stikkord\n\n" \
        "Hvert oppdrag er merket med eieravdelingen i departementet og med status.\n\n<!-- material/tags -->\n"
