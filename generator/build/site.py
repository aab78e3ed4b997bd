"""The build: read -> parse -> render -> write docs -> MkDocs per year and charts -> swap site/.

Nothing is written while parsing. MkDocs per year and the drawing of the
charts run in worker processes (workers.py); results are taken in year
order, so the site and the diagnostics are those of a serial build. The site
directory is replaced in one rename, only after every year built cleanly, so
a failing build leaves the previous site as it was. A build with nothing
changed loads no parsed document and imports no parsing or rendering code.
"""
from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from generator.build.cache import BuildCache, code_fingerprint, pages_key, sha
from generator.diagnostics import Diagnostic, Diagnostics, InputError, silent
from generator.derive.figures import site_figures
from generator.settings import Settings, load_settings
from generator.build.files import build_lock, file_records, link_or_copy, records_intact, recover_swap, swap_in
from generator.build.inputs import cached_diagnostics, document_keys, link_all, load_content, parse_all, year_inputs
from generator.build.year_html import build_year_html, write_pages, year_config
from generator.read.sources import SourceEntry
from generator.read.sourcedates import dated_settings
from generator.build.versions import root_index_html, versions_json, write_alias_redirects
from generator.build.workers import (
    ChartCache,
    cached_drawings,
    default_jobs,
    drawing_tasks,
    import_drawing,
    keep_drawn,
    run_in_steps,
)
from generator.build.corrections import read_corrections
from generator.build.offline import OfflineJob
from generator.build.published import (
    PUBLISHED,
    add_urls_message,
    added_urls,
    lost_message,
    lost_urls,
    page_urls,
    read_published,
    read_redirects,
    write_published,
    year_redirect_maps,
)
from generator.render.charts.card import CardSpec
from generator.render.charts.spec import ChartSpec

if TYPE_CHECKING:  # parsing, linking and rendering are imported when a build needs them
    from generator.model import Document
    from generator.render.year import YearInput
    from generator.read.source_text import SourceText

    Parsed = tuple[SourceEntry, SourceText, Document]

CHECK, UPDATE, FROZEN = "check", "update", "frozen"  # build_site(urls=...)


@dataclass(frozen=True)
class Publication:
    """What the build reads besides the sources, for URLs that never break and
    the about page (build/published.py, build/corrections.py), and what it
    makes besides the year's site."""
    published: tuple[str, ...]  # published-urls.txt
    redirects: dict[str, str]  # redirects.yml, old URL -> new URL
    corrections: tuple  # corrections.yml, for the about page
    urls: str = CHECK
    offline: bool = True  # each year's offline bundle


@dataclass(frozen=True)
class BuildOptions:
    """What a build is asked to do (the `build` command's flags). `jobs`:
    worker processes for charts and MkDocs (0: one per core). `urls`: what to
    do with published-urls.txt besides failing on a published URL that would
    404 (CHECK: nothing; UPDATE: add the new pages, as the `build` command
    does; FROZEN: also fail when the list lacks a page, as CI does).
    `offline`: make each year's offline bundle (build/offline.py). `say`
    hears the progress ("building 2025: 212 files")."""
    years: tuple[int, ...] = ()  # () = every year in the manifest
    strict: bool = False  # any warning fails the build
    site_dir: Path | None = None  # default: <root>/site
    incremental: bool = True  # False: --clean, read nothing from the cache
    settings: Settings | None = None  # default: read from the environment and mkdocs.yml
    jobs: int = 0
    urls: str = CHECK
    offline: bool = True
    say: Callable[[str], None] = silent


@dataclass(frozen=True)
class BuildSummary:
    years: int
    pages: int
    site_dir: Path
    reused: int = 0  # years whose HTML was reused from the previous build
    notes: tuple[str, ...] = ()  # what the caller should tell the editor (published-urls.txt grew)


class BuildFailed(Exception):
    """The build did not finish and site/ was left as it was: the message says
    why, the diagnostics collector handed to build_site holds the details."""

    def __init__(self, message: str, site_dir: Path) -> None:
        super().__init__(message)
        self.site_dir = site_dir


@dataclass(frozen=True)
class _Run:
    """One build's fixed inputs, resolved once and handed down the build."""
    root: Path
    site_dir: Path
    settings: Settings
    publication: Publication
    code: str  # the generator's code fingerprint (cache keys)
    incremental: bool
    say: Callable[[str], None]

    @property
    def staging(self) -> Path:
        return self.site_dir.with_name(self.site_dir.name + ".new")


