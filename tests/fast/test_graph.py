"""The link graph on the real documents: every page reference carries the
kind the linker gave it, and the indexes by source and by target hold
exactly the graph's edges."""
from __future__ import annotations


from generator.link.graph import ASSIGNMENT, CHAPTER, DECISION, TEXT, YEAR, assignment_ref
from generator.link.urls import chapter_path, section_pages, vedtak_key


def _text_pages(parsed) -> set[tuple[int, str]]:
    return {(e.year, p.path) for e, text, doc in parsed for p in section_pages(doc, len(text.raw_lines))}


def test_every_page_reference_is_the_page_of_its_kind(graph, parsed):
    texts = _text_pages(parsed)
    for e in graph.edges:
        for ref in (e.source, e.target):
            model = graph.years[ref.year]
            if ref.kind == CHAPTER:
                assert any(ref.path == chapter_path(k) for k in model.chapters), ref
            elif ref.kind == ASSIGNMENT:
                assert any(ref.path == f"oppdrag/{k}/index.md" for k in model.assignments), ref
            elif ref.kind == DECISION:
                assert ref.path.split("/")[1] in model.vedtak, ref
            elif ref.kind == TEXT:
                assert (ref.year, ref.path) in texts, ref
            else:
                assert ref.kind == YEAR and ref.path == "index.md", ref


def test_edges_of_each_kind_from_the_real_documents(graph):
    pairs = {(e.source.kind, e.target.kind) for e in graph.edges}
    assert {(TEXT, ASSIGNMENT), (ASSIGNMENT, TEXT), (CHAPTER, CHAPTER), (TEXT, DECISION),
            (ASSIGNMENT, CHAPTER), (DECISION, CHAPTER), (ASSIGNMENT, DECISION)} <= pairs
    # TB2024-85 cites "Vedtak 929" (letter 2024, line 961); decision 617's follow-up names kap. 732.
    tb = [e.target for e in graph.outgoing(assignment_ref(2024, "TB2024-85"))]
    assert any(t.kind == DECISION and t.path == f"vedtak/{vedtak_key('2022–2023', '929')}/index.md" for t in tb)
    back = graph.backlinks[(2024, chapter_path(732))]
    assert any(e.source.kind == DECISION and e.source.path == "vedtak/2019-2020-617/index.md" for e in back)


def test_indexes_hold_the_edges_by_source_and_target_once(graph):
    by_source = [e for edges in graph.by_source.values() for e in edges]
    assert sorted(map(id, by_source)) == sorted(map(id, graph.edges))
    for (year, path), edges in graph.by_source.items():
        assert all((e.source.year, e.source.path) == (year, path) for e in edges)
    for (year, path), edges in graph.backlinks.items():
        sources = [(e.source.year, e.source.path) for e in edges]
        assert len(sources) == len(set(sources)), "a source page twice in one backlink list"
        assert (year, path) not in sources, "a page listed as linking to itself"
        assert all((e.target.year, e.target.path) == (year, path) for e in edges)
    linked = {(e.target.year, e.target.path, e.source.year, e.source.path) for e in graph.edges
              if (e.source.year, e.source.path) != (e.target.year, e.target.path)}
    assert sum(len(v) for v in graph.backlinks.values()) == len(linked)


def test_a_mention_is_one_edge(graph):
    # TB2024-85 names "Vedtak 929" once (letter 2024, line 961); decision 617's text names kap. 732 once
    # (proposition line 3712): each was linked twice, by two passes over the same mention.
    mentions = [(e.source.year, e.source.path, e.target.year, e.target.path, e.target.anchor, e.line)
                for e in graph.edges]
    assert len(mentions) == len(set(mentions))
    tb = [e for e in graph.outgoing(assignment_ref(2024, "TB2024-85")) if e.target.kind == DECISION]
    assert [(e.target.path, e.line) for e in tb] == [("vedtak/2022-2023-929/index.md", 961)]


def test_an_assignment_page_links_the_heading_it_stands_under(graph, parsed):
    """TB2025-4 (letter 2025, l. 444) stands under 3.2.3: its page links the
    full-text page of section 3 at #s-3-2-3, the anchor that page writes
    (both from link/urls.section_anchors)."""
    from generator.link.urls import heading_anchor_at
    from generator.render.pages.text_pages import render_section_page

    edge = next(e for e in graph.outgoing(assignment_ref(2025, "TB2025-4")) if e.target.kind == TEXT)
    assert (edge.target.path, edge.target.anchor, edge.label) == ("brev/3/index.md", "s-3-2-3", "avsnitt 3.2.3")
    doc = next(d for e, _, d in parsed if e.year == 2025 and e.kind == "tildelingsbrev")
    page = next(p for p in graph.years[2025].text_pages[doc.source] if p.path == edge.target.path)
    assert "### 3\\.2\\.3 Oppdrag { #s-3-2-3 }" in render_section_page(doc, page, 2025).splitlines()
    assert heading_anchor_at(doc, page, 444) == "s-3-2-3"  # what the assignment page's "Avsnitt" links
