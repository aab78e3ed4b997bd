"""What changed: an Atom feed per budget year (<year>/feed.xml) and for the whole site (feed.xml).

Each year's entries, each linking its page: the biggest like-for-like
changes (a letter's allocation against the previous letter's, a
proposition's Forslag against its Saldert budsjett: generator.derive.figures),
chapters and posts that are new or gone in the letter's allocation table
compared with the previous letter, new and removed posts in the
proposition, and the assignments given for the first time. Dates come from
the sources (sourcedates.py), never the clock; entry IDs are name-based
UUIDs, so the feeds are byte-reproducible and claim no address the site
does not have.
"""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from generator.derive.changes import Changes
from generator.derive.figures import YearFigures, site_figures
from generator.link.graph import SiteGraph
from generator.link.urls import (
    CHANGES_PAGE, FEED, assignment_key, assignment_path, chapter_path, letter_anchor, post_anchor, url_of,
)
from generator.render.letters import assignments_by_letter, letter_title, letter_with_date
from generator.render.markdown import format_amount
from generator.settings import Settings

MAX_CHANGES = 10


@dataclass(frozen=True)
class FeedEntry:
    year: int  # the year whose page the entry links
    key: str  # stable, unique within the feed: "nytt-oppdrag/tb2025-12"
    title: str
    summary: str
    path: str  # docs path inside `year`
    anchor: str = ""
    updated: str = ""  # the entry's own date (a letter's), else the year's

    def url_path(self) -> str:
        return url_of(self.path) + (f"#{self.anchor}" if self.anchor else "")


def _pct(before: int, after: int) -> str:
    if not before:
        return ""
    return f" ({(after - before) / before * 100:+.1f} %)".replace(".", ",").replace("-", "−")


def _change_entries(year: int, changes: Changes | None, kind: str) -> list[FeedEntry]:
    if changes is None:
        return []
    out = []
    for c in changes.changes[:MAX_CHANGES]:
        out.append(FeedEntry(
            year, f"endring/{kind}/{c.kap}.{c.post}",
            f"{changes.series}, kap. {c.kap} post {c.post} {c.title}: {format_amount(c.before)} → "
            f"{format_amount(c.after)}{_pct(c.before, c.after)}",
            f"{changes.series} i {year} mot {changes.base}, i 1 000 kr, nominelt.",
            chapter_path(c.kap), (post_anchor(c.post) if c.post else "")))
    for c in changes.delegated[:MAX_CHANGES]:
        out.append(FeedEntry(
            year, f"dekning/{kind}/{c.kap}.{c.post}",
            f"Endret dekning, kap. {c.kap} post {c.post} {c.title}: {format_amount(c.before)} → {format_amount(c.after)}",
            f"Begge brevene tildeler posten, men dekker den ulikt: en endring i hva som delegeres til "
            f"Helsedirektoratet, ikke vekst ({changes.base} mot {year}, 1 000 kr).",
            chapter_path(c.kap), (post_anchor(c.post) if c.post else "")))
    # a renumbered chapter's posts are not new: its own entry says so (_letter_gone)
    moved = {(f.kap, f.post) for c in changes.coverage for r in c.renumbered for f in r.after}
    for n in (n for n in changes.new if (n.kap, n.post) not in moved):
        out.append(FeedEntry(year, f"ny-post/{kind}/{n.kap}.{n.post}",
                             f"Ny post ({changes.series}): kap. {n.kap} post {n.post} {n.title}",
                             f"{format_amount(n.amount)} (1 000 kr) i {year}; ingen linje i {changes.base}.",
                             chapter_path(n.kap), (post_anchor(n.post) if n.post else "")))
    return out


