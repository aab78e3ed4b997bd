"""Forside: the page type and its renderer. The year's front page (index.md):
the documents, totals, spending by category, the biggest changes, counts,
what is new, with the overview charts."""
from __future__ import annotations

import re
from collections import Counter

from generator.derive.assignment_count import assignment_count
from generator.derive.changes import Changes
from generator.derive.deadlines import human_date
from generator.derive.figures import YearFigures
from generator.derive.post_figures import has_letter, has_proposition
from generator.derive.series import LETTER_SERIES, PROP_SERIES, WITH_FOLKETRYGD
from generator.lexicon import month_label
from generator.link.graph import PageRef, YearModel
from generator.link.urls import (
    ASSIGNMENT_INDEX, CHAPTER_INDEX, COVERAGE_ANCHOR, DECISION_INDEX, chapter_path, data_table, post_anchor,
    source_page,
)
from generator.render.charts import page_charts as chartpages
from generator.render.downloads import download_links
from generator.render.letters import continued_text
from generator.render.links import page_link
from generator.render.markdown import esc, esc_attr, format_amount, front_matter, heading, rel, table
from generator.render.pages.base import PageSet, YearContext
from generator.render.pages.year_changes_page import front_page_block
from generator.render.reconciliation import (
    KIND_LABEL, as_of_text, left_out_note, reconciliation_section, through_year_section,
)


KIND_SERIES = {"tildelingsbrev": "Tildelt Helsedirektoratet (del av postene)",
               "prop1s": "Hele postene: regnskap, saldert budsjett, forslag"}


def pages(ctx: YearContext) -> PageSet:
    page, charts = render_front_page(ctx)
    return PageSet({"index.md": page}, [{"Forside": "index.md"}], charts)


def _documents_table(ctx: YearContext) -> str:
    rows = []
    for entry, _, doc in ctx.inp.documents:
        secs = ctx.model.text_pages[doc.source]
        first = secs[0].path if secs else source_page(doc)
        official = f' · <a href="{esc_attr(entry.url)}">offisiell utgave</a>' if entry.url else ""
        rows.append([
            f"[{esc(entry.title)}]({rel('index.md', first)})",
            KIND_SERIES[entry.kind],
            esc(human_date(doc.date or entry.date) if (doc.date or entry.date) else "–"),
            f"[{esc(entry.file)}]({rel('index.md', source_page(doc))}){official}",
        ])
    # a card per document on a phone (site.css .dokumenttabell): the file names do not fit 375 px
    return ('<div class="dokumenttabell" markdown="1">\n\n'
            + table(["Dokument", "Tallene i dokumentet", "Dato", "Kildetekst"], rows) + "\n\n</div>")


def _amended_block(ctx: YearContext) -> list[str]:
    """A year with supplementary letters: when its figures stand, and its letters as a timeline."""
    amended = ctx.figures.amended
    if amended is None:
        return []
    first = next((t for t in ctx.figures.totals if t.series == LETTER_SERIES and t.type == "utgift"), None)
    return front_page_block(ctx.model, amended, first.amount if first else None, bool(first and first.folketrygd))


def render_front_page(ctx: YearContext) -> tuple[str, dict[str, object]]:
    """The front page's Markdown and its charts' files ({svg path: spec})."""
    model, year = ctx.model, ctx.year
    intro = ctx.inp.content.get("index.md", "")
    counts = []
    if model.chapters:
        counts.append(f"[{len(model.chapters)} budsjettkapitler]({rel('index.md', CHAPTER_INDEX)})")
    if model.assignments:
        count = assignment_count(model)
        others = continued_text(count)
        counts.append(f"[{count.own} oppdrag]({rel('index.md', ASSIGNMENT_INDEX)})"
                      + (f" og {others}" if others else ""))
    if model.vedtak:
        counts.append(f"[{len(model.vedtak)} anmodningsvedtak]({rel('index.md', DECISION_INDEX)})")
    cat_chart, charts = chartpages.category_block(model, ctx.figures.categories)
    change_charts = {}
    for ch in ctx.figures.changes:
        change_charts[ch.series], files = chartpages.change_block(model, ch)
        charts = {**charts, **files}
    out = [
        front_matter(title=f"Budsjettår {year}", hide=["toc"]),  # room for the amount columns
        heading(1, f"Helsebudsjettet {year}"),
        *_amended_block(ctx),
        "!!! info \"Hva tallene for " + str(year) + " er\"\n    " + coverage_note(model),
        intro.strip(),
        ("På sidene for dette året: " + ", ".join(counts) + ".") if counts else "",
        heading(2, "Dokumentene for dette året", "dokumenter"),
        _documents_table(ctx),
    ]
    downloads = {key: download_links("index.md", ctx.data_files, data_table(key), "tabellen som CSV")
                 for key in ("totaler", "endringer-brev", "endringer-proposisjon")}
    out += render_overview(model, ctx.figures, cat_chart, change_charts, downloads)
    return "\n\n".join(p for p in out if p) + "\n", charts


