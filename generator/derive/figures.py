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

import re
from dataclasses import dataclass, replace

from generator.derive.coverage import Coverage, PostFigure, ThroughYear, compare_letters, compare_through_year
from generator.derive.amended import Amended, amended_allocations
from generator.diagnostics import Diagnostics
from generator.link.graph import ChapterInfo, SiteGraph, YearModel
from generator.parsing.tokens.kap_post import chapter_type, is_folketrygd_chapter

LETTER_SERIES = "Tildelt Helsedirektoratet"
WITH_FOLKETRYGD = "inkl. folketrygden"  # what a page says after an expense total that counts folketrygd posts
PROP_SERIES = "Hele posten (Prop. 1 S)"
MISSING_NAME = "navn mangler i kildene"


def letter_allocation(pairs) -> int | None:
    """A letter row's allocation for its year: the last amount column printed
    (tables print earlier years first: "Saldert 2017 | 2018")."""
    values = [v for _, v in pairs if v is not None]
    return values[-1] if values else None


_THOUSANDS_PER_UNIT = {"1000 NOK": 1, "mill. NOK": 1000}


def in_thousands(value: int, unit: str) -> int:
    """An amount in the unit its table states, in 1 000 kr (the unit the
    site's letter figures are in); whole kroner are rounded to thousands."""
    if unit in _THOUSANDS_PER_UNIT:
        return value * _THOUSANDS_PER_UNIT[unit]
    if unit == "NOK":
        return round(value / 1000)
    raise ValueError(f"unknown amount unit {unit!r}")


def letter_posts(info: ChapterInfo) -> dict[str, int]:
    """Allocation per post in 1 000 kr, adding up the letter's lines for the
    same post (the 2025 letter splits 701.21 over five lines). A post that a
    second table of the letter prints again with the same amount under
    another column heading is one allocation, not two (the 2026 letter prints
    732.77, 4 615 595, in its expense table and in its table of folketrygd
    posts)."""
    out: dict[str, int] = {}
    printed: dict[tuple[str, int], str] = {}  # (post, amount) -> the column heading it was counted under
    for _, row in info.letter_rows:
        v = letter_allocation(row.amounts)
        if v is None:
            continue
        heading = next((h for h, x in reversed(row.amounts) if x is not None), "")
        if printed.get((row.post, v), heading) != heading:
            continue  # the same allocation printed again in another table
        printed[(row.post, v)] = heading
        # post "": a chapter allocated as a whole ("Helsedirektoratet tildeles 75 321 000 kr")
        out[row.post] = out.get(row.post, 0) + in_thousands(v, row.unit)
    return out


def letter_figures(info: ChapterInfo, whole: dict[str, int | None] | None = None) -> dict[str, PostFigure]:
    """Per post what the letter allocates (1 000 kr), whether it was read from
    prose, and its share of the whole post where `whole` gives the post."""
    out: dict[str, PostFigure] = {}
    amounts = letter_posts(info)
    for post, v in amounts.items():
        rows = [r for _, r in info.letter_rows if r.post == post]
        title = next((r.title for r in rows if r.title), "")
        w = (whole or {}).get(post)
        out[post] = PostFigure(info.kap, post, title, v, info.type, any(r.read_from == "prose" for r in rows),
                               v / w * 100 if w else None, any(r.type == "folketrygd" for r in rows))
    return out


def has_letter(model: YearModel) -> bool:
    return any(d.kind == "tildelingsbrev" for d in model.documents)


def has_proposition(model: YearModel) -> bool:
    return any(d.kind == "prop1s" for d in model.documents)


def previous_letter_year(graph: SiteGraph, year: int) -> int | None:
    """The latest earlier year whose sources hold an allocation letter with amounts."""
    earlier = [y for y in graph.years if y < year and any(i.letter_rows for i in graph.years[y].chapters.values())]
    return max(earlier, default=None)


def column_year(label: str, default: int = 0) -> int:
    m = re.search(r"(19|20)\d\d", label)
    return int(m.group(0)) if m else default


def _saldert(amounts: dict[str, int | None]) -> int | None:
    return next((v for k, v in amounts.items() if k.lower().startswith("saldert")), None)


