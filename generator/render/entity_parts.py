"""The pieces every entity page (chapter, assignment, decision) shares: a
link to the cited source lines, a letter's name, the lists of the page's
outgoing links and of the references with no page here."""
from __future__ import annotations

from generator.link.graph import ASSIGNMENT, CHAPTER, DECISION, PageRef, SiteGraph
from generator.link.urls import source_anchor, source_page_for
from generator.model import Document
from generator.render.links import outgoing_by_kind, page_link
from generator.render.markdown import esc, heading, rel


def source_line_link(page_path: str, doc: Document, line: int, end_line: int = 0, page: int | None = None) -> str:
    """A link to the cited lines in the source view, with the printed page where the model knows it."""
    label = f"linje {line}" + (f"–{end_line}" if end_line and end_line != line else "")
    link = f"[{esc(doc.source)}, {label}]({source_href(page_path, doc, line, end_line)})"
    return link + (f", trykt side {page}" if page else "")


def letter_label(letter: str, doc: Document | None = None) -> str:
    """An assignment's letter ("hovedbrev", "tillegg-3") as the pages name it:
    a supplement bound into the main letter's file (2022) is "Tillegg 3 til
    tildelingsbrevet", a supplementary letter of its own (`doc.supplement`,
    2026) "Supplerende tildelingsbrev nr. 3"."""
    if letter == "hovedbrev":
        return "Hovedbrevet"
    if letter.startswith("tillegg-"):
        if doc is not None and doc.supplement is not None:
            return f"Supplerende tildelingsbrev nr. {doc.supplement}"
        return f"Tillegg {letter.split('-', 1)[1]} til tildelingsbrevet"
    return letter


def edge_list(page: PageRef, edges) -> str:
    lines = []
    for e in edges:
        where = f" ({e.target.year})" if e.target.year != page.year else ""
        lines.append(f"- {page_link(page, e.target, e.label)}{esc(where)}")
    return "\n".join(lines)


def _unresolved_list(graph: SiteGraph, page: PageRef) -> str:
    items = sorted({(r.kind, r.text or r.target) for r in graph.unresolved_from(page)})
    if not items:
        return ""
    lines = [f"- {esc(text)} *(ikke i kildene på dette nettstedet)*" for _, text in items]
    return "Nevnt i teksten, men uten egen side her:\n\n" + "\n".join(lines)


def outgoing_sections(graph: SiteGraph, page: PageRef) -> list[str]:
    kinds = outgoing_by_kind(graph, page)
    out = []
    for kind, label, anchor in ((CHAPTER, "Kapitler og poster", "lenker-kapitler"),
                                (DECISION, "Anmodningsvedtak", "lenker-vedtak"),
                                (ASSIGNMENT, "Andre oppdrag", "lenker-oppdrag")):
        if kinds[kind]:
            out += [heading(2, label, anchor), edge_list(page, kinds[kind])]
    unresolved = _unresolved_list(graph, page)
    if unresolved:
        out += [heading(2, "Andre henvisninger", "henvisninger"), unresolved]
    return out


def source_href(from_page: str, doc: Document, line: int, end_line: int = 0) -> str:
    return rel(from_page, source_page_for(doc, line), source_anchor(line, end_line))
