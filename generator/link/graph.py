"""link: resolve references across documents and years into a graph of pages.

Input: every parsed document of every year. Output: a `SiteGraph` that knows
which entity pages exist in which year (chapters, assignments, decisions),
which page links to which, and the backlinks. A reference to something that
has no page in any year stays unresolved and is rendered as text with a note.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator.model import (
    Assignment, BudgetRow, Chapter, ChapterHeading, Document, Letter, Reference, Vedtak, budget_side, letter_sequence,
)
from generator.parsing.tokens.assignment_id import find_ids
from generator.parsing.tokens.kap_post import is_folketrygd_chapter
from generator.link.urls import (
    SectionPage, assignment_key, assignment_path, chapter_path, heading_anchor_at, post_anchor, section_pages,
    vedtak_key, vedtak_path,
)

# The URL scheme lives in urls.py; these names stay importable from here.
__all__ = ["assignment_key", "assignment_path", "chapter_path", "post_anchor", "vedtak_key", "vedtak_path",
           "build_graph", "PageRef", "Edge", "SiteGraph", "YearModel", "ChapterInfo",
           "CHAPTER", "ASSIGNMENT", "DECISION", "TEXT", "YEAR"]

# --- the graph ------------------------------------------------------------------------


# The kinds of page the graph links, said by the linker where it makes a
# reference (never guessed from a URL folder).
CHAPTER = "chapter"
ASSIGNMENT = "assignment"
DECISION = "decision"
TEXT = "text"  # a page of a document's full text
YEAR = "year"  # a year's front page


@dataclass(frozen=True)
class PageRef:
    year: int
    path: str  # docs path inside the year, "kapittel/740/index.md"
    anchor: str = ""
    kind: str = ""  # CHAPTER, ASSIGNMENT, ...; "" for a plain link target outside the graph


def chapter_ref(year: int, kap: int, anchor: str = "") -> PageRef:
    return PageRef(year, chapter_path(kap), anchor, CHAPTER)


def assignment_ref(year: int, assignment_id: str) -> PageRef:
    return PageRef(year, assignment_path(assignment_id), kind=ASSIGNMENT)


def decision_ref(year: int, session: str | None, nr: str) -> PageRef:
    return PageRef(year, vedtak_path(session, nr), kind=DECISION)


def text_ref(year: int, page: SectionPage) -> PageRef:
    return PageRef(year, page.path, kind=TEXT)


@dataclass(frozen=True)
class Edge:
    source: PageRef
    target: PageRef
    label: str  # how the source names the target ("TB2025-12 Tittel")
    context: str  # what the source is, for the backlink list ("Oppdrag TB2025-12 ...")
    line: int = 0


@dataclass
class ChapterInfo:
    kap: int
    title: str
    type: str
    programme_category: str | None
    prop: tuple[Document, Chapter] | None = None
    letter_rows: list[tuple[Document, BudgetRow]] = field(default_factory=list)
    # Where the name comes from: the year's proposition, else a letter's own
    # heading ("Kap. 575 Ressurskrevende tjenester", with the section it stands
    # under), this year's or another year's.
    named_by: tuple[Document, ChapterHeading] | None = None
    # The nearest letter that prints the chapter under a ministry's heading
    # ("5.2.2 Kommunal- og distriktsdepartementet"), where `named_by` does not.
    ministry: tuple[Document, ChapterHeading] | None = None

    @property
    def folketrygd(self) -> bool:
        """A chapter of the folketrygd (an expense chapter): a letter types
        its rows so, or its number is one of the folketrygd's (2500-2799, a
        proposition's chapter under programme area 30)."""
        return self.type == "utgift" and (any(r.type == "folketrygd" for _, r in self.letter_rows)
                                          or is_folketrygd_chapter(self.kap))


@dataclass
class YearModel:
    year: int
    documents: list[Document]
    chapters: dict[int, ChapterInfo] = field(default_factory=dict)
    assignments: dict[str, tuple[Document, Assignment]] = field(default_factory=dict)
    # Later printings of an ID already seen (the parser warns duplicate-id).
    reprints: dict[str, list[tuple[Document, Assignment]]] = field(default_factory=dict)
    vedtak: dict[str, tuple[Document, Vedtak]] = field(default_factory=dict)
    # doc.source -> the pages its full text is split into (urls.section_pages),
    # computed once by the linker; the renderer reads them here.
    text_pages: dict[str, list[SectionPage]] = field(default_factory=dict)
    # The year's allocation letters in order (main letter, then supplements).
    letters: tuple[Letter, ...] = ()
    # A later letter's additions to an assignment an earlier letter gave
    # (delleveranser, presisering), in letter order, by assignment key.
    extensions: dict[str, list[tuple[Document, Assignment]]] = field(default_factory=dict)
    # An assignment announced before it was given ("unntatt offentlighet.
    # Ettersendes"): that first printing, by assignment key.
    announced: dict[str, tuple[Document, Assignment]] = field(default_factory=dict)

    def letter_post_title(self, kap: int, post: str) -> str:
        """A post's title as the year's allocation letter prints it (its
        first row of the post with a title), for a row that prints none: a
        supplement's change table ("Kap. post | Tidligere tildeling | Ny
        tildeling | Sum tildeling"). "" when the letter has no such row:
        a title is never made up."""
        info = self.chapters.get(kap)
        if info is None:
            return ""
        return next((r.title for _, r in info.letter_rows if r.post == post and r.title), "")


