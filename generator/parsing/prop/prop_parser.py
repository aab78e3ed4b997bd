"""Prop. 1 S parser: structure, budget chapters with posts, programme
categories, anmodningsvedtak and the proposed decisions.

The work is split over prop_*.py modules; this one puts the pieces together.
Order matters: the proposed decisions (I, in kroner) and the programme
category tables are read first, because they help to place the amounts of the
flattened post tables; afterwards decision I is checked against the tables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics
from generator.model import Block, Chapter, Document, Post, ProgrammeCategory, Vedtak, VedtakRef
from generator.parsing.blocks import lines_to_blocks
from generator.parsing.prop.decisions import Decisions, parse_decisions
from generator.parsing.prop.lines import plain_lines
from generator.parsing.tokens.kap_post import chapter_type
from generator.parsing.prop.structure import (AREA, CATEGORY, budget_year, build_sections, find_headings,
                                              find_parts, ministry)
from generator.parsing.prop.tables import (UNKNOWN, find_category_tables, find_post_tables,
                                           readings_for, solve, sum_readings)
from generator.parsing.prop.vedtak import find_refs as find_vedtak_refs_in_prose
from generator.parsing.prop.vedtak import decision_tables, followup_blocks, parse_followups, parse_table
from generator.parsing.prop.refs import find_references, overview_table
from generator.read.sources import SourceEntry
from generator.read.source_text import SourceText

KAP_HEADING = re.compile(r"^Kap\. (\d{3,4}) ([A-ZÆØÅ][^\d]*?)\s*$")
POST_HEADING = re.compile(r"^Post(?:ene)? \d{2}(?:(?:,| og) \d{2})* [A-ZÆØÅ].{0,80}$")
SUB_HEADING = re.compile(r"^(?:Allment|Mål(?: for \d{4})?|Rapport(?: \d{4})?|Budsjettforslag(?: \d{4})?|"
                         r"Resultatrapport(?: \d{4})?|Status \d{4})$")


def parse_prop(text: SourceText, entry: SourceEntry | None, diags: Diagnostics,
               chapter_text: bool = True) -> Document:
    """Odd input gives warnings and whatever could be read; input that cannot
    be used raises InputError. Any other exception is a bug in the parser and
    stops the build (a traceback), never an empty document published as a year.
    `chapter_text=False` leaves out each chapter's prose as blocks, which only
    the chapter pages show (the `extract` command has no field for it)."""
    return _parse(text, entry, diags, chapter_text)


@dataclass(frozen=True)
class _CategoryInfo:
    """What the programme-category tables say of each chapter."""

    hint: dict[int, tuple]  # kap -> its amounts in the category table
    titles: dict[int, str]
    category: dict[int, str]
    totals: dict[str, tuple[tuple[str, int | None], ...]]


@dataclass(frozen=True)
class _ChapterPart:
    """Part II of the proposition as the chapters are read from it: the lines
    (raw and plain), the parts, the index span of the chapters' text, the
    lines that are tables, what the category tables and decision I say."""

    raw: list
    lines: list
    parts: list
    span: tuple[int, int]  # (index of "Del II", index where the chapters end)
    table_idx: set[int]
    cats: _CategoryInfo
    dec_titles: dict[int, str]  # kap -> its name in decision I
    file: str
    chapter_text: bool = True  # keep each chapter's prose as blocks
    programme: list[int] = field(default_factory=list)  # programme headings' indexes (`_programme_lines`)


def _read_category_tables(cat_tables, file: str, diags: Diagnostics) -> _CategoryInfo:
    info = _CategoryInfo({}, {}, {}, {})
    for ct in cat_tables:
        sol = solve([readings_for(r.text, True) for r in ct.rows], sum_readings(ct.sum_text, True), use_percent=True)
        if not sol.adds_up:
            diags.warn(file, ct.sum_line, "amount-sum",
                       f"the chapters of programme category {ct.key} do not add up to its 'Sum kategori' row")
        info.totals[ct.key] = tuple(zip(ct.columns, sol.total))
        for r, rd in zip(ct.rows, sol.rows):
            kap = int(r.key)
            info.hint[kap] = rd.amounts
            info.titles.setdefault(kap, re.sub(r"\s+\d.*$", "", rd.title).strip())
            info.category[kap] = ct.key
    return info


def _kap_headings(lines, start: int, end: int) -> tuple[dict[int, tuple[int, str]], dict[int, list[int]]]:
    """The first "Kap. N Title" heading of each chapter, and every one, in order."""
    first: dict[int, tuple[int, str]] = {}
    every: dict[int, list[int]] = {}
    for i in range(start, end):
        m = KAP_HEADING.match(lines[i].text)
        if m and "kap." not in m.group(2):
            first.setdefault(int(m.group(1)), (i, m.group(2).strip()))
            every.setdefault(int(m.group(1)), []).append(i)
    return first, every


def _decision_hints(kap: int, rows, decisions) -> tuple[tuple | None, list]:
    """What decision I says a chapter's and its posts' Forslag column must be,
    to choose among readings of rows whose cells ran together."""
    forslag = decisions.forslag()
    dec_totals = {c.kap: c.total for c in decisions.chapters}
    if not decisions.chapters:
        return None, [None] * len(rows)
    hint = None
    f = dec_totals.get(kap)
    if f is not None or kap not in dec_totals:
        hint = (UNKNOWN, UNKNOWN, (f // 1000 if f is not None and f % 1000 == 0 else f) if kap in dec_totals else None)
    row_hints = []
    for r in rows:
        if (kap, r.key) in forslag:
            a = forslag.get((kap, r.key))
            row_hints.append((UNKNOWN, UNKNOWN, a // 1000 if a is not None and a % 1000 == 0 else UNKNOWN))
        else:
            row_hints.append((UNKNOWN, UNKNOWN, None))
    return hint, row_hints


def _solve_post_tables(post_tables, cats: _CategoryInfo, decisions, file: str, diags: Diagnostics) -> list:
    """Each post table with the placement of its amounts that adds up to its
    printed "Sum kap." row (checked against the category table too)."""
    solved = []
    for t in post_tables:
        kap = int(t.key)
        hint, row_hints = _decision_hints(kap, t.rows, decisions)
        if cats.hint.get(kap) is not None:
            hint = cats.hint[kap]
        sol = solve([readings_for(r.text) for r in t.rows], sum_readings(t.sum_text), hint=hint, row_hints=row_hints)
        if not sol.adds_up:
            diags.warn(file, t.sum_line, "column-placement",
                       f"no placement of the amounts of kap. {kap} adds up to its 'Sum kap.' row; kept the plainest reading")
        elif sol.ambiguous:
            diags.warn(file, t.sum_line, "column-placement",
                       f"the amounts of kap. {kap} add up in more than one placement; kept the plainest")
        if hint is not None and cats.hint.get(kap) is not None and tuple(sol.total) != tuple(cats.hint[kap]):
            diags.warn(file, t.sum_line, "amount-sum",
                       f"'Sum kap. {kap}' differs from the chapter's row in the programme category table")
        solved.append((t, sol))
    return solved


def _programme_lines(lines, start: int, end: int) -> list[int]:
    """The indexes of the lines that can be a programme area's or category's
    heading (`AREA`, `CATEGORY`: both begin "Program"), told without a regex."""
    return [i for i in range(start, end) if lines[i].text.startswith("Program")]


def _programme_categories(lines, programme: list[int], chapters, totals) -> list[ProgrammeCategory]:
    """The programme categories, from the heading lines `programme` (`_programme_lines`)."""
    categories = []
    area = None
    for i in programme:
        am = AREA.match(lines[i].text)
        if am:
            area = am.group(1)
            continue
        m = CATEGORY.match(lines[i].text)
        if m:
            code = m.group(1)
            members = tuple(c.kap for c in chapters if c.programme_category == code)
            categories.append(ProgrammeCategory(code, m.group(2).strip(), lines[i].lineno, area or code[:2],
                                                members, totals.get(code, ())))
    return categories


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
    title = entry.title if entry else (f"Prop. 1 S ({year - 1}–{year})" + (f" {min_name}" if min_name else ""))

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
    cats = _read_category_tables(cat_tables, text.file, diags)
    del2 = next((p.index for p in parts if p.number == "II"), 0)
    solved = _solve_post_tables(post_tables, cats, decisions, text.file, diags)
    programme = _programme_lines(lines, del2, body_end)
    part = _ChapterPart(raw, lines, parts, (del2, body_end), table_idx, cats,
                        {c.kap: c.title for c in decisions.chapters}, text.file, chapter_text, programme)
    chapters = _build_chapters(part, solved, diags)
    if decisions.chapters:
        _cross_check(text.file, chapters, decisions, diags)
    categories = _programme_categories(lines, programme, chapters, cats.totals)

    vedtak, followup_idx, tables = _vedtak(text.file, lines, raw, headings, parts, diags)
    refs = find_vedtak_refs_in_prose(lines[:body_end], followup_idx)
    vedtak_refs = tuple(VedtakRef(nr, sess, date, ln) for nr, sess, date, ln, _ in refs)
    references = tuple(find_references(lines, table_idx))

    extra = {
        "romertallsvedtak": _decisions_extra(decisions),
        "overview": overview_table(lines[: parts[1].index if len(parts) > 1 else body_end]),
        "columns": list(post_tables[0].columns) if post_tables else [],
        "unit": "1000 NOK",
    }
    return Document(
        source=text.file.rsplit("/", 1)[-1], path=text.file, kind="prop1s", budget_year=year,
        title=title, date=entry.date if entry else None, reference=f"Prop. 1 S ({year - 1}–{year})" if year else None,
        sections=tuple(sections), chapters=tuple(chapters), vedtak=tuple(vedtak),
        vedtak_refs=vedtak_refs, programme_categories=tuple(categories), references=references,
        decision_tables=tables, extra=extra,
    )


def _build_chapters(part: _ChapterPart, solved: list, diags: Diagnostics) -> list[Chapter]:
    """One Chapter per solved post table: its title (heading, else the other
    tables), programme category, posts, and prose from its heading to the
    next chapter, part or category heading."""
    raw, lines, parts, table_idx, cats, file = part.raw, part.lines, part.parts, part.table_idx, part.cats, part.file
    del2, body_end = part.span
    headings_by_kap, all_headings = _kap_headings(lines, del2, body_end)
    starts: list[tuple[int, int]] = []  # (index, kap)
    for t, _ in solved:
        kap = int(t.key)
        # The chapter starts at its last heading before its table: a number
        # printed again later (a repeated or appended text) must not stretch
        # one chapter over everything in between.
        before = [i for i in all_headings.get(kap, []) if i <= t.first_index]
        starts.append((before[-1] if before else headings_by_kap[kap][0] if kap in headings_by_kap
                       else t.first_index, kap))
    programme = part.programme
    boundaries = sorted({i for i, _ in starts} | {p.index for p in parts}
                        | {i for i in programme if CATEGORY.match(lines[i].text) or AREA.match(lines[i].text)})
    cat_heads = [(i, CATEGORY.match(lines[i].text)) for i in programme if CATEGORY.match(lines[i].text)]
    chapters: list[Chapter] = []
    for (t, sol), (start, kap) in zip(solved, starts):
        nxt = next((b for b in boundaries if b > start), body_end)
        end_index = max(nxt - 1, t.sum_index) if nxt > start else t.sum_index
        posts = tuple(
            Post(r.key, _clean_title(rd.title), tuple(zip(t.columns, rd.amounts)), r.line)
            for r, rd in zip(t.rows, sol.rows)
        )
        ktitle = (headings_by_kap.get(kap, (0, ""))[1] or cats.titles.get(kap) or part.dec_titles.get(kap)
                  or f"Kap. {kap}")
        if kap not in headings_by_kap:
            diags.warn(file, t.header_line, "unknown-shape",
                       f"kap. {kap} has a post table but no 'Kap. {kap}' heading; named '{ktitle}' from the other tables")
        cat = cats.category.get(kap)
        if cat is None:
            before = [m.group(1) for i, m in cat_heads if i <= start]
            cat = before[-1] if before else None
        body = [i for i in range(start + (1 if kap in headings_by_kap else 0), end_index + 1)
                if i not in table_idx]
        chapters.append(Chapter(
            kap, ktitle, chapter_type(kap), cat, lines[start].lineno, posts,
            end_line=lines[end_index].lineno, blocks=chapter_blocks(raw, lines, body, {p.post: p.title for p in posts}) if part.chapter_text else (),
            printed_sum=tuple(zip(t.columns, sol.total)),
        ))
    return chapters


def _clean_title(title: str) -> str:
    return re.sub(r"\s+,", ",", title).strip()


# At most four lower-case words ("sektor", "m.m.", "kan overføres") end a chapter heading.
LOWER_WORDS_MAX = 4


def chapter_blocks(raw: list, lines: list, body: list[int],
                   post_titles: dict[str, str] | None = None) -> tuple[Block, ...]:
    """Chapter prose as blocks, with "Post 21 ..." and "Allment"/"Mål ..." as headings.

    A post heading wrapped onto the next line ("Post 61 Oppgjørsordning for
    covid-19-" / "vaksinering Det er ...") is completed from the post table's
    title, so that the heading is whole and the paragraph starts where it should.
    """
    out: list[Block] = []
    seg: list = []
    missing: list[str] = []  # words of the last post heading still to find
    for i in body:
        ln, t = raw[i], lines[i].text
        if t[:1] in ("P", "A", "M", "R", "B", "S") and (POST_HEADING.match(t) or SUB_HEADING.match(t)):
            out.extend(lines_to_blocks(seg))
            seg = []
            out.append(Block("heading", ln.lineno, ln.lineno, text=t, level=3 if t.startswith("Post") else 4))
            missing = _heading_tail(t, post_titles or {})
            continue
        if missing and t.strip():
            words = t.split()
            n = 0
            while n < len(missing) and n < len(words) and words[n].rstrip(",") == missing[n].rstrip(","):
                n += 1
            if n == 0:
                # Title not in (or printed otherwise than in) the post table: a
                # paragraph never starts in lower case, so its leading lower-case
                # words ("sektor", "m.m.", "kan overføres") end the heading.
                while n < min(len(words), LOWER_WORDS_MAX) and words[n][:1].islower():
                    n += 1
            if n:
                head = out[-1]
                glue = "" if head.text.endswith("-") else " "  # "covid-19-" + "vaksinering"
                text = head.text + glue + " ".join(words[:n])
                out[-1] = Block("heading", head.line, ln.lineno, text=text, level=head.level)
                rest = " ".join(words[n:])
                if rest:
                    seg.append(type(ln)(rest, ln.lineno))
                missing = []
                continue
            missing = []
        seg.append(ln)
    out.extend(lines_to_blocks(seg))
    return tuple(out)


def _heading_tail(heading: str, post_titles: dict[str, str]) -> list[str]:
    """Words of the post's table title that its heading line lacks."""
    m = re.match(r"^Post (\d{2}) (.*)$", heading.strip())
    if not m:
        return []
    if m.group(1) not in post_titles:
        return ["*"]
    printed = m.group(2).strip()
    title = re.sub(r",\s*(?:kan|overslagsbevilgning).*$", "", post_titles[m.group(1)]).strip()
    if not title.startswith(printed) or len(title) <= len(printed):
        return ["*"]
    return title[len(printed):].split()


def _cross_check(file: str, chapters: list[Chapter], decisions: Decisions, diags: Diagnostics) -> None:
    table = {}
    for c in chapters:
        for p in c.posts:
            table[(c.kap, p.post)] = (dict(p.amounts), p)
    fcol = next((k for c in chapters for k, _ in c.printed_sum if k.startswith("Forslag")), None)
    for dc in decisions.chapters:
        for dp in dc.posts:
            hit = table.get((dc.kap, dp.post))
            if hit is None:
                diags.warn(file, dp.line, "vedtak-mismatch",
                           f"decision I names kap. {dc.kap} post {dp.post}, which no post table has")
                continue
            f = hit[0].get(fcol)
            if f is None or dp.amount is None or f * 1000 != dp.amount:
                note = ""
                if f is not None and dp.amount == f:
                    note = " (the decision prints the table's figure: its last '000' group is missing in the text)"
                diags.warn(file, dp.line, "vedtak-mismatch",
                           f"decision I gives kap. {dc.kap} post {dp.post} as {dp.amount} kroner; "
                           f"the post table's {fcol} is {f} (1000 kr){note}")
    listed = {(dc.kap, dp.post) for dc in decisions.chapters for dp in dc.posts}
    for (kap, post), (amounts, p) in table.items():
        if amounts.get(fcol) is not None and (kap, post) not in listed:
            diags.warn(file, p.line, "vedtak-mismatch",
                       f"kap. {kap} post {post} has {fcol} {amounts.get(fcol)} but is not in decision I")


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
