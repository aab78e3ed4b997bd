"""What a page says when it is shared, and where its errors are reported.

After the page types have made a year's pages, `publication_meta` adds to
each page's front matter what the theme (site_overrides/main.html) prints in
its head and under its text:

- `hb_beskrivelse`: og:description. For an entity page its type, year and
  key figure or deadline ("Kap. 740 Helsedirektoratet, 2025: tildelt
  Helsedirektoratet 1 234 567 (1 000 kr), per 20. desember 2024"); for other
  pages what the year's site holds.
- `hb_kort`: the page's card (og:image), `kort/<hash>.png` in the year: an
  entity page's own card (`CardSpec`: its title, its key figure and, for a
  chapter, a bar of its share of the year's whole of the same kind and
  series); every other page of the year shares the year's card. The build
  draws each distinct card once.
- `hb_feil`: "Meld fra om feil", on entity pages and source views: a link
  that opens a new issue in the site's repository (settings.repository) with
  the page's address, its year and its source lines filled in, or a
  `mailto:` to settings.report_email; without either, no link.

Figures are the figures stage's (`YearFigures.allocations`, the letter's
series) or the proposition's printed chapter sums; they are never mixed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from generator.derive.deadlines import assignment_dues, human_date
from generator.derive.series import WITH_FOLKETRYGD
from generator.lexicon import CHAPTER_KIND_LABEL
from generator.link.graph import ChapterInfo
from generator.link.urls import assignment_path, chapter_path, source_page, source_parts, vedtak_path
from generator.render.charts.card import CardSpec
from generator.render.markdown import format_amount
from generator.render.pages.base import YearContext
from generator.settings import Settings

FOOTER = "Uoffisiell utgave · kilde: "


@dataclass(frozen=True)
class PageMeta:
    description: str
    card: CardSpec | None  # None: the year's card
    report_title: str = ""  # "" : no report link
    source: str = ""  # "source/tildelingsbrev-2025.txt, linje 120–140"


def _nbsp(text: str) -> str:
    return text.replace("\u00a0", " ")


def _lines(doc_path: str, line: int, end_line: int = 0) -> str:
    if end_line and end_line > line:
        return f"{doc_path}, linje {line}–{end_line}"
    return f"{doc_path}, linje {line}"


def _cited(spans: list[tuple[str, int, int]]) -> str:
    """Several letters' lines, in the order given: "source/a.md, linje 10–20;
    source/b.md, linje 80–95" (a range named twice is named once)."""
    out: list[str] = []
    for path, line, end in spans:
        text = _lines(path, line, end)
        if text not in out:
            out.append(text)
    return "; ".join(out)


def _change_spans(ctx: YearContext, kap: int) -> list[tuple[str, int, int]]:
    """The lines of every supplementary letter that changed the chapter's
    posts, one range per letter, in letter order (the amended chains)."""
    amended = ctx.figures.amended
    by_letter: dict[tuple[int, str], list[int]] = {}
    for chain in amended.chains if amended is not None else ():
        if chain.kap != kap:
            continue
        for step in chain.steps:
            span = by_letter.setdefault((step.letter.number, step.letter.path), [step.change.line, step.change.line])
            span[0] = min(span[0], step.change.line)
            span[1] = max(span[1], step.change.end_line or step.change.line)
    return [(path, first, last) for (_, path), (first, last) in sorted(by_letter.items())]


def _allocated_now(ctx: YearContext, kap: int) -> tuple[int | None, str]:
    """What the year's letters make available for the chapter now (1 000 kr),
    and as of when: the main letter's allocation, moved by every change a
    supplementary letter printed (the figures stage's amended chains), as of
    the year's latest letter ("per 7. juli 2026 (supplerende tildelingsbrev
    nr. 4)": the letter that last changed the chapter, or "som i
    tildelingsbrevet" when no supplement changed it)."""
    allocated = dict(ctx.figures.allocations.get(kap, {}))
    amended = ctx.figures.amended
    latest = amended.latest if amended is not None else (ctx.model.letters[0] if ctx.model.letters else None)
    changed_by = None
    for chain in amended.chains if amended is not None else ():
        if chain.kap == kap and chain.steps:
            allocated[chain.post] = chain.now or 0
            last = chain.steps[-1].letter
            changed_by = last if changed_by is None or last.number > changed_by.number else changed_by
    if not allocated:
        return None, ""
    when = f"per {human_date(latest.date)}" if latest is not None and latest.date else ""
    if amended is not None and when:
        when += f" ({changed_by.name})" if changed_by is not None else " (som i tildelingsbrevet)"
    elif amended is not None and changed_by is not None:  # the letters print no date (2022's tillegg)
        when = f"etter {changed_by.name}"
    return sum(allocated.values()), when.strip()


