"""Changes between like and like: the proposition's Forslag against its
Saldert budsjett, and a letter's allocation against the previous letter's,
post by post, sorted into funding and delegation changes, new and dropped posts."""
from __future__ import annotations

from dataclasses import dataclass

from generator.derive.coverage import Coverage, PostFigure, compare_letters
from generator.derive.post_figures import proposal_amount
from generator.derive.series import LETTER_SERIES, PROP_SERIES
from generator.link.graph import SiteGraph, YearModel


def previous_letter_year(graph: SiteGraph, year: int) -> int | None:
    """The latest earlier year whose sources hold an allocation letter with amounts."""
    earlier = [y for y in graph.years if y < year and any(i.letter_rows for i in graph.years[y].chapters.values())]
    return max(earlier, default=None)


def _saldert(amounts: dict[str, int | None]) -> int | None:
    return next((v for k, v in amounts.items() if k.lower().startswith("saldert")), None)


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
            after, before = proposal_amount(p.amounts), _saldert(amounts)
            if after is None:
                continue
            if before is None:
                new.append(NewPost(kap, p.post, p.title, after, info.type))
            elif after != before:
                changes.append(Change(kap, p.post, p.title, before, after, info.type))
    return Changes(PROP_SERIES, base_label or "saldert budsjett", None, _sorted(changes), tuple(new))


def _change(pair) -> Change:
    b, a = pair.before, pair.after
    return Change(b.kap, b.post, a.title or b.title, b.amount, a.amount, a.type, pair.kind, b.share, a.share)


def _new(f: PostFigure) -> NewPost:
    return NewPost(f.kap, f.post, f.title, f.amount, f.type)


def letter_changes(year: int, now_all: dict[int, dict[str, PostFigure]], prev_year: int,
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
