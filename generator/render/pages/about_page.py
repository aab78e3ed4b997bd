"""Om: the hand-written pages from content/ (about the site and its method, the glossary).

The about page's "Rettelser" list is made here from corrections.yml (the
build reads it into `YearInput.corrections`), where om.md has the marker.
"""
from __future__ import annotations

import html

from generator.derive.deadlines import human_date
from generator.link.urls import ABOUT_PAGE, site_root_href
from generator.render.markdown import esc
from generator.render.pages.base import PageSet, YearContext

ABOUT_PAGES = ((ABOUT_PAGE, "Om nettstedet og metode"), ("ordliste.md", "Ordliste"))
CORRECTIONS_MARKER = "<!-- hb:rettelser -->"


def pages(ctx: YearContext) -> PageSet:
    found = [(name, label) for name, label in ABOUT_PAGES if name in ctx.inp.content]
    if not found:
        return PageSet()
    out = {name: ctx.inp.content[name] for name, _ in found}
    if ABOUT_PAGE in out:
        out[ABOUT_PAGE] = out[ABOUT_PAGE].replace(CORRECTIONS_MARKER, corrections_markdown(ctx.inp.corrections, ctx.inp.settings))
    return PageSet(out, [{"Om": [{label: name} for name, label in found]}])


def corrections_markdown(corrections: tuple, settings) -> str:
    """The corrections as a list, newest first, each linking its page (in
    whichever year it is: an HTML link from om/, which is one folder deep)."""
    lines = []
    if not (settings.repository or settings.report_email):
        lines.append("*Denne utgaven av nettstedet har ingen adresse for feilmeldinger satt opp, og sidene har "
                     "derfor ingen «Meld fra om feil»-lenke.*\n")
    if not corrections:
        return "\n".join(lines + ["Ingen rettelser er ført opp ennå."])
    for c in corrections:
        href = html.escape(site_root_href(ABOUT_PAGE, c.page), quote=True)
        lines.append(f'- **{human_date(c.date)}**, <a href="{href}">{html.escape(c.page)}</a>: {esc(c.change)}')
    return "\n".join(lines)
