"""Kapitler: the page type and its renderer. A budget chapter's page
(kapittel/<kap>/): its posts in the proposition, the share the letter
allocates, the letter's rows, the allocation through the year, charts and a
CSV per table, its history and the links to and from it; the chapter index
is `chapter_index.py`."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.derive.amount_history import ChapterHistory, chapter_history
from generator.derive.coverage import RENUMBERED
from generator.derive.post_figures import post_shares
from generator.derive.series import LETTER_SERIES, MISSING_NAME, PROP_SERIES
from generator.lexicon import CHAPTER_KIND_LABEL
from generator.link.graph import (
    ASSIGNMENT, CHAPTER, ChapterInfo, DECISION, PageRef, SiteGraph, chapter_posts, chapter_ref,
)
from generator.link.urls import CHAPTER_INDEX, THROUGH_YEAR_ANCHOR, chapter_path, csv_files, data_table, post_anchor
from generator.model import Document
from generator.render.charts import page_charts as chartpages
from generator.render.charts.specs import unit_label
from generator.render.citation import CiteContext, Place, citation_section
from generator.render.downloads import (
    download_links, files_of, letter_allocations, post_share_table, proposition_posts, year_changes_table,
)
from generator.render.entity_parts import edge_list, source_line_link
from generator.render.history import chapter_history_section
from generator.render.links import backlinks_section, outgoing_by_kind, page_link
from generator.render.markdown import blocks_markdown, esc, format_amount, front_matter, heading, table
from generator.render.pages.base import PageSet, YearContext
from generator.render.pages.chapter_index import render_chapter_index
from generator.render.pages.year_changes_page import chapter_block


def pages(ctx: YearContext) -> PageSet:
    model = ctx.model
    if not model.chapters:
        return PageSet()
    out: dict[str, str] = {}
    assets: dict[str, object] = {}
    for kap, info in sorted(model.chapters.items()):
        path = chapter_path(kap)
        chart, chart_files = chartpages.chapter_block(ctx.graph, info, ctx.year, path)
        shares = ctx.figures.shares.get(kap, ("", ()))
        links, data_files = chapter_downloads(info, ctx.year, path, shares, ctx.figures.amended)
        assets.update(chart_files)
        assets.update(data_files)
        through_year, year_chart = chapter_block(path, model, ctx.figures.amended, kap, links.get("endringer", "")) \
            if ctx.figures.amended else ("", {})
        assets.update(year_chart)
        data = ChapterPageData(info, ctx.year, chart, links, chapter_history(ctx.graph, kap), shares, through_year)
        out[path] = render_chapter_page(ctx.graph, data, ctx.cite)
    posts_csv = csv_files(data_table("poster"))[0]
    index_data = data_table("poster") if posts_csv in ctx.data_files else data_table("tildelinger")
    out[CHAPTER_INDEX] = render_chapter_index(
        model, ctx.figures.allocations, download_links(CHAPTER_INDEX, ctx.data_files, index_data, "alle postene som CSV"))
    return PageSet(out, [{"Kapitler": CHAPTER_INDEX}], assets)


def chapter_downloads(info, year: int, page_path: str, shares,
                      amended=None) -> tuple[dict[str, str], dict[str, object]]:
    """Each table of a chapter page gets its own CSV beside the page (and the
    Excel twin): the download links per table, and the files."""
    folder = page_path.rsplit("/", 1)[0]
    links = {}
    assets: dict[str, object] = {}
    for key, data in (("poster", proposition_posts([info], year)), ("tildelt", letter_allocations([info], year, "tildelt")),
                      ("andel", post_share_table(info, shares)),
                      ("endringer", year_changes_table(amended, info.kap, "endringer"))):
        if data is not None and data.rows:
            files = files_of(data, folder)
            assets.update(files)
            links[key] = download_links(page_path, files, f"{folder}/{data.name}", "tabellen som CSV")
    return links, assets




def page_range(pages) -> str:
    """"s. 12" or "s. 12–13" from the printed pages of some entities; "" when none is known."""
    known = sorted({p for p in pages if p})
    if not known:
        return ""
    return f"s. {known[0]}" + (f"–{known[-1]}" if known[-1] != known[0] else "")


def _other_years_line(graph: SiteGraph, page: PageRef, years: list[int], label: str) -> str:
    if not years:
        return ""
    links = ", ".join(page_link(page, PageRef(y, page.path), str(y)) for y in years)
    return f"{esc(label)} {links}"


def _renumbered_line(graph: SiteGraph, page: PageRef, kap: int, year: int) -> str:
    """A chapter the budget renumbered (coverage.RENUMBERED): the old chapter's
    page names its new number and the new one its old numbers, each with the
    source of the fact."""
    out = []
    for e in RENUMBERED:
        old = " og ".join(f"kap. {k}" for k in e.old_kaps)
        if kap in e.old_kaps and year < e.year:
            later = [y for y in sorted(graph.years) if y >= e.year and e.new_kap in graph.years[y].chapters]
            links = ", ".join(page_link(page, PageRef(y, chapter_path(e.new_kap)), str(y)) for y in later)
            out.append(f"Nytt kapittelnummer fra {e.year}: {esc(old)} tildeles under kap. {e.new_kap}"
                       + (f" (kap. {e.new_kap} i {links})" if links else "")
                       + f". Kilde for omnummereringen: {esc(e.source)}.")
        elif kap == e.new_kap and year >= e.year:
            parts = []
            for k in e.old_kaps:
                before = [y for y in sorted(graph.years) if y < e.year and k in graph.years[y].chapters]
                if before:
                    parts.append(f"kap. {k} (" + ", ".join(
                        page_link(page, PageRef(y, chapter_path(k)), str(y)) for y in before) + ")")
            out.append(f"Kapittelnummeret er nytt fra {e.year}: før det ble dette tildelt under {esc(old)}"
                       + (f": {', '.join(parts)}" if parts else "")
                       + f". Kilde for omnummereringen: {esc(e.source)}.")
    return "\n\n".join(out)


def post_columns(info: ChapterInfo) -> list[str]:
    cols: list[str] = []
    if info.prop:
        for p in info.prop[1].posts:
            for k, _ in p.amounts:
                if k not in cols:
                    cols.append(k)
    return cols


def _change(amounts: dict[str, int | None], cols: list[str]) -> tuple[str, str]:
    """Change from the saldert column to the last column: (kroner, per cent)."""
    base_col = next((c for c in cols if c.lower().startswith("saldert")), None)
    if not base_col or cols[-1] == base_col:
        return "", ""
    base, new = amounts.get(base_col), amounts.get(cols[-1])
    if new is None:
        return "", ""
    if base is None or base == 0:
        return "ny post", ""
    diff = new - base
    return format_amount(diff), f"{diff / base * 100:+.1f} %".replace(".", ",").replace("-", "−")


def _letter_section(page: PageRef, info: ChapterInfo, changed_later: bool, download: str) -> list[str]:
    """The main letter's rows of the chapter; where later letters changed its
    posts, said, with a link to the chapter's "Tildelingen gjennom året"."""
    how = ("slik brevet trykker den i tabell og i løpende tekst (merket «Lest fra løpende tekst»)."
           if any(r.read_from == "prose" for _, r in info.letter_rows) else "slik brevets tabell trykker den.")
    later = (" Dette er tildelingsbrevets tall; senere brev har endret postene, se "
             f"[tildelingen gjennom året](#{THROUGH_YEAR_ANCHOR}).") if changed_later else ""
    return [heading(2, f"{LETTER_SERIES} i tildelingsbrevet", "tildeling"),
            "Den delen av postene som departementet stiller til rådighet for Helsedirektoratet, " + how + later,
            _letter_rows_table(page, info), download]