PageKey = tuple[int, str]  # (year, path): a page, whatever the anchor


@dataclass
class SiteGraph:
    years: dict[int, YearModel]
    edges: list[Edge] = field(default_factory=list)
    unresolved: list[tuple[PageRef, Reference]] = field(default_factory=list)
    # Indexed once, when the graph is complete (`index_links`): edges by source
    # page, incoming edges by target page (deduplicated by source page: the
    # backlinks), and unresolved references by the page that makes them.
    by_source: dict[PageKey, list[Edge]] = field(default_factory=dict)
    backlinks: dict[PageKey, list[Edge]] = field(default_factory=dict)
    unresolved_by_source: dict[PageKey, list[Reference]] = field(default_factory=dict)

    def outgoing(self, page: PageRef) -> list[Edge]:
        return self.by_source.get((page.year, page.path), [])

    def unresolved_from(self, page: PageRef) -> list[Reference]:
        return self.unresolved_by_source.get((page.year, page.path), [])

    # -- lookups across years --

    def find_assignment(self, assignment_id: str, prefer_year: int) -> PageRef | None:
        key = assignment_key(assignment_id)
        for year in _years_by_preference(self.years, prefer_year):
            if key in self.years[year].assignments:
                return assignment_ref(year, assignment_id)
        return None

    def find_vedtak(self, session: str | None, nr: str, prefer_year: int) -> PageRef | None:
        for year in _years_by_preference(self.years, prefer_year):
            vedtak = self.years[year].vedtak
            if session and vedtak_key(session, nr) in vedtak:
                return decision_ref(year, session, nr)
            if not session:
                matches = [k for k, (_, v) in vedtak.items() if v.nr == nr]
                if len(matches) == 1:
                    v = vedtak[matches[0]][1]
                    return decision_ref(year, v.session, v.nr)
        return None

    def find_chapter(self, kap: int, post: str | None, prefer_year: int) -> PageRef | None:
        for year in _years_by_preference(self.years, prefer_year):
            info = self.years[year].chapters.get(kap)
            if info:
                anchor = post_anchor(post) if post and post in chapter_posts(info) else ""
                return chapter_ref(year, kap, anchor)
        return None

    def same_assignment_elsewhere(self, assignment_id: str, year: int) -> list[int]:
        key = assignment_key(assignment_id)
        return [y for y in sorted(self.years) if y != year and key in self.years[y].assignments]

    def same_chapter_elsewhere(self, kap: int, year: int) -> list[int]:
        return [y for y in sorted(self.years) if y != year and kap in self.years[y].chapters]


def index_links(graph: SiteGraph) -> None:
    """Index the finished graph's edges by source and by target, once per build."""
    by_source: dict[PageKey, list[Edge]] = defaultdict(list)
    backlinks: dict[PageKey, list[Edge]] = defaultdict(list)
    seen: set[tuple] = set()
    for e in graph.edges:
        by_source[(e.source.year, e.source.path)].append(e)
        key = (e.target.year, e.target.path, e.source.year, e.source.path)
        if key in seen or (e.source.year, e.source.path) == (e.target.year, e.target.path):
            continue
        seen.add(key)
        backlinks[(e.target.year, e.target.path)].append(e)
    unresolved: dict[PageKey, list[Reference]] = defaultdict(list)
    for page, ref in graph.unresolved:
        unresolved[(page.year, page.path)].append(ref)
    graph.by_source, graph.backlinks, graph.unresolved_by_source = dict(by_source), dict(backlinks), dict(unresolved)


def _years_by_preference(years: dict[int, YearModel], prefer: int) -> list[int]:
    return sorted(years, key=lambda y: (y != prefer, abs(y - prefer), -y))


def chapter_posts(info: ChapterInfo) -> list[str]:
    posts: list[str] = []
    if info.prop:
        posts.extend(p.post for p in info.prop[1].posts)
    for _, row in info.letter_rows:
        if row.post and row.post not in posts:
            posts.append(row.post)
    return posts


# --- building ---------------------------------------------------------------------------