def _proposal(pairs) -> int | None:
    return pairs[-1][1] if pairs else None


@dataclass(frozen=True)
class Change:
    kap: int
    post: str
    title: str
    before: int
    after: int
    type: str  # "utgift" | "inntekt"
    kind: str = "funding"  # "funding" | "delegation": the letters cover the post differently
    share_before: float | None = None  # of the whole post, where a source prints it (percent)
    share_after: float | None = None

    @property
    def diff(self) -> int:
        return self.after - self.before

    @property
    def percent(self) -> float | None:
        """Growth in percent: only for a funding change, never for a change in what is delegated."""
        return self.diff / self.before * 100 if self.before and self.kind == "funding" else None


@dataclass(frozen=True)
class NewPost:
    kap: int
    post: str
    title: str
    amount: int
    type: str


@dataclass(frozen=True)
class Changes:
    series: str  # PROP_SERIES | LETTER_SERIES
    base: str  # what the figures are compared with ("2024-brevet", "Saldert budsjett 2023")
    base_year: int | None
    changes: tuple[Change, ...]  # largest first
    new: tuple[NewPost, ...]
    delegated: tuple[Change, ...] = ()  # letters only: posts both letters allocate but cover differently
    dropped: tuple[NewPost, ...] = ()  # letters only: posts the earlier letter allocates and this one does not
    coverage: tuple[Coverage, ...] = ()  # letters only: per type, the reconciliation of the two totals

    @property
    def gap(self) -> int:
        """Years between the two documents compared (2 for 2022 -> 2024)."""
        return 1 if self.base_year is None else max(1, self.years - self.base_year)

    @property
    def years(self) -> int:
        return next((c.year for c in self.coverage), (self.base_year or 0) + 1)


def _sorted(changes: list[Change]) -> tuple[Change, ...]:
    return tuple(sorted(changes, key=lambda c: (-abs(c.diff), c.kap, c.post)))


def proposition_changes(model: YearModel) -> Changes | None:
    """Forslag against Saldert budsjett, both from the year's proposition."""
    infos = [(k, i) for k, i in sorted(model.chapters.items()) if i.prop]
    if not infos:
        return None
    changes, new, base_label = [], [], ""
    for kap, info in infos:
        for p in info.prop[1].posts:
            amounts = dict(p.amounts)
            base_label = base_label or next((k for k in amounts if k.lower().startswith("saldert")), "")
            after, before = _proposal(p.amounts), _saldert(amounts)
            if after is None:
                continue
            if before is None:
                new.append(NewPost(kap, p.post, p.title, after, info.type))
            elif after != before:
                changes.append(Change(kap, p.post, p.title, before, after, info.type))
    return Changes(PROP_SERIES, base_label or "saldert budsjett", None, _sorted(changes), tuple(new))


def allocations(model: YearModel) -> dict[int, dict[str, int]]:
    """The letter's allocation per chapter and post (1 000 kr); chapters without one left out."""
    out = {}
    for kap, info in sorted(model.chapters.items()):
        posts = letter_posts(info)
        if posts:
            out[kap] = posts
    return out


def _change(pair) -> Change:
    b, a = pair.before, pair.after
    return Change(b.kap, b.post, a.title or b.title, b.amount, a.amount, a.type, pair.kind, b.share, a.share)


def _new(f: PostFigure) -> NewPost:
    return NewPost(f.kap, f.post, f.title, f.amount, f.type)


def _letter_changes(year: int, now_all: dict[int, dict[str, PostFigure]], prev_year: int,
                    before_all: dict[int, dict[str, PostFigure]]) -> Changes | None:
    """The letter's allocation per post against the previous letter's, by
    kap.post, after sorting every post of both into coverage classes
    (coverage.compare_letters): a funding change only where both letters cover
    the post alike, else a change in what is delegated; posts only one letter
    allocates are new or dropped, never changes. None without a letter this year."""
    if not now_all:
        return None
    coverage = []
    for kind in ("utgift", "inntekt"):
        before = {(k, p): f for k, posts in before_all.items() for p, f in posts.items() if f.type == kind}
        after = {(k, p): f for k, posts in now_all.items() for p, f in posts.items() if f.type == kind}
        if before or after:
            coverage.append(compare_letters(year, prev_year, kind, before, after))
    pairs = [p for c in coverage for p in c.both if p.diff]
    return Changes(LETTER_SERIES, f"{prev_year}-brevet", prev_year,
                   _sorted([_change(p) for p in pairs if p.kind == "funding"]),
                   tuple(_new(f) for c in coverage for f in c.added + tuple(x for r in c.renumbered for x in r.after)),
                   _sorted([_change(p) for p in pairs if p.kind == "delegation"]),
                   tuple(_new(f) for c in coverage for f in c.dropped + tuple(x for r in c.renumbered for x in r.before)),
                   tuple(coverage))


