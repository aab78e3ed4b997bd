"""Coverage: what two allocation letters have in common, and how their totals reconcile.

A letter's total ("Tildelt Helsedirektoratet") adds up whatever posts that
letter happens to allocate. Two letters' totals are comparable only over the
posts both allocate; the rest is coverage, not money that came or went. For
two letters (the earlier `before`, the later `after`) every post of either is
one of:

- in both letters (`both`): a funding change where both letters cover the
  post alike, else a change in what is delegated (`Change.kind`);
- renumbered: a chapter the later letter allocates under a new number
  (kap. 761 and 762 became kap. 760 in the 2025 budget), compared as a whole;
- dropped (only in `before`) or added (only in `after`).

The reconciliation adds these up line by line, so that the earlier total,
less what was dropped or renumbered away, plus the changes within the posts
in both, plus what was renumbered to and added, gives the later total.
Amounts in 1 000 kr; expenses and income apart.

Within one year (`ThroughYear`), the main letter against the year as its
supplementary letters amended it: the same line by line, where the posts a
supplement starts or stops allocating are coverage changes.
"""
from __future__ import annotations

from dataclasses import dataclass

@dataclass(frozen=True)
class KnownRenumbering:
    """Chapters the budget renumbered, as data: the budget year of the new
    number, the new chapter, the old ones, and where the fact is printed."""

    year: int
    new_kap: int
    old_kaps: tuple[int, ...]
    source: str  # shown on every page that uses the entry


# Renumberings no document in source/ prints, the one place they are kept.
# Checked 7 December 2026: no letter or proposition among the sources says that
# kap. 761 and 762 became kap. 760 (the 2025 letter allocates kap. 760 and still
# names kap. 761 and 762 in its list for disposition plans, l. 4277-4279); the
# merger is in the 2025 budget proposition, which is not among them. An entry
# applies only where the earlier letter allocates the old chapters and the
# later one the new chapter and none of the old.
RENUMBERED: tuple[KnownRenumbering, ...] = (
    KnownRenumbering(2025, 760, (761, 762),
                     "Prop. 1 S (2024–2025) for Helse- og omsorgsdepartementet (ikke blant kildene her)"),
)

# Where the two letters' shares of the whole post are unknown, a post is
# taken as covered alike when neither letter gives more than this many times
# what the other gives; beyond it the change is shown as a change in what is
# delegated, never as growth. Where both shares are known, they must lie
# within SHARE_POINTS percentage points of each other.
ALIKE_RATIO = 1.5
SHARE_POINTS = 10.0

Key = tuple[int, str]  # (kap, post)


@dataclass(frozen=True)
class PostFigure:
    kap: int
    post: str
    title: str
    amount: int  # 1 000 kr
    type: str  # "utgift" | "inntekt"
    prose: bool = False  # read from the letter's running text
    share: float | None = None  # of the whole post, where a source prints it (percent)
    folketrygd: bool = False  # a folketrygd post (an expense; counted with "utgift")


@dataclass(frozen=True)
class PostPair:
    before: PostFigure
    after: PostFigure
    kind: str  # "funding" | "delegation"

    @property
    def diff(self) -> int:
        return self.after.amount - self.before.amount


@dataclass(frozen=True)
class Renumbering:
    new_kap: int
    old_kaps: tuple[int, ...]
    before: tuple[PostFigure, ...]
    after: tuple[PostFigure, ...]
    source: str = ""  # where the renumbering is printed (KnownRenumbering.source)


@dataclass(frozen=True)
class Coverage:
    year: int
    base_year: int
    type: str
    both: tuple[PostPair, ...]
    renumbered: tuple[Renumbering, ...]
    dropped: tuple[PostFigure, ...]
    added: tuple[PostFigure, ...]

    @property
    def gap(self) -> int:
        return self.year - self.base_year

    @property
    def folketrygd(self) -> bool:
        """Whether either letter's total counts folketrygd posts."""
        figures = [f for p in self.both for f in (p.before, p.after)] + list(self.dropped) + list(self.added)
        figures += [f for r in self.renumbered for f in r.before + r.after]
        return any(f.folketrygd for f in figures)

    def total_before(self) -> int:
        return (sum(p.before.amount for p in self.both) + _sum(self.dropped)
                + sum(_sum(r.before) for r in self.renumbered))

    def total_after(self) -> int:
        return (sum(p.after.amount for p in self.both) + _sum(self.added)
                + sum(_sum(r.after) for r in self.renumbered))

    def reconciliation(self) -> list[tuple[str, int, str]]:
        """(label, amount, role) lines: role "total", "minus", "plus", "subtotal"; each
        subtotal and the final total equal the running sum of the lines above."""
        b, y0 = self.base_year, self.year
        in_both_before = sum(p.before.amount for p in self.both)
        in_both_after = sum(p.after.amount for p in self.both)
        funding = sum(p.diff for p in self.both if p.kind == "funding")
        delegation = sum(p.diff for p in self.both if p.kind == "delegation")
        old = sum(_sum(r.before) for r in self.renumbered)
        new = sum(_sum(r.after) for r in self.renumbered)
        lines = [(f"Tildelt i {b}-brevet, alle poster", self.total_before(), "total"),
                 (f"− poster bare {b}-brevet tildeler ({len(self.dropped)})", -_sum(self.dropped), "minus")]
        if self.renumbered:
            lines.append((f"− kapitler med nytt nummer i {y0}, slik {b}-brevet tildelte dem", -old, "minus"))
        lines += [(f"= poster i begge brevene ({len(self.both)}), {b}", in_both_before, "subtotal"),
                  ("+ endring i tildelingen der brevene dekker posten likt", funding, "plus"),
                  ("+ endring i hva som er delegert (brevene dekker posten ulikt)", delegation, "plus"),
                  (f"= poster i begge brevene ({len(self.both)}), {y0}", in_both_after, "subtotal")]
        if self.renumbered:
            lines.append((f"+ de samme kapitlene med nytt nummer, slik {y0}-brevet tildeler dem", new, "plus"))
        lines += [(f"+ poster bare {y0}-brevet tildeler ({len(self.added)})", _sum(self.added), "plus"),
                  (f"Tildelt i {y0}-brevet, alle poster", self.total_after(), "total")]
        return lines


