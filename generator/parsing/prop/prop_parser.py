"""Prop. 1 S parser: structure, budget chapters with posts, programme
categories, anmodningsvedtak and the proposed decisions.

The work is split over the modules of parsing/prop/ (the budget chapters:
`budget_chapters.py`); this one puts the pieces together.
Order matters: the proposed decisions (I, in kroner) and the programme
category tables are read first, because they help to place the amounts of the
flattened post tables; afterwards decision I is checked against the tables.
"""
from __future__ import annotations

import re

from generator.diagnostics import Diagnostics
from generator.model import Document, Vedtak, VedtakRef
from generator.parsing.prop.budget_chapters import (
    ChapterPart, build_chapters, cross_check, programme_categories, programme_lines, read_category_tables,
    solve_post_tables,
)
from generator.parsing.prop.decisions import Decisions, parse_decisions
from generator.parsing.prop.lines import plain_lines
from generator.parsing.prop.structure import budget_year, build_sections, find_headings, find_parts, ministry
from generator.parsing.prop.tables import find_category_tables, find_post_tables
from generator.parsing.prop.vedtak import find_refs as find_vedtak_refs_in_prose
from generator.parsing.prop.vedtak import decision_tables, followup_blocks, parse_followups, parse_table
from generator.parsing.prop.refs import find_references, overview_table
from generator.parsing.tokens.amounts import THOUSAND_NOK
from generator.parsing.tokens.vedtak_refs import budget_session
from generator.read.sources import SourceEntry
from generator.read.source_text import SourceText


def parse_prop(text: SourceText, entry: SourceEntry | None, diags: Diagnostics,
               chapter_text: bool = True) -> Document:
    """Odd input gives warnings and whatever could be read; input that cannot
    be used raises InputError. Any other exception is a bug in the parser and
    stops the build (a traceback), never an empty document published as a year.
    `chapter_text=False` leaves out each chapter's prose as blocks, which only
    the chapter pages show (the `extract` command has no field for it)."""
    return _parse(text, entry, diags, chapter_text)


def _parse(text: SourceText, entry: SourceEntry | None, diags: Diagnostics, chapter_text: bool = True) -> Document:
    raw = list(text.lines)
    lines = plain_lines(raw)
    printed_year = budget_year(lines)
    year = entry.year if entry else (printed_year or 0)
    if entry and printed_year and printed_year != entry.year:
        diags.warn(text.file, 1, "year-mismatch",
                   f"source/sources.yml gives budget year {entry.year}, but the proposition is for {printed_year}")
    if not year:
        diags.warn(text.file, 0, "unknown-shape", "no budget year found (no 'Prop. 1 S (YYYY–YYYY)' and no 'Forslag YYYY')")
    min_name = ministry(lines)
    title = entry.title if entry else (f"Prop. 1 S ({budget_session(year)})" + (f" {min_name}" if min_name else ""))

    decisions = parse_decisions(lines, raw)
    dec_index = next((i for i, pl in enumerate(lines) if pl.lineno >= decisions.start_line), None) \
        if decisions.start_line else None
    body_end = dec_index if dec_index is not None else len(lines)

    parts = find_parts(lines, dec_index)
    headings = find_headings(lines, body_end)
    sections = build_sections(lines, parts, headings)

    post_tables = [t for t in find_post_tables(lines[:body_end], year)]
    cat_tables = find_category_tables(lines[:body_end], year)
    table_idx: set[int] = set()
    for t in post_tables + cat_tables:
        table_idx.update(range(t.first_index, t.sum_index + 1))
    cats = read_category_tables(cat_tables, text.file, diags)
    del2 = next((p.index for p in parts if p.number == "II"), 0)
    solved = solve_post_tables(post_tables, cats, decisions, text.file, diags)
    programme = programme_lines(lines, del2, body_end)
    part = ChapterPart(raw, lines, parts, (del2, body_end), table_idx, cats,
                        {c.kap: c.title for c in decisions.chapters}, text.file, chapter_text, programme)
    chapters = build_chapters(part, solved, diags)
    if decisions.chapters:
        cross_check(text.file, chapters, decisions, diags)
    categories = programme_categories(lines, programme, chapters, cats.totals)

    vedtak, followup_idx, tables = _vedtak(text.file, lines, raw, headings, parts, diags)
    refs = find_vedtak_refs_in_prose(lines[:body_end], followup_idx)
    vedtak_refs = tuple(VedtakRef(nr, sess, date, ln) for nr, sess, date, ln, _ in refs)
    references = tuple(find_references(lines, table_idx))

    extra = {
        "romertallsvedtak": _decisions_extra(decisions),
        "overview": overview_table(lines[: parts[1].index if len(parts) > 1 else body_end]),
        "columns": list(post_tables[0].columns) if post_tables else [],
        "unit": THOUSAND_NOK,
    }
    return Document(
        source=text.file.rsplit("/", 1)[-1], path=text.file, kind="prop1s", budget_year=year,
        title=title, date=entry.date if entry else None, reference=f"Prop. 1 S ({budget_session(year)})" if year else None,
        sections=tuple(sections), chapters=tuple(chapters), vedtak=tuple(vedtak),
        vedtak_refs=vedtak_refs, programme_categories=tuple(categories), references=references,
        decision_tables=tables, extra=extra,
    )


