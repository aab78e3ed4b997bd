"""link: resolve references across documents and years into the graph of pages.

Input: every parsed document of every year. Output: a `SiteGraph`
(`link/graph.py`) that knows which entity pages exist in which year
(chapters, assignments, decisions; `link/year_models.py`), which page links
to which, and the backlinks. A reference to something that has no page in
any year stays unresolved and is rendered as text with a note.
"""
from __future__ import annotations

from generator.model import Document, Reference
from generator.parsing.tokens.assignment_id import find_ids
from generator.link.graph import (
    TEXT, YEAR, Edge, PageRef, SiteGraph, YearModel, assignment_ref, chapter_ref, decision_ref, index_links, text_ref,
)
from generator.link.urls import assignment_key, heading_anchor_at, post_anchor, section_pages
from generator.link.year_models import build_year_model, letter_headings, with_ministries


def build_graph(documents_by_year: dict[int, list[Document]],
                line_counts: dict[str, int] | None = None) -> SiteGraph:
    # Chapter names from every proposition, so a letter-only year can name its chapters.
    names: dict[int, tuple[str, str, str | None]] = {}
    for year in sorted(documents_by_year):
        for doc in documents_by_year[year]:
            for ch in doc.chapters:
                names[ch.kap] = (ch.title, ch.type, ch.programme_category)
    graph = SiteGraph({y: build_year_model(y, docs, names, letter_headings(documents_by_year, y))
                       for y, docs in sorted(documents_by_year.items())})
    with_ministries(graph, documents_by_year)
    for year, model in graph.years.items():
        for key, (doc, a) in model.assignments.items():
            source = assignment_ref(year, a.page_id)
            context = f"Oppdrag {a.id} {a.title}".strip()
            # The decisions it names are among its references (the parser's one
            # pass over the letter, letter.py); doc.vedtak_refs outside every
            # assignment are linked from the full text (_link_full_text).
            for ref in a.references:
                _link_reference(graph, source, ref, context)
        for key, (doc, v) in model.vedtak.items():
            source = decision_ref(year, v.session, v.nr)
            context = f"Vedtak nr. {v.nr} ({v.session})"
            for ref in v.references:
                _link_reference(graph, source, ref, context)
        for doc in model.documents:
            _link_full_text(graph, year, doc, (line_counts or {}).get(doc.source, 0))
        _link_rows_naming_assignments(graph, year, model)
        _link_changes_naming_assignments(graph, year, model)
        for kap, info in model.chapters.items():
            source = chapter_ref(year, kap)
            for other in graph.same_chapter_elsewhere(kap, year):
                graph.edges.append(Edge(source, chapter_ref(other, kap), f"kap. {kap} i {other}",
                                        f"Kap. {kap} {info.title}"))
    index_links(graph)
    return graph


def _link_rows_naming_assignments(graph: SiteGraph, year: int, model: YearModel) -> None:
    """A letter's budget line that names an assignment ("jf. oppdrag TB2025-3" in
    the remark on 714.21) links the two both ways, as if the assignment named the post."""
    for kap, info in sorted(model.chapters.items()):
        for _, row in info.letter_rows:
            for found in find_ids(row.comment):
                target = graph.find_assignment(found.canonical, year)
                if target is None or target.year != year:
                    continue
                _, a = model.assignments[assignment_key(found.canonical)]
                label = f"kap. {kap} post {row.post}" if row.post else f"kap. {kap}"
                graph.edges.append(Edge(target, chapter_ref(year, kap, post_anchor(row.post) if row.post else ""),
                                        f"{label} (tildelingsbrevets budsjettlinje nevner oppdraget)",
                                        f"Oppdrag {a.id} {a.title}".strip(), row.line))


def _link_changes_naming_assignments(graph: SiteGraph, year: int, model: YearModel) -> None:
    """A supplementary letter's change to a post that names an assignment
    ("Helsedirektoratet tildeles 0,5 mill. kroner over kap. 714 post 21 til
    arbeid med oppdrag TB2026-77") links the two both ways, as a budget line does."""
    for doc in model.documents:
        for change in doc.allocation_changes:
            chapter = graph.find_chapter(change.kap, change.post, year)
            if chapter is None or chapter.year != year:
                continue
            for found in find_ids(change.text):
                target = graph.find_assignment(found.canonical, year)
                if target is None or target.year != year:
                    continue
                _, a = model.assignments[assignment_key(found.canonical)]
                graph.edges.append(Edge(target, chapter, f"kap. {change.kap} post {change.post} "
                                        f"({doc.title} endrer tildelingen og nevner oppdraget)",
                                        f"Oppdrag {a.id} {a.title}".strip(), change.line))


