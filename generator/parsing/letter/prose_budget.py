"""Chapters a letter names in headings, and allocations it makes in running text.

Most of a letter's money is in its budget tables. Some is given in prose,
under another ministry's heading: "Kap. 575 Ressurskrevende tjenester" /
"Post 60 ..." / "Det er bevilget 12 102 348 000 kroner for 2022 ...
Bevilgningen tildeles Helsedirektoratet" (2022), "Helsedirektoratet kan
belaste kapittel 1320 Statens vegvesen, post 01 Driftsutgifter, med inntil
5,8 mill. kroner i 2022". Those become budget rows marked `read_from="prose"`
with their lines, for chapters that no budget table of the letter holds (a
table's own chapters are explained in prose too, and are never counted twice).

Rules, in order:
- `chapter_headings`: every "Kap. 575 Ressurskrevende tjenester" line, with the
  section heading it stands under ("4.3 Kommunal- og moderniseringsdepartementet").
- `heading_allocations`: under such a heading, the amount right after an
  allocation word ("bevilget", "løyvd", "budsjetteres med", "tildeles",
  "inntil") for the post whose "Post 60 ..." line is above it; a post whose
  text only says "Bevilgningen tildeles Helsedirektoratet" gets a row with no
  amount (a missing amount is None, never 0). A sentence a hard wrap
  started on the heading's own line, after its title, is the body's first
  ("Kap. 701, post 21 Spesielle driftsutgifter Helsedirektoratet tildeles" /
  "27,5 mill. kroner ...": fixture shapes/pandoc-setext-wrapped).
- `inline_allocations`: a sentence that names the chapter and post itself
  ("kap. 500 post 21", "kap. 660, post 70 ... og post 71 ... hhv. 0,03 og
  0,4 mill. kroner": amounts paired with posts in order).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import BudgetRow, ChapterHeading, Section
from generator.parsing.blocks import lines_to_blocks
from generator.parsing.letter.budget_row_types import row_type
from generator.parsing.due_dates import sentences
from generator.parsing.recognisers import case_folded
from generator.parsing.tokens.kap_post import KAP, KAP_WORD, POST
from generator.parsing.tokens.amounts import (DECIMAL_AMOUNT, KRONER_UNIT, MILLION_IN_THOUSANDS, NOK, THOUSAND_NOK, THOUSANDS_GROUP,
                                              thousands_per_unit)
from generator.read.source_text import Line

_HEADING = re.compile(rf"^\s*{KAP_WORD}\s*(?P<kap>{KAP})\b[ \t]*,?[ \t]*(?P<rest>[^\t]{{0,100}})$", re.I)
_POST_LINE = re.compile(rf"^\s*Post\s+(?P<post>{POST})\s+(?P<title>[A-ZÆØÅ][^\t]*?)\s*$")
_HEADING_POST = re.compile(rf"(?:^|,?\s)post\s+(?P<post>{POST})\b\s*(?P<title>.*)$", re.I)
_AMOUNT = re.compile(rf"(?<![\d,])(?P<num>{DECIMAL_AMOUNT})\s*(?P<unit>{KRONER_UNIT})", re.I)
# "12 983,5 mill." in 1000 kr: a million's first three decimals are its
# thousands ("5" -> 500); later ones are less than 1000 kroner and dropped.
MILLION_DECIMALS = 3
_NUM = re.compile(rf"(?<![\d,]){DECIMAL_AMOUNT}")
# "0,03 og 0,4 mill. kroner": amounts listed, the unit after the last.
_AMOUNT_LIST = re.compile(rf"{DECIMAL_AMOUNT}(?:\s*(?:,|og)\s*{DECIMAL_AMOUNT})*\s*(?P<unit>{KRONER_UNIT})", re.I)
# A thousands group in a heading's rest ("Kap. 701 ... 15 569 000"): a table's row, no heading.
_AMOUNT_IN_HEADING = re.compile(rf"\d{THOUSANDS_GROUP}\b")
_ALLOCATE = re.compile(
    r"\b(?:bevilget|løyvd|budsjetteres\s+med|tildeles|tildelt|inntil)\b(?:\s+(?:hhv\.|henholdsvis|med"
    r"|bevilgningen\s+på|totalt))*\s+(?=\d)", re.I)
_NOT_GIVEN = re.compile(r"\bikke\s+(?:bevilget|løyvd|tildelt)\b", re.I)
_RESPECTIVELY = re.compile(r"\b(?:hhv\.|henholdsvis)", re.I)
_GIVEN_TO_HDIR = re.compile(r"\b(?:Bevilgningen|Midlene|Løyvinga)\s+(?:tildeles|blir\s+tildelt)\s+Helsedirektoratet", re.I)
_INLINE_KAP = re.compile(
    rf"\b(?i:{KAP_WORD})\s*(?P<kap>{KAP})\b(?P<between>[^.;]{{0,80}}?)\b(?i:post)\s+(?P<post>{POST})\b"
    r"(?P<title>[ \t]+[A-ZÆØÅ][a-zæøå]+(?:[ \t]+[a-zæøå]+){0,3})?")
# Where a post's title printed after its number ends: a comma, or the sentence going on.
_TITLE_END = re.compile(r",|\s(?:bevilget|løyvd|tildeles|tildelt|med|over|på|i|er|kan|skal)\b")
_SENTENCE_STARTS = {"Det", "Den", "Dette", "Helsedirektoratet", "Direktoratet", "Posten", "Midlene", "I", "Av"}
_MORE_POSTS = re.compile(rf"\bog\s+post\s+(?P<post>{POST})\b", re.I)
_MINISTRY = re.compile(r"departement", re.I)


@dataclass(frozen=True)
class _Found:
    kap: int
    post: str
    title: str
    amount: int | None
    unit: str
    sentence: str
    line: int
    end_line: int


def _amount(m: re.Match) -> tuple[int, str]:
    """('12 983,5', 'mill. kroner') -> (12983500, '1000 NOK'); whole kroner stay kroner."""
    num = m.group("num").replace(" ", "").replace("\u00a0", "")
    if thousands_per_unit(m.group("unit")) == MILLION_IN_THOUSANDS:
        whole, _, frac = num.partition(",")
        return int(whole) * MILLION_IN_THOUSANDS + int((frac or "0")[:MILLION_DECIMALS].ljust(MILLION_DECIMALS, "0")), THOUSAND_NOK
    return int(num.replace(",", "")), NOK


def _allocated_amounts(sentence: str) -> list[tuple[int, str]]:
    """The amounts a sentence allocates: the one right after an allocation word,
    or, after "hhv."/"henholdsvis", each amount of the list in order ("0,03 og
    0,4 mill. kroner": a number without its own unit takes the list's)."""
    if _NOT_GIVEN.search(sentence):
        return []
    m = _ALLOCATE.search(sentence)
    if not m:
        return []
    if _RESPECTIVELY.search(sentence[m.start(): m.end()]):
        run = _AMOUNT_LIST.match(sentence, m.end())
        if run:
            unit = run.group("unit")
            return [_amount(_AMOUNT.match(f"{n} {unit}")) for n in _NUM.findall(run.group(0)[: run.start("unit") - run.start()])]
    first = _AMOUNT.match(sentence, m.end())
    return [_amount(first)] if first else []


# Without a capital word to end it, a chapter heading's title is its first eight words.
HEADING_TITLE_WORDS = 8


def _heading_title(rest: str) -> str:
    """"Ressurskrevende tjenester" from the rest of a heading line; a title is
    in sentence case, so a later capitalised word starts the text after it
    ("Krigspensjon Utgifter til «skadekur» ..."); ", post 01 ..." is the post's."""
    title = re.split(rf"(?:^|,?\s+)post\s+{POST}\b", rest, maxsplit=1, flags=re.I)[0].strip(" ,")
    words = title.split()
    for k, w in enumerate(words[1:], 1):
        if w[:1].isupper() and not words[k - 1].endswith("-"):
            return " ".join(words[:k])
    return " ".join(words[:HEADING_TITLE_WORDS])


def chapter_headings(lines: tuple[Line, ...], first: int, last: int, sections: list[Section],
                     section_idx: list[int]) -> list[ChapterHeading]:
    """Rule chapter_headings: "Kap. 575 Ressurskrevende tjenester" lines, each
    with the section heading above it (a ministry's, where the letter has one)."""
    out = []
    for i in range(first, last + 1):
        m = _HEADING.match(lines[i].text)
        if not m or _AMOUNT_IN_HEADING.search(m.group("rest")):
            continue
        rest = m.group("rest").strip().rstrip(":")
        title = _heading_title(rest)
        if title and not title[0].isupper():
            continue
        above = [(s, si) for s, si in zip(sections, section_idx) if si < i and s.number]
        under = next((s for s, _ in reversed(above) if _MINISTRY.search(s.title)), above[-1][0] if above else None)
        out.append(ChapterHeading(int(m.group("kap")), title, lines[i].lineno,
                                  f"{under.number} {under.title}".strip() if under else ""))
    return out


def heading_allocations(lines: tuple[Line, ...], start: int, stop: int, kap: int,
                        heading_post: tuple[str, str] | None, run_on: str = "") -> list[_Found]:
    """Rule heading_allocations: the allocations under one chapter heading
    (lines[start] is the heading; the block ends before lines[stop]); `run_on`:
    the start of a sentence a hard wrap left on the heading's line, after
    its title ("Kap. 701, post 21 Spesielle driftsutgifter Helsedirektoratet
    tildeles" / "27,5 mill. kroner ...")."""
    out: list[_Found] = []
    post, post_title, post_line = (heading_post or ("", ""))[0], (heading_post or ("", ""))[1], lines[start].lineno
    given: dict[str, int] = {}
    body: list[Line] = [Line(run_on, lines[start].lineno)] if run_on else []

    def flush() -> None:
        for b in lines_to_blocks(body):
            for s in sentences(b.text if b.kind == "paragraph" else " ".join(b.items)):
                for amount, unit in _allocated_amounts(s)[:1]:
                    out.append(_Found(kap, post, post_title, amount, unit, _after_heading(s, body), post_line,
                                      b.end_line))
                    given[post] = given.get(post, 0) + 1
                if _GIVEN_TO_HDIR.search(s) and not given.get(post):
                    given[post] = -b.end_line  # said to be given, no amount printed (yet)
        body.clear()

    for k in range(start + 1, stop):
        pm = _POST_LINE.match(lines[k].text)
        if pm:
            flush()
            _no_amount(out, given, kap, post, post_title, post_line)
            # "Post 60 Toppfinansieringsordning, overslagsbevilgning Formålet med ...": an
            # export that joined the post's heading to its text; the title ends where a sentence starts.
            post, post_title, post_line = pm.group("post"), _heading_title(pm.group("title")), lines[k].lineno
            rest = pm.group("title")[len(post_title):].strip()
            if rest:
                body.append(Line(rest, lines[k].lineno))
            continue
        body.append(lines[k])
    flush()
    _no_amount(out, given, kap, post, post_title, post_line)
    return out


# A heading line the layout joined to a sentence is at most 80 characters.
JOINED_HEADING_MAX = 80


def _after_heading(sentence: str, body: list[Line]) -> str:
    """The sentence without a heading line the layout joined to it: a short
    line with no closing punctuation, followed by a capital ("Prioriteringer og
    budsjett for 2025" / "Det tildeles 92,2 mill. kroner.", 2025 l. 4253-4255),
    so that the row's comment quotes the letter's sentence as printed. Only
    where the rest gives the same allocation: a sentence wrapped before a
    capital ("... bevilget 12 mill. kroner til" / "Helsedirektoratet ...") is kept."""
    for ln in body:
        t = ln.text.strip()
        rest = sentence[len(t) + 1:] if t and sentence.startswith(t + " ") else ""
        if rest[:1].isupper() and len(t) <= JOINED_HEADING_MAX and t[-1] not in ".:;,!?)»" \
                and _allocated_amounts(rest)[:1] == _allocated_amounts(sentence)[:1]:
            return rest
    return sentence


def _run_on(text: str, title: str) -> str:
    """What follows a heading's title on its line when it starts a sentence
    (a capital after the title: `_heading_title` stopped there)."""
    words, title_words = text.split(), title.split()
    rest = " ".join(words[len(title_words):]) if words[:len(title_words)] == title_words else ""
    return rest if rest[:1].isupper() else ""


def _no_amount(out: list[_Found], given: dict[str, int], kap: int, post: str, title: str, line: int) -> None:
    if given.get(post, 0) < 0:
        out.append(_Found(kap, post, title, None, THOUSAND_NOK, "Bevilgningen tildeles Helsedirektoratet", line,
                          -given[post]))
        given[post] = 1


def inline_allocations(blocks, table_kaps: set[int], claimed: set[int]) -> list[_Found]:
    """Rule inline_allocations: a sentence naming a chapter and post that no
    table holds and allocating an amount to it ("med inntil 5,8 mill. kroner")."""
    out = []
    for b in blocks:
        if b.kind not in ("paragraph", "list") or any(b.line <= c <= b.end_line for c in claimed):
            continue
        for s in (x for t in ([b.text] if b.kind == "paragraph" else b.items) for x in sentences(t)):
            m = _INLINE_KAP.search(s)
            if not m or int(m.group("kap")) in table_kaps:
                continue
            amounts = _allocated_amounts(s)
            title = _TITLE_END.split((m.group("title") or "").strip(), maxsplit=1)[0]
            posts = [(m.group("post"), "" if title.split(" ", 1)[0] in _SENTENCE_STARTS else title)]
            posts += [(p.group("post"), "") for p in _MORE_POSTS.finditer(s, m.end())]
            if not amounts or (len(amounts) > 1 and len(amounts) != len(posts)):
                continue
            for (post, title), (amount, unit) in zip(posts, amounts):
                out.append(_Found(int(m.group("kap")), post, title, amount, unit, s, b.line, b.end_line))
    return out


def _may_allocate_inline(segment: list[Line]) -> bool:
    """Cheap test passed by every stretch of lines in which `_INLINE_KAP` can
    match once the lines are joined (a word broken at a line end's hyphen
    joined too): it names "kap" and "post". Most stretches of a letter do
    not, and are not grouped into blocks and sentences at all."""
    folded = case_folded(" ".join(ln.text.strip() for ln in segment)).replace("- ", "")
    return "kap" in folded and "post" in folded


def prose_budget_rows(lines: tuple[Line, ...], first: int, last: int, sections: list[Section],
                      section_idx: list[int], table_rows: list[BudgetRow], year: int, supplement: bool = False,
                      ) -> tuple[list[ChapterHeading], list[BudgetRow]]:
    """The letter's chapter headings, and a budget row for each allocation it
    makes in prose to a chapter no budget table holds."""
    headings = chapter_headings(lines, first, last, sections, section_idx)
    if supplement:
        # A supplementary letter's money is a change to the allocation before it
        # ("økes med", "Tidligere tildeling"): the year's sequence of letters reads it.
        return [h for h in headings if h.title], []
    table_kaps = {r.kap for r in table_rows}
    by_line = {ln.lineno: i for i, ln in enumerate(lines)}
    stops = sorted(set(section_idx) | {by_line[h.line] for h in headings} | {last + 1})
    found: list[_Found] = []
    claimed: set[int] = set()
    for h in headings:
        if h.kap in table_kaps:
            continue
        start = by_line[h.line]
        stop = next(s for s in stops if s > start)
        rest = _HEADING.match(lines[start].text).group("rest")
        hp = _HEADING_POST.search(rest)
        title = _heading_title(hp.group("title") if hp else rest)
        run_on = _run_on(hp.group("title") if hp else re.split(rf",?\s+post\s+{POST}\b", rest, flags=re.I)[0], title)
        found += heading_allocations(lines, start, stop, h.kap, (hp.group("post"), title) if hp else None, run_on)
        claimed.update(lines[k].lineno for k in range(start, stop))
    # Blocks of running text between the section headings, outside the chapter blocks read above;
    # a "Kap. 5572, post 75 ..." line starts a block of its own (a reader may have dropped the blank line above it).
    leads = {i for i in range(first, last + 1) if _HEADING.match(lines[i].text)}
    cuts = sorted({i for i in section_idx if first <= i <= last} | {first - 1, last + 1})
    for a, b in zip(cuts, cuts[1:]):
        starts = [a + 1] + [i for i in sorted(leads) if a + 1 < i < b] + [b]
        for c, d in zip(starts, starts[1:]):
            segment = [ln for ln in lines[c: d] if ln.lineno not in claimed]
            if _may_allocate_inline(segment):
                found += inline_allocations(lines_to_blocks(segment), table_kaps, set())
    column = f"Tildeling {year} (i teksten)"
    rows = [BudgetRow(f.kap, f.post, f.title, ((column, f.amount),), f.unit, row_type(f.kap, None)[0], f.line,
                      comment=f.sentence, end_line=f.end_line, read_from="prose",
                      title_note="" if f.title else "the heading and the sentence that allocate it print no post title")
            for f in found]
    return [h for h in headings if h.title], rows