def _decisions_extra(d: Decisions) -> dict:
    return {
        "line": d.start_line,
        "I": {
            "chapters": [
                {"kap": c.kap, "title": c.title, "type": c.type, "line": c.line, "total": c.total,
                 "posts": [{"post": p.post, "title": p.title, "amount": p.amount, "line": p.line} for p in c.posts]}
                for c in d.chapters
            ],
            "sums": d.sums,
        },
        "others": [
            {"number": o["number"], "title": o["title"], "line": o["line"], "end_line": o["end_line"],
             "text": "\n\n".join(b.text if b.kind != "list" else "\n".join("- " + x for x in b.items)
                                 if b.kind != "table" else "\n".join(" | ".join(r) for r in b.rows)
                                 for b in o["blocks"])}
            for o in d.others
        ],
    }


# The chapter that follows up the Storting's requests, found by its title
# ("Oppfølging av anmodnings- og utredningsvedtak"), never by its number.
_VEDTAK_CHAPTER = re.compile(r"\b(?:anmodnings|oppmodings)(?:-\s|vedtak)", re.I)


def _vedtak(file, lines, raw, headings, parts, diags):
    top = [(title, i) for n, title, i, _ in headings if "." not in n]  # the chapters
    k = next((k for k, (title, _) in enumerate(top) if _VEDTAK_CHAPTER.search(title)), None)
    if k is None:
        return [], set(), ()
    start = top[k][1]
    stop = min([i for _, i in top[k + 1:k + 2]] + [p.index for p in parts if p.index > start] + [len(lines)])
    rows = parse_table(lines, start, stop)
    skip = {i for r in rows for i in r.indices}
    follow = parse_followups(lines, start, stop, skip)
    by_key = {(f.session, f.nr): f for f in follow}
    out = []
    used = set()
    for r in rows:
        f = by_key.get((r.session, r.nr))
        if r.status is None:
            diags.warn(file, r.line, "unknown-shape", f"vedtak {r.nr} ({r.session}) has no Ja/Nei status")
        if f is None:
            diags.warn(file, r.line, "vedtak-mismatch", f"vedtak {r.nr} ({r.session}) has no follow-up text")
            out.append(Vedtak(r.session, r.nr, None, r.title, _status(r.status), r.line, r.end_line,
                              row_end_line=r.end_line))
            continue
        used.add((f.session, f.nr))
        blocks = followup_blocks(raw, lines, f, skip)
        fl = lines[f.head_index:f.end_index + 1]
        refs = tuple(find_references(fl, set()))
        out.append(Vedtak(r.session, r.nr, f.date, r.title, _status(r.status), r.line,
                          lines[f.end_index].lineno, blocks, refs, text_line=lines[f.head_index].lineno,
                          row_end_line=r.end_line))
    for f in follow:
        if (f.session, f.nr) not in used:
            diags.warn(file, lines[f.index].lineno, "vedtak-mismatch",
                       f"vedtak {f.nr} ({f.session}) has follow-up text but no row in the table")
    followup_idx = {f.index for f in follow}
    return out, followup_idx, decision_tables(raw, rows)


def _status(s: str | None) -> bool | None:
    return {"Ja": True, "Nei": False}.get(s or "")
