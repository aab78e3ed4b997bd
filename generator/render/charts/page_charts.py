"""Charts placed on pages: the SVG file beside the page, a caption, and the data as a table."""
from __future__ import annotations

import posixpath

from generator.derive.amended import Amended
from generator.link.graph import ChapterInfo, SiteGraph, YearModel
from generator.link.urls import CHANGES_PAGE, beside, chapter_path
from generator.render.charts import specs as charts
from generator.render.markdown import esc, esc_attr, table
from generator.derive.changes import Changes
from generator.derive.post_figures import column_year, letter_posts
from generator.derive.series import LETTER_SERIES, MISSING_NAME, PROP_SERIES
from generator.derive.totals import CategoryFigures
from generator.render.markdown import format_amount

MAX_CHANGES = 10


# A chart block: its Markdown and the chart files it needs ({svg path: spec}),
# drawn by the build once per distinct spec.
Placed = tuple[str, dict[str, object]]


def _block(chart: "charts.Chart", svg_path: str, page_path: str) -> Placed:
    """Markdown for a chart saved at `svg_path`: figure, caption, table of the same data."""
    src = posixpath.relpath(svg_path, posixpath.dirname(page_path) or ".")
    rows = [[esc(c) for c in r] for r in chart.table_rows]
    align = ["l"] + ["r"] * (len(chart.table_header) - 1)
    return ((
        f'<figure class="diagram" markdown="0">\n<img src="{esc_attr(src)}" alt="{esc_attr(chart.alt)}" '
        f'loading="lazy">\n<figcaption>{esc_attr(chart.caption)}</figcaption>\n</figure>\n\n'
        '<details class="info" markdown="1">\n<summary>Tallene i diagrammet</summary>\n\n'
        + table([esc(h) for h in chart.table_header], rows, align)
        + "\n\n</details>"
    ), {svg_path: chart.spec})


def chapter_series(graph: SiteGraph, kap: int, series: str) -> list[tuple[str, list[tuple[str, int | None]]]]:
    """Each post's amounts over the years the sources cover, in ONE series.

    PROP_SERIES: the proposition's columns (Regnskap, Saldert, Forslag) as
    printed, in year order (the same label from two documents taken once, the
    newest figure). LETTER_SERIES: each letter's allocation to
    Helsedirektoratet, one column per letter year. The two are never drawn in
    one chart: a letter allocates a part of a post.
    """
    columns: dict[str, int] = {}  # label -> sort key
    values: dict[str, dict[str, int | None]] = {}
    titles: dict[str, str] = {}
    for year in sorted(graph.years):
        info = graph.years[year].chapters.get(kap)
        if not info:
            continue
        if series == PROP_SERIES and info.prop:
            for p in info.prop[1].posts:
                titles.setdefault(p.post, p.title)
                for label, v in p.amounts:
                    columns.setdefault(label, column_year(label, year))
                    values.setdefault(p.post, {})[label] = v
        allocated = letter_posts(info) if series == LETTER_SERIES else {}
        if allocated:
            label = f"Tildelt {year}"
            columns.setdefault(label, year)
            for post, v in allocated.items():
                titles.setdefault(post, next(r.title for _, r in info.letter_rows if r.post == post))
                values.setdefault(post, {})[label] = v
    ordered = sorted(columns, key=lambda c: (columns[c], c))
    return [((f"post {post} {titles.get(post, '')}".strip() if post else "hele kapitlet (brevet oppgir ingen post)"),
             [(c, values[post].get(c)) for c in ordered])
            for post in sorted(values)]


def chapter_block(graph: SiteGraph, info: ChapterInfo, year: int, page_path: str) -> Placed:
    """Two charts, one per series: the letters' allocations over years and the proposition's whole posts."""
    name = f"Kap. {info.kap} {info.title}".strip()
    out = []
    files: dict[str, object] = {}
    for series, svg, heading_text, intro in (
            (LETTER_SERIES, "poster-tildelt.svg", f"{LETTER_SERIES} over år",
             "Det tildelingsbrevene stiller til rådighet for Helsedirektoratet, post for post (summen av brevets "
             "linjer), for hvert år slik tildelingsbrevet tildeler, før endringer i senere brev samme år. "
             "Ikke hele postene."),
            (PROP_SERIES, "poster.svg", "Hele posten i budsjettproposisjonen",
             "Hele postene slik proposisjonen trykker dem: regnskap, saldert budsjett og forslag.")):
        data = chapter_series(graph, info.kap, series)
        if sum(1 for _, pts in data for _, v in pts if v is not None) < 2:
            continue
        # "Tildelt Helsedirektoratet" after a colon: the directorate keeps its capital.
        what = LETTER_SERIES[:1].lower() + LETTER_SERIES[1:] if series == LETTER_SERIES else "hele posten"
        title = f"{name}: {what}"
        chart = charts.history_chart(title, data, kind=info.type if info.type in ("utgift", "inntekt") else "utgift")
        block, placed = _block(chart, beside(chapter_path(info.kap), svg), page_path)
        out += [f"### {heading_text}", esc(intro), block]
        files.update(placed)
    return "\n\n".join(out), files


