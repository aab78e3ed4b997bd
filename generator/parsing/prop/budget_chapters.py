"""The proposition's budget chapters: each post table solved (the placement
of its amounts that adds up, helped by decision I and the programme-category
tables), named by its "Kap. N" heading, with its posts, programme category
and prose; the programme categories; decision I checked against the tables."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics
from generator.model import Chapter, Post, ProgrammeCategory
from generator.parsing.prop.chapter_prose import chapter_blocks
from generator.parsing.prop.decisions import Decisions
from generator.parsing.prop.structure import AREA, CATEGORY
from generator.parsing.prop.tables import UNKNOWN, readings_for, solve, sum_readings
from generator.parsing.tokens.kap_post import KAP, chapter_type

KAP_HEADING = re.compile(rf"^Kap\. ({KAP}) ([A-ZÆØÅ][^\d]*?)\s*$")


@dataclass(frozen=True)
class _CategoryInfo:
    """What the programme-category tables say of each chapter."""

    hint: dict[int, tuple]  # kap -> its amounts in the category table
    titles: dict[int, str]
    category: dict[int, str]
    totals: dict[str, tuple[tuple[str, int | None], ...]]


@dataclass(frozen=True)
class ChapterPart:
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
    programme: list[int] = field(default_factory=list)  # programme headings' indexes (`programme_lines`)


def read_category_tables(cat_tables, file: str, diags: Diagnostics) -> _CategoryInfo:
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


def solve_post_tables(post_tables, cats: _CategoryInfo, decisions, file: str, diags: Diagnostics) -> list:
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


def programme_lines(lines, start: int, end: int) -> list[int]:
    """The indexes of the lines that can be a programme area's or category's
    heading (`AREA`, `CATEGORY`: both begin "Program"), told without a regex."""
    return [i for i in range(start, end) if lines[i].text.startswith("Program")]


def programme_categories(lines, programme: list[int], chapters, totals) -> list[ProgrammeCategory]:
    """The programme categories, from the heading lines `programme` (`programme_lines`)."""
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


def build_chapters(part: ChapterPart, solved: list, diags: Diagnostics) -> list[Chapter]:
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


def cross_check(file: str, chapters: list[Chapter], decisions: Decisions, diags: Diagnostics) -> None:
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
