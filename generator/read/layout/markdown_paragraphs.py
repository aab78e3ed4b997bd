"""The Markdown layout's headings, paragraphs and HTML blocks (markdown_blocks):
each read to its logical lines after the rules tried on it (`LayoutState.apply`),
and those rules: a setext heading, pipe rows, a bold paragraph's lines, an
image and its caption, a bold header running into its body, an HTML heading."""
from __future__ import annotations

import re

from generator.parsing.tokens.assignment_id import BOLD_HEAD_ID
from generator.read.layout.markdown_inline import IMAGE, read_inline
from generator.read.layout.markdown_state import HtmlBlock, LayoutState, MarkdownLine, Paragraph, layout_rule
from generator.read.layout.markdown_tables import pipe_cells, render_table

_HTML_HEADING_LINE = re.compile(r"^\s*<h([1-6])\b[^<>]*>.*</h\1\s*>\s*$", re.I)
# A bold header running into its body is an ID and a title, one line's worth:
# the longest in the sources is 83 characters ("**TB 2026-67 Utfasing av
# dispensasjonsordning - førerkortforskriften § 45 tredje ledd**", 2026
# supplement nr. 2); a bold run past 300 is emphasised text, not a header.
BOLD_HEADER_MAX = 300
_BOLD_HEADER_RUN_IN = re.compile(
    rf"^(?:\*\*|__)(?P<head>(?:ID\s*:?\s*)?{BOLD_HEAD_ID}\b[^*_]{{0,{BOLD_HEADER_MAX}}}?)(?:\*\*|__)\s+(?P<rest>\S.*)$")
_ONE_BOLD_RUN = re.compile(r"\*\*[^*\s](?:[^*]|\*(?!\*))*\*\*")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_ENGLISH = frozenset({"the", "of", "is", "are", "with", "features", "and", "this", "its", "which", "an", "logo",
                      "image", "shows", "text", "written", "above", "below", "positioned", "centered"})
# A caption in English: at least two English words, and twice as many as Norwegian ones.
CAPTION_ENGLISH_MIN = 2
CAPTION_ENGLISH_RATIO = 2
_NORWEGIAN = frozenset({"og", "på", "er", "til", "av", "det", "som", "med", "ikke", "har", "skal", "vi", "den"})
# A converter's caption: the paragraphs under an image that may describe it.
CAPTIONS_AFTER_IMAGE = 2

_SETEXT_EQUALS = re.compile(r"^ {0,3}=+[ \t]*$")
# Setext's two levels: "===" under a heading of the first, "---" of the second.
SETEXT_EQUALS_LEVEL, SETEXT_DASHES_LEVEL = 1, 2
# A paragraph is three tokens (paragraph_open, inline, paragraph_close): the token after it.
PARAGRAPH_TOKENS = 3


# --- reading a block, after its rules ----------------------------------------------

def read_heading(st: LayoutState, tok, inline) -> None:
    """A `#` heading: its text and level, unless a rule of headings read it."""
    k = tok.map[0]
    st.claim(*tok.map)
    st.captions_left = 0
    piece = MarkdownLine(k, inline.content, level=int(tok.tag[1]))
    if st.apply("heading", piece):
        return
    text = " ".join(read_inline(st, inline.content, k)).strip()
    if text:
        st.put(k, text)
        st.layout.headings[st.line(k)] = piece.level


def read_paragraph(st: LayoutState, tokens, i: int, item_marker: str | None, in_list: bool) -> int:
    """The paragraph opened at tokens[i], unless a rule of paragraphs read it:
    each of its lines, unless a rule takes it as a table's row or a rule of
    lines reads it, is its text (a list item's first line after its marker).
    The index of the token after it."""
    tok, inline = tokens[i], tokens[i + 1]
    start, end = tok.map
    st.claim(start, end)
    parts = inline.content.split("\n")
    if len(parts) != end - start:
        parts = [" ".join(parts)]  # never expected; keep the text on the first line
    piece = Paragraph(tokens, i, parts, list(range(len(parts))), inline.content.strip(), item_marker, in_list,
                      i + PARAGRAPH_TOKENS)
    if st.apply("paragraph", piece):
        return piece.next
    run: list[tuple[int, list[str], bool]] = []  # pipe rows under the paragraph's first line (`pipe_rows`)
    for n, part in enumerate(piece.parts):
        line = MarkdownLine(start + piece.offs[n], part, item_marker if n == 0 else None, run)
        if st.apply("paragraph_row", line):
            continue
        if run:  # the paragraph's rows end at a line no rule takes as one
            render_table(st, run[:])
            run.clear()
        if not st.apply("line", line):
            _put_line(st, line, read_inline(st, part, line.k))
    if run:
        render_table(st, run)
    return piece.next