def _chapter_meta(ctx: YearContext, info: ChapterInfo, totals: dict[str, int]) -> PageMeta:
    year = ctx.year
    title = f"Kap. {info.kap} {info.title}".strip()
    kind = CHAPTER_KIND_LABEL.get(info.type, "Budsjettkapittel")
    amount, when = _allocated_now(ctx, info.kap)
    figure = label = share_label = ""
    share = None
    parts = [f"{title}, {year}"]
    source = ""
    if info.letter_rows and amount is not None:
        figure = _nbsp(format_amount(amount))
        label = "Tildelt Helsedirektoratet (1 000 kr)" + (f", {when}" if when else "")
        parts.append(f"tildelt Helsedirektoratet {figure} (1 000 kr)" + (f", {when}" if when else ""))
        whole = totals.get(f"letter-{info.type}", 0)
        if whole > 0 and amount >= 0:
            share = amount / whole
            letters = "brevene" if ctx.figures.amended is not None else "tildelingsbrevet"
            share_label = (f"{_percent(share)} av alt {letters} stiller til rådighet for "
                           f"Helsedirektoratet på {'utgifts' if info.type == 'utgift' else 'inntekts'}kapitler"
                           + (f" {WITH_FOLKETRYGD}" if totals.get(f"letter-{info.type}-folketrygd") else "")
                           + f" i {year}")
    spans = []
    if info.letter_rows:  # the page cites the letter's table, or the proposition's chapter (below)
        doc = info.letter_rows[0][0]
        rows = [r for d, r in info.letter_rows if d is doc]
        spans.append((doc.path, min(r.line for r in rows), max(r.line for r in rows)))
    # and every supplementary letter's lines that changed its posts (a chapter only a supplement names: those alone)
    spans += _change_spans(ctx, info.kap)
    source = _cited(spans)
    if info.prop:
        doc, ch = info.prop
        proposal = ch.printed_sum[-1] if ch.printed_sum else None
        if proposal and proposal[1] is not None:
            column, value = proposal
            parts.append(f"{column.lower() if figure else column} {_nbsp(format_amount(value))} (1 000 kr, hele kapitlet, "
                         f"{doc.title})")
            if not figure:
                figure = _nbsp(format_amount(value))
                label = f"{column} (1 000 kr), hele kapitlet, {doc.title}"
                whole = totals.get(f"prop-{info.type}", 0)
                if whole > 0 and value >= 0:
                    share = value / whole
                    share_label = (f"{_percent(share)} av forslaget til alle {'utgifts' if info.type == 'utgift' else 'inntekts'}"
                                   "kapitler i proposisjonen"
                                   + (f" {WITH_FOLKETRYGD}" if totals.get(f"prop-{info.type}-folketrygd") else ""))
        source = _lines(doc.path, ch.line, ch.end_line)
    description = ": ".join([parts[0], "; ".join(parts[1:])]) if len(parts) > 1 else parts[0]
    footer = FOOTER + source.split(",")[0] if source else "Uoffisiell utgave"
    card = CardSpec(year, f"{kind} · {year}", title, figure, label, share, share_label, footer, info.type)
    return PageMeta(description, card, title, source)


def _percent(share: float) -> str:
    return f"{share * 100:.1f} %".replace(".", ",")


def _chapter_totals(ctx: YearContext) -> dict[str, int]:
    """The wholes the bars are shares of: the letter's allocations and the
    proposition's proposals, each added up per kind of chapter."""
    totals: dict[str, int] = {}
    for kap, info in ctx.model.chapters.items():
        amount, _ = _allocated_now(ctx, kap)
        if info.letter_rows and amount is not None:
            key = f"letter-{info.type}"
            totals[key] = totals.get(key, 0) + amount
            if info.folketrygd:  # the whole counts folketrygd posts: the label says so
                totals[key + "-folketrygd"] = 1
        if info.prop and info.prop[1].printed_sum and info.prop[1].printed_sum[-1][1] is not None:
            key = f"prop-{info.type}"
            totals[key] = totals.get(key, 0) + info.prop[1].printed_sum[-1][1]
            if info.folketrygd:
                totals[key + "-folketrygd"] = 1
    return totals


def _assignment_meta(ctx: YearContext, key: str, doc, a) -> PageMeta:
    year = ctx.year
    title = f"{a.id} {a.title}".strip()
    dues = assignment_dues(a)
    deadline = dues[0].label if dues else ""
    description = f"Oppdrag {a.id}, {year}: {a.title}." + (f" Frist {deadline}." if deadline else " Uten fast frist.")
    # The letter that gave it (a supplement's own file and lines), after the one
    # that announced it, and every letter that added to it, in letter order.
    printings = [ctx.model.announced[key]] if key in ctx.model.announced else []
    printings += [(doc, a), *ctx.model.extensions.get(key, [])]
    source = _cited([(d.path, x.line, x.end_line) for d, x in printings])
    card = CardSpec(year, f"Oppdrag · {year}", title, deadline, "frist" if deadline else "",
                    footer=FOOTER + doc.path)
    return PageMeta(description, card, title, source)


