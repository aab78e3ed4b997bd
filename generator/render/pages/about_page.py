"""Om: the hand-written pages from content/ (about the site and its method, the glossary)."""
from __future__ import annotations

from generator.render.pages.base import PageSet, YearContext

ABOUT_PAGES = (("om.md", "Om nettstedet og metode"), ("ordliste.md", "Ordliste"))


def pages(ctx: YearContext) -> PageSet:
    found = [(name, label) for name, label in ABOUT_PAGES if name in ctx.inp.content]
    if not found:
        return PageSet()
    return PageSet({name: ctx.inp.content[name] for name, _ in found},
                   [{"Om": [{label: name} for name, label in found]}])