def _link_reference(graph: SiteGraph, source: PageRef, ref: Reference, context: str) -> None:
    target: PageRef | None = None
    if ref.kind == "assignment":
        target = graph.find_assignment(ref.target, source.year)
    elif ref.kind == "kap" and ref.kap is not None:
        target = graph.find_chapter(ref.kap, ref.post, source.year)
    elif ref.kind == "vedtak" and ref.nr:
        target = graph.find_vedtak(ref.session, ref.nr, source.year)
    elif ref.kind == "letter" and ref.year in graph.years and any(
            d.kind == "tildelingsbrev" for d in graph.years[ref.year].documents):
        target = PageRef(ref.year, "index.md", kind=YEAR)  # that year's front page, with its letter
    if target is None or (target.year, target.path) == (source.year, source.path):
        if target is None:
            graph.unresolved.append((source, ref))
        return
    graph.edges.append(Edge(source, target, ref.text or ref.target, context, ref.line))


def _link_full_text(graph: SiteGraph, year: int, doc: Document, total_lines: int) -> None:
    """Full-text section pages <-> the assignments they hold and the decisions they name."""

    pages = section_pages(doc, total_lines or max([s.line for s in doc.sections] + [1]))
    model = graph.years[year]
    model.text_pages[doc.source] = pages

    def page_of(line: int):
        return next((p for p in pages if p.line <= line <= p.end_line), None)

    for a in doc.assignments:
        if model.assignments.get(assignment_key(a.page_id), (None, None))[1] is not a:
            continue
        sp = page_of(a.line)
        if sp is None:
            continue
        section = text_ref(year, sp)
        target = assignment_ref(year, a.page_id)
        graph.edges.append(Edge(section, target, f"{a.id} {a.title}", f"Avsnitt {sp.number} {sp.title}".strip(), a.line))
        # The assignment page links the heading it stands under, on its page.
        anchor = heading_anchor_at(doc, sp, a.line)
        sub = max((s for s in doc.sections if sp.line < s.line <= a.line), key=lambda s: s.line, default=None)
        number = sub.number if anchor and sub and sub.number else sp.number
        graph.edges.append(Edge(target, PageRef(year, sp.path, anchor, TEXT), f"avsnitt {number}".strip(),
                                f"Oppdrag {a.id} {a.title}", a.line))
    _link_prose_references(graph, year, doc, page_of)
    for v in doc.vedtak:  # the follow-up table on the full-text page links every decision
        sp = page_of(v.line)
        if sp:
            graph.edges.append(Edge(text_ref(year, sp), decision_ref(year, v.session, v.nr),
                                    f"vedtak nr. {v.nr}", f"{doc.title}, oversikten over anmodningsvedtak",
                                    v.line))
    inside = [(a.line, a.end_line) for a in doc.assignments]
    chapters = sorted((c.line, c.end_line or c.line, c) for c in doc.chapters)
    for vref in doc.vedtak_refs:
        if any(lo <= vref.line <= hi for lo, hi in inside):
            continue
        target = graph.find_vedtak(vref.session, vref.nr, year)
        if target is None:
            continue
        holder = next((c for lo, hi, c in chapters if lo <= vref.line <= hi), None)
        if holder is not None:  # the chapter's own text names the decision
            graph.edges.append(Edge(chapter_ref(year, holder.kap), target, f"vedtak nr. {vref.nr}",
                                    f"Kap. {holder.kap} {holder.title}", vref.line))
            continue
        sp = page_of(vref.line)
        if sp:
            graph.edges.append(Edge(text_ref(year, sp), target, f"vedtak nr. {vref.nr}",
                                    f"{doc.title}, avsnitt {sp.number} {sp.title}".strip(), vref.line))


def _link_prose_references(graph: SiteGraph, year: int, doc: Document, page_of) -> None:
    """The proposition's prose names chapters and posts ("kap. 740, post 21"):
    link from the chapter page whose text holds the mention, else from the
    full-text page."""
    spans = sorted((c.line, c.end_line or c.line, c) for c in doc.chapters)
    for ref in doc.references:
        if ref.kind != "kap" or ref.kap is None:
            continue
        parsed = (ref.kap, ref.post)
        holder = next((c for lo, hi, c in spans if lo <= ref.line <= hi), None)
        decision = next((v for v in doc.vedtak if v.line <= ref.line <= (v.end_line or v.line)), None)
        if decision is not None and holder is None:
            if any(r.line == ref.line and r.target == ref.target for r in decision.references):
                continue  # the decision's own references link it (build_graph), once
            source = decision_ref(year, decision.session, decision.nr)
            context = f"Vedtak nr. {decision.nr} ({decision.session})"
        elif holder is not None:
            if holder.kap == parsed[0]:
                continue
            source = chapter_ref(year, holder.kap)
            context = f"Kap. {holder.kap} {holder.title}"
        else:
            sp = page_of(ref.line)
            if sp is None:
                continue
            source = text_ref(year, sp)
            context = f"{doc.title}, {sp.number} {sp.title}".strip()
        target = graph.find_chapter(parsed[0], parsed[1], year)
        if target is None:
            graph.unresolved.append((source, ref))
        elif (target.year, target.path) != (source.year, source.path):
            graph.edges.append(Edge(source, target, ref.text or ref.target, context, ref.line))