def build_year_model(year: int, documents: list[Document], chapter_names: dict[int, tuple[str, str, str | None]],
                     headings: dict[int, tuple[Document, ChapterHeading]] | None = None) -> YearModel:
    """`headings`: a letter's own chapter headings from every year, the
    nearest year's first; this year's letter wins over them."""
    model = YearModel(year, documents, letters=letter_sequence(documents))
    own = {h.kap: (doc, h) for doc in documents for h in reversed(doc.chapter_headings) if h.title}
    headings = {**(headings or {}), **own}

    def new_chapter(kap: int, kind: str) -> ChapterInfo:
        named = own.get(kap) or (None if kap in chapter_names else headings.get(kap))
        title, ckind, category = chapter_names.get(kap, ("", kind, None))
        return ChapterInfo(kap, named[1].title if named and (kap in own or not title) else title,
                           ckind or kind, category, named_by=named or headings.get(kap))

    for doc in documents:
        for ch in doc.chapters:
            model.chapters[ch.kap] = ChapterInfo(ch.kap, ch.title, ch.type, ch.programme_category, (doc, ch),
                                                 named_by=own.get(ch.kap))
    for doc in sorted(documents, key=lambda d: d.supplement or 0):
        if doc.supplement is not None:  # a supplement's rows are changes (derive/amended), not allocations
            _add_supplement(model, doc, new_chapter)
            continue
        for row in doc.budget_rows:
            info = model.chapters.get(row.kap)
            if info is None:
                info = new_chapter(row.kap, budget_side(row.type))
                model.chapters[row.kap] = info
            info.letter_rows.append((doc, row))
        for change in doc.allocation_changes:  # a supplement bound into the file changes it
            if change.kap not in model.chapters:
                model.chapters[change.kap] = new_chapter(change.kap, "utgift")
        for a in doc.assignments:
            key = assignment_key(a.page_id)
            if key not in model.assignments:
                model.assignments[key] = (doc, a)
            else:  # reported by the parser; the page shows every printing
                model.reprints.setdefault(key, []).append((doc, a))
        for v in doc.vedtak:
            model.vedtak.setdefault(vedtak_key(v.session, v.nr), (doc, v))
    return model


def _letter_headings(documents_by_year: dict[int, list[Document]], year: int
                     ) -> dict[int, tuple[Document, ChapterHeading]]:
    """Every chapter heading the letters print, the one from the year nearest `year` kept."""
    out: dict[int, tuple[Document, ChapterHeading]] = {}
    for y in _years_by_preference(documents_by_year, year):
        for doc in documents_by_year[y]:
            for h in doc.chapter_headings:
                if h.title:
                    out.setdefault(h.kap, (doc, h))
    return out


def is_exempt(a: Assignment) -> bool:
    """An assignment "unntatt offentlighet": the letter prints its ID and that
    it is exempt, no text (an assignment whose text mentions the words is not)."""
    text = " ".join(b.text for b in a.body)
    return "unntatt offentlighet" in a.title.lower() or (len(text) < 200 and "unntatt offentlighet" in text.lower())


def is_announcement(a: Assignment) -> bool:
    """A printing that only announces the assignment ("Ettersendes")."""
    return is_exempt(a) and "ettersendes" in f"{a.title} {' '.join(b.text for b in a.body)}".lower()


def _add_supplement(model: YearModel, doc: Document, new_chapter) -> None:
    """A supplementary letter's assignments: a new ID is a new assignment; an
    ID an earlier letter gave is an addition to it (or, where the earlier
    printing only announced it, the assignment given)."""
    for row in doc.budget_rows:  # a change table names the chapter: it has a page
        if row.kap not in model.chapters:
            model.chapters[row.kap] = new_chapter(row.kap, budget_side(row.type))
    for change in doc.allocation_changes:
        if change.kap not in model.chapters:
            model.chapters[change.kap] = new_chapter(change.kap, "utgift")
    for a in doc.assignments:
        key = assignment_key(a.page_id)
        first = model.assignments.get(key)
        if first is None:
            model.assignments[key] = (doc, a)
        elif is_announcement(first[1]) and not is_exempt(a):
            model.announced[key] = first
            model.assignments[key] = (doc, a)
        elif is_exempt(a):  # listed again as exempt: a repeat, not an addition
            model.reprints.setdefault(key, []).append((doc, a))
        else:
            model.extensions.setdefault(key, []).append((doc, a))


def _with_ministries(graph: SiteGraph, documents_by_year: dict[int, list[Document]]) -> None:
    """Each chapter named by a letter heading that stands under no ministry's
    heading gets the nearest letter that prints it under one."""
    for year, model in graph.years.items():
        for info in model.chapters.values():
            if info.named_by and "departement" in info.named_by[1].under.lower():
                continue
            info.ministry = next(((doc, h) for y in _years_by_preference(documents_by_year, year)
                                  for doc in documents_by_year[y] for h in doc.chapter_headings
                                  if h.kap == info.kap and "departement" in h.under.lower()), None)


def build_graph(documents_by_year: dict[int, list[Document]],
                line_counts: dict[str, int] | None = None) -> SiteGraph:
    # Chapter names from every proposition, so a letter-only year can name its chapters.
    names: dict[int, tuple[str, str, str | None]] = {}
    for year in sorted(documents_by_year):
        for doc in documents_by_year[year]:
            for ch in doc.chapters:
                names[ch.kap] = (ch.title, ch.type, ch.programme_category)
    graph = SiteGraph({y: build_year_model(y, docs, names, _letter_headings(documents_by_year, y))
                       for y, docs in sorted(documents_by_year.items())})
    _with_ministries(graph, documents_by_year)
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
