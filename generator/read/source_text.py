"""Reading and normalising extracted text while keeping a map to the original lines.

The sources are plain text pulled out of PDFs (and, for other years, out of
HTML or Word). Every recogniser downstream works on `Line` objects: the
normalised text plus the 1-based physical line number of the file as given, so
that whatever the parser finds can be cited as ``file:line``.

Normalisation is per physical line and never merges lines; joining wrapped
lines into paragraphs is a separate step (`join_wrapped`) that keeps the first
and last line numbers. A physical line may still produce several logical lines
(a paragraph-level HTML tag in the middle of a line splits it), all mapped to
the same physical line.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import NamedTuple

from generator.diagnostics import Diagnostics, InputError
from generator.read.layout.columns import two_column_pages
from generator.read.layout.grid import grid_table_rows
from generator.read.layout.headings import number_headings
from generator.read.layout.aligned_columns import column_rows
from generator.read.layout.joins import PARAGRAPH, join_pieces, word_across_break
from generator.read.layout.layout_limits import record
from generator.read.layout.markdown_detection import looks_like_markdown
from generator.read.layout.page_furniture import PageLayout, page_layout, page_of
from generator.read.layout.text_lines import text_lines
from generator.read.front_matter import FrontMatter, read_front_matter
from generator.read.layout.markdown_blocks import markdown_layout
from generator.parsing.tokens.assignment_id import restore_hyphen


class Line(NamedTuple):
    """A logical line: its normalised text and the 1-based physical line it
    was printed on. Immutable like the model's frozen dataclasses, but a
    named tuple: a document is read into tens of thousands of them, and a
    frozen dataclass's __init__ cost 5 % of extracting every document."""
    text: str
    lineno: int


@dataclass(frozen=True)
class SourceText:
    """One document: its original lines (for the source view) and logical lines."""

    file: str  # display path, e.g. "source/tildelingsbrev-2025.txt"
    raw_lines: tuple[str, ...]
    lines: tuple[Line, ...]
    furniture: tuple[int, ...]  # physical lines dropped as page furniture
    encoding: str = "utf-8"
    page_starts: tuple[tuple[int, int], ...] = ()  # (first physical line, printed page)
    # A Markdown source: its explicit headings (physical line -> level), its
    # list items (physical line -> "ol" | "ol-one" | "ul"), its front matter, and what
    # the layout layer has to report (line, code, message).
    headings: dict[int, int] = field(default_factory=dict, compare=False, hash=False)
    list_items: dict[int, str] = field(default_factory=dict, compare=False, hash=False)
    front_matter: FrontMatter = field(default_factory=FrontMatter, compare=False, hash=False)
    notes: tuple[tuple[int, str, str], ...] = ()
    # The layout rules that fired, in order of first firing: page_furniture.PAGE_RULES, then (Markdown)
    # grid.GRID_RULES, headings.HEADING_RULES, markdown_blocks.LAYOUT_RULES or (text) text_lines.TEXT_RULES,
    # columns.COLUMN_PAGE_RULES; then aligned_columns.COLUMN_RULES.
    layout_rules: tuple[str, ...] = field(default=(), compare=False, hash=False)

    def page_of(self, lineno: int) -> int | None:
        """The printed page of a physical line, where the extraction shows pages."""
        return page_of(PageLayout(frozenset(), self.page_starts), lineno)

    def line_text(self, lineno: int) -> str:
        return self.raw_lines[lineno - 1] if 0 < lineno <= len(self.raw_lines) else ""


# --- decoding ---------------------------------------------------------------

