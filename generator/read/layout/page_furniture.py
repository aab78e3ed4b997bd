"""Page furniture: what a printed page adds to the text, and the page each line was printed on.

A PDF extraction keeps form feeds between pages, page numbers ("Side 12",
"12 av 40", "- 12 -", or a bare number counting up from page to page) and
running headers or footers repeated next to every page break. None of it is
letter text: `page_layout` finds those lines (they are dropped from the
text) and where each printed page starts, so that every physical line keeps
the page it was printed on (`page_of`).

The rules, in order (`PAGE_RULES`; each a function over the scan, returning
whether it fired, with a fixture pair in tests/fixtures/<rule>/):

1. `page_number_lines`: "Side 12", "12 av 40", "- 12 -" alone on a line;
2. `bare_page_numbers`: bare numbers next to the form feeds, counting up;
3. `running_lines`: lines repeated next to most form feeds;
4. `form_feed_pages`: a page starts at each form feed;
5. `footer_pages`: without form feeds, footers counting up from "Side 1".

Plain data in and out (the physical lines; a frozen `PageLayout`), so it can
be tested alone on a few lines.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from generator.read.layout.layout_limits import run_rules

_PAGE_NUMBER = re.compile(
    r"^(?:(?:Side|Page|s\.)\s+\d{1,4}(?:\s*(?:av|/|of)\s*\d{1,4})?|\d{1,4}\s+(?:av|of)\s+\d{1,4}|[-–]\s*\d{1,4}\s*[-–])$",
    re.I,
)
_PAGE_DIGITS = re.compile(r"\d{1,4}")
# The longest page-number line ("Side 123 av 456" and its kind); a longer line is text.
PAGE_NUMBER_LINE_MAX = 24


def page_number(text: str) -> int | None:
    """The page a page-number line names ("Side 7", "Side 7 av 40", "7 av 40",
    "- 7 -"), else None. A bare number is not one: tables print amounts alone."""
    s = text.strip()
    if len(s) > PAGE_NUMBER_LINE_MAX or not _PAGE_NUMBER.match(s):
        return None
    return int(_PAGE_DIGITS.search(s).group(0))


def _page_number_lines(lines: list[str]) -> dict[int, int]:
    """{line index: page number} of the page-number lines. Only a line of at
    most 24 characters between its spaces, tabs and form feeds can be one, and
    that length test is what rejects almost every line cheaply (a regex per
    line, or one over the whole text, is the slow way)."""
    out: dict[int, int] = {}
    for index, line in enumerate(lines):
        n = line.strip()  # spaces, tabs, form feeds and no-break spaces
        if 0 < len(n) <= PAGE_NUMBER_LINE_MAX:
            page = page_number(n)
            if page is not None:
                out[index] = page
    return out


@dataclass(frozen=True)
class PageLayout:
    furniture: frozenset[int]  # physical line numbers dropped as page furniture
    page_starts: tuple[tuple[int, int | None], ...]  # (first physical line, page number or None: unknown), ascending
    rules_fired: tuple[str, ...] = ()  # names of PAGE_RULES, in order


# A running header or footer repeats next to at least three page breaks (and
# next to half of them): one or two repeats are the text's own.
RUNNING_MIN_BREAKS = 3
# Running lines stand among the first and last two text lines of a page.
RUNNING_EDGE_LINES = 2
# A running line is a title or a name, shorter than a line of prose.
RUNNING_LINE_MAX = 120


def _running_lines(lines: list[str], breaks: list[int]) -> set[str]:
    """Lines printed at the top or bottom of most pages: running headers and
    footers. Looked for next to each page break (the first and last two text
    lines of a page)."""
    if len(breaks) < RUNNING_MIN_BREAKS:
        return set()
    seen: Counter[str] = Counter()
    for b in breaks:
        near: set[str] = set()
        for step, start in ((1, b), (-1, b - 1)):
            k, found = start, 0
            while 0 <= k < len(lines) and found < RUNNING_EDGE_LINES:
                s = lines[k].replace("\f", "").strip()
                if s:
                    near.add(re.sub(r"\d+", "#", s))
                    found += 1
                k += step
        seen.update(near)
    # A running line holds words: a bare number next to the breaks is a page
    # number (_bare_page_numbers), and the same number elsewhere is content.
    return {s for s, n in seen.items()
            if n >= max(RUNNING_MIN_BREAKS, len(breaks) // 2) and len(s) < RUNNING_LINE_MAX and re.search(r"[^\W\d_]{2}", s)}


_BARE_NUMBER = re.compile(r"^[^\S\n]*(\d{1,4})[^\S\n]*$")
# Bare numbers are page numbers when there are at least three and most of
# them (80 %) count up by one from page to page: a table's lone numbers do not.
BARE_PAGES_MIN = 3
BARE_PAGES_COUNTING = 0.8


def _bare_page_numbers(lines: list[str], feeds: list[int]) -> dict[int, int]:
    """Page numbers printed as a bare number next to the form feeds (the last
    text line of a page or the first of the next): taken only when they count
    up from page to page, since a table also prints numbers alone on a line."""
    found: dict[int, int] = {}
    for f in feeds:
        for step, start in ((-1, f - 1), (1, f)):
            k = start
            while 0 <= k < len(lines) and not lines[k].replace("\f", "").strip():
                k += step
            m = _BARE_NUMBER.match(lines[k]) if 0 <= k < len(lines) else None
            if m:
                found[k] = int(m.group(1))
    ordered = [found[k] for k in sorted(found)]
    counting = sum(1 for a, b in zip(ordered, ordered[1:]) if b == a + 1)
    return found if len(ordered) >= BARE_PAGES_MIN and counting >= BARE_PAGES_COUNTING * (len(ordered) - 1) else {}


@dataclass
class _PageScan:
    """What the page rules read and write: the physical lines and the
    indexes of those holding a form feed; the page-number lines found
    ({index: page}), the indexes of furniture, and the pages' starts."""
    lines: list[str]
    feeds: list[int]
    numbers: dict[int, int] = field(default_factory=dict)
    furniture: set[int] = field(default_factory=set)
    starts: list[tuple[int, int | None]] = field(default_factory=list)