@dataclass(frozen=True)
class Total:
    series: str  # PROP_SERIES | LETTER_SERIES
    type: str  # "utgift" | "inntekt"
    column: str  # the proposition's column as printed, or LETTER_SERIES + year
    amount: int
    folketrygd: int = 0  # of `amount`, the folketrygd's posts (an expense total includes them; pages say so)


def letter_folketrygd(info: ChapterInfo) -> int:
    """Of a chapter's allocation (1 000 kr), its posts the letter types folketrygd."""
    kinds = {r.post for _, r in info.letter_rows if r.type == "folketrygd"}
    return sum(v for post, v in letter_posts(info).items() if post in kinds)


def year_totals(model: YearModel) -> list[Total]:
    """Expense and income totals per series, never mixed. An expense total
    includes the folketrygd's posts, as it always has, and says how much of
    it they are (`Total.folketrygd`)."""
    out: list[Total] = []
    for kind in ("utgift", "inntekt"):
        infos = [i for i in model.chapters.values() if i.type == kind]
        sums: dict[str, int] = {}
        trygd: dict[str, int] = {}
        for info in infos:
            if info.prop:
                for p in info.prop[1].posts:
                    for k, v in p.amounts:
                        if v is not None:
                            sums[k] = sums.get(k, 0) + v
                            if info.folketrygd:
                                trygd[k] = trygd.get(k, 0) + v
        for k in sorted(sums, key=lambda c: (column_year(c), c)):
            out.append(Total(PROP_SERIES, kind, k, sums[k], trygd.get(k, 0)))
        if any(i.letter_rows for i in infos):
            allocated = sum(sum(letter_posts(i).values()) for i in infos)
            out.append(Total(LETTER_SERIES, kind, f"{LETTER_SERIES} {model.year}", allocated,
                             sum(letter_folketrygd(i) for i in infos)))
    return out


@dataclass(frozen=True)
class CategoryFigures:
    series: str
    items: tuple[tuple[str, int], ...]  # ("10.30 Spesialisthelsetjenesten", amount)
    left_out: tuple[tuple[int, str, int], ...]  # (kap, title, amount) without a programme category
    total: int  # items + left_out = the year's expense total in this series


def category_totals(model: YearModel, titles: dict[str, str]) -> CategoryFigures | None:
    """Expense per programme category: the proposition's proposal, or in a
    letter-only year what the letter allocates (its chapters placed by the
    proposition's category tables). Chapters with no category in any source
    are listed as left out, so that the parts add up to the total shown."""
    prop = has_proposition(model)
    series = PROP_SERIES if prop else LETTER_SERIES
    sums: dict[str, int] = {}
    left_out: list[tuple[int, str, int]] = []
    for kap, info in sorted(model.chapters.items()):
        if info.type != "utgift":
            continue
        if prop:
            v = sum((_proposal(p.amounts) or 0) for p in info.prop[1].posts) if info.prop else 0
        else:
            v = sum(letter_posts(info).values())
        if not v:
            continue
        if info.programme_category:
            sums[info.programme_category] = sums.get(info.programme_category, 0) + v
        else:
            left_out.append((kap, info.title, v))
    if not sums:
        return None
    items = tuple((f"{code} {titles.get(code, '')}".strip(), sums[code]) for code in sorted(sums))
    total = sum(sums.values()) + sum(v for _, _, v in left_out)
    return CategoryFigures(series, items, tuple(left_out), total)


