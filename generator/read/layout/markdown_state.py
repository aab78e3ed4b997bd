"""The state of the Markdown layout (markdown_blocks): the lines it writes, and inline text as plain text."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.read.layout.html_cells import html_dropped_message, read_html


@dataclass
class MarkdownLayout:
    lines: list[tuple[int, str]]  # (physical line, text); "" is a paragraph break
    furniture: list[int]  # physical lines that hold no letter text
    headings: dict[int, int] = field(default_factory=dict)  # physical line -> level (1-6)
    list_items: dict[int, str] = field(default_factory=dict)  # physical line -> "ol" | "ol-one" (a list of one) | "ul"
    notes: list[tuple[int, str, str]] = field(default_factory=list)  # (line, code, message)
    rules_fired: list[str] = field(default_factory=list)  # LAYOUT_RULES names, in order of first firing


# --- inline text ---------------------------------------------------------------

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
_MD_EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
# Bold never runs over another pair of marks (".+?" made "**x **x **x ..." quadratic).
_BOLD_MARK = re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__")
_OPEN_BOLD = re.compile(r"^\s*\*\*\*?(?=\S)|(?<=\S)\*\*\*?\s*$")
# An image's alt text and a link's text hold no bracket, their address no
# parenthesis: each try ends at the next one (a run of "[" took 6 s per
# 100 000 characters when a try could run 500 characters on).
IMAGE = re.compile(r"!\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)")
_LINK = re.compile(r"(?<!!)\[([^\[\]\n]{1,500})\]\([^()\n]{0,2000}\)")
ANCHOR = re.compile(r"<a\s+(?:id|name)=\"[^\"<>]{0,200}\"\s*>\s*</a>", re.I)


def plain_inline(text: str) -> str:
    """A line of Markdown inline text as plain text: escapes, emphasis,
    images (their alt text) and links (their text) undone."""
    escaped: list[str] = []
    if "\\" in text:
        text = _MD_ESCAPE.sub(lambda m: escaped.append(m.group(1)) or f"\x00{len(escaped) - 1}\x00", text)
    if "](" in text:
        text = IMAGE.sub(lambda m: m.group(1), text)
        text = _LINK.sub(lambda m: m.group(1), text)
    if "*" in text or "_" in text:
        text = _BOLD_MARK.sub(lambda m: m.group(1) or m.group(2), text)
        text = _OPEN_BOLD.sub("", text)
        text = _MD_EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    if escaped:
        text = re.sub("\x00(\\d+)\x00", lambda m: escaped[int(m.group(1))], text)
    return text


class Reader:
    """Walks the block tokens once, writing each physical line's texts."""

    def __init__(self, phys: list[int], source: list[str]):
        self.phys = phys  # parse-text line index -> physical line number
        self.source = source  # parse-text lines
        self.out: dict[int, list[str]] = {}
        self.claimed: set[int] = set()
        self.layout = MarkdownLayout([], [])
        self.last_table: dict | None = None  # the previous table's last row, for `continued_row`
        self.image_alt: str | None = None
        self.captions_left = 0

    # -- helpers
    def line(self, k: int) -> int:
        return self.phys[min(k, len(self.phys) - 1)]

    def claim(self, start: int, end: int) -> None:
        for k in range(start, end):
            self.claimed.add(self.line(k))

    def fire(self, rule: str) -> None:
        """Record that a rule of `LAYOUT_RULES` changed what the layout gives."""
        if rule not in self.layout.rules_fired:
            self.layout.rules_fired.append(rule)

    def put(self, k: int, text: str) -> None:
        self.out.setdefault(self.line(k), []).append(text)

    def blocks(self, text: str, k: int) -> list[str]:
        """The blocks of a piece of inline text (HTML read by the allow-list)."""
        if "<" in text:
            bare = ANCHOR.sub("", text)
            if bare != text:
                self.fire("anchor_only")  # rule anchor_only: an anchor holds no text
            text = bare
        blocks, report = read_html(text)
        if "<" in text and blocks != [text]:
            self.fire("html_in_cells")  # rule html_in_cells: the HTML read by the allow-list
        for tag, dropped in report.tags:
            self.layout.notes.append((self.line(k), "html-dropped", html_dropped_message(tag, dropped)))
        return [plain_inline(b) for b in blocks]