def build_site(root: Path, diags: Diagnostics, options: BuildOptions = BuildOptions()) -> BuildSummary:
    """The whole build, holding build/build.lock; a swap an earlier build left
    half done is undone first (site_files.recover_swap). Returns what was
    built; raises BuildFailed (site/ left as it was, the reasons in `diags`)
    or InputError (bad input, one line)."""
    root = root.resolve()
    settings = options.settings or dated_settings(root, load_settings(root))
    site_dir = (options.site_dir or root / "site").resolve()
    with build_lock(root / "build"):
        restored = recover_swap(site_dir)
        publication = Publication(tuple(read_published(root)), read_redirects(root), read_corrections(root),
                                  options.urls, options.offline)
        run = _Run(root, site_dir, settings, publication, code_fingerprint(root), options.incremental, options.say)
        summary = _build(run, diags, list(options.years), options.strict, options.jobs or default_jobs())
        return replace(summary, notes=(restored, *summary.notes)) if restored else summary


def _build(run: _Run, diags: Diagnostics, years: list[int], strict: bool, jobs: int) -> BuildSummary:
    root, site_dir = run.root, run.site_dir
    # --clean reads nothing from the cache but records what it built, so that
    # the next build compares against this one and not an older one.
    cache = BuildCache(root / "build" / "cache", site_dir)
    # Nothing changed: the site is up to date, and only the documents'
    # diagnostics are read back (the parsed documents are not loaded).
    entries, keys = document_keys(root, run.code, diags)
    content = load_content(root)
    state = cache.state() if run.incremental else {}
    whole_key = sha(run.code, *keys, json.dumps(content, sort_keys=True), repr(run.settings), repr(run.publication))
    unchanged = state.get("site") == whole_key and (site_dir / "versions.json").is_file() \
        and all((site_dir / str(e.year)).is_dir() for e in entries)
    replayed = cached_diagnostics(cache, keys) if unchanged else None
    if replayed is not None and _intact(site_dir, state):
        diags.items.extend(replayed)
        # and what the derive stage said across documents (a supplement's chain), as recorded
        diags.items.extend(Diagnostic(**d) for d in state.get("derived", []))
        parsed: list[Parsed] = []
    else:
        unchanged = False
        entries, parsed, keys = parse_all(root, diags, cache, run.code, reuse=run.incremental)
    known = sorted({e.year for e in entries})
    wanted = years or known
    unknown = [y for y in wanted if y not in known]
    if unknown:
        raise InputError("source/sources.yml", 0, f"no document for budget year {unknown[0]} (years: {', '.join(map(str, known))})")
    if strict and diags.items:
        raise BuildFailed(f"--strict: {len(diags.items)} warning(s); site/ left as it was", site_dir)

    if unchanged:
        run.say("nothing changed since the last build; site/ is up to date")
        notes = check_urls(run, site_dir, known, known, diags, state.get("files"))
        return BuildSummary(len(wanted), state.get("pages", 0), site_dir, reused=len(known), notes=notes)

    staging = run.staging
    try:
        charts = ChartCache(cache, run.code, reuse=run.incremental, jobs=jobs)
        derived = Diagnostics()  # the derive stage's, recorded for a no-op build to say again
        try:
            summary, year_keys = _write_years(run, parsed, content, wanted, state, derived, charts)
        finally:  # MkDocs' problems too, when a year failed
            diags.items.extend(derived.items)
        present = [y for y in known if (staging / str(y)).is_dir()]
        notes = check_urls(run, staging, present, known, diags)
        files = file_records(staging, state.get("files"))  # reused years' files keep their recorded hashes
        swap_in(staging, site_dir)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        where = f" ({exc.filename})" if exc.filename else ""
        raise InputError(str(site_dir), 0, f"cannot write the site: {exc.strerror or exc}{where}") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # never leave a half-written site.new
        raise
    complete = set(wanted) == set(known)
    cache.save_state({"site": whole_key if complete else "", "years": year_keys, "files": files,
                      "pages": summary.pages, "derived": [asdict(d) for d in derived.items if d.severity == "warning"]})
    return BuildSummary(summary.years, summary.pages, site_dir, summary.reused, notes)


def check_urls(run: _Run, site: Path, years: list[int], known: list[int], diags: Diagnostics,
               files: dict | None = None) -> tuple[str, ...]:
    """Fail (BuildFailed, with the list as an error) when a published URL
    would 404; then, as `urls` says, add the new pages to the list (a note
    for the editor) or fail on them. `files`: the site's recorded files, when
    they were just checked (a no-op build: no walk)."""
    publication = run.publication
    present = page_urls(site, years, files)
    lost = lost_urls(publication.published, present, years, known)
    if lost:
        diags.error(PUBLISHED, 0, "url-gone", lost_message(lost))
        raise BuildFailed(f"{len(lost)} published URL(s) would 404", run.site_dir)
    added = added_urls(publication.published, present)
    if added and publication.urls == FROZEN:
        diags.error(PUBLISHED, 0, "url-unlisted", add_urls_message(added))
        raise BuildFailed(f"{len(added)} page(s) not in {PUBLISHED}", run.site_dir)
    if added and publication.urls == UPDATE:
        write_published(run.root, [*publication.published, *added])
        return (f"{PUBLISHED}: {len(added)} new page URL(s) added; review and commit it",)
    return ()


