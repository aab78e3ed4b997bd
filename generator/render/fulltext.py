"""Full-text pages: one page per top-level section, and the line-anchored source view."""
from __future__ import annotations

import html
import re

from generator.urls import (
    SectionPage, _slug, _title_slug, section_label, source_anchor, source_page, source_page_for, source_parts,
    vedtak_path,
)
from generator.mkdocs_hooks import SOURCE_VIEW_MARKER
from generator.model import BudgetRow, Document, Section
from generator.parsing.blocks import lines_to_blocks
from generator.render.markdown import blocks_markdown, esc, esc_attr, format_amount, front_matter, heading, rel, table
from generator.text import Line, SourceText, collapse_space


def source_href(from_page: str, doc: Document, line: int, end_line: int = 0) -> str:
    return rel(from_page, source_page_for(doc, line), source_anchor(line, end_line))


def _heading_anchor(number: str, seen: dict[str, int]) -> str:
    anchor = "s-" + _slug(number)
    seen[anchor] = seen.get(anchor, 0) + 1
    return anchor if seen[anchor] == 1 else f"{anchor}-{seen[anchor]}"


def _skip_heading_lines(lines: list[Line], start: int, sec: Section) -> int:
    """Index after a (possibly wrapped) heading whose first line is lines[start]."""
    title = collapse_space(sec.title).lower().replace("-", "")
    i = start + 1
    while i < len(lines) and i - start <= 3:
        piece = collapse_space(lines[i].text).lower().replace("-", "")
        if piece and piece in title and lines[i].lineno <= sec.line + 4:
            i += 1
            continue
        break
    return i


def render_section_page(doc: Document, text: SourceText, page: SectionPage, year: int) -> str:
    """The Markdown of one full-text page: headings kept as headings, source links per heading."""
    lines = [ln for ln in text.lines if page.line <= ln.lineno <= page.end_line]
    subsections = {s.line: s for s in doc.sections if page.line <= s.line <= page.end_line}
    label = section_label(page.number, page.title)
    printed = next((s.page for s in doc.sections if s.line == page.line and s.page), None)
    out = [front_matter(title=label), heading(1, esc(label)),
           f"*{esc(doc.title)}* · [kilde, linje {page.line}–{page.end_line}]"
           f"({source_href(page.path, doc, page.line, page.end_line)})"
           + (f" · trykt side {printed}" if printed else "")]
    seen: dict[str, int] = {}
    body: list[Line] = []

    def flush() -> None:
        if body:
            out.append(blocks_markdown(lines_to_blocks(body)))
            body.clear()

    rows = [r for r in doc.budget_rows if page.line <= r.line <= page.end_line]
    covered = {n for r in rows for n in range(r.line, max(r.line, r.end_line) + 1)}
    decision_tables = _decision_table_spans(doc, lines, page)
    i = 0
    while i < len(lines):
        ln = lines[i]
        span = decision_tables.get(ln.lineno)
        if span is not None:
            # The follow-up table of anmodningsvedtak, read by the parser: a table
            # with a link to each decision's page instead of the flattened rows.
            flush()
            first, last, decisions = span
            out.append(decision_table(decisions, page.path, doc))
            while i < len(lines) and lines[i].lineno <= last:
                i += 1
            continue
        if ln.lineno in covered and ln.lineno not in subsections:
            # A budget table the parser read: show its rows as a table, not as
            # the flattened text of the extraction (the source view keeps that).
            j = i
            while j < len(lines) and (lines[j].lineno in covered or not lines[j].text.strip()) \
                    and lines[j].lineno not in subsections:
                j += 1
            span = {lines[k].lineno for k in range(i, j)}
            group = [r for r in rows if r.line in span]
            if group:
                header = _pop_table_header(body)
                flush()
                out.append(budget_rows_table(group, page.path, doc, header))
                i = j
                continue
        sec = subsections.pop(ln.lineno, None)
        if sec is not None:
            flush()
            if sec.line != page.line:
                anchor = _heading_anchor(sec.number or _title_slug(sec.title), seen)
                level = min(6, 1 + sec.level - min(s.level for s in doc.sections))
                out.append(heading(max(2, level), esc(section_label(sec.number, sec.title)), anchor))
                out.append(f"[linje {sec.line}]({source_href(page.path, doc, sec.line)})"
                           f'{{ .kildelenke aria-label="Kilde: {esc_attr(doc.source)}, linje {sec.line}" }}'
                           + (f" · s. {sec.page}" if sec.page else ""))
            i = _skip_heading_lines(lines, i, sec)
            continue
        body.append(ln)
        i += 1
    flush()
    return "\n\n".join(p for p in out if p) + "\n"


_HEADER_WORD = re.compile(r"\b(?:Kap|[Pp]ost|Betegnelse|Benevnelse|Tildeling|Kommentar|Merknad|Beløp|Saldert|"
                          r"Regnskap|Bevilgning|Forslag)\w*|\((?:alle tall|i 1 ?000)")


def _pop_table_header(body: list[Line]) -> str:
    """The column headings printed above a table, which the table now shows:
    taken off the running text and kept, joined, for the caption."""
    taken: list[str] = []
    while body:
        t = body[-1].text.strip()
        if not t:
            body.pop()
            continue
        if len(t) < 90 and not t.endswith((".", "!", "?")) and _HEADER_WORD.search(t) and len(taken) < 4:
            taken.insert(0, t)
            body.pop()
            continue
        break
    return " ".join(taken)