@dataclass(frozen=True)
class ChapterPageData:
    """What one chapter's page shows beside the graph's links: the chapter
    (`info`) in `year`, its chart's Markdown, `downloads` (the "Last ned" line
    of each table's own data: "poster", "andel", "tildelt"), its history over
    the years, `shares` (the chapter's whole posts and allocated parts, the
    year's figures; None: computed from `info`) and `through_year` (the posts'
    allocations through a year of supplementary letters)."""
    info: ChapterInfo
    year: int
    chart_md: str = ""
    downloads: dict[str, str] = field(default_factory=dict)
    history: ChapterHistory | None = None
    shares: tuple | None = None
    through_year: str = ""


def render_chapter_page(graph: SiteGraph, data: ChapterPageData, cite: CiteContext | None = None) -> str:
    """A chapter's page; `cite`: how to cite it (none: no citation section)."""
    info, year, downloads, through_year = data.info, data.year, data.downloads, data.through_year
    backlinks, shares, chart_md, history = graph.backlinks, data.shares, data.chart_md, data.history
    page = chapter_ref(year, info.kap)
    title = f"Kap. {info.kap} {info.title}".strip()
    facts = [CHAPTER_KIND_LABEL.get(info.type, info.type) + (" (folketrygden)" if info.folketrygd else "")]
    if not info.title:
        facts.append(f"{MISSING_NAME} (verken dette årets eller andre års dokumenter her trykker kapitlets navn)")
    if info.programme_category:
        facts.append(f"programkategori {info.programme_category}")
    named = _named_by_line(page, info, year)
    # No table of contents beside it: its room goes to the amount columns (all visible at 1280 px).
    out = [front_matter(title=title, search={"boost": 3}, hide=["toc"]), heading(1, esc(title)),
           esc(" · ".join(facts)) + (f"\n\n{named}" if named else "")]
    posts = chapter_posts(info)
    if posts:
        # Written out as kap.post so that a search for "740.21" lands here.
        out.append("Poster: " + ", ".join(f"[{info.kap}.{p}](#{post_anchor(p)})" for p in posts))
    other = _other_years_line(graph, page, graph.same_chapter_elsewhere(info.kap, year), "Samme kapittel i")
    if other:
        out.append(other)
    renumbered = _renumbered_line(graph, page, info.kap, year)
    if renumbered:
        out.append(renumbered)
    if info.prop:
        out += _post_table_section(page, info, downloads.get("poster", ""))
    out += _share_section(shares if shares is not None else post_shares(info), downloads.get("andel", ""))
    if chart_md:
        out += [heading(2, "Utvikling over år", "utvikling"), chart_md]
    if info.letter_rows:
        out += _letter_section(page, info, bool(through_year), downloads.get("tildelt", ""))
    if through_year:
        out.append(through_year)
    if history is not None:
        out.append(chapter_history_section(page, history))
    kinds = _incoming_by_kind(backlinks, page)
    if kinds[ASSIGNMENT]:
        out += [heading(2, "Oppdrag som nevner kapitlet", "oppdrag"), _backlink_list(page, kinds[ASSIGNMENT])]
    cited = outgoing_by_kind(graph, page)[DECISION]
    if kinds[DECISION] or cited:
        out.append(heading(2, "Anmodningsvedtak", "vedtak"))
        if kinds[DECISION]:
            out += ["Vedtak der oppfølgingen nevner kapitlet:", _backlink_list(page, kinds[DECISION])]
        if cited:
            out += ["Vedtak nevnt i omtalen av kapitlet:", edge_list(page, cited)]
    if info.prop and info.prop[1].blocks:
        out += [heading(2, "Omtale i proposisjonen", "omtale"), blocks_markdown(info.prop[1].blocks, base_level=3)]
    mentioned = [e for e in outgoing_by_kind(graph, page)[CHAPTER] if e.target.path != page.path]
    if mentioned:
        out += [heading(2, "Andre kapitler nevnt i omtalen", "nevnt"), edge_list(page, mentioned)]
    place = _chapter_place(info)
    if cite and place:
        out.append(citation_section(page.path, place[0], place[1], cite))
    back = backlinks_section(backlinks, page, exclude_kinds=(ASSIGNMENT, DECISION))
    if back:
        out.append(back)
    return "\n\n".join(p for p in out if p) + "\n"


