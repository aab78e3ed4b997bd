"""Running text to blocks: paragraphs, lists and tables, with line spans.

Used for every stretch of prose the parsers keep as text (section bodies,
assignment wording, chapter text, vedtak follow-up). Works on logical lines
where an empty line is a paragraph break (see `generator.read.source_text.read_text`).
"""
from __future__ import annotations

import re
from operator import attrgetter

from generator.model import Block
from generator.parsing.tokens.dates import MONTH_WORD
from generator.read.layout.layout_limits import ROW_MIN_CELLS, TABLE_MIN_ROWS
from generator.read.layout.text_lines import ends_in_abbreviation
from generator.read.source_text import Line, join_wrapped

# "•", "-", "–", "o", "", "*" followed by space; or "1." / "a)" / "(i)" list markers.
# "1. oktober 2025" at the start of a line is a date that the wrap put there,
# not the first item of a numbered list.
_MONTH_WORD = rf"{MONTH_WORD}(?:\s|$)"
BULLET = re.compile(rf"^\s*(?:[•●▪◦·\-–—*o§]|[a-zæøå]\)|\(?\d{{1,2}}\)|\d{{1,2}}\.(?!\d)(?!\s*{_MONTH_WORD}))\s+(?=\S)", re.I)


_BULLET_START = frozenset("•●▪◦·-–—*o§(0123456789")


def bullet_of(text: str) -> str | None:
    first = text.lstrip()[:2]
    # Cheap test first: a bullet starts with a mark, a digit or "a)".
    if not first or (first[0] not in _BULLET_START and first[1:2] != ")"):
        return None
    m = BULLET.match(text)
    return m.group(0) if m else None


_ORDINAL = re.compile(r"^\s*(?:[a-zæøå]\)|\(?\d{1,2}\)|\d{1,2}\.)")


def item_text(text: str) -> str:
    """A list item's text: a bullet mark ("•", "-") dropped, a number or
    letter kept ("1. Delleveranse ...", "b) ..."): the letters refer to items
    by it ("TB2026-14 punkt 1")."""
    marker = bullet_of(text)
    if marker is None:
        return text
    rest = text[len(marker):]
    m = _ORDINAL.match(marker)
    return f"{m.group(0).strip()} {rest}" if m else rest


def is_table_row(text: str) -> bool:
    """Tab-separated extractions print table rows with tabs between cells."""
    return text.count("\t") >= 1 and len([c for c in text.split("\t") if c.strip()]) >= ROW_MIN_CELLS


def _table_block(rows: list[Line]) -> Block:
    cells = [tuple(c.strip() for c in r.text.strip("\t").split("\t")) for r in rows]
    width = max(len(r) for r in cells)
    padded = tuple(r + ("",) * (width - len(r)) for r in cells)
    return Block("table", rows[0].lineno, rows[-1].lineno, rows=padded, header=True)


_SENTENCE_END = (".", ":", "!", "?", "»", '"', ")", ";")
# A heading printed as text is short: a few words (longer lines are a
# paragraph's first line), more than an abbreviation or a stray number.
RUN_IN_HEADING_MAX = 45
RUN_IN_HEADING_MIN = 2


# The text after a break is looked for within the next three lines.
BREAK_LOOKAHEAD = 4
# A run-in heading's paragraph is longer than it by more than 20 characters.
LEAD_IN_MARGIN = 20


def _continues_after_break(last: str, lines: list[Line], index: int) -> bool:
    """Does the paragraph go on after the empty line at `index`?

    PDF extraction leaves an empty line at every page or column break, also
    inside a sentence ("kom-" / "" / "munene"). The paragraph goes on when its
    last line does not end a sentence and the next text starts in lower case.
    """
    last = last.rstrip()
    # "... fra kap." / "714, post 70 ...": the sentence goes on (only a full stop can end an abbreviation)
    abbreviated = last.endswith(".") and ends_in_abbreviation(last)
    if not last or (last.endswith(_SENTENCE_END) and not abbreviated):
        return False
    nxt = next((ln.text.strip() for ln in lines[index + 1: index + BREAK_LOOKAHEAD] if ln.text.strip()), "")
    return (bool(nxt) and (nxt[:1].islower() or abbreviated and nxt[:1].isdigit())
            and not bullet_of(nxt) and not is_table_row(nxt))


