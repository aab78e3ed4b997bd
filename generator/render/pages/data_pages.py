"""Data: the page type and its renderer. The year's tables as CSV (and Excel
CSV), each document's extraction as JSON and the data page (data/); made
once with the year's context (`render/year.year_context`), because the
indexes and the front page link these files."""
from __future__ import annotations

import json

from generator.derive.figures import YearFigures
from generator.link.graph import YearModel, chapter_posts
from generator.link.urls import (
    DATA_FOLDER, DATA_PAGE, OFFLINE_BUNDLE_MARKER, SEARCH_KEYS, assignment_key, assignment_path, chapter_path,
    extraction_file, post_anchor, url_of, vedtak_key, vedtak_path,
)
from generator.render.downloads import (
    DataTable, assignments_table, changes_table, files_of, letter_allocations, proposition_posts, totals_table,
    vedtak_table, year_changes_table,
)
from generator.render.formats.serialise import extraction_json
from generator.render.markdown import esc, front_matter, heading, rel, table
from generator.render.pages.base import PageSet, YearContext, split_files


def pages(ctx: YearContext) -> PageSet:
    # Computed with the context (year_context): the indexes and the front page link these files.
    return split_files(ctx.data_files, [{"Data": DATA_PAGE}])


def search_keys_json(model: YearModel) -> str:
    """IDs and numbers -> page, for the search box's direct hits (idsearch.js)."""
    keys: dict[str, list[str]] = {}
    for kap, info in sorted(model.chapters.items()):
        keys[str(kap)] = [url_of(chapter_path(kap)), f"Kap. {kap} {info.title}".strip()]
        for post in chapter_posts(info):
            keys[f"{kap}.{post}"] = [f"{url_of(chapter_path(kap))}#{post_anchor(post)}", f"Kap. {kap} post {post}"]
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
        files.update(files_of(t, DATA_FOLDER))
    for doc in model.documents:
        files[extraction_file(doc)] = extraction_json(doc)
    files[SEARCH_KEYS] = search_keys_json(model)
    rows = []
    for t in tables:
        rows.append([f"[{t.name}.csv]({t.name}.csv)", f"[{t.name}-excel.csv]({t.name}-excel.csv)",
                     esc(t.title), str(len(t.rows))])
    for doc in model.documents:
        name = rel(DATA_PAGE, extraction_file(doc))
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
    files[DATA_PAGE] = "\n\n".join(page) + "\n"
    return files