def budget_rows_table(rows: list[BudgetRow], page_path: str, doc: Document, printed_header: str = "") -> str:
    """Rows of an allocation table as a Markdown table with a source link per row."""
    cols: list[str] = []
    for r in rows:
        for k, _ in r.amounts:
            if k not in cols:
                cols.append(k)
    has_comment = any(r.comment for r in rows)
    body = []
    for r in rows:
        amounts = dict(r.amounts)
        href = source_href(page_path, doc, r.line, r.end_line)
        cells = [f"[{r.kap}.{esc(r.post)}]({href})" if r.post else f"[{r.kap}]({href})", esc(r.title)]
        cells += [format_amount(amounts.get(c)) for c in cols]
        if has_comment:
            cells.append(esc(r.comment))
        body.append(cells)
    header = ["Kap./post", "Betegnelse"] + [esc(c) for c in cols] + (["Merknad"] if has_comment else [])
    unit = "1 000 kr" if rows[0].unit.startswith("1000") else rows[0].unit
    caption = f"*Beløp i {esc(unit)}, slik tabellen i brevet er lest; lenkene viser linjen i kilden.*"
    if printed_header:
        caption += f" *Tabellhodet i brevet: «{esc(printed_header)}».*"
    return caption + "\n\n" + table(header, body, ["l", "l"] + ["r"] * len(cols) + (["l"] if has_comment else []))


def _decision_table_spans(doc: Document, lines: list[Line], page: SectionPage) -> dict[int, tuple]:
    """First line -> (first, last, decisions) of each run of follow-up table rows."""
    rows = sorted((v for v in doc.vedtak if page.line <= v.line <= page.end_line), key=lambda v: v.line)
    runs: list[list] = []
    for v in rows:
        if runs and v.line - runs[-1][-1].line <= 12:
            runs[-1].append(v)
        else:
            runs.append([v])
    spans = {}
    for run in runs:
        last = run[-1].line
        # The last row may wrap: it ends at its "Ja"/"Nei".
        for ln in lines:
            if ln.lineno >= last and re.search(r"(?:^|\s)(?:Ja|Nei)\s*$", ln.text):
                last = ln.lineno
                break
        spans[run[0].line] = (run[0].line, last, run)
    return spans


def decision_table(decisions: list, page_path: str, doc: Document) -> str:
    closed = {True: "Ja", False: "Nei", None: "–"}
    body = [[esc(v.session), f"[{esc(v.nr)}]({rel(page_path, vedtak_path(v.session, v.nr))})", esc(v.title),
             closed[v.reporting_closed], f"[{v.line}]({source_href(page_path, doc, v.line)})"] for v in decisions]
    return ("*Tabellen slik den er lest; hvert vedtak har sin egen side med oppfølgingen.*\n\n"
            + table(["Sesjon", "Vedtak nr.", "Stikkord", "Rapportering avsluttes", "Linje"], body))


def _source_lines(text: SourceText, first: int, last: int) -> str:
    """Lines first..last as one <pre>; the CSS line counter starts at `first`."""
    rows = [f'<span id="L{n}">{html.escape(text.raw_lines[n - 1].rstrip(chr(13)), quote=False)}</span>'
            for n in range(first, last + 1)]
    style = f' style="counter-reset: linje {first - 1}"' if first > 1 else ""
    return f'<pre class="kilde"{style}>' + "\n".join(rows) + "</pre>\n"


def render_source_view(doc: Document, text: SourceText) -> dict[str, str]:
    """The original text, unchanged, one element per physical line (#L123).

    A long document (the proposition) is shown in parts, cut where its full
    text is (source_parts); the document's own page then lists the parts.
    The lines are ready HTML after a marker: generator/mkdocs_hooks.py puts
    them into the page after Markdown. The numbers are a CSS counter.
    """
    total = len(text.raw_lines)
    title = f"Teksten i *{esc(doc.title)}* slik den ble hentet ut av PDF-en, uendret, med linjenummer"
    note = ("Lenker på sidene peker hit, til linjene der opplysningen står; de lenkede linjene er markert.")
    parts = source_parts(doc, total)
    if not parts:
        head = front_matter(title=f"Kilde: {doc.source}", search={"exclude": True}, hide=["toc"])
        intro = f"# Kilde: {esc(doc.source)}\n\n{title} ({total} linjer). {note}\n"
        return {source_page(doc): head + intro + "\n" + SOURCE_VIEW_MARKER + "\n" + _source_lines(text, 1, total)}
    pages: dict[str, str] = {}
    rows = []
    for p in parts:
        label = section_label(p.number, p.title)
        rows.append([f"[{esc(label)}]({rel(source_page(doc), p.path)})", f"{p.line}–{p.end_line}"])
        head = front_matter(title=f"Kilde: {doc.source}, linje {p.line}–{p.end_line}", search={"exclude": True},
                            hide=["toc"])
        intro = (f"# Kilde: {esc(doc.source)}, linje {p.line}–{p.end_line}\n\n{title}: {esc(label)}. {note} "
                 f"[Alle delene av kildeteksten]({rel(p.path, source_page(doc))}).\n")
        pages[p.path] = head + intro + "\n" + SOURCE_VIEW_MARKER + "\n" + _source_lines(text, p.line, p.end_line)
    index = (front_matter(title=f"Kilde: {doc.source}", search={"exclude": True})
             + f"# Kilde: {esc(doc.source)}\n\n{title} ({total} linjer), delt i {len(parts)} sider etter "
             "dokumentets deler.\n\n" + table(["Del", "Linjer"], rows, ["l", "r"]) + "\n")
    pages[source_page(doc)] = index
    return pages
