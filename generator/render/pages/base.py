"""What a page type is given (`YearContext`, computed once per year) and what
it gives back (`PageSet`)."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.derive.figures import YearFigures
from generator.link.graph import SiteGraph, YearModel
from generator.model import Document
from generator.read.source_text import SourceText
from generator.read.sources import SourceEntry
from generator.render.citation import CiteContext
from generator.settings import Settings


@dataclass(frozen=True)
class YearInput:
    year: int
    documents: tuple[tuple[SourceEntry, SourceText, Document], ...]
    all_years: tuple[int, ...]
    content: dict[str, str] = field(default_factory=dict)  # hand-written pages by file name
    settings: Settings = Settings()
    # corrections.yml for the about page, newest first: build/corrections.Correction (date, page, change)
    corrections: tuple = ()


@dataclass
class YearOutput:
    pages: dict[str, str | bytes]  # docs path -> content
    nav: list  # mkdocs nav structure


@dataclass(frozen=True)
class YearContext:
    """What every page type of one year reads, computed before any page."""
    inp: YearInput
    model: YearModel
    graph: SiteGraph
    data_files: dict[str, str]  # the year's data files (CSV, JSON, the data page): several pages link them
    cite: CiteContext
    figures: YearFigures  # every number derived from the year, computed once (figures stage)

    @property
    def year(self) -> int:
        return self.inp.year


@dataclass(frozen=True)
class PageSet:
    """One page type's output: Markdown pages, nav entries (in nav order) and
    assets beside the pages (CSV, JSON, calendars, chart specs that the build
    draws)."""
    pages: dict[str, str] = field(default_factory=dict)
    nav: list = field(default_factory=list)
    assets: dict[str, object] = field(default_factory=dict)


def split_files(files: dict[str, str], nav: list) -> PageSet:
    """A renderer's {path: content} as a PageSet: `.md` files are pages, the rest assets."""
    return PageSet({p: c for p, c in files.items() if p.endswith(".md")}, nav,
                   {p: c for p, c in files.items() if not p.endswith(".md")})


