"""Raw HTML inside a converter's Markdown (table cells, paragraphs): an allow-list.

A PDF-to-Markdown converter writes the structure of a table cell as HTML:
``<p>`` paragraphs, ``<ul>``/``<ol>``/``<li>`` lists, ``<b>``/``<i>`` emphasis
and ``<br>`` line breaks. Those tags, and only those, are read as structure
(`STRUCTURE_TAGS`): a paragraph or list item becomes a block of its own, a
``<br>`` a line break inside the block (or no break at all where it cuts a
word or a number: `join_broken`), emphasis goes. No attribute of any tag is
kept (``style="list-style-type: none"``, ``<a id>`` carry nothing a reader
needs).

Every other tag is never markup. The tags of `UNWRAPPED_TAGS` (``<a>``,
``<span>``, table cells a converter nests, ...) are dropped and their text
kept, silently; the tags of `DROPPED_WITH_CONTENT` (``<script>``, ``<style>``,
...) are dropped with what they hold; any other tag (``<iframe>``,
``<object>``, ``<svg>``, ``<form>``, ``<meta>``, ``<img>``, an unknown name)
is dropped, its text kept as text, and reported (`HtmlReport`). The text
that comes out is plain text: the renderer escapes it like any source text.

The standard library's `html.parser` reads the tags.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from generator.read.layout.joins import HTML_BREAK, join_pieces

# Tags kept as structure: blocks, list items, line breaks and emphasis.
BLOCK_TAGS = frozenset({"p", "div", "ul", "ol", "li", "table", "thead", "tbody", "tr", "td", "th",
                        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote"})
INLINE_TAGS = frozenset({"b", "strong", "i", "em", "u", "sup", "sub", "small"})
BREAK_TAGS = frozenset({"br"})
STRUCTURE_TAGS = BLOCK_TAGS | INLINE_TAGS | BREAK_TAGS
# Dropped, their text kept, without a word: carriers of nothing a reader needs.
UNWRAPPED_TAGS = frozenset({"a", "span", "font", "mark", "abbr", "cite", "q", "s", "del", "ins", "center"})
# Dropped with everything inside them, with a diagnostic.
DROPPED_WITH_CONTENT = frozenset({"script", "style", "template", "noscript", "textarea", "title", "head"})
# Every tag name not in the sets above is dropped with a diagnostic, its text kept.
ALLOWED_TAGS = STRUCTURE_TAGS | UNWRAPPED_TAGS


@dataclass
class HtmlReport:
    """Tags that were not structure: (tag name, whether its content was dropped)."""

    tags: list[tuple[str, bool]] = field(default_factory=list)


class _CellParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[list[str]] = []
        self.prefixes: list[str] = []
        self.report = HtmlReport()
        self._skip = 0
        self._lists: list[list[int]] = []  # per open list: [next number] or [] for bullets
        self._current: list[str] = []
        self._prefix = ""

    def start(self) -> None:
        self.blocks, self.prefixes, self.report = [], [], HtmlReport()
        self._skip, self._lists, self._current, self._prefix = 0, [], [], ""

    def _flush(self) -> None:
        pieces = self._current
        if any(p.strip() for p in pieces):
            self.blocks.append(pieces)
            self.prefixes.append(self._prefix)
        self._current, self._prefix = [], ""

    def handle_starttag(self, tag: str, attrs) -> None:
        self._tag(tag, start=True)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BREAK_TAGS:
            self._current.append("\n")
        elif tag not in ALLOWED_TAGS:
            self.report.tags.append((tag, tag in DROPPED_WITH_CONTENT))

    def handle_endtag(self, tag: str) -> None:
        self._tag(tag, start=False)

    def _tag(self, tag: str, start: bool) -> None:
        if tag in DROPPED_WITH_CONTENT:
            if start:
                self._skip += 1
                self.report.tags.append((tag, True))
            else:
                self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag in BREAK_TAGS:
            self._current.append("\n")
        elif tag in ("ul", "ol"):
            self._flush()
            if start:
                self._lists.append([1] if tag == "ol" else [])
            elif self._lists:
                self._lists.pop()
        elif tag == "li":
            self._flush()
            if start:
                self._prefix = "  " * max(0, len(self._lists) - 1) + "\x00li"
        elif tag in BLOCK_TAGS:
            self._flush()
        elif tag in INLINE_TAGS or tag in UNWRAPPED_TAGS:
            pass
        elif start:
            self.report.tags.append((tag, False))

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._current.append(data)

    def close_all(self) -> tuple[list[str], HtmlReport]:
        self.close()
        self._flush()
        out = []
        for prefix, pieces in zip(self.prefixes, self.blocks):
            text = join_broken(pieces)
            if prefix.endswith("\x00li"):
                indent = prefix[:-3]
                text = indent + (text if _HAS_MARKER.match(text) else "• " + text)
            out.append(text)
        return out, self.report


_HAS_MARKER = re.compile(r"^(?:[•●▪◦·\-–—*]|\d{1,2}[.)]|[a-zæøå]\))\s")
_SPACE = re.compile(r"[ \t]+")


def join_broken(pieces: list[str]) -> str:
    """A cell's text with its ``<br>`` breaks ("\\n" among the pieces) read:
    a break inside a number ("15 569" / "000") or a word ("Lege-" /
    "erklæringer", "forbruksmateriel" / "l") joins it back; any other break
    is a space (a title keeps what follows it)."""
    text = "".join(pieces)
    if "\xa0" in text:
        text = text.replace("\xa0", " ")  # "&nbsp;" in a cell: an amount's group space
    if "\n" not in text:
        return _SPACE.sub(" ", text).strip()
    lines = [_SPACE.sub(" ", ln).strip() for ln in text.split("\n")]
    out = ""
    for ln in lines:
        if not ln:
            continue
        # "Lege-" / "erklæringer", "forbruksmateriel" / "l", "Kiropraktorbeha" / "ndling" join;
        # "15 569" / "000" is "15 569 000"; a title keeps its parts (the join rule: read/layout/joins.py).
        out = join_pieces(out, ln, HTML_BREAK) if out else ln
    return out


_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))
_PARSER = _CellParser()
_TAG_LIKE = re.compile(r"<[/!?]?[A-Za-z]")
# Tags without attributes that are emphasis or a line break, and any other tag.
_INLINE_ONLY = re.compile(r"</?(b|strong|i|em|u|br)\s*/?>", re.I)
_OTHER_TAG = re.compile(r"<(?!/?(?:b|strong|i|em|u|br)\s*/?>)[/!?]?[A-Za-z]", re.I)


def read_html(text: str) -> tuple[list[str], HtmlReport]:
    """The blocks of a piece of text holding HTML: paragraphs and list items
    as separate strings (a list item starting with its marker, "• " when
    the source printed none), tags gone. Text without a tag comes back as
    one block."""
    if "<" not in text or not _TAG_LIKE.search(text):
        if "&" in text:
            text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)
        return ([text] if text.strip() else []), HtmlReport()
    if not _OTHER_TAG.search(text):
        # Only emphasis and line breaks (a header cell: "<b>TB2026-1</b>"):
        # the same blocks as the parser gives, without it.
        plain = _INLINE_ONLY.sub(lambda m: "\n" if m.group(1).lower() == "br" else "", text)
        if "&" in plain:
            plain = html.unescape(plain)
        joined = join_broken([plain])
        return ([joined] if joined else []), HtmlReport()
    parser = _PARSER
    parser.reset()
    parser.start()
    parser.feed(bare_tags(text))
    return parser.close_all()


class _TableParser(HTMLParser):
    """An HTML `<table>` as rows of cells, each cell rewritten as allow-listed
    HTML (structure tags without attributes, text escaped), for the same
    table rules as a pipe table's."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, list[str], bool]] = []
        self.report = HtmlReport()
        self._row: list[str] | None = None
        self._cell: list[str] | None = None
        self._row_line = 0
        self._head = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        self._tag(tag, True)

    def handle_startendtag(self, tag: str, attrs) -> None:
        self._tag(tag, True)
        if tag not in BREAK_TAGS:
            self._tag(tag, False)

    def handle_endtag(self, tag: str) -> None:
        self._tag(tag, False)

    def _end_cell(self) -> None:
        if self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self.rows.append((self._row_line, self._row, self._head))
        self._row = None

    def _tag(self, tag: str, start: bool) -> None:
        if tag in DROPPED_WITH_CONTENT:
            self._skip += 1 if start else -1 if self._skip else 0
            if start:
                self.report.tags.append((tag, True))
            return
        if self._skip:
            return
        if tag == "thead":
            self._head = start
        elif tag == "tr":
            self._end_row()
            if start:
                self._row, self._row_line = [], self.getpos()[0] - 1
        elif tag in ("td", "th"):
            self._end_cell()
            if start:
                if self._row is None:
                    self._row, self._row_line = [], self.getpos()[0] - 1
                self._cell = []
        elif tag in ("table", "tbody", "tfoot"):
            if not start:
                self._end_row()
        elif self._cell is not None and tag in STRUCTURE_TAGS:
            self._cell.append(f"<{'' if start else '/'}{tag}>")
        elif tag not in ALLOWED_TAGS and start:
            self.report.tags.append((tag, False))

    def handle_data(self, data: str) -> None:
        if not self._skip and self._cell is not None:
            self._cell.append(html.escape(data, quote=False))