SHOWN_CHANGES = 12


def percent(value: float | None) -> str:
    return f"{value:+.1f} %".replace(".", ",").replace("-", "−") if value is not None else ""


def coverage_note(model: YearModel) -> str:
    """What the year's figures are, in plain words: which documents, which series."""
    prop, letter = has_proposition(model), has_letter(model)
    y = model.year
    if prop and letter:
        return (f"For {y} har nettstedet både budsjettproposisjonen (Prop. 1 S) og tildelingsbrevet til "
                "Helsedirektoratet. Tallene kommer derfor i to serier som aldri blandes: "
                f"**{PROP_SERIES}** er hele posten slik regjeringen foreslår den for Stortinget "
                "(med regnskap og saldert budsjett for årene før), og "
                f"**{LETTER_SERIES}** er den delen av posten som departementet stiller til rådighet "
                "for Helsedirektoratet i tildelingsbrevet. Endringer regnes bare innenfor samme serie.")
    if letter:
        return (f"For {y} har nettstedet bare tildelingsbrevet til Helsedirektoratet, ikke "
                f"budsjettproposisjonen. Alle beløp for {y} er derfor **tildelt Helsedirektoratet**: "
                "det Helse- og omsorgsdepartementet stiller til rådighet for Helsedirektoratet, "
                "**ikke hele helsebudsjettet**. Mange poster forvaltes bare delvis av direktoratet, "
                "og mange kapitler er ikke med i brevet i det hele tatt.")
    return (f"For {y} har nettstedet budsjettproposisjonen (Prop. 1 S): beløpene er hele postene "
            "slik regjeringen foreslår dem for Stortinget.")


def _post_link(year: int, kap: int, post: str) -> str:
    """kap.post linked to the post's row; a chapter allocated as a whole (post "") to its page."""
    if not post:
        return page_link(PageRef(year, "index.md"), PageRef(year, chapter_path(kap)), f"kap. {kap}")
    return page_link(PageRef(year, "index.md"), PageRef(year, chapter_path(kap), post_anchor(post)), f"{kap}.{post}")


def _letter_covers(figures: YearFigures) -> str:
    """What the letter's total adds up: how many posts and chapters, how many read from prose."""
    posts = figures.posts or {}
    n = sum(len(v) for v in posts.values())
    if not n:
        return ""
    prose = sum(1 for v in posts.values() for f in v.values() if f.prose)
    return (f" Totalen for {figures.year} dekker de {n} postene i {len(posts)} kapitler som brevet tildeler"
            + (f" ({prose} av dem lest fra brevets løpende tekst, ikke fra en tabell)" if prose else "")
            + "; andre år tildeler brevene andre poster, så totalene er ikke en tidsserie"
            + (" (se «Hva totalene dekker»)." if figures.letter and figures.letter.coverage else "."))


def _through_year_rows(figures: YearFigures) -> list[list[str]]:
    """A year with supplementary letters: its totals as amended, named by the letter they stand after."""
    if figures.amended is None:
        return []
    as_of = esc(as_of_text(figures.amended))
    column = f"{LETTER_SERIES} {figures.year} {as_of} ([avstemt](#{COVERAGE_ANCHOR}))"
    rows = []
    for t in figures.through_year:
        rows.append([KIND_LABEL[t.type] + (f" {WITH_FOLKETRYGD}" if t.folketrygd else ""), column,
                     format_amount(t.total_amended())])
        if t.folketrygd:
            rows.append(["herav folketrygden", column, format_amount(t.folketrygd_amended())])
    return rows


