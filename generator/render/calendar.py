"""Deadlines (/<year>/frister/ + frister.ics) and data downloads (/<year>/data/)."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from generator.linking import (
    YearModel,
    assignment_key,
    assignment_path,
    chapter_posts,
    post_anchor,
    vedtak_key,
    vedtak_path,
)
from generator.render.data import (
    CalendarEvent,
    assignments_csv,
    budget_rows_csv,
    extraction_json,
    ics_calendar,
    posts_csv,
    vedtak_csv,
)
from generator.render.fulltext import source_page
from generator.render.links import url_of
from generator.render.markdown import esc, front_matter, heading, rel, table
from generator.render.overview import MONTHS
from generator.settings import Settings

DATA_FILES = {
    "poster": "data/poster.csv",
    "budsjettlinjer": "data/budsjettlinjer.csv",
    "oppdrag": "data/oppdrag.csv",
    "vedtak": "data/vedtak.csv",
}


@dataclass(frozen=True)
class Deadline:
    date: str
    what: str  # "Oppdrag" | "Rapportering"
    title: str
    page: str  # docs path
    anchor: str
    uid: str


def collect_deadlines(model: YearModel) -> list[Deadline]:
    items: list[Deadline] = []
    for _, a in model.assignments.values():
        if a.deadline:
            items.append(Deadline(a.deadline, "Oppdrag", f"{a.id} {a.title}", assignment_path(a.id), "",
                                  f"{a.id.lower()}@helsebudsjett"))
    for doc in model.documents:
        for i, d in enumerate(doc.dated_items):
            items.append(Deadline(d.date, "Rapportering", d.title, source_page(doc), f"L{d.line}",
                                  f"{doc.source.rsplit('.', 1)[0]}-{d.line}-{i}@helsebudsjett"))
    items.sort(key=lambda d: (d.date, d.what, d.title))
    return items


def _human_date(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{int(d)}. {MONTHS[int(m) - 1]} {y}"


def render_deadlines(model: YearModel, settings: Settings) -> dict[str, str]:
    path = "frister/index.md"
    items = collect_deadlines(model)
    out = [front_matter(title="Frister"), heading(1, f"Frister {model.year}"),
           f"Alle daterte frister i kildene for {model.year}: oppdrag og rapportering, i datorekkefølge. "
           f"[Abonner på kalenderen (frister.ics)](frister.ics) eller last den ned."]
    month = ""
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            out.append(table(["Dato", "Type", "Hva"], rows))
            rows.clear()

    for d in items:
        key = d.date[:7]
        if key != month:
            flush()
            month = key
            y, m = key.split("-")
            out.append(heading(2, f"{MONTHS[int(m) - 1].capitalize()} {y}", f"m-{key}"))
        rows.append([esc(_human_date(d.date)), d.what, f"[{esc(d.title)}]({rel(path, d.page, d.anchor)})"])
    flush()
    if not items:
        out.append("Det er ingen daterte frister i kildene for dette året.")
    events = [CalendarEvent(d.uid, d.date, f"{d.what}: {d.title}", d.title,
                            _event_url(settings, model.year, d))
              for d in items]
    return {path: "\n\n".join(out) + "\n",
            "frister/frister.ics": ics_calendar(events, f"Helsebudsjettet {model.year}: frister")}


def _event_url(settings: Settings, year: int, d: Deadline) -> str:
    url = settings.page_url(year, url_of(d.page))
    return (url + (f"#{d.anchor}" if d.anchor else "")) if url else ""


def search_keys_json(model: YearModel) -> str:
    """IDs and numbers -> page, for the search box's direct hits (idsearch.js)."""
    keys: dict[str, list[str]] = {}
    for kap, info in sorted(model.chapters.items()):
        keys[str(kap)] = [f"kapittel/{kap}/", f"Kap. {kap} {info.title}".strip()]
        for post in chapter_posts(info):
            keys[f"{kap}.{post}"] = [f"kapittel/{kap}/#{post_anchor(post)}", f"Kap. {kap} post {post}"]
    for _, a in model.assignments.values():
        keys[assignment_key(a.id)] = [url_of(assignment_path(a.id)), f"{a.id} {a.title}"]
    by_nr: dict[str, list] = {}
    for _, v in model.vedtak.values():
        url = url_of(vedtak_path(v.session, v.nr))
        keys[vedtak_key(v.session, v.nr)] = [url, f"Vedtak nr. {v.nr} ({v.session}) {v.title}"]
        by_nr.setdefault(v.nr, []).append(keys[vedtak_key(v.session, v.nr)])
    for nr, hits in by_nr.items():
        if len(hits) == 1:
            keys[f"vedtak-{nr}"] = hits[0]
    return json.dumps(keys, ensure_ascii=False, sort_keys=True, indent=0) + "\n"


def render_data(model: YearModel) -> dict[str, str]:
    """CSV of posts, budget rows, assignments, decisions; JSON per document; and the page."""
    files: dict[str, str] = {
        DATA_FILES["poster"]: posts_csv([i.prop[1] for i in model.chapters.values() if i.prop], model.year),
        DATA_FILES["budsjettlinjer"]: budget_rows_csv([(doc.source, r) for doc in model.documents for r in doc.budget_rows]),
        DATA_FILES["oppdrag"]: assignments_csv([(doc.source, a) for doc, a in model.assignments.values()]),
        DATA_FILES["vedtak"]: vedtak_csv([(doc.source, v) for doc, v in model.vedtak.values()]),
    }
    for doc in model.documents:
        files[f"data/{doc.source.rsplit('.', 1)[0]}.json"] = extraction_json(doc)
    files["data/sok.json"] = search_keys_json(model)
    rows = []
    labels = {"poster": "Poster i budsjettkapitlene (proposisjonen)", "budsjettlinjer": "Tildelingslinjer i brevene",
              "oppdrag": "Oppdrag", "vedtak": "Anmodningsvedtak"}
    for key, path in DATA_FILES.items():
        count = sum(1 for _ in csv.DictReader(io.StringIO(files[path])))  # records, not lines
        rows.append([f"[{path.split('/')[-1]}]({path.split('/')[-1]})", esc(labels[key]),
                     str(count) if count else f"ingen i {model.year}"])
    for doc in model.documents:
        name = f"{doc.source.rsplit('.', 1)[0]}.json"
        rows.append([f"[{name}]({name})", esc(f"Alt som er hentet ut av {doc.source}, som JSON"), "–"])
    page = [front_matter(title="Data"), heading(1, f"Data for {model.year}"),
            "Tallene og listene bak sidene, til nedlasting. CSV-filene er UTF-8 med overskriftsrad; "
            "beløp er heltall i 1 000 kr slik kildene oppgir dem, og tom celle betyr at kilden ikke har tall. "
            "JSON-filene følger uttrekksformatet (kildefil, linjenummer for hver opplysning).",
            table(["Fil", "Innhold", "Rader"], rows, ["l", "l", "r"])]
    files["data/index.md"] = "\n\n".join(page) + "\n"
    return files
