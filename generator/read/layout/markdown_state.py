"""The state the Markdown layout's rules read and write, the pieces they are tried on, and how they are tried.

`markdown_blocks.LAYOUT_RULES` is one ordered list of (name, function)
pairs. Each function is a rule over the `LayoutState` and one piece of the
export (a paragraph, a line, a table's row ...); `layout_rule` marks where
in the walk it is tried (`WHERE`). At each such place `LayoutState.apply`
tries the rules of that place in the list's order, as markdown-it-py's
`Ruler` does: a rule returns True when it fired, and the first rule that
fires has read the piece (the rules after it are not tried), unless it is a
repair (`repair=True`), which changed the piece for the rules after it. A
rule that returns False has written nothing. The state records each rule
that fired, in order of first firing (`MarkdownLayout.rules_fired`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass
class MarkdownLayout:
    lines: list[tuple[int, str]]  # (physical line, text); "" is a paragraph break
    furniture: list[int]  # physical lines that hold no letter text
    headings: dict[int, int] = field(default_factory=dict)  # physical line -> level (1-6)
    list_items: dict[int, str] = field(default_factory=dict)  # physical line -> "ol" | "ol-one" (a list of one) | "ul"
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line, code, message)
    rules_fired: list[str] = field(default_factory=list)  # LAYOUT_RULES names, in order of first firing


# The places in the walk where rules are tried, each with the piece its rules get.
WHERE = {
    "paragraph": "a paragraph block (Paragraph), before its lines are read",
    "paragraph_row": ("one line of a paragraph (MarkdownLine): a rule may take it as a row of the paragraph's "
                      "table (MarkdownLine.run)"),
    "line": "one line of a paragraph that no rule took as a row (MarkdownLine), before it is read as text",
    "heading": "a `#` heading's line (MarkdownLine, with its level), before it is read as a heading",
    "pipe_row": "one line of a paragraph that is all pipe rows (MarkdownLine), before it is read as one row",
    "html_line": "a line of an HTML block (HtmlBlock, at that line), before it is read as text",
    "html_text": "a line of an HTML block once read (HtmlBlock, with its texts)",
    "table_row": "a table's row of cells as printed (Row), before its cells are read",
    "table": "a table's rows with their cells read (Table), before they are written",
    "row": "one row of a table with its cells read (Row), before it is written as one line",
    "inline": "a piece of inline text (Inline), before its HTML is read and its marks undone",
}

Rule = Callable[["LayoutState", Any], bool]


def layout_rule(*where: str, repair: bool = False) -> Callable[[Rule], Rule]:
    """Mark a function as a layout rule tried at the places `where` (keys of
    WHERE); a repair changes the piece and lets the next rules try it."""
    assert where and set(where) <= set(WHERE), where

    def mark(fn: Rule) -> Rule:
        fn.where, fn.repair = where, repair  # type: ignore[attr-defined]
        return fn
    return mark


# --- the pieces --------------------------------------------------------------
# `k` is always a line of the parse text (LayoutState.line gives its physical line).

@dataclass
class Paragraph:
    tokens: list  # the walk's tokens: tokens[i] opens the paragraph, tokens[i + 1] is its text
    i: int
    parts: list[str]  # its lines
    offs: list[int]  # each part's line, counted from its first (tokens[i].map[0])
    whole: str  # its text, stripped
    item_marker: str | None  # "- ", "1. ": the paragraph opens a list item
    in_list: bool  # inside a list
    next: int = 0  # the token after what the rule that read it took


@dataclass
class MarkdownLine:
    k: int
    text: str
    item_marker: str | None = None  # the first line of a list item: its marker
    run: list | None = None  # the rows of the paragraph's table so far (k, cells, head)
    level: int = 0  # a heading's level
    rows: list | None = None  # what a rule read the line as: a table's rows (k, cells, head)


@dataclass
class HtmlBlock:
    k: int  # its first line
    parts: list[str]  # its lines
    at: int = 0  # the line the rules look at (index into parts)
    texts: list[str] = field(default_factory=list)  # that line read (html_text)


@dataclass
class Row:
    k: int
    cells: list  # the cells as printed (table_row), or each cell's lines once read (row)
    head: bool = False


@dataclass
class Table:
    rows: list  # (k, cells, head), each cell a list of its lines


@dataclass
class Inline:
    text: str
    blocks: list[str] | None = None  # the text's blocks once its HTML is read
    dropped: list = field(default_factory=list)  # the tags the allow-list dropped (html_cells report.tags)


class LayoutState:
    """What the rules read and write: the parse text's lines (`source`) and
    each one's physical line (`phys`), the texts written on each physical
    line (`out`), the lines a block claimed, the layout being built; and what
    one block leaves the next (the last table's last row for `continued_row`,
    an image's captions still to come for `image_and_caption`)."""

    def __init__(self, phys: list[int], source: list[str], rules: tuple[tuple[str, Rule], ...]):
        self.phys = phys  # parse-text line index -> physical line number
        self.source = source  # parse-text lines
        self.out: dict[int, list[str]] = {}
        self.claimed: set[int] = set()
        self.layout = MarkdownLayout([], [])
        self.last_table: dict | None = None  # the previous table's last row, for `continued_row`
        self.image_alt: str | None = None
        self.captions_left = 0
        self.rulers = {where: tuple((name, rule) for name, rule in rules if where in rule.where) for where in WHERE}

    def apply(self, where: str, piece) -> bool:
        """Try the rules of `where` on `piece`, in LAYOUT_RULES order: True
        when one read it. Each rule that fires is recorded where it was tried
        (before the rules it fired in turn, say a table's in a heading)."""
        for name, rule in self.rulers[where]:
            mark = len(self.layout.rules_fired)
            if rule(self, piece):
                if name not in self.layout.rules_fired:
                    self.layout.rules_fired.insert(mark, name)
                if not rule.repair:
                    return True
        return False

    def line(self, k: int) -> int:
        return self.phys[min(k, len(self.phys) - 1)]

    def claim(self, start: int, end: int) -> None:
        for k in range(start, end):
            self.claimed.add(self.line(k))

    def put(self, k: int, text: str) -> None:
        self.out.setdefault(self.line(k), []).append(text)