def _letter_gone(graph: SiteGraph, year: int, figures: YearFigures) -> list[FeedEntry]:
    """Chapters new to or gone from the letter's table, and posts gone, against the previous letter."""
    now = figures.allocations
    if figures.previous is None or not now:
        return []
    prev_year, before = figures.previous
    out = []
    renumbered = [r for c in (figures.letter.coverage if figures.letter else ()) for r in c.renumbered]
    moved = {k for r in renumbered for k in (r.new_kap, *r.old_kaps)}
    for r in renumbered:
        old = " og ".join(f"kap. {k}" for k in r.old_kaps)
        out.append(FeedEntry(year, f"nytt-nummer/{r.new_kap}", f"Nytt kapittelnummer: {old} er nå kap. {r.new_kap}",
                             f"{prev_year}-brevet tildelte {format_amount(sum(f.amount for f in r.before))} under "
                             f"{old}; brevet for {year} tildeler {format_amount(sum(f.amount for f in r.after))} "
                             f"under kap. {r.new_kap} (1 000 kr). Kilde for omnummereringen: {r.source}.",
                             chapter_path(r.new_kap)))
    for kap in sorted(set(now) - set(before) - moved):
        title = graph.years[year].chapters[kap].title
        out.append(FeedEntry(year, f"nytt-kapittel/{kap}", f"Nytt kapittel i tildelingen: kap. {kap} {title}".strip(),
                             f"Tildelingsbrevet for {year} har linjer under kapitlet; {prev_year}-brevet har ingen.",
                             chapter_path(kap)))
    for kap in sorted(set(before) - set(now) - moved):
        title = graph.years[prev_year].chapters[kap].title
        out.append(FeedEntry(prev_year, f"borte-kapittel/{kap}",
                             f"Ikke lenger i tildelingen: kap. {kap} {title}".strip(),
                             f"{prev_year}-brevet har linjer under kapitlet; tildelingsbrevet for {year} har ingen.",
                             chapter_path(kap)))
    for kap in sorted(set(before) & set(now)):
        for post in sorted(set(before[kap]) - set(now[kap])):
            out.append(FeedEntry(prev_year, f"borte-post/{kap}.{post}",
                                 f"Ikke lenger i tildelingen: kap. {kap} post {post}",
                                 f"{prev_year}-brevet tildelte {format_amount(before[kap][post])} (1 000 kr); "
                                 f"brevet for {year} har ingen linje for posten.",
                                 chapter_path(kap), (post_anchor(post) if post else "")))
    return out


def _prop_gone(graph: SiteGraph, year: int) -> list[FeedEntry]:
    """Posts the proposition prints with a Saldert budsjett but no Forslag."""
    out = []
    for kap, info in sorted(graph.years[year].chapters.items()):
        if not info.prop:
            continue
        for p in info.prop[1].posts:
            amounts = dict(p.amounts)
            saldert = next((v for k, v in amounts.items() if k.lower().startswith("saldert")), None)
            if saldert is not None and p.amounts and p.amounts[-1][1] is None:
                out.append(FeedEntry(year, f"borte-post/prop/{kap}.{p.post}",
                                     f"Ingen bevilgning foreslått: kap. {kap} post {p.post} {p.title}",
                                     f"Saldert budsjett {format_amount(saldert)} (1 000 kr), ikke noe forslag for {year}.",
                                     chapter_path(kap), post_anchor(p.post)))
    return out


def year_entries(graph: SiteGraph, year: int, figures: YearFigures | None = None) -> list[FeedEntry]:
    """`figures`: the year's (computed here when not given)."""
    model = graph.years[year]
    figures = figures or site_figures(graph)[year]
    out = _change_entries(year, figures.letter, "brev")
    out += _change_entries(year, figures.proposition, "prop")
    out += _letter_gone(graph, year, figures) + _prop_gone(graph, year)
    out += _letter_entries(graph, year, figures)
    earlier = {k for y in graph.years if y < year for k in graph.years[y].assignments}
    for key, (doc, a) in model.assignments.items():
        if a.status == "new" and assignment_key(a.id) not in earlier:
            out.append(FeedEntry(year, f"nytt-oppdrag/{key}", f"Nytt oppdrag: {a.id} {a.title}".strip(),
                                 f"Gitt i {doc.title}" + (f", frist {a.deadline_text}." if a.deadline_text else "."),
                                 assignment_path(a.page_id)))
    return out


