"""Page furniture: what a printed page adds to the text, and the page each line was printed on.

A PDF extraction keeps form feeds between pages, page numbers ("Side 12",
"12 av 40", "- 12 -", or a bare number counting up from page to page) and
running headers or footers repeated next to every page break. None of it is
letter text: `page_layout` finds those lines (they are dropped from the
text) and where each printed page starts, so that every physical line keeps
the page it was printed on (`page_of`).

Plain data in and out (the physical lines; a frozen `PageLayout`), so it can
be tested alone on a few lines.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

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


def page_layout(lines: list[str]) -> PageLayout:
    """Find page furniture and page numbers in physical lines (1-based numbers
    are index + 1). Pages break at form feeds, else at page-number lines."""
    numbers = _page_number_lines(lines)
    feeds = [i for i, ln in enumerate(lines) if "\f" in ln]
    numbers.update(_bare_page_numbers(lines, feeds))
    breaks = feeds or sorted(numbers)
    running = _running_lines(lines, breaks) if feeds else set()
    furniture = set(numbers)
    if running:
        for i, ln in enumerate(lines):
            if re.sub(r"\d+", "#", ln.replace("\f", "").strip()) in running:
                furniture.add(i)
    starts: list[tuple[int, int]] = []
    if feeds:
        # A printed number names the page it stands on; else count form feeds.
        page = 1
        bounds = [0] + feeds
        for k, first in enumerate(bounds):
            last = bounds[k + 1] if k + 1 < len(bounds) else len(lines)
            printed = [numbers[i] for i in range(first, last) if i in numbers]
            # The footer that counts on from the page before wins over a stray
            # number kept from an earlier extraction ("Side 37" inside page 28).
            counted = page + 1 if k else 1
            page = counted if counted in printed else printed[0] if printed else counted
            starts.append((first + 1, page))
    else:
        # Page numbers printed at the foot of a page: the lines after "Side 6"
        # up to and including "Side 7" are page 7. Only where the footers count
        # up page by page from 1: an extraction that kept a few stray numbers
        # ("Side 7", "Side 21", ... "Side 35", "Side 36") does not say where
        # its pages began, nor whether a number stood at the foot of its page
        # or at the head (a letter's "Side 2" is often at the top), so no line
        # gets a page there rather than one that may be off by one. Nothing
        # says how many pages follow the last footer either.
        ordered = [numbers[i] for i in sorted(numbers)]
        if ordered == list(range(1, len(ordered) + 1)):
            first = 1
            for i in sorted(numbers):
                starts.append((first, numbers[i]))
                first = i + 2
            starts.append((first, None))
    return PageLayout(frozenset(i + 1 for i in furniture), tuple(starts))


def page_of(layout: PageLayout, lineno: int) -> int | None:
    """The printed page of a physical line, when the extraction shows pages."""
    page = None
    for first, number in layout.page_starts:
        if first > lineno:
            break
        page = number
    return page
