"""Deadlines (/<year>/frister/ + frister.ics) and data downloads (/<year>/data/)."""
from __future__ import annotations

import json
from dataclasses import dataclass

from generator.parsing.tokens.assignment_id import sort_key as id_sort_key
from generator.derive.deadlines import assignment_due, assignment_dues, event_title, human_date, month_label
from generator.link.graph import (
    YearModel,
    assignment_key,
    assignment_path,
    chapter_posts,
    post_anchor,
    vedtak_key,
    vedtak_path,
)
from generator.render.formats.serialise import CalendarEvent, extraction_json, ics_calendar
from generator.derive.figures import YearFigures
from generator.render.downloads import (
    DataTable,
    assignments_table,
    changes_table,
    totals_table,
    files_of,
    letter_allocations,
    proposition_posts,
    vedtak_table,
    year_changes_table,
)
from generator.link.urls import OFFLINE_BUNDLE_MARKER, source_page_for
from generator.link.urls import url_of
from generator.render.markdown import esc, front_matter, heading, rel, table
from generator.settings import Settings



@dataclass(frozen=True)
class Deadline:
    date: str  # ISO first day
    end: str  # ISO last day (= date for an exact deadline)
    approximate: bool
    label: str  # "31. desember 2025", "mars 2025 (omtrentlig)"
    what: str  # "Oppdrag" | "Rapportering"
    title: str  # the calendar title: the assignment's ID and title, or the reporting item
    page: str  # docs path
    anchor: str
    uid: str
    departments: tuple[str, ...] = ()
    detail: str = ""  # the reporting item's full text (with a meeting's clock time)


def _sort_key(d: Deadline) -> tuple:
    return (d.end, d.what, id_sort_key(d.title))


def collect_deadlines(model: YearModel) -> tuple[list[Deadline], list[tuple]]:
    """(every dated deadline: exact and approximate, by date; the assignments without a fixed date)."""
    items: list[Deadline] = []
    undated: list[tuple] = []
    for _, a in model.assignments.values():
        dues = assignment_dues(a, model.year)
        if not dues:
            undated.append((a, assignment_due(a, model.year).label))
            continue
        for n, due in enumerate(dues):  # every dated deadline the assignment prints
            key = a.page_id.lower()
            uid = f"{key}@helsebudsjett" if n == 0 else f"{key}-{n + 1}@helsebudsjett"
            items.append(Deadline(due.start, due.end, due.kind == "approximate", due.label, "Oppdrag",
                                  f"{a.id} {a.title}".strip(), assignment_path(a.page_id), "", uid,
                                  tuple(a.departments)))
    items += _addition_deadlines(model)
    for doc in model.documents:
        for i, d in enumerate(doc.dated_items):
            items.append(Deadline(d.date, d.date, False, human_date(d.date), "Rapportering", event_title(d.title),
                                  source_page_for(doc, d.line), f"L{d.line}",
                                  f"{doc.source.rsplit('.', 1)[0]}-{d.line}-{i}@helsebudsjett",
                                  detail=f"{d.date_text}: {d.title}".strip()))
    items.sort(key=_sort_key)
    undated.sort(key=lambda au: id_sort_key(au[0].id))
    return items, undated


def _addition_deadlines(model: YearModel) -> list[Deadline]:
    """The deadlines of a later letter's additions to an assignment (anchored at
    the addition on the assignment's page)."""
    items = []
    for key, additions in sorted(model.extensions.items()):
        given = model.assignments.get(key)
        if given is None:
            continue
        a = given[1]
        for k, (_, ext) in enumerate(additions, start=1):
            for n, due in enumerate(assignment_dues(ext, model.year), start=1):
                items.append(Deadline(due.start, due.end, due.kind == "approximate", due.label, "Oppdrag",
                                      f"{a.id} {a.title} (tillegg {k})".strip(), assignment_path(a.page_id),
                                      f"tillegg-{k}", f"{key}-tillegg-{k}-{n}@helsebudsjett", tuple(a.departments)))
    return items