def _put_line(st: LayoutState, line: MarkdownLine, texts: list[str]) -> None:
    if line.item_marker:
        texts = [line.item_marker + (texts[0] if texts else "")] + texts[1:]
    for text in texts:
        st.put(line.k, text)
    if not texts:
        st.put(line.k, "")


def read_html_block(st: LayoutState, tok) -> None:
    """An HTML block, line by line: each, unless a rule of HTML lines read
    it, is its text by the allow-list, then tried by the rules of HTML text."""
    start, end = tok.map
    st.claim(start, end)
    piece = HtmlBlock(start, tok.content.rstrip("\n").split("\n")[: end - start])
    while piece.at < len(piece.parts):
        if not st.apply("html_line", piece):
            piece.texts = read_inline(st, piece.parts[piece.at], start + piece.at)
            for text in piece.texts:
                st.put(start + piece.at, text)
            st.apply("html_text", piece)
        piece.at += 1


# --- the rules ------------------------------------------------------------------------

@layout_rule("paragraph")
def setext_heading(st: LayoutState, piece: Paragraph) -> bool:
    """A paragraph (not in a list) underlined with `===` (level 1), or with
    `---` on the very next line (level 2; markdown-it, without its setext
    rule, reads that line as a horizontal rule), is a heading, as pandoc's
    writer prints levels 1 and 2 ("4.3. Folketrygd- og aktivitetsbaserte
    poster" / "-----"): its last line, the lines above it with no empty line
    between their own paragraph. Never a table's rows."""
    level = None if piece.in_list else _setext_level(piece.tokens, piece.i)
    if not level:
        return False
    tok, inline = piece.tokens[piece.i], piece.tokens[piece.i + 1]
    parts = inline.content.split("\n")
    if level == SETEXT_EQUALS_LEVEL:
        parts = parts[:-1]
    k0 = tok.map[0]
    for k, p in enumerate(parts[:-1]):
        for t in read_inline(st, p, k0 + k):
            st.put(k0 + k, t)
    k = k0 + len(parts) - 1
    text = " ".join(read_inline(st, parts[-1], k)).strip()
    st.captions_left = 0
    if text:
        if len(parts) > 1:
            st.put(k, "")
        st.put(k, text)
        st.layout.headings[st.line(k)] = level
    if level == SETEXT_DASHES_LEVEL:
        st.claim(*piece.tokens[piece.next].map)
        piece.next += 1  # the rule's own token, read as the underline
    return True


def _setext_level(tokens, i: int) -> int | None:
    tok, inline = tokens[i], tokens[i + 1]
    parts = inline.content.split("\n")
    if not tok.map or any(_PIPE_ROW.match(p) for p in parts):
        return None
    if len(parts) > 1 and "=" in parts[-1] and _SETEXT_EQUALS.match(parts[-1]) and parts[-2].strip():
        return SETEXT_EQUALS_LEVEL
    nxt = i + PARAGRAPH_TOKENS
    after = tokens[nxt] if nxt < len(tokens) else None
    if after is not None and after.type == "hr" and after.map and after.map[0] == tok.map[1] \
            and set(after.markup) == {"-"}:
        return SETEXT_DASHES_LEVEL
    return None