def _post_table_section(page: PageRef, info: ChapterInfo, download: str) -> list[str]:
    """The proposition's post table of the chapter: every post's amounts, the change, the sum."""
    doc, ch = info.prop
    cols = post_columns(info)
    rows = []
    for p in ch.posts:
        amounts = dict(p.amounts)
        kr, pct = _change(amounts, cols)
        rows.append([f'<span id="{post_anchor(p.post)}"></span>{esc(p.post)}', esc(p.title)]
                    + [format_amount(amounts.get(c)) for c in cols] + [kr, pct])
    sums = dict(ch.printed_sum) if ch.printed_sum else {
        c: sum(v for p in ch.posts for k, v in p.amounts if k == c and v is not None) for c in cols}
    table_end = max([p.line for p in ch.posts], default=0)  # the link covers heading to last post
    rows.append(["", f"**Sum kap. {info.kap}**"] + [f"**{format_amount(sums.get(c))}**" for c in cols] + ["", ""])
    return [heading(2, "Poster: hele posten i budsjettproposisjonen", "poster"),
            f"{esc(PROP_SERIES)}: beløp i 1 000 kr, nominelt, fra {esc(doc.title)} "
            f"({source_line_link(page.path, doc, ch.line, table_end, ch.page)}"
            + (f"; postene står på {page_range(p.page for p in ch.posts)}" if any(p.page for p in ch.posts) else "")
            + "). "
            "Endring er fra saldert budsjett til forslaget, begge for hele posten.",
            table(["Post", "Betegnelse"] + [esc(c) for c in cols] + ["Endring", "Endring (%)"],
                  rows, ["l", "l"] + ["r"] * (len(cols) + 2)),
            download]


def _chapter_place(info: ChapterInfo) -> tuple[Document, Place] | None:
    if info.prop:
        doc, ch = info.prop
        return doc, Place(f"kap. {info.kap}", ch.line, ch.end_line, ch.page)
    if info.letter_rows:
        doc = info.letter_rows[0][0]
        rows = [r for d, r in info.letter_rows if d is doc]
        first = min(rows, key=lambda r: r.line)
        return doc, Place(f"tildelingstabellen, kap. {info.kap}", first.line,
                          max(max(r.line, r.end_line) for r in rows), first.page)
    return None