def _totals_section(totals, covers: str = "", amended_rows: list[list[str]] | None = None) -> list[str]:
    if not totals:
        return []
    out = [heading(2, "Totalt", "totalt"),
           "Summen av postene i kildene, i 1 000 kr, nominelt. Utgifter og inntekter holdes hver for seg, "
           "og de to seriene legges aldri sammen."
           + (" Utgiftene omfatter folketrygdens poster, og hvor mye av dem som er folketrygden står på egen linje "
              "(«herav folketrygden»)."
              if any(t.folketrygd for t in totals) else "")]
    kind_label = {"utgift": "Utgifter", "inntekt": "Inntekter"}
    for series, anchor, intro in (
            (PROP_SERIES, "totalt-proposisjon", "Hele postene i budsjettproposisjonen, per kolonne slik den trykkes."),
            (LETTER_SERIES, "totalt-tildelt", "Det tildelingsbrevet stiller til rådighet for Helsedirektoratet "
                                              "(summen av brevets linjer); ikke hele budsjettet." + covers)):
        rows = []
        for t in totals:
            if t.series != series:
                continue
            column = esc(t.column) + (", tildelingsbrevet" if amended_rows else "")
            rows.append([kind_label[t.type] + (f" {WITH_FOLKETRYGD}" if t.folketrygd else ""), column,
                         format_amount(t.amount)])
            if t.folketrygd:
                rows.append(["herav folketrygden", column, format_amount(t.folketrygd)])
        if rows and series == LETTER_SERIES:
            rows += amended_rows or []
        if rows:
            out += [heading(3, esc(series), anchor), esc(intro),
                    table(["Type", "Serie og kolonne", "Beløp (1 000 kr)"], rows, ["l", "l", "r"])]
    return out


def _changes_section(model: YearModel, ch: Changes, chart_md: str, download: str = "") -> list[str]:
    if not ch.changes:
        return []
    rows = [[_post_link(model.year, c.kap, c.post), esc(c.title), esc(c.type), format_amount(c.before),
             format_amount(c.after), format_amount(c.diff), percent(c.percent)] for c in ch.changes]
    if ch.series == LETTER_SERIES:
        title, anchor = f"Endringer fra {ch.base}", "endringer-brev"
        note = (f"Det brevet for {model.year} tildeler Helsedirektoratet, sammenlignet med det "
                f"tildelingsbrevet for {ch.base_year} tildelte, post for post (summen av brevets linjer per post). "
                "Begge tallene er tildelinger til direktoratet, ikke hele poster.")
        note += " " + left_out_note(ch)
        before, after = f"Tildelt {ch.base_year}", f"Tildelt {model.year}"
    else:
        title, anchor = "Endringer i proposisjonen: forslag mot saldert budsjett", "endringer"
        note = (f"Forslaget for {model.year} sammenlignet med {ch.base.lower()}, begge fra proposisjonen, "
                "for hele posten.")
        saldert_year = re.search(r"\d{4}", ch.base)
        before = f"Saldert {saldert_year.group(0)}" if saldert_year else "Saldert"
        after = f"Forslag {model.year}"
    header = ["Post", "Betegnelse", "Type", esc(before), esc(after), "Endring", "%"]
    align = ["l", "l", "l", "r", "r", "r", "r"]
    out = [heading(2, esc(title), anchor),
           esc(note) + " Nye eller omnummererte poster er ikke regnet som endringer; de står under «Nytt i år». "
           "Beløp i 1 000 kr.",
           table(header, rows[:SHOWN_CHANGES], align),
           (download + f" (alle {len(rows)} endrede poster)") if download else ""]
    if chart_md:
        out.append(chart_md)
    if len(rows) > SHOWN_CHANGES:
        out.append(f'<details class="info" markdown="1">\n<summary>Alle {len(rows)} endrede poster</summary>\n\n'
                   + table(header, rows, align) + "\n\n</details>")
    return out


