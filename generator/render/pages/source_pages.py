"""Kildetekster: the page type and its renderer. Each document's text as
extracted, unchanged, with line numbers and an anchor per line (split per
part where a document is long)."""
from __future__ import annotations

import html

from generator.link.urls import SOURCE_VIEW_MARKER, section_label, source_anchor, source_page, source_parts
from generator.model import Document
from generator.read.source_text import SourceText
from generator.render.markdown import esc, front_matter, rel, table
from generator.render.pages.base import PageSet, YearContext


def pages(ctx: YearContext) -> PageSet:
    out: dict[str, str] = {}
    for _, text, doc in ctx.inp.documents:
        out.update(render_source_view(doc, text))
    return PageSet(out, [{"Kildetekster": [{entry.file: source_page(doc)} for entry, _, doc in ctx.inp.documents]}])


def _source_lines(text: SourceText, first: int, last: int) -> str:
    """Lines first..last as one <pre>; the CSS line counter starts at `first`."""
    rows = [f'<span id="{source_anchor(n)}">{html.escape(text.raw_lines[n - 1].rstrip(chr(13)), quote=False)}</span>'
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