def html_table_rows(text: str) -> tuple[list[tuple[int, list[str], bool]], HtmlReport]:
    """The rows of the HTML tables in `text`: (line offset in `text`, cells
    as allow-listed HTML, whether the row is in the table's head)."""
    parser = _TableParser()
    parser.feed(bare_tags(text))
    parser.close()
    parser._end_row()
    return parser.rows, parser.report


# A whole tag: its name, then attributes (quoted values hold no "<" or ">").
# No part of it can cross a "<", so a scan of the text is linear.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]{0,30})(?:[\s/](?:[^<>\"']|\"[^\"<>]*\"|'[^'<>]*')*)?>")


def bare_tags(text: str) -> str:
    """The text as `html.parser` may safely read it: every whole tag bare
    (``<b onclick="...">`` is ``<b>``: no attribute is kept anyway), complete
    comments gone, and every other "<" text (``&lt;``). Python's HTMLParser
    scans an unclosed construct again from its start at every step (3.11:
    470 s for 100 000 characters of "<p ", 21 s of "<!--"); what is left
    here holds none."""
    if "<!--" in text:
        text = _drop_comments(text)
    pieces = []
    pos = 0
    for m in _TAG.finditer(text):
        pieces.append(text[pos:m.start()].replace("<", "&lt;"))
        # (a tag's line breaks are kept: the table reader counts lines)
        pieces.append(f"<{m.group(1)}{m.group(2).lower()}>" + "\n" * m.group(0).count("\n"))
        pos = m.end()
    pieces.append(text[pos:].replace("<", "&lt;"))
    return "".join(pieces)