def _intact(site_dir: Path, state: dict, name: str | None = None) -> bool:
    """Is the output the last build recorded (all of it, or one top-level entry)
    unchanged? Files with their recorded stamps are not read (build/files.py)."""
    recorded = state.get("files", {})
    if name is not None:
        return (site_dir / name).exists() and records_intact(site_dir, recorded, name)
    return site_dir.is_dir() and records_intact(site_dir, recorded)


def _write_years(run: _Run, parsed: list[Parsed], content: dict[str, str], wanted: list[int], state: dict,
                 diags: Diagnostics, charts: ChartCache) -> tuple[BuildSummary, dict[str, str]]:
    """Every year into staging/: reused when its pages and its previous output
    are unchanged, else rendered and built by MkDocs (BuildFailed when MkDocs
    reports a problem)."""
    from generator.render.year import render_year

    site_dir, staging, settings = run.site_dir, run.staging, run.settings
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    known = sorted({e.year for e, _, _ in parsed})
    newest = max(known)
    page_count = 0
    reused = 0
    old_keys = state.get("years", {})
    year_keys: dict[str, str] = {}
    graph = link_all(parsed)
    figures = site_figures(graph, diags)  # the figures stage: every year's numbers, once per build
    to_build: list[tuple[int, dict, list]] = []  # (year, pages, nav) that MkDocs must build
    epochs: dict[int, int] = {}  # the date of each year's sources (sitemap, gzip time)
    for inp in year_inputs(parsed, content, settings, run.publication.corrections):
        name = str(inp.year)
        out_dir = staging / name
        previous = site_dir / name
        intact = previous.is_dir() and _intact(site_dir, state, name)
        if previous.is_dir() and not intact and old_keys.get(name):
            run.say(f"{name}: the output in {site_dir.name}/ differs from what the last build wrote; rebuilding")
        if inp.year not in wanted and (intact or not previous.is_dir()):
            if intact:
                shutil.copytree(previous, out_dir, copy_function=link_or_copy)
                year_keys[name] = old_keys.get(name, "")
            continue
        output = render_year(inp, graph, figures)
        page_count += sum(1 for p in output.pages if p.endswith(".md"))
        epochs[inp.year] = _source_epoch(run.root, settings, inp)
        # Besides its pages, what the year's MkDocs config says: the address and this year's dates only
        # (another year's sources changing does not rebuild this one).
        key = pages_key(run.code, output.pages, output.nav, f"{inp.year}/{newest}/{settings.site_url}/"
                        f"{settings.source_date(inp.year)}/{epochs[inp.year]}/{run.publication.offline}/"
                        f"{year_redirect_maps(run.publication.redirects, inp.year)}")
        year_keys[name] = key
        if old_keys.get(name) == key and intact:
            # Same pages as the last build and its output unchanged: reuse it (hard links, no copy).
            shutil.copytree(previous, out_dir, copy_function=link_or_copy)
            reused += 1
            run.say(f"{inp.year}: unchanged, reused")
            continue
        to_build.append((inp.year, output.pages, output.nav))
    problems = _build_years(run, to_build, newest, charts, epochs, year_keys)
    if problems:
        year, messages = problems
        for message in messages:
            diags.error(f"build/docs/{year}", 0, "mkdocs", message)
        shutil.rmtree(staging)
        raise BuildFailed(f"MkDocs failed to build {year}", site_dir)
    (staging / "versions.json").write_text(versions_json(known), encoding="utf-8")
    newest_404 = staging / str(newest) / "404.html"
    if newest_404.is_file():  # the host serves the root's 404.html for any missing page
        shutil.copyfile(newest_404, staging / "404.html")
    (staging / "index.html").write_text(root_index_html(newest), encoding="utf-8")
    from generator.render.formats.root import root_files

    data_files = {y: sorted(p.name for p in (staging / str(y) / "data").glob("*") if p.name != "index.html")
                  for y in known}
    for name, text in root_files(graph, settings, data_files, figures).items():  # ids.json, feed.xml, llms.txt
        (staging / name).write_text(text, encoding="utf-8", newline="\n")
    write_alias_redirects(staging, newest)  # latest/ as mike's alias_type: redirect publishes it
    return BuildSummary(len(wanted), page_count, site_dir, reused=reused), year_keys


