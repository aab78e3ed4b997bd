"""The Markdown layout's inline text (markdown_blocks): a piece of a line, a
cell or a heading as plain text, after the inline rules (`anchor_only`,
`html_in_cells`) and with Markdown's marks undone."""
from __future__ import annotations

import re

from generator.read.layout.html_cells import html_dropped_message, read_html
from generator.read.layout.markdown_state import Inline, LayoutState, layout_rule

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


@layout_rule("inline", repair=True)
def anchor_only(st: LayoutState, piece: Inline) -> bool:
    """`<a id="..."></a>` holds no text: the anchors go, the text around them stays."""
    if "<" not in piece.text:
        return False
    bare = ANCHOR.sub("", piece.text)
    if bare == piece.text:
        return False
    piece.text = bare
    return True


@layout_rule("inline")
def html_in_cells(st: LayoutState, piece: Inline) -> bool:
    """The HTML of a cell or paragraph read by the allow-list of `html_cells`
    (its paragraphs and list items blocks of their own, a `<br>` in a word or
    number joined back), when that changes the text; a text it leaves as it
    was `read_inline` reads as any other."""
    if "<" not in piece.text:
        return False
    blocks, report = read_html(piece.text)
    if blocks == [piece.text]:
        return False
    piece.blocks, piece.dropped = blocks, list(report.tags)
    return True


def read_inline(st: LayoutState, text: str, k: int) -> list[str]:
    """The blocks of a piece of inline text on line `k`, as plain text, after
    the inline rules; a tag the allow-list dropped is an `html-dropped` note."""
    piece = Inline(text)
    st.apply("inline", piece)
    if piece.blocks is None:
        piece.blocks, report = read_html(piece.text)
        piece.dropped = list(report.tags)
    for tag, dropped in piece.dropped:
        st.layout.notes.append((st.line(k), "html-dropped", html_dropped_message(tag, dropped)))
    return [plain_inline(b) for b in piece.blocks]
