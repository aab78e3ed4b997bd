"""Histories across budget years, read off the linked graph (no rendering here).

An assignment ID printed in more than one allocation letter is one
assignment with a history: the letters it appears in, when it was first
given, carried over, given a new deadline, last seen, and which words of its
title or text changed from one letter to the next. A chapter's posts get
their amounts across years as two separate series: the proposition's
whole-post figures (as printed, per column) and the part each letter
allocates to Helsedirektoratet. The two are never put in one series.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.link.graph import SiteGraph
from generator.model import Assignment, Document
from generator.parsing.tokens.assignment_id import id_year


@dataclass(frozen=True)
class Appearance:
    """One letter's printing of an assignment."""

    year: int
    document: str  # the letter's title
    status: str  # "new" | "carried_over"
    title: str
    text: str  # the body as plain text; "" when the letter prints only the title
    deadline: str | None
    deadline_text: str | None


@dataclass(frozen=True)
class HistoryEvent:
    year: int
    kind: str  # "first" | "carried" | "deadline" | "absent" | "last"
    text: str  # a Norwegian sentence, plain text (escaped when rendered)


@dataclass(frozen=True)
class WordingChange:
    """The same part of an assignment printed differently in two consecutive letters."""

    old_year: int
    new_year: int
    part: str  # "title" | "text"
    old: str
    new: str


@dataclass(frozen=True)
class AssignmentHistory:
    id: str
    appearances: tuple[Appearance, ...]  # oldest first
    events: tuple[HistoryEvent, ...]
    changes: tuple[WordingChange, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(a.year for a in self.appearances)


def plain_text(a: Assignment) -> str:
    """The body as running text (lists item by item, tables row by row)."""
    parts = []
    for b in a.body:
        if b.kind == "list":
            parts.extend(b.items)
        elif b.kind == "table":
            parts.extend(" ".join(r) for r in b.rows)
        elif b.text:
            parts.append(b.text)
    return "\n".join(parts)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def letter_years(graph: SiteGraph) -> list[int]:
    """Budget years with an allocation letter among the sources."""
    return [y for y in sorted(graph.years)
            if any(d.kind == "tildelingsbrev" for d in graph.years[y].documents)]


def _appearance(year: int, doc: Document, a: Assignment) -> Appearance:
    return Appearance(year, doc.title, a.status, a.title, plain_text(a), a.deadline, a.deadline_text)


def _deadline(app: Appearance) -> str:
    return app.deadline_text or app.deadline or "ingen frist oppgitt"


def _events(assignment_id: str, apps: list[Appearance], letters: list[int]) -> list[HistoryEvent]:
    first = apps[0]
    origin = id_year(assignment_id)
    events = []
    if first.status == "new" or origin in (None, first.year):
        events.append(HistoryEvent(first.year, "first", f"Gitt første gang i tildelingsbrevet for {first.year}."))
    elif origin in letters:
        events.append(HistoryEvent(first.year, "first",
                                   f"Gitt i {origin}, men ikke funnet i brevet for {origin}; "
                                   f"først med i kildene i brevet for {first.year}, som videreført oppdrag."))
    else:
        events.append(HistoryEvent(first.year, "first",
                                   f"Gitt i {origin} (brevet for {origin} er ikke blant kildene); "
                                   f"videreført i brevet for {first.year}."))
    for prev, app in zip(apps, apps[1:]):
        for gap in (y for y in letters if prev.year < y < app.year):
            events.append(HistoryEvent(gap, "absent", f"Ikke med i tildelingsbrevet for {gap}."))
        events.append(HistoryEvent(app.year, "carried", f"Videreført i tildelingsbrevet for {app.year}."))
        if (prev.deadline, _norm(prev.deadline_text or "")) != (app.deadline, _norm(app.deadline_text or "")) \
                and (prev.deadline or app.deadline):
            events.append(HistoryEvent(app.year, "deadline",
                                       f"Fristen endret fra «{_deadline(prev)}» ({prev.year}) "
                                       f"til «{_deadline(app)}» ({app.year})."))
    last = apps[-1]
    later = [y for y in letters if y > last.year]
    if later:
        events.append(HistoryEvent(last.year, "last", f"Sist sett i tildelingsbrevet for {last.year}; "
                                   f"ikke med i brevet for {later[0]}."))
    else:
        events.append(HistoryEvent(last.year, "last",
                                   f"Sist sett i tildelingsbrevet for {last.year}, det nyeste brevet i kildene."))
    return events


def comparable_texts(old: str, new: str) -> bool:
    """Both letters print a text of like length: a carried-over row's short
    comment ("Ny frist 31.12.2024.") is not a rewrite of the first letter's
    full text, so it is not diffed against it."""
    a, b = len(old.split()), len(new.split())
    return a > 0 and b > 0 and min(a, b) >= 0.5 * max(a, b)


def _changes(apps: list[Appearance]) -> list[WordingChange]:
    """Title against title; text against text only where both letters print a text
    (a carried-over table row gives the title alone, which is not a deletion)."""
    out = []
    for prev, app in zip(apps, apps[1:]):
        if _norm(prev.title) != _norm(app.title):
            out.append(WordingChange(prev.year, app.year, "title", prev.title, app.title))
        if comparable_texts(prev.text, app.text) and _norm(prev.text) != _norm(app.text):
            out.append(WordingChange(prev.year, app.year, "text", prev.text, app.text))
    return out


def assignment_histories(graph: SiteGraph) -> dict[str, AssignmentHistory]:
    """Every assignment ID printed in more than one year's letters, by key ("tb2022-04")."""
    seen: dict[str, list[Appearance]] = {}
    ids: dict[str, str] = {}
    for year in sorted(graph.years):
        for key, (doc, a) in graph.years[year].assignments.items():
            seen.setdefault(key, []).append(_appearance(year, doc, a))
            ids.setdefault(key, a.id)
    letters = letter_years(graph)
    out = {}
    for key, apps in sorted(seen.items()):
        if len(apps) > 1:
            out[key] = AssignmentHistory(ids[key], tuple(apps), tuple(_events(ids[key], apps, letters)),
                                         tuple(_changes(apps)))
    return out


def histories_per_year_pair(histories: dict[str, AssignmentHistory]) -> dict[tuple[int, int], int]:
    """How many assignments appear in both years of each pair (for reports)."""
    pairs: dict[tuple[int, int], int] = {}
    for h in histories.values():
        ys = h.years
        for i, a in enumerate(ys):
            for b in ys[i + 1:]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    return dict(sorted(pairs.items()))