def _build_years(run: _Run, to_build: list[tuple[int, dict, list]], newest: int, charts: ChartCache,
                 epochs: dict[int, int], year_keys: dict[str, str]) -> tuple[int, list[str]] | None:
    """Each year, the biggest first, in the worker processes: the charts and
    cards it shows that the cache lacks and no year before it draws; then,
    here, its pages with them into build/docs/<year>; then in a worker its
    MkDocs build and its offline bundle (build/offline.py). The next years'
    drawing is queued ahead of a year's MkDocs build, so drawing and MkDocs
    overlap (workers.run_in_steps).

    Returns the first failing year's MkDocs problems, in year order as a
    serial build would report them, or None.
    """
    build_dir = run.root / "build"
    sizes = {year: sum(len(v) for v in pages.values() if isinstance(v, str)) for year, pages, _ in to_build}
    years = sorted(to_build, key=lambda item: -sizes[item[0]])  # the biggest year first
    assets, to_draw = _assets_to_draw(years, charts)
    steps = [drawing_tasks(own_charts, own_cards, charts.jobs) for own_charts, own_cards in to_draw]
    if charts.jobs > 1 and any(tasks for tasks, _ in steps):
        import_drawing()

    def year_task(k: int, drawn: list) -> tuple[Callable, tuple]:
        year, pages, nav = years[k]
        svgs, pngs = steps[k][1](drawn)
        keep_drawn(assets, to_draw[k][0], svgs, charts, BuildCache.store_chart)
        keep_drawn(assets, to_draw[k][1], pngs, charts, BuildCache.store_card)
        docs = {p: assets[v] if isinstance(v, (ChartSpec, CardSpec)) else v for p, v in pages.items()}
        write_pages(build_dir / "docs" / str(year), docs)
        config = year_config(year, newest, nav, build_dir, run.staging / str(year), run.root, run.settings,
                             epochs[year], year_redirect_maps(run.publication.redirects, year))
        job = _offline_job(year, build_dir, charts, year_keys[str(year)], epochs[year],
                           run.settings.site_url) if run.publication.offline else None
        run.say(f"building {year}: {len(pages)} files")
        return build_year_html, (year, config, run.settings, job)

    results = run_in_steps([tasks for tasks, _ in steps], year_task, charts.jobs)
    by_year = dict(zip((year for year, _, _ in years), results))
    for year, *_ in to_build:
        if by_year[year]:
            return year, by_year[year]
    return None


def _assets_to_draw(years: list[tuple[int, dict, list]], charts: ChartCache) -> tuple[dict, list[tuple[list, list]]]:
    """{spec: drawn file} for the charts (SVG text) and cards (PNG bytes) the
    cache has, and per year, in the order given, the charts and cards it
    shows that the cache lacks and no year before it draws: each distinct
    one drawn once."""
    shown = [{v for v in pages.values() if isinstance(v, (ChartSpec, CardSpec))} for _, pages, _ in years]
    every = set().union(*shown)
    svgs, missing_charts = cached_drawings({v for v in every if isinstance(v, ChartSpec)}, charts,
                                           BuildCache.load_chart)
    pngs, missing_cards = cached_drawings({v for v in every if isinstance(v, CardSpec)}, charts, BuildCache.load_card)
    drawn_before: set = set()
    to_draw = []
    for own in shown:
        mine = own - drawn_before
        to_draw.append(([s for s in missing_charts if s in mine], [s for s in missing_cards if s in mine]))
        drawn_before |= own
    return {**svgs, **pngs}, to_draw


def _offline_job(year: int, build_dir: Path, charts: ChartCache, key: str, epoch: int,
                 site_address: str | None) -> OfflineJob:
    """The year's offline bundle, made from its built site, kept in the cache by the year's key."""
    cache_file = charts.cache.bundle_file(key) if charts.cache and charts.reuse else None
    store = charts.cache.bundle_file(key) if charts.cache else None
    return OfflineJob(year, build_dir / "docs" / str(year), cache_file, epoch, store, site_address)


def _source_epoch(root: Path, settings: Settings, inp: YearInput) -> int:
    """When the year's sources last changed, from the settings (read once); a
    Settings made without it (by a caller) gets the commit or file date."""
    epoch = settings.source_epoch(inp.year)
    if epoch is None:
        from generator.read.sourcedates import dates_and_epochs

        epoch = dict(dates_and_epochs(root, {inp.year: [e.file for e, _, _ in inp.documents]}, None)[1])[inp.year]
    return epoch
