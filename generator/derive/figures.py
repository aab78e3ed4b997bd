"""figures: every number a year's pages show, computed once, in two series never mixed.

- The proposition's series (Prop. 1 S): the whole post as the Storting is
  asked to grant it, in the columns the proposition prints (Regnskap,
  Saldert budsjett, Forslag).
- The letter's series ("Tildelt Helsedirektoratet"): the part of a post the
  ministry's allocation letter makes available to Helsedirektoratet (the
  letter's lines for the post added up).

A change is computed only between like and like: a proposition's Forslag
against the same proposition's Saldert budsjett, or a letter's allocation
against the allocation in the previous letter the sources hold. A letter's
figure is never subtracted from a proposition's. Amounts are in 1 000 kr as
the sources print them.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from generator.derive.changes import Changes, letter_changes, previous_letter_year, proposition_changes
from generator.derive.coverage import PostFigure, ThroughYear, compare_through_year
from generator.derive.amended import Amended, amended_allocations
from generator.derive.post_figures import PostShare, allocations, main_letter_posts, post_figures, post_shares
from generator.derive.totals import CategoryFigures, Total, category_titles, category_totals, year_totals
from generator.diagnostics import Diagnostics
from generator.link.graph import SiteGraph, YearModel
from generator.parsing.tokens.kap_post import chapter_type, is_folketrygd_chapter


@dataclass(frozen=True)
class YearFigures:
    """Every number the pages of one year derive from its sources, computed
    once per year by the figures stage and read by the pages that show them."""
    year: int
    totals: tuple[Total, ...]
    proposition: Changes | None  # Forslag against Saldert budsjett
    letter: Changes | None  # the letter against the previous letter
    categories: CategoryFigures | None
    allocations: dict[int, dict[str, int]]  # the letter per chapter and post (1 000 kr)
    previous: tuple[int, dict[int, dict[str, int]]] | None  # the previous letter's year and allocations
    shares: dict[int, tuple[str, tuple[PostShare, ...]]]  # per chapter, where the year has both documents
    posts: dict[int, dict[str, PostFigure]] | None = None  # the letter per chapter and post, prose marks, shares
    # The year as amended by its supplementary letters (derive/amended.py);
    # None when the sources hold no supplement with changes for the year.
    # `allocations` stays the main letter's: what is compared across years.
    amended: Amended | None = None
    # Per type, the main letter against the year as amended, reconciled line by line
    # (coverage.ThroughYear); () without supplements.
    through_year: tuple[ThroughYear, ...] = ()

    @property
    def changes(self) -> tuple[Changes, ...]:
        return tuple(c for c in (self.proposition, self.letter) if c)


def amended_year(model: YearModel, diags: Diagnostics | None = None) -> Amended | None:
    """The year's allocations as amended, where the sources hold a letter after
    the main one (a supplementary letter, or a supplement bound into its file)."""
    if len(model.letters) < 2:
        return None
    return amended_allocations(model.letters, {d.source: d for d in model.documents}, main_letter_posts(model),
                               diags)


def through_year(year: int, amended: Amended | None, first: dict[int, dict[str, PostFigure]]
                 ) -> tuple[ThroughYear, ...]:
    """The main letter's posts (`first`) against the same posts as the
    supplements amended them (`Amended.chains`), per type; a post a
    supplement takes to 0 is no longer allocated."""
    if amended is None or not amended.chains:
        return ()
    before = {(k, p): f for k, posts in first.items() for p, f in posts.items()}
    now = dict(before)
    for chain in amended.chains:
        key = (chain.kap, chain.post)
        old = before.get(key)
        if not chain.now:
            now.pop(key, None)
        elif old is not None:
            # the share was of the proposal against the first allocation: not known after the changes
            now[key] = replace(old, amount=chain.now, share=None)
        else:
            now[key] = PostFigure(chain.kap, chain.post, chain.title, chain.now, chapter_type(chain.kap),
                                  folketrygd=is_folketrygd_chapter(chain.kap))
    out = []
    for kind in ("utgift", "inntekt"):
        b = {k: f for k, f in before.items() if f.type == kind}
        a = {k: f for k, f in now.items() if f.type == kind}
        if b or a:
            out.append(compare_through_year(year, kind, b, a))
    return tuple(out)


def year_figures(graph: SiteGraph, year: int, titles: dict[str, str], allocated: dict[int, dict],
                 posts: dict[int, dict[int, dict[str, PostFigure]]] | None = None,
                 diags: Diagnostics | None = None) -> YearFigures:
    model = graph.years[year]
    posts = posts if posts is not None else {y: post_figures(m) for y, m in graph.years.items()}
    prev_year = previous_letter_year(graph, year)
    previous = (prev_year, allocated[prev_year]) if prev_year is not None else None
    letter = letter_changes(year, posts[year], prev_year, posts[prev_year]) if previous else None
    shares = {kap: post_shares(info) for kap, info in sorted(model.chapters.items()) if info.prop and info.letter_rows}
    amended = amended_year(model, diags)
    return YearFigures(year, tuple(year_totals(model)), proposition_changes(model), letter,
                       category_totals(model, titles), allocated[year], previous, shares, posts[year],
                       amended, through_year(year, amended, posts[year]))


def site_figures(graph: SiteGraph, diags: Diagnostics | None = None) -> dict[int, YearFigures]:
    """The figures stage: each year's figures, once per build; what does not
    hold (a letter's "Tidligere tildeling" against the running total) into `diags`."""
    titles = category_titles(graph)
    allocated = {y: allocations(m) for y, m in graph.years.items()}
    posts = {y: post_figures(m) for y, m in graph.years.items()}
    return {y: year_figures(graph, y, titles, allocated, posts, diags) for y in sorted(graph.years)}