@dataclass(frozen=True)
class PostShare:
    post: str
    title: str
    whole: int | None  # the proposition's Forslag for the post
    allocated: int | None  # what the letter makes available to Helsedirektoratet
    note: str = ""  # why the share is over 100 %, where it is

    @property
    def share(self) -> float | None:
        if self.whole and self.allocated is not None:
            return self.allocated / self.whole * 100
        return None


def post_shares(info: ChapterInfo) -> tuple[str, tuple[PostShare, ...]]:
    """Where a year has both documents: per post the whole post (the
    proposition's proposal column), the part the letter allocates, and the share.
    Returns (the proposal column's label, rows); empty without both."""
    if not info.prop or not info.letter_rows:
        return "", ()
    allocated = letter_posts(info)
    posts = info.prop[1].posts
    column = posts[-1].amounts[-1][0] if posts and posts[-1].amounts else "Forslag"
    rows = [PostShare(p.post, p.title, _proposal(p.amounts), allocated.get(p.post),
                      _over_note(info, p.post, _proposal(p.amounts), allocated.get(p.post))) for p in posts]
    known = {p.post for p in posts}
    for post, v in sorted(allocated.items()):
        if post not in known:
            title = next((r.title for _, r in info.letter_rows if r.post == post), "")
            rows.append(PostShare(post, title, None, v))
    return column, tuple(rows)


_ADOPTED = re.compile(r"Innst\.\s*11\s*S[^.]*", re.I)


def _over_note(info: ChapterInfo, post: str, whole: int | None, allocated: int | None) -> str:
    """Why a letter gives more than the proposal: it follows the budget the
    Storting adopted (Innst. 11 S), which the sources do not print as figures."""
    if not whole or allocated is None or allocated <= whole:
        return ""
    said = next((m.group(0).strip() for _, r in info.letter_rows if r.post == post
                 for m in [_ADOPTED.search(r.comment)] if m), "")
    note = ("Brevet tildeler mer enn regjeringens forslag: tildelingsbrevet følger budsjettet Stortinget vedtok, "
            "som kan avvike fra forslaget; det vedtatte beløpet for posten står ikke i kildene her.")
    return note + (f" Brevet viser selv til «{said}»." if said else "")


def category_titles(graph: SiteGraph) -> dict[str, str]:
    """Programme category names from every year's proposition (code -> title)."""
    return {c.code: c.title for m in graph.years.values() for d in m.documents for c in d.programme_categories}


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


def main_letter_posts(model: YearModel) -> dict[tuple[int, str], tuple[int, str]]:
    """(kap, post) -> (allocation in 1 000 kr, title) as the main letter gives it."""
    out: dict[tuple[int, str], tuple[int, str]] = {}
    for kap, info in model.chapters.items():
        for post, value in letter_posts(info).items():
            title = next((r.title for _, r in info.letter_rows if r.post == post), "")
            out[(kap, post)] = (value, title)
    return out


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
    letter = _letter_changes(year, posts[year], prev_year, posts[prev_year]) if previous else None
    shares = {kap: post_shares(info) for kap, info in sorted(model.chapters.items()) if info.prop and info.letter_rows}
    amended = amended_year(model, diags)
    return YearFigures(year, tuple(year_totals(model)), proposition_changes(model), letter,
                       category_totals(model, titles), allocated[year], previous, shares, posts[year],
                       amended, through_year(year, amended, posts[year]))


def post_figures(model: YearModel) -> dict[int, dict[str, PostFigure]]:
    """The letter per chapter and post as PostFigures; shares where the year's
    proposition gives the whole post."""
    out = {}
    for kap, info in sorted(model.chapters.items()):
        whole = {p.post: _proposal(p.amounts) for p in info.prop[1].posts} if info.prop else None
        figs = letter_figures(info, whole)
        if figs:
            out[kap] = figs
    return out


def site_figures(graph: SiteGraph, diags: Diagnostics | None = None) -> dict[int, YearFigures]:
    """The figures stage: each year's figures, once per build; what does not
    hold (a letter's "Tidligere tildeling" against the running total) into `diags`."""
    titles = category_titles(graph)
    allocated = {y: allocations(m) for y, m in graph.years.items()}
    posts = {y: post_figures(m) for y, m in graph.years.items()}
    return {y: year_figures(graph, y, titles, allocated, posts, diags) for y in sorted(graph.years)}