def _rule_page_number_lines(st: _PageScan) -> bool:
    """"Side 12", "Side 12 av 40", "12 av 40", "- 12 -" alone on a line name its page and are no text."""
    found = _page_number_lines(st.lines)
    st.numbers.update(found)
    st.furniture.update(found)
    return bool(found)


def _rule_bare_page_numbers(st: _PageScan) -> bool:
    """A bare number next to the form feeds that counts up from page to page is a page number."""
    found = _bare_page_numbers(st.lines, st.feeds)
    st.numbers.update(found)
    st.furniture.update(found)
    return bool(found)


def _rule_running_lines(st: _PageScan) -> bool:
    """Lines repeated next to most form feeds (a title, a name, "Side #") are running headers or footers."""
    if not st.feeds:
        return False
    running = _running_lines(st.lines, st.feeds)
    if not running:
        return False
    before = len(st.furniture)
    for i, ln in enumerate(st.lines):
        if re.sub(r"\d+", "#", ln.replace("\f", "").strip()) in running:
            st.furniture.add(i)
    return len(st.furniture) > before


def _rule_form_feed_pages(st: _PageScan) -> bool:
    """A page starts at each form feed, named by the number printed on it (the
    footer that counts on from the page before), else counted."""
    if not st.feeds:
        return False
    page = 1
    bounds = [0] + st.feeds
    for k, first in enumerate(bounds):
        last = bounds[k + 1] if k + 1 < len(bounds) else len(st.lines)
        printed = [st.numbers[i] for i in range(first, last) if i in st.numbers]
        # The footer that counts on from the page before wins over a stray
        # number kept from an earlier extraction ("Side 37" inside page 28).
        counted = page + 1 if k else 1
        page = counted if counted in printed else printed[0] if printed else counted
        st.starts.append((first + 1, page))
    return True


def _rule_footer_pages(st: _PageScan) -> bool:
    """Without form feeds, page numbers printed at the foot of a page: the lines
    after "Side 6" up to and including "Side 7" are page 7. Only where the
    footers count up page by page from 1: an extraction that kept a few stray
    numbers ("Side 7", "Side 21", ... "Side 35", "Side 36") does not say where
    its pages began, nor whether a number stood at the foot of its page or at
    the head (a letter's "Side 2" is often at the top), so no line gets a page
    there rather than one that may be off by one. Nothing says how many pages
    follow the last footer either."""
    if st.feeds:
        return False
    ordered = [st.numbers[i] for i in sorted(st.numbers)]
    if ordered != list(range(1, len(ordered) + 1)):
        return False
    first = 1
    for i in sorted(st.numbers):
        st.starts.append((first, st.numbers[i]))
        first = i + 2
    st.starts.append((first, None))
    return bool(ordered)


# The page rules, in order: each a function over the scan, returning whether
# it fired (its name is then recorded in `PageLayout.rules_fired` and
# `SourceText.layout_rules`); each has a fixture in tests/fixtures/<rule>/.
PAGE_RULES = (
    ("page_number_lines", _rule_page_number_lines),
    ("bare_page_numbers", _rule_bare_page_numbers),
    ("running_lines", _rule_running_lines),
    ("form_feed_pages", _rule_form_feed_pages),
    ("footer_pages", _rule_footer_pages),
)


def page_layout(lines: list[str]) -> PageLayout:
    """Find page furniture and page numbers in physical lines (1-based numbers
    are index + 1) by the rules of PAGE_RULES. Pages break at form feeds, else
    at page-number lines."""
    st = _PageScan(lines, [i for i, ln in enumerate(lines) if "\f" in ln])
    fired: list[str] = []
    run_rules(PAGE_RULES, st, fired)
    return PageLayout(frozenset(i + 1 for i in st.furniture), tuple(st.starts), tuple(fired))


def page_of(layout: PageLayout, lineno: int) -> int | None:
    """The printed page of a physical line, when the extraction shows pages."""
    page = None
    for first, number in layout.page_starts:
        if first > lineno:
            break
        page = number
    return page


def is_page_furniture(text: str) -> bool:
    """Page numbers as extractions print them ("Side 7", "Side 7 av 40", "- 7 -").

    A bare number on its own line is *not* furniture: the letters print table
    amounts and post numbers alone on a line.
    """
    return page_number(text) is not None
