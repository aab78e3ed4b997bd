"""A budget year as a sequence of letters, and its allocations as amended.

A year's allocation letters come in order: the main letter, then its
supplementary letters by number (sources.yml `supplement:`; 2022's tillegg
are parts of the same file, in file order). Per post the main letter gives
the allocation first made; every change a later letter prints (a change
table's row or a sentence, parsing/letter/allocation_changes.py) moves the running
total, and the post's allocation now is the last total.

The chain is checked wherever a letter prints what it amends: a change
table's "Tidligere tildeling" must be the running total, its "Sum
tildeling" (or "Korrekt tildeling ... skal være") the total after the
change; a mismatch is a diagnostic naming both letters. A change that makes
a post allocated at all (no allocation before, or 0) or takes it to 0 is a
change in what the letters cover, never a funding change.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.diagnostics import Diagnostics
from generator.model import AllocationChange, Document, Letter

FUNDING = "funding"
COVERAGE_START = "coverage-start"  # the post is allocated from this letter on
COVERAGE_STOP = "coverage-stop"  # the letter takes the post's allocation to 0


@dataclass(frozen=True)
class Step:
    """One change to one post: the letter, what it printed, and the running total."""

    letter: Letter
    change: AllocationChange
    before: int | None  # the running total before (1 000 kr); None: no letter allocated the post
    after: int
    kind: str  # FUNDING | COVERAGE_START | COVERAGE_STOP


@dataclass(frozen=True)
class PostChain:
    kap: int
    post: str
    title: str
    original: int | None  # the main letter's allocation; None: it does not allocate the post
    steps: tuple[Step, ...]

    @property
    def now(self) -> int | None:
        return self.steps[-1].after if self.steps else self.original

    @property
    def funding_change(self) -> int:
        """What the funding changes added up to (coverage changes left out)."""
        return sum(s.change.amount for s in self.steps if s.kind == FUNDING)


@dataclass(frozen=True)
class Amended:
    """The year as it stands after its latest letter."""

    letters: tuple[Letter, ...]
    chains: tuple[PostChain, ...]  # posts the supplements changed, by kap and post

    @property
    def latest(self) -> Letter:
        return self.letters[-1]

    def chain(self, kap: int, post: str) -> PostChain | None:
        return next((c for c in self.chains if (c.kap, c.post) == (kap, post)), None)

    def steps_by_letter(self, letter: Letter) -> list[Step]:
        return sorted((s for c in self.chains for s in c.steps if s.letter == letter),
                      key=lambda s: s.change.line)


def _name(letter: Letter) -> str:
    return f"{letter.name} ({letter.date})" if letter.date else letter.name


def _kr(value: int | None) -> str:
    return "ingen" if value is None else f"{value:,}".replace(",", " ")


def amended_allocations(letters: tuple[Letter, ...], documents: dict[str, Document],
                        original: dict[tuple[int, str], tuple[int, str]],
                        diags: Diagnostics | None = None) -> Amended:
    """Run every supplement's changes over the main letter's allocations.

    `original`: (kap, post) -> (allocation in 1 000 kr, post title) from the
    main letter; `documents`: file name -> document."""
    diags = diags if diags is not None else Diagnostics()
    running: dict[tuple[int, str], int] = {k: v for k, (v, _) in original.items()}
    last: dict[tuple[int, str], Letter] = {k: letters[0] for k in original} if letters else {}
    steps: dict[tuple[int, str], list[Step]] = {}
    for letter in letters[1:]:
        doc = documents.get(letter.source)
        if doc is None:
            continue
        for change in letter_changes(letter, doc):
            key = (change.kap, change.post)
            before = running.get(key)
            _check_previous(change, before, letter, last.get(key), doc.path, diags)
            after = (before or 0) + change.amount
            if change.total is not None and abs(change.total - after) > change.tolerance:
                diags.warn(doc.path, change.line, "change-chain",
                           f"kap. {change.kap}, post {change.post}: {letter.name} gives the allocation after "
                           f"the change as {_kr(change.total)}, but the running total is {_kr(after)} "
                           f"({_kr(before)} + {_kr(change.amount)}; 1 000 kr)")
            kind = COVERAGE_START if not before and after else COVERAGE_STOP if before and not after else FUNDING
            steps.setdefault(key, []).append(Step(letter, change, before, after, kind))
            running[key], last[key] = after, letter
    chains = tuple(PostChain(kap, post, original.get((kap, post), (None, ""))[1], original.get((kap, post), (None,))[0],
                             tuple(s)) for (kap, post), s in sorted(steps.items()))
    return Amended(letters, chains)


def letter_changes(letter: Letter, doc: Document) -> tuple[AllocationChange, ...]:
    """The changes a letter prints: a supplementary letter's file's, or those
    within the lines of a supplement bound into the main letter's file."""
    if doc.supplement is not None:
        return doc.allocation_changes
    return tuple(c for c in doc.allocation_changes
                 if letter.line <= c.line and (not letter.end_line or c.line <= letter.end_line))


def _check_previous(change: AllocationChange, before: int | None, letter: Letter, source: Letter | None,
                    path: str, diags: Diagnostics) -> None:
    """A printed "Tidligere tildeling" against the running total."""
    if change.previous is None or change.previous == (before or 0):
        return
    said = f"after {_name(source)}" if source else "in no earlier letter"
    diags.warn(path, change.line, "change-chain",
               f"kap. {change.kap}, post {change.post}: {letter.name} prints Tidligere tildeling "
               f"{_kr(change.previous)}, but the allocation {said} is {_kr(before)} (1 000 kr)")
