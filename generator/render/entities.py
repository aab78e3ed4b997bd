"""Entity pages: one per budget chapter, assignment (oppdrag) and decision (vedtak)."""
from __future__ import annotations

from dataclasses import dataclass, field

from generator.link.graph import (
    ASSIGNMENT,
    CHAPTER,
    DECISION,
    ChapterInfo,
    PageRef,
    SiteGraph,
    assignment_path,
    assignment_ref,
    chapter_path,
    chapter_posts,
    chapter_ref,
    decision_ref,
    post_anchor,
)
from generator.derive.amount_history import ChapterHistory
from generator.derive.coverage import RENUMBERED
from generator.derive.assignment_history import AssignmentHistory
from generator.derive.deadlines import assignment_dues, human_date
from generator.derive.figures import LETTER_SERIES, MISSING_NAME, PROP_SERIES, post_shares
from generator.model import Assignment, Document, Vedtak
from generator.parsing.tokens.assignment_id import id_year
from generator.render.charts.specs import unit_label
from generator.render.citation import CiteContext, Place, citation_section
from generator.render.fulltext import source_href
from generator.render.history import assignment_history_section, chapter_history_section
from generator.render.links import backlinks_section, outgoing_by_kind, page_link
from generator.render.markdown import blocks_markdown, esc, format_amount, front_matter, heading, rel, table
from generator.lexicon import DEPARTMENT_NAMES

# An ID the letter does not print (the 2018 letter numbers no assignments): made by the site.
SYNTHESIZED_ID = ("laget av nettstedet: brevet trykker ingen ID for oppdraget; ID-en er avsnittsnummeret "
                  "og oppdragets plass i avsnittet")
TYPE_LABEL = {"utgift": "Utgiftskapittel", "inntekt": "Inntektskapittel"}
STATUS_LABEL = {"new": "Nytt oppdrag", "carried_over": "Videreført oppdrag"}


def source_line_link(page_path: str, doc: Document, line: int, end_line: int = 0, page: int | None = None) -> str:
    """A link to the cited lines in the source view, with the printed page where the model knows it."""
    label = f"linje {line}" + (f"–{end_line}" if end_line and end_line != line else "")
    link = f"[{esc(doc.source)}, {label}]({source_href(page_path, doc, line, end_line)})"
    return link + (f", trykt side {page}" if page else "")


def page_range(pages) -> str:
    """"s. 12" or "s. 12–13" from the printed pages of some entities; "" when none is known."""
    known = sorted({p for p in pages if p})
    if not known:
        return ""
    return f"s. {known[0]}" + (f"–{known[-1]}" if known[-1] != known[0] else "")


def letter_label(letter: str, doc: Document | None = None) -> str:
    """An assignment's letter ("hovedbrev", "tillegg-3") as the pages name it:
    a supplement bound into the main letter's file (2022) is "Tillegg 3 til
    tildelingsbrevet", a supplementary letter of its own (`doc.supplement`,
    2026) "Supplerende tildelingsbrev nr. 3"."""
    if letter == "hovedbrev":
        return "Hovedbrevet"
    if letter.startswith("tillegg-"):
        if doc is not None and doc.supplement is not None:
            return f"Supplerende tildelingsbrev nr. {doc.supplement}"
        return f"Tillegg {letter.split('-', 1)[1]} til tildelingsbrevet"
    return letter


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


def _edge_list(page: PageRef, edges) -> str:
    lines = []
    for e in edges:
        where = f" ({e.target.year})" if e.target.year != page.year else ""
        lines.append(f"- {page_link(page, e.target, e.label)}{esc(where)}")
    return "\n".join(lines)


def _unresolved_list(graph: SiteGraph, page: PageRef) -> str:
    items = sorted({(r.kind, r.text or r.target) for r in graph.unresolved_from(page)})
    if not items:
        return ""
    lines = [f"- {esc(text)} *(ikke i kildene på dette nettstedet)*" for _, text in items]
    return "Nevnt i teksten, men uten egen side her:\n\n" + "\n".join(lines)