def _letter_entries(graph: SiteGraph, year: int, figures: YearFigures) -> list[FeedEntry]:
    """A year of supplementary letters: one entry per letter, dated by the letter."""
    amended = figures.amended
    if amended is None:
        return []
    out = []
    for group in assignments_by_letter(graph.years[year]):
        letter = group.letter
        steps = amended.steps_by_letter(letter)
        facts = [f"{len(steps)} endringer i tildelinger"] if steps else []
        facts += [f"{len(group.new)} nye oppdrag"] if group.new and letter.number else []
        facts += [f"tillegg til {len(group.extended)} oppdrag"] if group.extended else []
        changed = "; ".join(f"kap. {s.change.kap} post {s.change.post} {'+' if s.change.amount > 0 else ''}"
                            f"{format_amount(s.change.amount)}" for s in steps)
        summary = f"{letter_with_date(letter)[:1].upper()}{letter_with_date(letter)[1:]}." + \
            (f" Endringer (1 000 kr): {changed}." if changed else "")
        out.append(FeedEntry(year, f"brev/{letter.label}", f"{letter_title(letter)}"
                             + (": " + ", ".join(facts) if facts else ""), summary, CHANGES_PAGE, letter_anchor(letter),
                             f"{letter.date}T00:00:00Z" if letter.date else ""))
    return out


def _updated(settings: Settings, graph: SiteGraph, year: int) -> str:
    """The year's source date; without one, the newest printed document date, else 1 January."""
    iso = settings.source_date(year) or max((d.date for d in graph.years[year].documents if d.date),
                                            default=f"{year}-01-01")
    return f"{iso}T00:00:00Z"


def _href(settings: Settings, feed_year: int | None, entry: FeedEntry) -> str:
    """Absolute with a site address; else relative to the feed's own place."""
    if settings.site_url:
        return f"{settings.site_url}{entry.year}/{entry.url_path()}"
    if feed_year is None:
        return f"{entry.year}/{entry.url_path()}"
    return entry.url_path() if entry.year == feed_year else f"../{entry.year}/{entry.url_path()}"


def _feed_href(settings: Settings, year: int | None, name: str) -> str:
    """The feed's own address and its year's front page: absolute with a site
    address (a feed reader resolves nothing against a copied feed), else relative."""
    if not settings.site_url:
        return name or "./"
    return f"{settings.site_url}{f'{year}/' if year is not None else ''}{name}"


def atom(entries: list[tuple[FeedEntry, str]], title: str, subtitle: str, feed_key: str, updated: str,
         settings: Settings, year: int | None) -> str:
    """The feed: `entries` as (entry, its updated time), already in order."""
    def uid(key: str) -> str:
        return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'helsebudsjett:' + key)}"

    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="nb">',
             f"  <title>{escape(title)}</title>", f"  <subtitle>{escape(subtitle)}</subtitle>",
             f"  <id>{uid(feed_key)}</id>", f"  <updated>{updated}</updated>",
             f"  <link rel=\"self\" href={quoteattr(_feed_href(settings, year, FEED))}/>",
             f"  <link rel=\"alternate\" href={quoteattr(_feed_href(settings, year, ''))}/>",
             "  <author><name>Helsebudsjettet (uoffisiell utgave)</name></author>"]
    for entry, when in entries:
        href = _href(settings, year, entry)
        lines += ["  <entry>", f"    <title>{escape(entry.title)}</title>",
                  f"    <id>{uid(f'{entry.year}/{entry.key}')}</id>", f"    <updated>{when}</updated>",
                  f"    <link rel=\"alternate\" href={quoteattr(href)}/>",
                  f"    <summary>{escape(entry.summary)}</summary>", "  </entry>"]
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def year_feed(graph: SiteGraph, year: int, settings: Settings, figures: YearFigures | None = None) -> str:
    when = _updated(settings, graph, year)
    return atom([(e, e.updated or when) for e in year_entries(graph, year, figures)], f"Helsebudsjettet {year}: hva er nytt",
                f"Nye oppdrag, nye og borte kapitler og poster, og de største endringene i {year}.",
                f"feed/{year}", when, settings, year)


def site_feed(graph: SiteGraph, settings: Settings, figures: dict[int, YearFigures] | None = None) -> str:
    """Every year's entries, newest year first. `figures`: the figures stage's output."""
    figures = figures if figures is not None else site_figures(graph)
    entries = []
    for year in sorted(graph.years, reverse=True):
        when = _updated(settings, graph, year)
        entries += [(e, e.updated or when) for e in year_entries(graph, year, figures[year])]
    newest = max((w for _, w in entries), default=_updated(settings, graph, max(graph.years)))
    return atom(entries, "Helsebudsjettet: hva er nytt", "Alle budsjettår, nyeste først.", "feed", newest,
                settings, None)
