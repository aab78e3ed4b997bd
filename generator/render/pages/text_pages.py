"""The documents' full text: the page type and its renderer. One nav entry
per document, a page per top-level section: the blocks the parse stage read,
headings kept as headings, budget and decision tables as tables, a source
link per heading."""
from __future__ import annotations

from generator.link.graph import text_ref
from generator.link.urls import SectionPage, section_anchors, section_label, vedtak_path
from generator.model import Block, BudgetRow, Document, Section
from generator.render.entity_parts import outgoing_sections, source_href
from generator.render.links import backlinks_section
from generator.render.markdown import blocks_markdown, esc, esc_attr, format_amount, front_matter, heading, rel, table
from generator.render.pages.base import PageSet, YearContext


def pages(ctx: YearContext) -> PageSet:
    out: dict[str, str] = {}
    nav = []
    for entry, _, doc in ctx.inp.documents:
        secs = ctx.model.text_pages[doc.source]
        for sp in secs:
            ref = text_ref(ctx.year, sp)
            extra = "\n\n".join(outgoing_sections(ctx.graph, ref) + [backlinks_section(ctx.graph.backlinks, ref)])
            extra = extra.strip()
            out[sp.path] = (render_section_page(doc, sp, ctx.year, ctx.model.letter_post_title)
                            + (f"\n{extra}\n" if extra else ""))
        nav.append({entry.title: [{section_label(p.number, p.title): p.path} for p in secs]})
    return PageSet(out, nav)


def render_section_page(doc: Document, page: SectionPage, year: int, post_title=None) -> str:
    """The Markdown of one full-text page: the blocks the parse stage read
    (doc.text_blocks), headings kept as headings, source links per heading;
    `post_title(kap, post)`: the year's letter's title of a post, for a
    budget row printed without one (the linker's `letter_post_title`)."""
    sections = {s.line: s for s in doc.sections if page.line <= s.line <= page.end_line}
    label = section_label(page.number, page.title)
    printed = next((s.page for s in doc.sections if s.line == page.line and s.page), None)
    out = [front_matter(title=label), heading(1, esc(label)),
           f"*{esc(doc.title)}* · [kilde, linje {page.line}–{page.end_line}]"
           f"({source_href(page.path, doc, page.line, page.end_line)})"
           + (f" · trykt side {printed}" if printed else "")]
    anchors = section_anchors(doc, page)
    prose: list[Block] = []
    for block in doc.text_blocks:
        if not page.line <= block.line <= page.end_line:
            continue
        if block.kind not in _STRUCTURE:
            prose.append(block)
            continue
        out.append(blocks_markdown(prose))
        prose = []
        if block.kind == "decision_table":
            out.append(decision_table([v for v in doc.vedtak if block.line <= v.line <= block.end_line],
                                      page.path, doc))
        elif block.kind == "budget_table":
            rows = [r for r in doc.budget_rows if block.line <= r.line <= block.end_line and r.read_from == "table"]
            out.append(budget_rows_table(rows, page.path, doc, block.text, post_title))
        elif block.line != page.line:
            out += _section_heading(doc, sections[block.line], page, anchors[block.line])
    out.append(blocks_markdown(prose))
    return "\n\n".join(p for p in out if p) + "\n"


# Block kinds that are the document's structure, not its running text.
_STRUCTURE = ("section", "budget_table", "decision_table")


def _section_heading(doc: Document, sec: Section, page: SectionPage, anchor: str) -> list[str]:
    """A subsection's heading on its page, with its anchor (link/urls.section_anchors) and source link."""
    level = min(6, 1 + sec.level - min(s.level for s in doc.sections))
    return [heading(max(2, level), esc(section_label(sec.number, sec.title)), anchor),
            f"[linje {sec.line}]({source_href(page.path, doc, sec.line)})"
            f'{{ .kildelenke aria-label="Kilde: {esc_attr(doc.source)}, linje {sec.line}" }}'
            + (f" · s. {sec.page}" if sec.page else "")]


def budget_rows_table(rows: list[BudgetRow], page_path: str, doc: Document, printed_header: str = "",
                      post_title=None) -> str:
    """Rows of an allocation table as a Markdown table with a source link per row.
    A row the table prints without a title (a change table's) shows the
    post's title from the year's letter (`post_title`), in italics, said in
    the caption; without one the cell stays empty."""
    cols: list[str] = []
    for r in rows:
        for k, _ in r.amounts:
            if k not in cols:
                cols.append(k)
    has_comment = any(r.comment for r in rows)
    body = []
    borrowed = False
    for r in rows:
        amounts = dict(r.amounts)
        href = source_href(page_path, doc, r.line, r.end_line)
        title = esc(r.title)
        if not r.title and r.post and post_title is not None and post_title(r.kap, r.post):
            title, borrowed = f"*{esc(post_title(r.kap, r.post))}*", True
        cells = [f"[{r.kap}.{esc(r.post)}]({href})" if r.post else f"[{r.kap}]({href})", title]
        cells += [format_amount(amounts.get(c)) for c in cols]
        if has_comment:
            cells.append(esc(r.comment))
        body.append(cells)
    header = ["Kap./post", "Betegnelse"] + [esc(c) for c in cols] + (["Merknad"] if has_comment else [])
    unit = "1 000 kr" if rows[0].unit.startswith("1000") else rows[0].unit
    caption = f"*Beløp i {esc(unit)}, slik tabellen i brevet er lest; lenkene viser linjen i kilden.*"
    if printed_header:
        caption += f" *Tabellhodet i brevet: «{esc(printed_header)}».*"
    if borrowed:
        caption += " *Betegnelse i kursiv: tabellen trykker ingen; det er postens navn i årets tildelingsbrev.*"
    return caption + "\n\n" + table(header, body, ["l", "l"] + ["r"] * len(cols) + (["l"] if has_comment else []))


def decision_table(decisions: list, page_path: str, doc: Document) -> str:
    closed = {True: "Ja", False: "Nei", None: "–"}
    body = [[esc(v.session), f"[{esc(v.nr)}]({rel(page_path, vedtak_path(v.session, v.nr))})", esc(v.title),
             closed[v.reporting_closed], f"[{v.line}]({source_href(page_path, doc, v.line)})"] for v in decisions]
    return ("*Tabellen slik den er lest; hvert vedtak har sin egen side med oppfølgingen.*\n\n"
            + table(["Sesjon", "Vedtak nr.", "Stikkord", "Rapportering avsluttes", "Linje"], body))
