"""link: the graph of pages across documents and years: its kinds of page,
page references and edges, each year's model (`YearModel`, `ChapterInfo`) and
the `SiteGraph` with its lookups across years and its index of links.

Built by `link/linker.build_graph` (each year's model: `link/year_models.py`).
A reference to something that has no page in any year stays unresolved and
is rendered as text with a note.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from generator.model import (
    Assignment, BudgetRow, Chapter, ChapterHeading, Document, Letter, Reference, Vedtak,
)
from generator.parsing.tokens.kap_post import is_folketrygd_chapter
from generator.link.urls import (
    SectionPage, assignment_key, assignment_path, chapter_path, post_anchor, vedtak_key, vedtak_path,
)

# The URL scheme's names (chapter_path, post_anchor, ...) are imported from urls.py, not from here.
__all__ = ["PageRef", "Edge", "SiteGraph", "YearModel", "ChapterInfo",
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
        for year in years_by_preference(self.years, prefer_year):
            if key in self.years[year].assignments:
                return assignment_ref(year, assignment_id)
        return None

    def find_vedtak(self, session: str | None, nr: str, prefer_year: int) -> PageRef | None:
        for year in years_by_preference(self.years, prefer_year):
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
        for year in years_by_preference(self.years, prefer_year):
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


def years_by_preference(years: dict[int, YearModel], prefer: int) -> list[int]:
    return sorted(years, key=lambda y: (y != prefer, abs(y - prefer), -y))


def chapter_posts(info: ChapterInfo) -> list[str]:
    posts: list[str] = []
    if info.prop:
        posts.extend(p.post for p in info.prop[1].posts)
    for _, row in info.letter_rows:
        if row.post and row.post not in posts:
            posts.append(row.post)
    return posts