def _sum(figs) -> int:
    return sum(f.amount for f in figs)


def covered_alike(before: PostFigure, after: PostFigure) -> bool:
    """Both letters cover the post alike: their shares of the whole post (where
    both are known) within SHARE_POINTS, else neither amount more than
    ALIKE_RATIO times the other."""
    if before.share is not None and after.share is not None:
        return abs(before.share - after.share) <= SHARE_POINTS
    lo, hi = sorted((before.amount, after.amount))
    if lo <= 0:
        return lo == hi
    return hi / lo <= ALIKE_RATIO


def compare_letters(year: int, base_year: int, kind: str, before: dict[Key, PostFigure],
                    after: dict[Key, PostFigure],
                    known: tuple[KnownRenumbering, ...] = RENUMBERED) -> Coverage:
    """Sort every post of two letters (one type, expense or income) into the
    coverage classes and pair the posts in both; `known`: the renumberings to apply."""
    renumbered = []
    moved_before: set[Key] = set()
    moved_after: set[Key] = set()
    kaps_before = {k for k, _ in before}
    kaps_after = {k for k, _ in after}
    for entry in known:
        y, new_kap, old_kaps = entry.year, entry.new_kap, entry.old_kaps
        if y != year or new_kap not in kaps_after or new_kap in kaps_before:
            continue
        if not set(old_kaps) & kaps_before or set(old_kaps) & kaps_after:
            continue
        old = tuple(f for k, f in sorted(before.items()) if k[0] in old_kaps)
        new = tuple(f for k, f in sorted(after.items()) if k[0] == new_kap)
        renumbered.append(Renumbering(new_kap, tuple(k for k in old_kaps if k in kaps_before), old, new,
                                      entry.source))
        moved_before |= {(f.kap, f.post) for f in old}
        moved_after |= {(f.kap, f.post) for f in new}
    both = tuple(PostPair(before[k], after[k], "funding" if covered_alike(before[k], after[k]) else "delegation")
                 for k in sorted(set(before) & set(after)))
    dropped = tuple(before[k] for k in sorted(set(before) - set(after) - moved_before))
    added = tuple(after[k] for k in sorted(set(after) - set(before) - moved_after))
    return Coverage(year, base_year, kind, both, tuple(renumbered), dropped, added)


@dataclass(frozen=True)
class ThroughYear:
    """One year's main letter against the year as its supplementary letters
    amended it (one type, expense or income). A post both allocate is a
    funding change; a post a supplement starts allocating (added) or takes to
    0 (dropped) is a change in what the year's allocation covers, never a
    funding change (derive/amended.py: COVERAGE_START, COVERAGE_STOP)."""

    year: int
    type: str
    both: tuple[PostPair, ...]  # kind "funding"
    added: tuple[PostFigure, ...]  # amended amount
    dropped: tuple[PostFigure, ...]  # first amount

    @property
    def folketrygd(self) -> bool:
        """Whether the totals count folketrygd posts."""
        figures = [f for p in self.both for f in (p.before, p.after)] + list(self.added) + list(self.dropped)
        return any(f.folketrygd for f in figures)

    def total_first(self) -> int:
        return sum(p.before.amount for p in self.both) + _sum(self.dropped)

    def folketrygd_amended(self) -> int:
        """Of the amended total, the folketrygd's posts."""
        return sum(p.after.amount for p in self.both if p.after.folketrygd) + sum(
            f.amount for f in self.added if f.folketrygd)

    def total_amended(self) -> int:
        return sum(p.after.amount for p in self.both) + _sum(self.added)

    def reconciliation(self, first: str, amended: str) -> list[tuple[str, int, str]]:
        """(label, amount, role) lines, as Coverage.reconciliation: the first
        total, + funding changes on posts in both, + posts added, − posts
        dropped, = the amended total (each total the sum of the lines above)."""
        changed = sum(1 for p in self.both if p.diff)
        return [(f"Tildelt i {first}, alle poster", self.total_first(), "total"),
                (f"+ endringer i tildelingen på poster som er tildelt både først og nå "
                 f"({changed} av {len(self.both)} poster endret)", sum(p.diff for p in self.both), "plus"),
                (f"+ poster som et senere brev begynner å tildele ({len(self.added)})", _sum(self.added), "plus"),
                (f"− poster som et senere brev slutter å tildele ({len(self.dropped)})", -_sum(self.dropped),
                 "minus"),
                (f"Tildelt {amended}, alle poster", self.total_amended(), "total")]


def compare_through_year(year: int, kind: str, first: dict[Key, PostFigure],
                         now: dict[Key, PostFigure]) -> ThroughYear:
    """Sort the posts of the main letter (`first`) and of the year as amended
    (`now`, posts allocated 0 left out) into both, added and dropped."""
    both = tuple(PostPair(first[k], now[k], "funding") for k in sorted(set(first) & set(now)))
    added = tuple(now[k] for k in sorted(set(now) - set(first)))
    dropped = tuple(first[k] for k in sorted(set(first) - set(now)))
    return ThroughYear(year, kind, both, added, dropped)