def _vedtak_meta(ctx: YearContext, doc, v) -> PageMeta:
    year = ctx.year
    title = f"Vedtak nr. {v.nr} ({v.session})"
    closed = {True: "rapporteringen avsluttes", False: "rapporteringen fortsetter"}.get(v.reporting_closed, "")
    description = f"Anmodningsvedtak nr. {v.nr} ({v.session}), {year}: {v.title}." + (f" I proposisjonen: {closed}." if closed else "")
    card = CardSpec(year, f"Anmodningsvedtak · {year}", f"{title}: {v.title}", footer=FOOTER + doc.path)
    if v.followup:  # the decision's own text and its follow-up, as the page cites it
        line, end = v.text_line or v.followup[0].line, max(b.end_line or b.line for b in v.followup)
    else:
        line, end = v.line, v.end_line
    return PageMeta(description, card, title, _lines(doc.path, line, end))


def entity_meta(ctx: YearContext) -> dict[str, PageMeta]:
    """Every entity page and source view of the year: its description, card and report fields."""
    out: dict[str, PageMeta] = {}
    totals = _chapter_totals(ctx)
    for kap, info in ctx.model.chapters.items():
        out[chapter_path(kap)] = _chapter_meta(ctx, info, totals)
    for key, (doc, a) in ctx.model.assignments.items():
        out[assignment_path(a.page_id)] = _assignment_meta(ctx, key, doc, a)
    for doc, v in ctx.model.vedtak.values():
        out[vedtak_path(v.session, v.nr)] = _vedtak_meta(ctx, doc, v)
    for entry, text, doc in ctx.inp.documents:
        total = len(text.raw_lines)
        parts = source_parts(doc, total)
        for part in parts or []:
            out[part.path] = PageMeta("", None, f"Kildetekst: {doc.title}",
                                      _lines(doc.path, part.line, min(part.end_line, total) or total))
        if not parts:
            out[source_page(doc)] = PageMeta("", None, f"Kildetekst: {doc.title}", _lines(doc.path, 1, total))
    return out


def year_card(year: int) -> CardSpec:
    return CardSpec(year, "Helse- og omsorgsdepartementets budsjett", f"Budsjettåret {year}: kapitler, oppdrag og vedtak",
                    footer="Prop. 1 S og tildelingsbrevene til Helsedirektoratet, lenket sammen · uoffisiell utgave")


def year_description(year: int) -> str:
    return (f"Budsjettåret {year}: Helse- og omsorgsdepartementets budsjettproposisjon og tildelingsbrev til "
            f"Helsedirektoratet, lenket sammen: kapitler, poster, oppdrag og vedtak, med lenke til kildeteksten.")


def page_address(settings: Settings, year: int, docs_path: str) -> str:
    """The page's address: absolute with a site address, else its path from the site root."""
    url = docs_path[: -len("index.md")] if docs_path.endswith("index.md") else docs_path[:-3] + "/"
    return settings.page_url(year, url) or f"/{year}/{url}"


def report_link(settings: Settings, year: int, docs_path: str, meta: PageMeta) -> str:
    """A new issue in the site's repository (or a mail) about this page; "" without either."""
    if not meta.report_title or not (settings.repository or settings.report_email):
        return ""
    address = page_address(settings, year, docs_path)
    subject = f"Feil på siden {meta.report_title} ({year})"
    body = (f"Side: {address}\nBudsjettår: {year}\n" + (f"Kilde: {meta.source}\n" if meta.source else "")
            + "\nHva er feil, og hva skulle det stått? (Gjerne med sidetall i det trykte dokumentet.)\n")
    if settings.repository:
        return f"{settings.repository}/issues/new?" + urlencode({"title": subject, "body": body}, quote_via=quote)
    return f"mailto:{settings.report_email}?" + urlencode({"subject": subject, "body": body}, quote_via=quote)


def _with_front_matter(page: str, fields: dict[str, str]) -> str:
    """The page with `fields` added to its YAML front matter (JSON strings are YAML)."""
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items() if value)
    if page.startswith("---\n"):
        return "---\n" + lines + page[4:]
    return "---\n" + lines + "---\n\n" + page


def publication_meta(ctx: YearContext, pages: dict[str, object]) -> dict[str, object]:
    """Every Markdown page with its sharing and report fields, and the cards (assets) they name."""
    metas = entity_meta(ctx)
    settings = ctx.inp.settings
    default = year_card(ctx.year)
    out: dict[str, object] = {}
    for path, content in pages.items():
        if not (path.endswith(".md") and isinstance(content, str)):
            continue
        meta = metas.get(path)
        card = meta.card if meta and meta.card else default
        name = card.file_name()
        out[name] = card
        fields = {"hb_beskrivelse": meta.description if meta and meta.description else year_description(ctx.year),
                  "hb_kort": name,
                  "hb_feil": report_link(settings, ctx.year, path, meta) if meta else ""}
        out[path] = _with_front_matter(content, fields)
    return out