# --- chapter ---------------------------------------------------------------------------


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
             "[tildelingen gjennom året](#gjennom-aret).") if changed_later else ""
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
    facts = [TYPE_LABEL.get(info.type, info.type) + (" (folketrygden)" if info.folketrygd else "")]
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
            out += ["Vedtak nevnt i omtalen av kapitlet:", _edge_list(page, cited)]
    if info.prop and info.prop[1].blocks:
        out += [heading(2, "Omtale i proposisjonen", "omtale"), blocks_markdown(info.prop[1].blocks, base_level=3)]
    mentioned = [e for e in outgoing_by_kind(graph, page)[CHAPTER] if e.target.path != page.path]
    if mentioned:
        out += [heading(2, "Andre kapitler nevnt i omtalen", "nevnt"), _edge_list(page, mentioned)]
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


# --- assignment ----------------------------------------------------------------------------


def render_assignment_page(graph: SiteGraph, backlinks, doc: Document, a: Assignment, year: int,
                           section_page: tuple[str, str] | None, history: AssignmentHistory | None = None,
                           cite: CiteContext | None = None, through_year: tuple[list, str, str] = ([], "", "")) -> str:
    """`through_year`: in a year of supplementary letters, (facts rows: which
    letter gave it and when; a notice above its wording; its additions)."""
    letter_facts, notice, additions = through_year
    page = assignment_ref(year, a.page_id)
    title = f"{a.id} {a.title}".strip()
    departments = ", ".join(f"{d} ({DEPARTMENT_NAMES[d]})" if d in DEPARTMENT_NAMES else d for d in a.departments)
    status = STATUS_LABEL.get(a.status, a.status)
    if a.status == "carried_over":
        origin = id_year(a.id)
        if origin:
            status += f" (gitt første gang i {origin})"
    shown = (letter_label(a.section, doc) if a.section.startswith("tillegg-") else a.section) or \
        ("brevets tekst" if section_page else "")
    section = esc(shown) or "–"
    if section_page:
        section = f"[{esc(shown)}]({rel(page.path, *section_page)})"  # (path, the heading's anchor)
    facts = [
        ["ID", esc(a.id) + (f" (trykt som «{esc(a.printed_id)}»)" if a.printed_id and a.printed_id != a.id else "")
         + ("" if a.printed_id else f" *({SYNTHESIZED_ID})*")],
        ["Eier i HOD", esc(departments) or "–"],
        ["Frist", _deadline_cell(a, year)],
        ["Status", esc(status)],
        *(letter_facts or [["Brev", esc(f"{letter_label(a.letter, doc)}, {doc.title}")]]),
        ["Avsnitt", section],
        ["Kilde", source_line_link(page.path, doc, a.line, a.end_line, a.page)],
    ]
    reprints = graph.years[year].reprints.get(a.id.lower(), [])
    if reprints:
        facts.append(["Også trykt", "; ".join(source_line_link(page.path, d, r.line, r.end_line, r.page)
                                              for d, r in reprints)])
    namesakes = [b for _, b in graph.years[year].assignments.values() if b.id == a.id and b.page_id != a.page_id]
    if namesakes:
        # The letter prints this ID for more than one assignment: say so on each page.
        facts.append(["Samme ID", "Brevet bruker samme ID også for " + "; ".join(
            f"[{esc(b.page_id)} {esc(b.title)}]({rel(page.path, assignment_path(b.page_id))})" for b in namesakes)])
    tags = list(a.departments) + [STATUS_LABEL.get(a.status, a.status)]
    out = [front_matter(title=title, search={"boost": 3}, tags=tags), heading(1, esc(title)),
           table(["Felt", "Verdi"], facts), notice, heading(2, "Ordlyd", "ordlyd"),
           blocks_markdown(a.body, base_level=3) or esc(a.title), additions]
    out += outgoing_sections(graph, page)
    if history is not None:
        out.append(assignment_history_section(page, history))
    if cite:
        where = letter_label(a.section, doc) if a.section.startswith("tillegg-") else \
            (f"avsnitt {a.section}" if a.section else "brevets tekst")
        out.append(citation_section(page.path, doc, Place(where, a.line, a.end_line, a.page), cite))
    back = backlinks_section(backlinks, page)
    if back:
        out.append(back)
    return "\n\n".join(p for p in out if p) + "\n"