def _drop_comments(text: str) -> str:
    """Complete ``<!-- ... -->`` comments removed (their line breaks kept);
    an unclosed one stays (as text)."""
    out = []
    pos = 0
    while True:
        start = text.find("<!--", pos)
        end = text.find("-->", start + len("<!--")) if start >= 0 else -1
        if end < 0:
            break
        out.append(text[pos:start] + "\n" * text.count("\n", start, end))
        pos = end + len("-->")
    out.append(text[pos:])
    return "".join(out)


def drop_disallowed_tags(text: str, skipping: str | None = None) -> tuple[str, str | None, list[tuple[str, bool]]]:
    """One line of a text extraction through the allow-list: a tag outside it
    is dropped (its text kept), a `DROPPED_WITH_CONTENT` tag with what it
    holds, also over the following lines (`skipping`: the tag still open
    from the lines before, returned for the next line). Allow-listed tags
    stay for the text reader, which reads them as structure. Returns the
    text, the tag still open, and the dropped tags as `HtmlReport.tags`."""
    if skipping is None and ("<" not in text or not _TAG_LIKE.search(text)):
        return text, None, []
    dropped: list[tuple[str, bool]] = []
    pieces: list[str] = []
    pos = 0
    for m in _TAG.finditer(text):
        closing, name = m.group(1) == "/", m.group(2).lower()
        if skipping is not None:
            if closing and name == skipping:
                skipping = None
                pos = m.end()
            continue
        pieces.append(text[pos:m.start()])
        pos = m.end()
        if name in ALLOWED_TAGS:
            pieces.append(m.group(0))
        elif name in DROPPED_WITH_CONTENT:
            if not closing:
                dropped.append((name, True))
                skipping = name
        elif not closing:
            dropped.append((name, False))
    if skipping is None:
        pieces.append(text[pos:])
    return "".join(pieces), skipping, dropped


def html_dropped_message(tag: str, whole: bool) -> str:
    """The `html-dropped` warning for a tag outside the allow-list."""
    what = "and what it holds are" if whole else "is"
    return f"the HTML tag <{tag[:20]}> {what} not letter text; dropped"