def render_overview(model: YearModel, figures: YearFigures, chart_md: str,
                    change_charts: dict[str, str] | None = None, downloads: dict[str, str] | None = None) -> list[str]:
    """`downloads`: the "Last ned" line of each table's data ("totaler", "endringer-brev", ...)."""
    change_charts, downloads = change_charts or {}, downloads or {}
    out: list[str] = _totals_section(figures.totals, _letter_covers(figures), _through_year_rows(figures))
    if out:
        out.append(downloads.get("totaler", ""))
    out += through_year_section(model.year, figures)
    if figures.letter:
        out += reconciliation_section(model.year, figures.letter)
    if chart_md:
        out += [heading(2, "Utgifter etter programkategori", "kategorier"), chart_md]
    all_changes = list(figures.changes)
    for ch in all_changes:
        out += _changes_section(model, ch, change_charts.get(ch.series, ""),
                                downloads.get("endringer-brev" if ch.series == LETTER_SERIES else "endringer-proposisjon", ""))
    if has_letter(model) and not any(c.series == LETTER_SERIES for c in all_changes) \
            and any(i.letter_rows for i in model.chapters.values()):
        out.append(f"Det er ikke noe tidligere tildelingsbrev blant kildene, så tildelingen for {model.year} "
                   "sammenlignes ikke med et år før.")
    out += _assignment_counts(model)
    news = []
    if model.assignments:
        count = assignment_count(model)
        others = continued_text(count)
        news.append(f"- {count.own} nye oppdrag" + (f" og {others}" if others else "")
                    + f" ([alle oppdrag]({rel('index.md', ASSIGNMENT_INDEX)}))")
    for ch in all_changes:
        what = "i proposisjonen" if ch.series == PROP_SERIES else f"i brevet (ikke i {ch.base})"
        # posts under a renumbered chapter are neither new nor gone: one line per renumbering
        renumbered = [r for c in ch.coverage for r in c.renumbered]
        moved = {(f.kap, f.post) for r in renumbered for f in r.before + r.after}
        for r in renumbered:
            old = " og ".join(f"kap. {k}" for k in r.old_kaps)
            news.append(f"- Nytt kapittelnummer: {esc(old)} i {esc(ch.base)} er "
                        f"{_post_link(model.year, r.new_kap, '')} i brevet for {model.year}: tildelt "
                        f"{format_amount(sum(f.amount for f in r.before))} i {ch.base_year}, "
                        f"{format_amount(sum(f.amount for f in r.after))} i {model.year} (1 000 kr; "
                        f"[hva totalene dekker](#dekning)); kilde: {esc(r.source)}")
        new_posts = [n for n in ch.new if (n.kap, n.post) not in moved]
        dropped_posts = [d for d in ch.dropped if (d.kap, d.post) not in moved]
        for n in new_posts[:15]:
            # The amount's series and unit, so that it is never read as kroner or as the whole post.
            series = "forslag" if ch.series == PROP_SERIES else "tildelt"
            kind = ", inntekt" if n.type == "inntekt" else ""
            news.append(f"- Ny post {what} {_post_link(model.year, n.kap, n.post)} {esc(n.title)}: "
                        f"{series} {format_amount(n.amount)} (1 000 kr{kind})")
        if len(new_posts) > 15:
            news.append(f"- … og {len(new_posts) - 15} andre nye poster {what}")
        for d in dropped_posts[:15]:
            kind = ", inntekt" if d.type == "inntekt" else ""
            link = page_link(PageRef(model.year, "index.md"), PageRef(ch.base_year, chapter_path(d.kap),
                                                                       post_anchor(d.post) if d.post else ""),
                             f"{d.kap}.{d.post}" if d.post else f"kap. {d.kap}")
            news.append(f"- Ikke lenger i brevet (tildelt i {ch.base}) {link} {esc(d.title)}: "
                        f"tildelt {format_amount(d.amount)} i {ch.base_year} (1 000 kr{kind})")
        if len(dropped_posts) > 15:
            news.append(f"- … og {len(dropped_posts) - 15} andre poster som ikke lenger er i brevet")
    if news:
        out += [heading(2, "Nytt i år", "nytt"), "\n".join(news)]
    return out


def _assignment_counts(model: YearModel) -> list[str]:
    if not model.assignments:
        return []
    by_dep: Counter[str] = Counter()
    by_month: Counter[str] = Counter()
    for _, a in model.assignments.values():
        for d in a.departments or ("uten avdeling",):
            by_dep[d] += 1
        by_month[a.deadline[:7] if a.deadline else "uten dato"] += 1
    dep_rows = [[esc(d), str(n)] for d, n in sorted(by_dep.items(), key=lambda x: (-x[1], x[0]))]

    month_rows = [[esc(k if k == "uten dato" else month_label(k)), str(n)] for k, n in sorted(by_month.items(), key=lambda x: (x[0] == "uten dato", x[0]))]
    return [heading(2, "Oppdrag etter avdeling og frist", "oppdrag"),
            table(["Avdeling i HOD", "Oppdrag"], dep_rows, ["l", "r"]),
            table(["Frist (måned)", "Oppdrag"], month_rows, ["l", "r"])]