def category_block(model: YearModel, figures: CategoryFigures | None) -> Placed:
    """The category chart, what it is based on, and what it leaves out (so the parts add up)."""
    if figures is None or len(figures.items) < 2:
        return "", {}
    if figures.series == LETTER_SERIES:
        basis = (f"{LETTER_SERIES} i tildelingsbrevet for {model.year}, med kapitlene plassert etter "
                 "proposisjonens programkategorier. Ikke hele helsebudsjettet.")
        title = f"Tildelt Helsedirektoratet etter programkategori {model.year}"
    else:
        basis = "Forslaget i proposisjonen, hele postene."
        title = f"Utgifter etter programkategori {model.year}"
    chart = charts.category_chart(title, list(figures.items), kind="utgift")
    block, files = _block(chart, "diagram/kategorier.svg", "index.md")
    out = [esc(basis), block]
    if figures.left_out:
        listed = "; ".join(f"kap. {kap} {title or f'({MISSING_NAME})'}: {format_amount(v)}"
                           for kap, title, v in figures.left_out)
        shown = sum(v for _, v in figures.items)
        out.append(esc(f"Ikke med i diagrammet, fordi kildene ikke plasserer kapitlet i en programkategori: "
                       f"{listed}. Diagrammet viser {format_amount(shown)}; med disse blir summen "
                       f"{format_amount(figures.total)} (1 000 kr), som i totalen over."))
    return "\n\n".join(out), files


def change_block(model: YearModel, changes: Changes) -> Placed:
    expense = [c for c in changes.changes if c.type == "utgift"][:MAX_CHANGES]
    if len(expense) < 2:
        return "", {}
    items = [(charts.clip_words(f"{c.kap}.{c.post} {c.title}", 60), c.diff) for c in expense]
    if changes.series == LETTER_SERIES:
        title = f"Største endringer i tildelingen fra {changes.base} til {model.year}-brevet"
        svg = "diagram/endringer-brev.svg"
    else:
        title = f"Største endringer i utgiftspostene {model.year}, forslag mot saldert budsjett"
        svg = "diagram/endringer.svg"
    chart = charts.change_chart(title, items)
    left_out = len(changes.changes) - len(expense)
    note = (f"Diagrammet viser de {len(expense)} største endringene i utgiftspostene (inntekter og utgifter "
            "holdes hver for seg)" + (f"; de {left_out} andre endrede postene står i tabellen." if left_out else "."))
    block, files = _block(chart, svg, "index.md")
    return block + "\n\n" + esc(note), files


def amended_chapter_block(amended: Amended, kap: int, as_of: str, page_path: str) -> Placed:
    """A chapter's changed posts through a year of supplementary letters: the
    allocation after each letter that changed them (the main letter's first),
    ending with the allocation as amended."""
    chains = [c for c in amended.chains if c.kap == kap]
    if not chains:
        return "", {}
    changed = {s.letter for c in chains for s in c.steps}
    letters = [amended.letters[0]] + [x for x in amended.letters[1:] if x in changed]
    columns = ["Tildelingsbrevet" if x.number == 0 else f"Tillegg {x.number}" if x.label.startswith("tillegg-")
               else f"Nr. {x.number}" for x in letters]
    series = []
    for c in chains:
        values: list[tuple[str, int | None]] = []
        running = c.original
        for letter, col in zip(letters, columns):
            running = next((s.after for s in reversed(c.steps) if s.letter == letter), running)
            values.append((col, running))
        series.append((f"{c.kap}.{c.post} {c.title}".strip(), values))
    title = f"Kap. {kap}: tildelingen etter hvert brev, {as_of}"
    chart = charts.history_chart(title, series)
    block, files = _block(chart, beside(chapter_path(kap), "tildelt-gjennom-aret.svg"), page_path)
    return (block + "\n\n" + esc("Søylene viser tildelingen slik den sto etter hvert brev som endret postene "
                                 "(endret tildeling, ikke tildelingsbrevets opprinnelige tall)."), files)


def amended_year_block(amended: Amended, as_of: str, page_path: str) -> Placed:
    """The year's funding changes per post (coverage changes left out and said)."""
    items = sorted(((charts.clip_words(f"{c.kap}.{c.post} {c.title}", 60), c.funding_change)
                    for c in amended.chains if c.funding_change), key=lambda i: (-abs(i[1]), i[0]))
    if len(items) < 2:
        return "", {}
    shown = items[:MAX_CHANGES]
    chart = charts.change_chart(f"Endret tildeling i løpet av året, {as_of}", shown)
    block, files = _block(chart, beside(CHANGES_PAGE, "endret-tildeling.svg"), page_path)
    note = (f"Diagrammet viser de {len(shown)} postene med størst samlet endring fra tildelingsbrevet til "
            f"tildelingen {as_of}" + (f"; de {len(items) - len(shown)} andre står i tabellene under" if
                                      len(items) > len(shown) else "")
            + ". Poster som først et supplerende brev tildeler, er ikke med: de er ny dekning, ikke økt tildeling.")
    return block + "\n\n" + esc(note), files