def _is_lead_in(text: str, lines: list[Line], index: int) -> bool:
    """A short capitalised line with no full stop, right above a paragraph
    that starts with a capital: a heading the extraction printed as text."""
    t = text.strip()
    if not (RUN_IN_HEADING_MIN < len(t) <= RUN_IN_HEADING_MAX) or not t[:1].isupper() or t.endswith(_SENTENCE_END + (",", "-", "–")):
        return False
    if any(ch.isdigit() for ch in t) or bullet_of(t) or is_table_row(text):
        return False
    nxt = lines[index + 1].text.strip() if index + 1 < len(lines) else ""
    return len(nxt) > len(t) + LEAD_IN_MARGIN and nxt[:1].isupper() and not bullet_of(nxt)


def lines_to_blocks(lines: list[Line] | tuple[Line, ...]) -> tuple[Block, ...]:
    """Group lines into paragraphs (joined, de-hyphenated), lists and tables."""
    blocks: list[Block] = []
    para: list[Line] = []
    items: list[list[Line]] = []
    table: list[Line] = []

    def flush_para() -> None:
        if para:
            blocks.append(Block("paragraph", para[0].lineno, para[-1].lineno,
                                text=join_wrapped([p.text for p in para])))
            para.clear()

    def flush_list() -> None:
        if items:
            texts = tuple(join_wrapped([item_text(it[0].text)] + [x.text for x in it[1:]]) for it in items)
            blocks.append(Block("list", items[0][0].lineno, items[-1][-1].lineno, items=texts))
            items.clear()

    def flush_table() -> None:
        if table:
            if len(table) >= TABLE_MIN_ROWS:
                blocks.append(_table_block(table))
            else:
                para.extend(Line(table[0].text.replace("\t", " "), table[0].lineno) for _ in (0,))
            table.clear()

    lines = list(lines)
    blank_since_item = False
    for index, ln in enumerate(lines):
        text = ln.text
        if not text or text.isspace():  # what `not text.strip()` says, without a copy
            if para and _continues_after_break(para[-1].text, lines, index):
                continue  # a page or column break inside a sentence, not a paragraph end
            if items and not para and _continues_after_break(items[-1][-1].text, lines, index) \
                    and ends_in_abbreviation(items[-1][-1].text):
                continue  # "- ... fra kap." / "" / "717, post 21.": the item goes on
            flush_table()
            flush_para()
            # A blank line inside a list may just be the extraction's spacing;
            # the list ends when the next line is not an item (handled below).
            blank_since_item = bool(items)
            continue
        if "\t" in text and is_table_row(text):
            flush_para()
            flush_list()
            table.append(ln)
            continue
        if table:
            flush_table()
        if bullet_of(text):
            flush_para()
            items.append([ln])
            blank_since_item = False
            continue
        if items and not para:
            # A continuation of the last item when it does not end a sentence,
            # else the list is over and a paragraph starts. After a paragraph
            # break, only a lower-case start continues the item.
            last = items[-1][-1].text.rstrip()
            ended = last.endswith((".", ":", "!", "?")) and not (
                ends_in_abbreviation(last) and text.lstrip()[:1].isdigit())
            if text.lstrip()[:1].islower() or (not blank_since_item and not ended):
                items[-1].append(ln)
                continue
            flush_list()
        if not para and _is_lead_in(text, lines, index):
            # "Bakgrunn" / "Videre prosess" above a paragraph: a run-in heading.
            blocks.append(Block("lead", ln.lineno, ln.lineno, text=text.strip()))
            continue
        para.append(ln)
    flush_table()
    flush_para()
    flush_list()
    return tuple(sorted(blocks, key=attrgetter("line")))
