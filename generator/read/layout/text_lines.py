"""A text extraction's lines: what a PDF, HTML or Word extraction leaves that is no text.

A text source (no Markdown export) is read line by line. Most lines hold no
mark at all and are kept as they are; the others go through TEXT_RULES, in
order, each a function over the scan (`_TextScan`) returning whether it
fired (its name is then recorded, `SourceText.layout_rules`), each with a
fixture pair in tests/fixtures/<rule>/:

1. `interleaved_lines`: an extraction that put an empty line after every
   text line (some PDF extractions do): those empty lines mean nothing;
2. `text_html_tags`: HTML in a text extraction is read by the allow-list of
   html_cells (a tag outside it dropped, its text kept; `<script>` and
   `<style>` with what they hold), each dropped tag an `html-dropped` note;
3. `break_inside_sentence`: the page furniture (found by page_furniture's
   PAGE_RULES) is taken out, and where the text before a page break stops
   mid-sentence (or mid-row, or at a colon) the empty lines around the
   page's furniture are no paragraph break;
4. `text_table_rules`: a table's rule lines ("-----\t----", "|---|") hold no text;
5. `text_markup`: inline HTML (`<p>`, `<ul>`, `<li>`, `<i>`, `<br>`) and
   `**bold**` as structure: a block tag splits the line, inline tags and
   bold marks go; "<p>Side 7</p>" is page furniture once its tags are gone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.read.layout.html_cells import (BLOCK_TAGS, BREAK_TAGS, INLINE_TAGS, UNWRAPPED_TAGS, drop_disallowed_tags,
                                              html_dropped_message)
from generator.read.layout.layout_limits import record
from generator.read.layout.markdown_detection import is_rule_line
from generator.read.layout.page_furniture import is_page_furniture

NumberedLine = tuple[int, str]

# Markup left by an HTML or Word extraction in a text source. Block tags split
# the line; inline tags vanish. Anything else that looks like a tag (<script>,
# <img>) is text and stays, to be escaped when rendered (a Markdown source's
# HTML is read by html_cells.read_html instead).
# The tag names come from the allow-list of read/layout/html_cells.py, the
# one place that says which tags are structure.
_BLOCK_TAG = re.compile(r"</?(?:%s)\b[^<>]*/?>" % "|".join(sorted((BLOCK_TAGS - {"li", "td", "th"}) | BREAK_TAGS)), re.I)
_LIST_ITEM_TAG = re.compile(r"<li\b[^<>]*>", re.I)
_INLINE_TAG = re.compile(r"</?(?:%s)\b[^<>]*>" % "|".join(sorted(INLINE_TAGS | UNWRAPPED_TAGS | {"li", "td", "th"})), re.I)
# Bold never runs over another pair of marks: each try ends at the next "**"
# (with ".+?" it ran to the line's end: quadratic on "**x **x **x ...").
_BOLD_MARK = re.compile(r"\*\*(?=\S)((?:[^*]|\*(?!\*))+?)(?<=\S)\*\*|__(?=\S)((?:[^_]|_(?!_))+?)(?<=\S)__")
_OPEN_BOLD = re.compile(r"^\s*\*\*(?=\S)|(?<=\S)\*\*\s*$")
_ENTITIES = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}
_ENTITY = re.compile("|".join(map(re.escape, _ENTITIES)))


def strip_markup(text: str) -> list[str]:
    """Split a line on block-level HTML tags, drop inline tags and bold marks."""
    if "<" not in text and "*" not in text and "_" not in text and "&" not in text:
        return [text]
    text = _LIST_ITEM_TAG.sub("\n• ", text)
    text = _BLOCK_TAG.sub("\n", text)
    text = _INLINE_TAG.sub("", text)
    text = _BOLD_MARK.sub(lambda m: m.group(1) or m.group(2), text)
    text = _OPEN_BOLD.sub("", text)  # bold running over a line break: "**Oppfølging av –" / "vedtak**"
    text = _ENTITY.sub(lambda m: _ENTITIES[m.group(0)], text)
    parts = [p.rstrip() for p in text.split("\n")]
    # A line that was only tags becomes one blank line, not several.
    kept = [p for p in parts if p.strip()]
    return kept or [""]


# An extraction is interleaved when it holds more than 20 text lines and
# empty lines standing between two text lines number more than 60 % of its
# text lines: a short document, or a few blank lines between paragraphs,
# is no such extraction.
INTERLEAVED_MIN_LINES = 20
INTERLEAVED_SHARE = 0.6


def is_interleaved(raw: list[str]) -> bool:
    """True when the extraction put an empty line after every text line.

    Some PDF extractions do (the letters here); then an empty line means
    nothing and a whitespace-only line is the real paragraph break. In other
    extractions an empty line is the paragraph break.
    """
    text_lines = sum(1 for ln in raw if ln.strip())
    sandwiched = sum(
        1 for i in range(1, len(raw) - 1)
        if raw[i] == "" and raw[i - 1].strip() and raw[i + 1].strip()
    )
    return text_lines > INTERLEAVED_MIN_LINES and sandwiched > INTERLEAVED_SHARE * text_lines


# A full stop after these does not end the sentence: "under kap." / "762, post 73".
_ABBREVIATION_END = re.compile(r"\b(?:kap|jf|jfr|nr|mill|mrd|pkt|ca|bl\.a|St|Prop|Meld|Innst|post|vedr|ref)\.$")


def ends_in_abbreviation(text: str) -> bool:
    """"... fra kap." ends in an abbreviation's full stop, not a sentence's."""
    return bool(_ABBREVIATION_END.search(text.rstrip()))


def _continues_over_break(numbered: list[NumberedLine]) -> bool:
    """Whether the text before a page break stops mid-sentence (or mid-row, or
    at a colon), so that the empty lines around the page's furniture are no
    paragraph break."""
    for _, text in reversed(numbered):
        if text.strip():
            end = text.rstrip()
            return not end.endswith((".", "!", "?")) or bool(_ABBREVIATION_END.search(end))
    return False


def _is_plain(text: str) -> bool:
    """A line with no mark that TEXT_RULES look for: no tag (`<`), bold (`*`,
    `_`), entity (`&`) or rule (`---`, `===`, `___`): `strip_markup` keeps it
    as it is and `is_rule_line` says no."""
    return ("<" not in text and "*" not in text and "_" not in text and "&" not in text
            and "---" not in text and "===" not in text)


@dataclass
class _TextScan:
    """What the text rules read and write: the page furniture's lines and
    whether the extraction is interleaved; the lines kept, the lines that
    hold no text, the notes; whether a page break inside a sentence is open
    and which dropped tag (<script>) is still open; and the line at hand (its
    number, as printed, and as the rules leave it: None once a rule took it)."""
    page_furniture: frozenset[int]
    interleaved: bool
    numbered: list[NumberedLine] = field(default_factory=list)
    furniture: list[int] = field(default_factory=list)
    notes: list[tuple[int, str, str]] = field(default_factory=list)
    page_break: bool = False
    open_tag: str | None = None
    number: int = 0
    original: str = ""
    text: str | None = None


def _rule_interleaved_lines(st: _TextScan) -> bool:
    """The empty line after every text line of an interleaved extraction means nothing."""
    if st.interleaved and st.original == "":
        st.text = None
        return True
    return False


def _rule_text_html_tags(st: _TextScan) -> bool:
    """The allow-list over the line as printed (the rules after it read it without its trailing spaces)."""
    before = st.text
    if "<" in before or st.open_tag is not None:  # the same allow-list as a Markdown source's
        st.text, st.open_tag, dropped = drop_disallowed_tags(before, st.open_tag)
        st.notes.extend((st.number, "html-dropped", html_dropped_message(tag, whole)) for tag, whole in dropped)
    st.text = st.text.rstrip()
    return st.text != before.rstrip()


def _rule_break_inside_sentence(st: _TextScan) -> bool:
    """A page's furniture line is taken out; where the text before it stops
    mid-sentence, the empty lines before and after it go too."""
    fired = False
    if st.number in st.page_furniture:
        st.furniture.append(st.number)
        st.page_break = _continues_over_break(st.numbered)
        if st.page_break:
            while st.numbered and not st.numbered[-1][1].strip():
                st.numbered.pop()
                fired = True
        st.text = None
    elif st.page_break:
        if not st.text.strip():
            st.text = None  # the page's bottom or top margin, inside a sentence or a table row
            return True
        st.page_break = False
    return fired


def _rule_text_table_rules(st: _TextScan) -> bool:
    if not is_rule_line(st.text):
        return False
    st.furniture.append(st.number)
    st.text = None
    return True


def _rule_text_markup(st: _TextScan) -> bool:
    clean = st.text
    parts = strip_markup(clean)
    if len(parts) == 1 and parts[0] is clean:
        return False
    kept = [part for part in parts if not is_page_furniture(part)]
    if not kept:  # "<p>Side 7</p>": furniture once the markup is gone
        st.furniture.append(st.number)
    else:
        st.numbered.extend((st.number, part) for part in kept)
    st.text = None
    return parts != [clean]


TEXT_RULES = (
    ("interleaved_lines", _rule_interleaved_lines),
    ("text_html_tags", _rule_text_html_tags),
    ("break_inside_sentence", _rule_break_inside_sentence),
    ("text_table_rules", _rule_text_table_rules),
    ("text_markup", _rule_text_markup),
)


@dataclass(frozen=True)
class TextLines:
    numbered: list[NumberedLine]  # (physical line, text) of each logical line
    furniture: list[int]  # physical lines that hold no text
    notes: list[tuple[int, str, str]]  # (line, code, message)


def text_lines(raw: list[str], cleaned: list[str], page_furniture: frozenset[int],
               fired: list[str] | None = None) -> TextLines:
    """A text extraction's logical lines from its physical lines as printed
    (`raw`) and normalised (`cleaned`), by the rules of TEXT_RULES; the names
    of those that fire are added to `fired` (in order of first firing)."""
    interleaved = is_interleaved(raw)
    st = _TextScan(page_furniture, interleaved)
    numbered = st.numbered
    open_state = False  # st.page_break or st.open_tag, read after the rules ran (locals: most lines skip them)
    for number, (original, clean) in enumerate(zip(raw, cleaned), start=1):
        if (not open_state and number not in page_furniture and _is_plain(clean)
                and not (interleaved and original == "")):
            numbered.append((number, clean.rstrip()))  # most lines: what the rules would keep
            continue
        st.number, st.original, st.text = number, original, clean
        for name, rule in TEXT_RULES:
            if rule(st):
                record(fired, name)
            if st.text is None:
                break
        else:
            numbered.append((number, st.text))
        open_state = st.page_break or st.open_tag is not None
    return TextLines(numbered, st.furniture, st.notes)
