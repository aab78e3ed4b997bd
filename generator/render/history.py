"""History sections: an assignment across the letters, a chapter's posts across years.

Each is a section of its own ("Historikk", "Beløp over år") added to the
entity page; all source text is escaped, cross-year links are HTML
(render.links.page_link).
"""
from __future__ import annotations

from generator.amount_history import ChapterHistory
from generator.history import AssignmentHistory, comparable_texts
from generator.linking import PageRef
from generator.render.diff import wording_diff_html
from generator.render.links import page_link
from generator.render.markdown import esc, format_amount, heading, table

STATUS = {"new": "Nytt oppdrag", "carried_over": "Videreført oppdrag"}
PART = {"title": "Tittelen", "text": "Teksten"}


def _year_cell(page: PageRef, year: int, anchor: str = "") -> str:
    if year == page.year:
        return f"**{year}** (denne siden)"
    return page_link(page, PageRef(year, page.path, anchor), str(year))


def assignment_history_section(page: PageRef, history: AssignmentHistory) -> str:
    """"Historikk": the letters the ID appears in, what happened in each, and the wording diffs."""
    events: dict[int, list[str]] = {}
    for e in history.events:
        events.setdefault(e.year, []).append(e.text)
    by_year: dict[int, list[str]] = {}
    for app in history.appearances:
        by_year[app.year] = [_year_cell(page, app.year), esc(STATUS.get(app.status, app.status)),
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


def chapter_history_section(page: PageRef, history: ChapterHistory) -> str:
    """"Beløp over år": the letters' allocations by year, and the proposition's whole posts."""
    if len(history.years) < 2:
        return ""
    out = [heading(2, "Beløp over år", "belop-over-ar"),
           "To serier som ikke blandes: delen av posten som tildelingsbrevet stiller til rådighet for "
           "Helsedirektoratet, og hele posten slik budsjettproposisjonen oppgir den. "
           "Beløp i 1 000 kr, nominelt."]
    if history.letter_years:
        rows = []
        for s in history.posts:
            if any(v is not None for _, v in s.allocated):
                rows.append([esc(s.post), esc(s.title)] + [format_amount(v) for _, v in s.allocated])
        if rows:
            header = ["Post", "Betegnelse"] + [_year_cell(page, y) for y in history.letter_years]
            out += [heading(3, "Tildelt Helsedirektoratet i tildelingsbrevene", "tildelt-over-ar"),
                    "Summen av brevets linjer for posten; «–» betyr at brevet det året ikke har en linje for posten.",
                    table(header, rows, ["l", "l"] + ["r"] * len(history.letter_years))]
    own_prop = any(y == page.year for y, _ in history.proposition_columns)
    if history.proposition_columns and not own_prop:
        prop_years = sorted({y for y, _ in history.proposition_columns})
        rows = [[esc(s.post), esc(s.title)] + [format_amount(v) for _, v in s.proposition]
                for s in history.posts if any(v is not None for _, v in s.proposition)]
        where = ", ".join(page_link(page, PageRef(y, page.path, ""), f"kapitlet i {y}") for y in prop_years)
        out += [heading(3, "Hele posten i budsjettproposisjonen", "hele-posten-over-ar"),
                f"Kolonnene slik proposisjonen trykker dem (se {where}).",
                table(["Post", "Betegnelse"] + [esc(label) for _, label in history.proposition_columns],
                      rows, ["l", "l"] + ["r"] * len(history.proposition_columns))]
    return "\n\n".join(out)