def _share_section(column_and_shares, download: str) -> list[str]:
    """A year with both documents: per post the whole post, the part the letter allocates, the share."""
    column, shares = column_and_shares
    if not shares:
        return []

    def share(s) -> str:
        if s.share is None:
            return "–"
        return f"{s.share:.1f} %".replace(".", ",") + (" (over forslaget, se merknad)" if s.share > 100 else "")

    rows = [[esc(s.post), esc(s.title), format_amount(s.whole), format_amount(s.allocated), share(s), esc(s.note)]
            for s in shares]
    return [heading(2, "Hvor mye av posten Helsedirektoratet får", "andel"),
            f"For hver post: hele posten i proposisjonen ({esc(column)}), delen som tildelingsbrevet stiller "
            "til rådighet for Helsedirektoratet (summen av brevets linjer for posten), og andelen. "
            f"Andelen er regnet av regjeringens forslag ({esc(column)}), fordi kildene ikke trykker budsjettet "
            "Stortinget vedtok (saldert budsjett, Innst. 11 S) som tall; brevet følger det vedtatte budsjettet, "
            "så en andel over 100\u00a0% betyr at brevet tildeler mer enn forslaget; merknaden sier hvorfor. "
            "Beløp i 1 000 kr. «–» betyr at dokumentet ikke har tall for posten.",
            table(["Post", "Betegnelse", f"Hele posten: {esc(column)}", f"{LETTER_SERIES}", "Andel av forslaget",
                   "Merknad"], rows, ["l", "l", "r", "r", "r", "l"]), download]


def _named_by_line(page: PageRef, info: ChapterInfo, year: int) -> str:
    """Where the chapter's name is printed in a letter, and the heading it stands
    under there ("4.3 Kommunal- og moderniseringsdepartementet")."""
    if not info.named_by:
        return ""
    doc, h = info.named_by  # the ministry line below: where this letter's heading names none
    when = "" if doc.budget_year == year else f" for {doc.budget_year}"
    link = source_line_link(page.path, doc, h.line) if doc.budget_year == year else esc(f"{doc.source}, linje {h.line}")
    under = f", under «{esc(h.under)}»" if h.under else ""
    out = f"Tildelingsbrevet{when} trykker «Kap. {h.kap} {esc(h.title)}»{under} ({link})."
    if info.ministry:
        mdoc, mh = info.ministry
        out += (f" Departementet kapitlet hører til: brevet for {mdoc.budget_year} har det under "
                f"«{esc(mh.under)}» ({esc(mdoc.source)}, linje {mh.line}).")
    return out


def _letter_rows_table(page: PageRef, info: ChapterInfo) -> str:
    cols: list[str] = []
    for _, row in info.letter_rows:
        for k, _ in row.amounts:
            if k not in cols:
                cols.append(k)
    units = {row.unit for _, row in info.letter_rows}
    per_row = len(units) > 1  # tables in different units: each line says its own
    rows = []
    for doc, row in info.letter_rows:
        amounts = dict(row.amounts)
        anchor = f'<span id="{post_anchor(row.post)}"></span>' if row.post and not info.prop else ""
        prose = row.read_from == "prose"
        comment = (f"Lest fra løpende tekst: «{esc(row.comment)}»" if prose else esc(row.comment))
        if prose and amounts and all(v is None for v in amounts.values()):
            comment += " (beløpet står ikke i brevet)"
        rows.append([anchor + esc(row.post or "–"), esc(row.title)] + [format_amount(amounts.get(c)) for c in cols]
                    + ([unit_label(row.unit)] if per_row else [])
                    + [comment, source_line_link(page.path, doc, row.line, row.end_line if prose else 0, page=row.page)])
    if per_row:
        note = "Beløp i enheten linjens tabell oppgir (kolonnen Enhet), nominelt."
    else:
        note = f"Beløp i {unit_label(units.pop())}, nominelt." if units else ""
    return note + "\n\n" + table(["Post", "Betegnelse"] + [esc(c) for c in cols] + (["Enhet"] if per_row else [])
                                 + ["Merknad", "Kilde"], rows, ["l", "l"] + ["r"] * len(cols) + ["l"] * per_row + ["l", "l"])


def _incoming_by_kind(backlinks, page: PageRef) -> dict[str, list]:
    out: dict[str, list] = {ASSIGNMENT: [], DECISION: []}
    for e in backlinks.get((page.year, page.path), []):
        if e.source.kind in out:
            out[e.source.kind].append(e)
    return out


def _backlink_list(page: PageRef, edges) -> str:
    edges = sorted(edges, key=lambda e: (e.source.year != page.year, e.source.year, e.source.path))
    return "\n".join(
        f"- {page_link(page, PageRef(e.source.year, e.source.path), e.context)}"
        + (f" ({e.source.year})" if e.source.year != page.year else "")
        for e in edges
    )