def _event(settings: Settings, year: int, d: Deadline) -> CalendarEvent:
    description = f"{d.what}, frist {d.label}" + (" – perioden fristen gjelder" if d.approximate else "")
    if d.detail:
        description += f"\n{d.detail}"
    url = settings.page_url(year, url_of(d.page))
    url = (url + (f"#{d.anchor}" if d.anchor else "")) if url else ""
    return CalendarEvent(d.uid, d.date, d.title, description, url, d.end if d.end != d.date else "")


def render_deadlines(model: YearModel, settings: Settings) -> dict[str, str]:
    path = "frister/index.md"
    items, undated = collect_deadlines(model)
    departments = sorted({dep for d in items for dep in d.departments})
    feeds = ", ".join(f"[{esc(dep)}](frister-{dep}.ics)" for dep in departments)
    n_exact = sum(1 for d in items if d.what == "Oppdrag" and not d.approximate)
    n_approx = sum(1 for d in items if d.approximate)
    out = [front_matter(title="Frister"), heading(1, f"Frister {model.year}"),
           f"Alle frister i kildene for {model.year}, i datorekkefølge: {n_exact} oppdragsfrister med dato, "
           f"{n_approx} omtrentlige oppdragsfrister (en måned, et kvartal, et halvår eller årets slutt; "
           "merket «omtrentlig», i kalenderen som hele perioden; et oppdrag kan ha flere frister), "
           f"{len(items) - n_exact - n_approx} rapporteringsfrister, og til slutt {len(undated)} oppdrag uten "
           "fast dato. [Abonner på kalenderen (frister.ics)](frister.ics) eller last den ned"
           + (f"; bare én avdelings oppdrag: {feeds}." if feeds else ".")]
    month = ""
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            out.append(table(["Frist", "Type", "Hva"], rows))
            rows.clear()

    for d in items:
        key = d.end[:7]
        if key != month:
            flush()
            month = key
            out.append(heading(2, month_label(key).capitalize(), f"m-{key}"))
        label = f"**{esc(d.label)}**" if d.approximate else esc(d.label)
        rows.append([label, d.what, f"[{esc(d.title)}]({rel(path, d.page, d.anchor)})"])
    flush()
    if not items:
        out.append("Det er ingen daterte frister i kildene for dette året.")
    if undated:
        out += [heading(2, "Uten fast dato", "uten-fast-dato"),
                "Oppdrag der fristen avtales senere eller ikke er oppgitt; teksten er brevets egen.",
                table(["Oppdrag", "Frist i brevet"],
                      [[f"[{esc(a.id)} {esc(a.title)}]({rel(path, assignment_path(a.page_id))})",
                        esc(text) or "ikke oppgitt"] for a, text in undated])]
    name = f"Helsebudsjettet {model.year}: frister"
    files = {path: "\n\n".join(out) + "\n",
             "frister/frister.ics": ics_calendar([_event(settings, model.year, d) for d in items], name)}
    for dep in departments:
        files[f"frister/frister-{dep}.ics"] = ics_calendar(
            [_event(settings, model.year, d) for d in items if dep in d.departments], f"{name} ({dep})")
    per_assignment: dict[str, list[Deadline]] = {}
    for d in items:
        if d.what == "Oppdrag":
            per_assignment.setdefault(d.page, []).append(d)
    for page, own in per_assignment.items():
        files[page.replace("index.md", "frist.ics")] = ics_calendar(
            [_event(settings, model.year, d) for d in own], own[0].title)
    return files


