"""A chapter's posts across budget years, as two series that are never mixed.

- proposition: the whole post as Prop. 1 S prints it (Regnskap, Saldert
  budsjett, Forslag), one value per printed column, labelled as printed;
- allocated: the part each allocation letter makes available to
  Helsedirektoratet (the letter's lines for the post added up), per letter year.

A letter's allocation is a part of the post, so the two series are shown
side by side and never subtracted from each other.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.link.graph import ChapterInfo, SiteGraph
from generator.derive.post_figures import letter_posts


@dataclass(frozen=True)
class PostSeries:
    post: str
    title: str
    proposition: tuple[tuple[str, int | None], ...]  # (column as printed, amount in 1 000 kr)
    allocated: tuple[tuple[int, int | None], ...]  # (letter year, allocation in 1 000 kr; None: no line)


@dataclass(frozen=True)
class ChapterHistory:
    kap: int
    proposition_columns: tuple[tuple[int, str], ...]  # (year of the proposition, column label)
    letter_years: tuple[int, ...]  # letters that allocate something under the chapter
    posts: tuple[PostSeries, ...]

    @property
    def years(self) -> tuple[int, ...]:
        return tuple(sorted({y for y, _ in self.proposition_columns} | set(self.letter_years)))


def _post_sort(post: str) -> tuple:
    return (0, int(post), post) if post.isdigit() else (1, 0, post)


def chapter_history(graph: SiteGraph, kap: int) -> ChapterHistory | None:
    """The chapter's posts over every year the sources cover; None if the chapter has no posts."""
    infos: list[tuple[int, ChapterInfo]] = [(y, graph.years[y].chapters[kap]) for y in sorted(graph.years)
                                             if kap in graph.years[y].chapters]
    columns: list[tuple[int, str]] = []
    prop_values: dict[str, dict[str, int | None]] = {}
    allocated: dict[int, dict[str, int]] = {}
    titles: dict[str, str] = {}
    for year, info in infos:
        if info.prop:
            for p in info.prop[1].posts:
                titles.setdefault(p.post, p.title)
                for label, v in p.amounts:
                    if (year, label) not in columns:
                        columns.append((year, label))
                    prop_values.setdefault(p.post, {})[label] = v
        per_post = letter_posts(info)
        if per_post:
            allocated[year] = per_post
            for _, row in info.letter_rows:
                if row.post:
                    titles.setdefault(row.post, row.title)
    posts = sorted(set(prop_values) | {p for v in allocated.values() for p in v}, key=_post_sort)
    if not posts:
        return None
    series = tuple(
        PostSeries(post, titles.get(post, ""),
                   tuple((label, prop_values.get(post, {}).get(label)) for _, label in columns),
                   tuple((y, allocated[y].get(post)) for y in sorted(allocated)))
        for post in posts
    )
    return ChapterHistory(kap, tuple(columns), tuple(sorted(allocated)), series)