@layout_rule("paragraph", "paragraph_row")
def pipe_rows(st: LayoutState, piece: Paragraph | MarkdownLine) -> bool:
    """Lines of pipe cells that markdown-it does not read as a table (no rule
    line under the first) are a table's rows all the same: a paragraph of them
    (each line perhaps a whole table, `flattened_table`), or lines of a
    paragraph (a table right under a list item, read as the item's lazy
    lines), which join the paragraph's rows (`MarkdownLine.run`)."""
    if isinstance(piece, MarkdownLine):
        if not _PIPE_ROW.match(piece.text) or piece.item_marker:
            return False
        piece.run.append((piece.k, pipe_cells(piece.text), False))
        return True
    if piece.item_marker or not all(_PIPE_ROW.match(p) for p in piece.parts):
        return False
    start = piece.tokens[piece.i].map[0]
    rows: list[tuple[int, list[str], bool]] = []
    for k, part in enumerate(piece.parts):
        line = MarkdownLine(start + k, part)
        rows += line.rows if st.apply("pipe_row", line) else [(start + k, pipe_cells(part), False)]
    render_table(st, rows)
    return True


@layout_rule("paragraph", repair=True)
def bold_paragraph_lines(st: LayoutState, piece: Paragraph) -> bool:
    """A bold paragraph hard-wrapped over lines (a header pandoc wrapped at 72
    columns: "**ID: TB2022-24 ... NOU 2020:1" / "Tjenester til ..." / "...
    syndrom**") is one line; so are the lines of a bold run that closes on a
    later line, the body running on after it ("**TB 2026-67 Utfasing ... §" /
    "45 tredje ledd** Sivilombudet ...")."""
    parts = piece.parts
    if len(parts) <= 1:
        return False
    if piece.whole.startswith("**") and _ONE_BOLD_RUN.fullmatch(piece.whole):
        piece.parts, piece.offs = [" ".join(p.strip() for p in parts)], [0]
        return True
    if not parts[0].startswith("**") or parts[0].count("**") != 1:
        return False
    close = next((j for j in range(1, len(parts)) if "**" in parts[j]), None)
    if close is None:
        return False
    piece.parts = [" ".join(p.strip() for p in parts[:close + 1])] + parts[close + 1:]
    piece.offs = [0] + piece.offs[close + 1:]
    return True


@layout_rule("paragraph")
def image_and_caption(st: LayoutState, piece: Paragraph) -> bool:
    """An image paragraph (`![...](...)`) and the converter's machine caption
    under it (a paragraph in English, or the image's alt text again) are no
    letter text; any other paragraph ends the captions."""
    image = IMAGE.fullmatch(piece.whole)
    if image:
        st.image_alt, st.captions_left = image.group(1), CAPTIONS_AFTER_IMAGE
        return True
    if st.captions_left and _is_caption(piece.whole, st.image_alt):
        st.captions_left -= 1
        return True
    st.captions_left = 0
    return False


def _is_caption(text: str, alt: str | None) -> bool:
    """A converter's description of an image: the alt text again, or a
    paragraph in English (the letters are in Norwegian)."""
    s = text.strip()
    if alt and s == alt.strip():
        return True
    words = re.findall(r"[a-zæøå]+", s.lower())
    english = sum(1 for w in words if w in _ENGLISH)
    norwegian = sum(1 for w in words if w in _NORWEGIAN)
    return english >= CAPTION_ENGLISH_MIN and english > CAPTION_ENGLISH_RATIO * norwegian


@layout_rule("line")
def bold_header_run_in(st: LayoutState, piece: MarkdownLine) -> bool:
    """A line that starts with an assignment's ID and title in bold and runs
    on into its body ("**TB 2026-67 Utfasing ...** Sivilombudet ba ...") is
    the header line and a body paragraph."""
    run_in = _BOLD_HEADER_RUN_IN.match(piece.text) if piece.text.startswith(("**", "__")) else None
    if not run_in:
        return False
    texts = read_inline(st, run_in.group("head"), piece.k) + [""] + read_inline(st, run_in.group("rest"), piece.k)
    _put_line(st, piece, texts)
    return True


@layout_rule("html_text")
def html_heading(st: LayoutState, piece: HtmlBlock) -> bool:
    """A line of an HTML block that is one HTML heading (`<h2>3.1
    Folkehelse</h2>`) and reads as one text is a heading of that level, as
    `## 3.1 Folkehelse` is."""
    line = piece.parts[piece.at]
    level = _HTML_HEADING_LINE.match(line) if "<h" in line else None
    if not level or len(piece.texts) != 1 or not piece.texts[0].strip():
        return False
    st.layout.headings[st.line(piece.k + piece.at)] = int(level.group(1))
    return True