def _deadline_cell(a: Assignment, year: int) -> str:
    """Every dated deadline in Norwegian in date order, approximate ones marked,
    the letter's words (as printed, in the letter's order), a calendar file."""
    dues = sorted(assignment_dues(a, year), key=lambda d: (d.end, d.start, d.kind))
    printed = "; ".join(d.text.strip() for d in a.deadlines if d.text.strip()) or (a.deadline_text or "").strip()
    if not dues:
        return esc(printed or "ikke oppgitt") + " *(uten fast dato)*"
    out = "; ".join(f"**{esc(d.label)}**" for d in dues)
    if printed:
        out += f" (brevet: «{esc(printed)}»)"
    return out + " · [Legg til i kalender](frist.ics)"


def outgoing_sections(graph: SiteGraph, page: PageRef) -> list[str]:
    kinds = outgoing_by_kind(graph, page)
    out = []
    for kind, label, anchor in ((CHAPTER, "Kapitler og poster", "lenker-kapitler"),
                                (DECISION, "Anmodningsvedtak", "lenker-vedtak"),
                                (ASSIGNMENT, "Andre oppdrag", "lenker-oppdrag")):
        if kinds[kind]:
            out += [heading(2, label, anchor), _edge_list(page, kinds[kind])]
    unresolved = _unresolved_list(graph, page)
    if unresolved:
        out += [heading(2, "Andre henvisninger", "henvisninger"), unresolved]
    return out


# --- decision ---------------------------------------------------------------------------------


def _vedtak_span(v: Vedtak) -> tuple[int, int]:
    """The decision's own text (its title, "Vedtak nr. ...", the follow-up), not
    its row in the overview table."""
    if v.followup:
        return v.text_line or v.followup[0].line, max(b.end_line or b.line for b in v.followup)
    return v.line, v.end_line


def _vedtak_page(v: Vedtak) -> int | None:
    """The printed page where the cited span (`_vedtak_span`) starts."""
    return (v.text_page if v.text_line else None) if v.followup else v.page


def render_vedtak_page(graph: SiteGraph, backlinks, doc: Document, v: Vedtak, year: int,
                       cite: CiteContext | None = None) -> str:
    page = decision_ref(year, v.session, v.nr)
    title = f"Vedtak nr. {v.nr} ({v.session})"
    closed = {True: "Ja, rapporteringen avsluttes", False: "Nei, rapporteringen fortsetter", None: "–"}
    facts = [
        ["Sesjon", esc(v.session)],
        ["Vedtak nr.", esc(v.nr)],
        ["Dato", esc(human_date(v.date) if v.date else "–")],
        ["Stikkord", esc(v.title)],
        ["Rapportering avsluttet", closed[v.reporting_closed]],
        ["Kilde", source_line_link(page.path, doc, *_vedtak_span(v), _vedtak_page(v))
         + (f" (i oversikten: {source_line_link(page.path, doc, v.line, page=v.page)})" if v.followup else "")],
    ]
    out = [front_matter(title=f"{title}: {v.title}", search={"boost": 3}),
           heading(1, esc(f"{title}: {v.title}")), table(["Felt", "Verdi"], facts)]
    if v.followup:
        out += [heading(2, "Oppfølging", "oppfolging"), blocks_markdown(v.followup, base_level=3)]
    out += outgoing_sections(graph, page)
    if cite:
        first, last = _vedtak_span(v)
        out.append(citation_section(page.path, doc, Place(f"vedtak nr. {v.nr} ({v.session})", first, last,
                                                          _vedtak_page(v)), cite))
    back = backlinks_section(backlinks, page)
    if back:
        out.append(back)
    else:
        out.append("Ingen oppdrag eller brev i kildene viser til dette vedtaket.")
    return "\n\n".join(p for p in out if p) + "\n"