def search_keys_json(model: YearModel) -> str:
    """IDs and numbers -> page, for the search box's direct hits (idsearch.js)."""
    keys: dict[str, list[str]] = {}
    for kap, info in sorted(model.chapters.items()):
        keys[str(kap)] = [f"kapittel/{kap}/", f"Kap. {kap} {info.title}".strip()]
        for post in chapter_posts(info):
            keys[f"{kap}.{post}"] = [f"kapittel/{kap}/#{post_anchor(post)}", f"Kap. {kap} post {post}"]
    for _, a in model.assignments.values():
        keys[assignment_key(a.page_id)] = [url_of(assignment_path(a.page_id)), f"{a.id} {a.title}"]
    by_nr: dict[str, list] = {}
    for _, v in model.vedtak.values():
        url = url_of(vedtak_path(v.session, v.nr))
        keys[vedtak_key(v.session, v.nr)] = [url, f"Vedtak nr. {v.nr} ({v.session}) {v.title}"]
        by_nr.setdefault(v.nr, []).append(keys[vedtak_key(v.session, v.nr)])
    for nr, hits in by_nr.items():
        if len(hits) == 1:
            keys[f"vedtak-{nr}"] = hits[0]
    return json.dumps(keys, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def download_links(page_path: str, files: dict[str, str], stem: str, what: str = "CSV") -> str:
    """"Last ned …" with the standard file and its Excel twin, if the table has rows."""
    std, xl = f"{stem}.csv", f"{stem}-excel.csv"
    if std not in files:
        return ""
    return (f"Last ned {what}: [{std.rsplit('/', 1)[-1]}]({rel(page_path, std)}) · "
            f"[for Excel]({rel(page_path, xl)})")


def year_tables(model: YearModel, figures: YearFigures) -> list[DataTable]:
    infos = [model.chapters[k] for k in sorted(model.chapters)]
    tables = [proposition_posts(infos, model.year), letter_allocations(infos, model.year),
              totals_table(list(figures.totals)), *(changes_table(c, model.year) for c in figures.changes),
              assignments_table(model), vedtak_table(model), year_changes_table(figures.amended)]
    return [t for t in tables if t is not None and t.rows]


def render_data(model: YearModel, figures: YearFigures) -> dict[str, str]:
    """The year's CSV files (standard and Excel), the JSON per document, and the data page with its dictionary."""
    files: dict[str, str] = {}
    tables = year_tables(model, figures)
    for t in tables:
        files.update(files_of(t, "data"))
    for doc in model.documents:
        files[f"data/{doc.source.rsplit('.', 1)[0]}.json"] = extraction_json(doc)
    files["data/sok.json"] = search_keys_json(model)
    rows = []
    for t in tables:
        rows.append([f"[{t.name}.csv]({t.name}.csv)", f"[{t.name}-excel.csv]({t.name}-excel.csv)",
                     esc(t.title), str(len(t.rows))])
    for doc in model.documents:
        name = f"{doc.source.rsplit('.', 1)[0]}.json"
        rows.append([f"[{name}]({name})", "–", esc(f"Alt som er hentet ut av {doc.source}, som JSON"), "–"])
    page = [front_matter(title="Data"), heading(1, f"Data for {model.year}"),
            OFFLINE_BUNDLE_MARKER,  # the offline bundle's link and size, or what the bundle is (build/mkdocs_hooks.py)
            "Tallene og listene bak sidene, til nedlasting. Hver fil finnes i to utgaver: standard CSV "
            "(komma, UTF-8) og en utgave for Excel med norske innstillinger (semikolon, desimalkomma, UTF-8 "
            "med BOM), som åpnes riktig med dobbeltklikk. Beløp er heltall i 1 000 kr slik kildene oppgir "
            "dem (enheten står i kolonneoverskriften), og tom celle betyr at kilden ikke har tall. "
            "Proposisjonens hele poster og det tildelingsbrevet stiller til rådighet for Helsedirektoratet "
            "ligger i hver sin fil og skal ikke legges sammen. Tabellene på sidene lenker til akkurat sine data. "
            "JSON-filene følger uttrekksformatet (kildefil, linjenummer for hver opplysning).",
            table(["Fil", "For Excel", "Innhold", "Rader"], rows, ["l", "l", "l", "r"]),
            heading(2, "Dataordbok", "dataordbok"),
            "Hva hver kolonne betyr. Filene for enkeltkapitler (på kapittelsidene) har de samme kolonnene."]
    for t in tables:
        page += [heading(3, f"{esc(t.name)}.csv", f"ordbok-{t.name}"), esc(t.title) + ".",
                 table(["Kolonne", "Betydning"], [[f"`{c.header}`", esc(c.meaning)] for c in t.columns])]
    files["data/index.md"] = "\n\n".join(page) + "\n"
    return files