def decode_source(data: bytes, file: str, diags: Diagnostics | None = None) -> tuple[str, str]:
    """Decode a document, returning (text, encoding name).

    UTF-8 (with or without BOM) is the norm. A UTF-8 file with a few stray
    bytes of another encoding (one Windows-1252 dash pasted in) stays UTF-8:
    each bad byte becomes U+FFFD and its line gets a warning. A letter saved
    as Windows-1252 or Latin-1 is recognised by failing UTF-8 while holding
    Norwegian letters in the single-byte positions, and read with a warning;
    anything with NUL bytes is refused as binary.
    """
    diags = diags if diags is not None else Diagnostics()
    if not data.strip():
        raise InputError(file, 0, "the file is empty")
    if data.lstrip()[:5] == b"%PDF-":
        raise InputError(file, 0, "this is a PDF file, not its text (convert it to text or Markdown first)")
    if b"\x00" in data:
        raise InputError(file, 0, "this is a binary file, not extracted text (save it as UTF-8 text)")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        bad_line = data[: exc.start].count(b"\n") + 1
    bad_lines, utf8_lines = _utf8_line_counts(data)
    if len(utf8_lines) > len(bad_lines):
        for n in bad_lines[:10]:
            diags.warn(file, n, "encoding", "a byte here is not UTF-8 (another encoding, such as Windows-1252); "
                                            "it is shown as \ufffd: check the character against the document")
        if len(bad_lines) > 10:
            diags.warn(file, bad_lines[10], "encoding", f"{len(bad_lines) - 10} more lines hold bytes that are not UTF-8")
        return data.decode("utf-8", errors="replace"), "utf-8"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(file, bad_line, "the file is not UTF-8 text (save it as UTF-8)") from None
    # Only accept the guess when it yields Norwegian letters, not noise.
    if re.search("[æøåÆØÅ]", text):
        diags.warn(file, bad_line, "encoding", "the file is Windows-1252, not UTF-8; read as Windows-1252 "
                                               "(save it as UTF-8)")
        return text, "cp1252"
    raise InputError(file, bad_line, "the file is not UTF-8 text (save it as UTF-8)") from None


def _utf8_line_counts(data: bytes) -> tuple[list[int], list[int]]:
    """Line numbers that are not UTF-8, and lines that are UTF-8 with non-ASCII letters."""
    bad, good = [], []
    for n, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            good.append(n)
        except UnicodeDecodeError:
            bad.append(n)
    return bad, good


# --- per-line normalisation ----------------------------------------------------

_SPACE_LIKE = "\u00a0\u2007\u2009\u202f\u2002\u2003\u2004\u2005\u2006\u2008\u200a\u3000"
_REMOVED = "\u00ad\u200b\u200c\u200d\u2060\ufeff\r\f"
# What a PDF-to-text tool leaves of typesetting: ligatures ("ﬁnansiering") and
# the typographic hyphens (U+2010, U+2011) that a word broken at a line end carries.
_REPLACED = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
             "\ufb05": "st", "\ufb06": "st", "\u2010": "-", "\u2011": "-"}
_TRANSLATE = {**dict.fromkeys(map(ord, _SPACE_LIKE), " "), **dict.fromkeys(map(ord, _REMOVED), None),
              **{ord(k): v for k, v in _REPLACED.items()}}

# Symbol-font bullets arrive as private-use code points (U+F0B7, U+F0A7, ...).
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")

def normalise_line(text: str) -> str:
    """One physical line to clean text (no splitting). Tabs are kept: they are
    column separators in tab-separated tables."""
    text = text.translate(_TRANSLATE)
    text = _PRIVATE_USE.sub("•", text)
    text = unicodedata.normalize("NFC", text)
    return text.rstrip()


def normalise_line_block(text: str) -> str:
    """`normalise_line` for many lines joined by "\n" (without the rstrip)."""
    # What str.translate does with the dict, one character at a time: a
    # whole-text `in` and `replace` per character is many times faster (most
    # of these characters are not in a document at all).
    for ch in _SPACE_LIKE:
        if ch in text:
            text = text.replace(ch, " ")
    for ch in _REMOVED:
        if ch in text:
            text = text.replace(ch, "")
    for ch, by in _REPLACED.items():
        if ch in text:
            text = text.replace(ch, by)
    text = _PRIVATE_USE.sub("•", text)
    text = restore_hyphen(text)  # "TB2025–12": an ID's dash made a hyphen again
    return unicodedata.normalize("NFC", text)


# --- reading --------------------------------------------------------------------

