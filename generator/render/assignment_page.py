"""An assignment's page (oppdrag/<id>/): its facts (ID, owner, deadlines,
status, letter, section, source), its wording, its links, history and citation."""
from __future__ import annotations

from generator.link.graph import SiteGraph, assignment_path, assignment_ref
from generator.derive.assignment_history import AssignmentHistory
from generator.derive.deadlines import assignment_dues
from generator.model import Assignment, Document
from generator.parsing.tokens.assignment_id import id_year
from generator.render.citation import CiteContext, Place, citation_section
from generator.render.entity_parts import letter_label, outgoing_sections, source_line_link
from generator.render.history import assignment_history_section
from generator.render.links import backlinks_section
from generator.render.markdown import blocks_markdown, esc, front_matter, heading, rel, table
from generator.lexicon import DEPARTMENT_NAMES

# An ID the letter does not print (the 2018 letter numbers no assignments): made by the site.
SYNTHESIZED_ID = ("laget av nettstedet: brevet trykker ingen ID for oppdraget; ID-en er avsnittsnummeret "
                  "og oppdragets plass i avsnittet")
STATUS_LABEL = {"new": "Nytt oppdrag", "carried_over": "Videreført oppdrag"}


def render_assignment_page(graph: SiteGraph, backlinks, doc: Document, a: Assignment, year: int,
                           section_page: tuple[str, str] | None, history: AssignmentHistory | None = None,
                           cite: CiteContext | None = None, through_year: tuple[list, str, str] = ([], "", "")) -> str:
    """`through_year`: in a year of supplementary letters, (facts rows: which
    letter gave it and when; a notice above its wording; its additions)."""
    letter_facts, notice, additions = through_year
    page = assignment_ref(year, a.page_id)
    title = f"{a.id} {a.title}".strip()
    departments = ", ".join(f"{d} ({DEPARTMENT_NAMES[d]})" if d in DEPARTMENT_NAMES else d for d in a.departments)
    status = STATUS_LABEL.get(a.status, a.status)
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
        ["Frist", _deadline_cell(a, year)],
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
    tags = list(a.departments) + [STATUS_LABEL.get(a.status, a.status)]
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


def _deadline_cell(a: Assignment, year: int) -> str:
    """Every dated deadline in Norwegian in date order, approximate ones marked,
    the letter's words (as printed, in the letter's order), a calendar file."""
    dues = sorted(assignment_dues(a, year), key=lambda d: (d.end, d.start, d.kind))
    printed = "; ".join(d.text.strip() for d in a.deadlines if d.text.strip()) or (a.deadline_text or "").strip()
    if not dues:
        return esc(printed or "ikke oppgitt") + " *(uten fast dato)*"
    out = "; ".join(f"**{esc(d.label)}**" for d in dues)
    if printed:
        out += f" (brevet: «{esc(printed)}»)"
    return out + " · [Legg til i kalender](frist.ics)"
