"""History sections: an assignment across the letters, a chapter's posts across years.

Each is a section of its own ("Historikk", "Beløp over år") added to the
entity page; all source text is escaped, cross-year links are HTML
(render.links.page_link).
"""
from __future__ import annotations

from generator.derive.amount_history import ChapterHistory
from generator.derive.assignment_history import AssignmentHistory, comparable_texts
from generator.derive.coverage import ALIKE_RATIO, PostFigure, covered_alike
from generator.lexicon import ASSIGNMENT_STATUS_LABEL
from generator.link.graph import PageRef
from generator.render.diff import wording_diff_html
from generator.render.links import page_link
from generator.render.markdown import esc, format_amount, heading, table

PART = {"title": "Tittelen", "text": "Teksten"}


def _year_cell(page: PageRef, year: int, here: str = " (denne siden)") -> str:
    if year == page.year:
        return f"**{year}**{here}"
    return page_link(page, PageRef(year, page.path), str(year))


def assignment_history_section(page: PageRef, history: AssignmentHistory) -> str:
    """"Historikk": the letters the ID appears in, what happened in each, and the wording diffs."""
    events: dict[int, list[str]] = {}
    for e in history.events:
        events.setdefault(e.year, []).append(e.text)
    by_year: dict[int, list[str]] = {}
    for app in history.appearances:
        by_year[app.year] = [_year_cell(page, app.year), esc(ASSIGNMENT_STATUS_LABEL.get(app.status, app.status)),
                             esc(app.deadline_text or "–"), esc(" ".join(events.get(app.year, [])))]
    for year in set(events) - set(by_year):  # letters the assignment is missing from
        by_year[year] = [str(year), "Ikke med", "–", esc(" ".join(events[year]))]
    rows = [by_year[y] for y in sorted(by_year)]
    years = ", ".join(str(y) for y in history.years)
    out = [heading(2, "Historikk", "historikk"),
           f"{esc(history.id)} står i tildelingsbrevene for {years}. Hvert år lenker til oppdragets side det året.",
           table(["År", "I brevet", "Frist", "Hva skjedde"], rows)]
    out.append(heading(3, "Endringer i ordlyden", "endringer-i-ordlyden"))
    if not history.changes:
        out.append("Tittelen er den samme i alle brevene" +
                   (", og teksten også der begge brevene gjengir den." if _texts_compared(history) else "."))
    for change in history.changes:
        label = f"{PART[change.part]}, {change.old_year} → {change.new_year}"
        out += [f"**{esc(label)}**",
                wording_diff_html(change.old, change.new, f"brevet for {change.old_year}",
                                  f"brevet for {change.new_year}")]
    apps = history.appearances
    for prev, app in zip(apps, apps[1:]):
        if (prev.text or app.text) and not comparable_texts(prev.text, app.text):
            short, full = (app, prev) if len(app.text.split()) < len(prev.text.split()) else (prev, app)
            if not short.text:
                out.append(esc(f"Brevet for {short.year} gjengir bare tittelen (i tabellen over videreførte "
                               f"oppdrag); teksten står i brevet for {full.year}."))
                continue
            out.append(esc(f"Brevet for {short.year} gjengir oppdraget bare kort "
                           f"({len(short.text.split())} ord mot {len(full.text.split())}); "
                           f"teksten fra {prev.year} og {app.year} sammenlignes derfor ikke ord for ord, "
                           "men står på oppdragets side hvert år."))
    return "\n\n".join(p for p in out if p)


def _texts_compared(history: AssignmentHistory) -> bool:
    apps = history.appearances
    return any(comparable_texts(a.text, b.text) for a, b in zip(apps, apps[1:]))


def _change_cell(before: int | None, after: int | None) -> str:
    """A funding change with its growth in percent; where the two letters cover
    the post differently (coverage.covered_alike), both amounts and no growth."""
    if before is None or after is None:
        return "–"
    if not covered_alike(PostFigure(0, "", "", before, ""), PostFigure(0, "", "", after, "")):
        return f"ulik dekning: {format_amount(before)} → {format_amount(after)}"
    diff = format_amount(after - before) if after != before else "0"
    if after > before:
        diff = "+" + diff
    if not before:
        return diff
    pct = f"{(after - before) / before * 100:+.1f} %".replace(".", ",").replace("-", "−")
    return f"{diff} ({pct})"


def chapter_history_section(page: PageRef, history: ChapterHistory) -> str:
    """"Fra brev til brev": each post's allocation against the previous letter's,
    for every pair of consecutive letters that allocate under the chapter.

    The amounts themselves, in both series, are in the chapter's charts and
    their tables ("Utvikling over år"); this section adds the like-for-like
    changes and links each year's page. The proposition's whole posts are
    never compared with a letter's allocation."""
    years = history.letter_years
    if len(years) < 2:
        return ""
    pairs = list(zip(years, years[1:]))
    rows = []
    for s in history.posts:
        allocated = dict(s.allocated)
        cells = [_change_cell(allocated.get(a), allocated.get(b)) for a, b in pairs]
        if any(c != "–" for c in cells):
            rows.append([esc(s.post), esc(s.title)] + cells)
    if not rows:
        return ""
    header = ["Post", "Betegnelse"] + [f"{_year_cell(page, b, '')} mot {_year_cell(page, a, '')}"
                                       + (f" ({b - a}\u00a0år)" if b - a > 1 else "") for a, b in pairs]
    return "\n\n".join([
        heading(2, "Fra brev til brev", "fra-brev-til-brev"),
        "Endring i det tildelingsbrevene stiller til rådighet for Helsedirektoratet under hver post, "
        "mot forrige tildelingsbrev i kildene (summen av brevets linjer for posten; 1 000 kr, nominelt). "
        "«–» betyr at ett av brevene ikke har en linje for posten. «Ulik dekning» betyr at brevene "
        f"ikke dekker posten likt (det ene tildeler mer enn {str(ALIKE_RATIO).replace('.', ',')} ganger det andre): "
        "da er forskjellen en endring i hva som er delegert til direktoratet, ikke vekst, og ingen prosent vises. "
        "Der det er mer enn ett år mellom brevene, står antall år i kolonnens overskrift. "
        "Hele posten i proposisjonen er en annen serie og regnes ikke med her.",
        table(header, rows, ["l", "l"] + ["r"] * len(pairs)),
    ])