def split_physical_lines(text: str) -> list[str]:
    """Split like `grep -n` counts: on \\n only (a CR before it is dropped).
    A file with CR-only line ends (more lone CRs than LFs) is split on CR."""
    if text.count("\r") > 2 * text.count("\n"):
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return [ln[:-1] if ln.endswith("\r") else ln for ln in lines]


# Line(t, n) without the named tuple's Python-level __new__: the document's
# tens of thousands of lines are made here.
_new_line = tuple.__new__


def read_text(text: str, file: str, encoding: str = "utf-8") -> SourceText:
    """Physical lines -> logical lines, through the layout layer (`read/layout/`):
    page furniture dropped (pages kept), Markdown and HTML marks undone,
    space-aligned columns turned into tab-separated rows. An empty logical
    line is a paragraph break. The names of the layout rules that fired are
    kept, in order of first firing (`SourceText.layout_rules`)."""
    raw = split_physical_lines(text)
    front = read_front_matter(raw, file)
    pages = page_layout(raw)
    markdown = front.last_line > 0 or looks_like_markdown(raw)
    # Normalising the whole text at once is several times faster than line by
    # line and gives the same lines: nothing in it adds or removes a "\n".
    cleaned: list[str | None] = normalise_line_block("\n".join(raw)).split("\n")
    if markdown:
        fired = list(pages.rules_fired)
        cleaned[:front.last_line] = [""] * front.last_line
        cleaned = number_headings(grid_table_rows(cleaned, fired), fired)
        md = markdown_layout(cleaned, pages.furniture, front.last_line + 1)
        for rule in md.rules_fired:
            record(fired, rule)
        logical = [_new_line(Line, (t, n)) for n, t in column_rows(md.lines, fired)]
        notes = tuple((line, "front-matter", message) for line, message in front.warnings) + tuple(md.notes)
        return SourceText(file, tuple(raw), tuple(logical), tuple(range(1, front.last_line + 1)) + tuple(md.furniture),
                          encoding, pages.page_starts, md.headings, md.list_items, front, notes,
                          tuple(fired))
    fired = list(pages.rules_fired)
    found = text_lines(raw, cleaned, pages.furniture, fired)
    notes = [(line, "front-matter", message) for line, message in front.warnings] + found.notes
    ordered = two_column_pages(found.numbered, pages.page_starts, fired)
    logical = [_new_line(Line, (t, n)) for n, t in column_rows(ordered, fired)]
    return SourceText(file, tuple(raw), tuple(logical), tuple(found.furniture), encoding, pages.page_starts,
                      front_matter=front, notes=tuple(notes), layout_rules=tuple(fired))


def read_bytes(data: bytes, file: str, diags: Diagnostics | None = None) -> SourceText:
    text, encoding = decode_source(data, file, diags)
    source = read_text(text, file, encoding)
    if diags is not None:
        for line, code, message in source.notes:
            diags.warn(file, line, code, message)
    return source


# --- joining wrapped lines --------------------------------------------------------

def join_two(left: str, right: str) -> str:
    """Join two wrapped lines, undoing the hyphen of a word broken across
    them (the join rule's paragraph cases: `read/layout/joins.py`)."""
    left = left.rstrip()
    right = right.strip()
    if not left:
        return right
    if not right:
        return left
    return join_pieces(left, right, PARAGRAPH)


_SPACES = re.compile(r"[ \t]+")


def join_wrapped(lines: list[str]) -> str:
    """Wrapped lines to one paragraph string (same result as folding `join_two`,
    in linear time: pieces are collected and joined once)."""
    pieces: list[str] = []
    for ln in lines:
        right = ln.strip()
        if not right:
            continue
        # Only a piece ending in a hyphen or dash can join without a space.
        if pieces and pieces[-1][-1] in "-–":
            word = word_across_break(pieces[-1], right, PARAGRAPH)
            if word is not None:
                pieces[-1] = word
                continue
        pieces.append(right)
    joined = " ".join(pieces)
    if "  " in joined or "\t" in joined:
        joined = _SPACES.sub(" ", joined)
    return joined.strip()
