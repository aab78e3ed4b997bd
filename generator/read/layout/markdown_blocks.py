"""A Markdown export read with markdown-it-py: its tokens -> the logical lines the rules read.

A converter's or a word processor's Markdown export carries the letter's
structure as Markdown blocks: ``#`` headings, paragraphs, ``-``/``1.`` lists,
pipe tables (with HTML inside their cells) and raw HTML blocks. markdown-it-py
reads the blocks (its block rules only: the inline text is read here, with
`html_cells` for the HTML), and every token carries its source lines
(`token.map`), so each logical line keeps the physical line it was printed
on. The rules after this layer see the same logical lines as for any
extraction: a heading's text, a paragraph's lines, a list item with its
marker, a table row as tab-separated cells, an empty line between blocks.

The layout's rules are one ordered list, `LAYOUT_RULES`: (name, function)
pairs, as markdown-it-py's `Ruler` holds its rules. Each function is a rule
over the state (`markdown_state.LayoutState`) and one piece of the export,
marked with the places of the walk where it is tried (`layout_rule`, the
places in `markdown_state.WHERE`): a paragraph, a paragraph's line (as a
table's row, then as text), a heading, a line of pipe cells, an HTML block's line, a table's printed row,
a table, a row once read, a piece of inline text. At each place the walk
tries that place's rules in this list's order (`LayoutState.apply`); the
first that fires (returns True) has read the piece, unless it is a repair,
which changed the piece for the rules after it; a piece no rule read is read
plainly. The state records each rule that fires (`MarkdownLayout.rules_fired`,
`SourceText.layout_rules`, in order of first firing); each has a fixture
pair in tests/fixtures/<rule>/ (a small export beside the JSON of the rules
that fired and the lines it gave; tests/fast/test_rule_fixtures.py).

To add a layout rule: write a function over the state and its piece in the
module of its kind (`markdown_paragraphs`, `markdown_tables`,
`markdown_inline`), mark it with `layout_rule(<place>)`, put it in
`LAYOUT_RULES` at its place below, describe it in this list, and add
tests/fixtures/<name>/<case>.md with its JSON (written by
`python tests/fast/test_rule_fixtures.py`, read line by line).

The rules, in order:

1. `setext_heading`: (paragraph) a paragraph underlined with ``===``
   (level 1), or with ``---`` on the very next line (level 2), is a
   heading, as pandoc's writer prints them;
2. `pipe_rows`: (paragraph, paragraph row) lines of pipe cells that
   markdown-it does not read as a table (no rule line under the first) are
   table rows all the same: a paragraph of them, or the lines under a list
   item's first;
3. `bold_paragraph_lines`: (paragraph, a repair) a bold paragraph
   hard-wrapped over several lines (a header pandoc wrapped at 72 columns:
   "**ID: TB2022-24 ... NOU 2020:1" / "Tjenester til ..." / "...
   syndrom**") is one line;
4. `image_and_caption`: (paragraph) an image paragraph (``![...](...)``)
   and the converter's machine caption under it (a paragraph in English, or
   the image's alt text again) are no letter text;
5. `rule_rows`: (line, table row) rows of dashes (``|---|---|`` repeated
   inside a table) and a ``=====`` line hold no text;
6. `bold_header_run_in`: (line) a line that starts with an assignment's ID
   and title in bold and runs on into its body ("**TB 2026-67 Utfasing
   ...** Sivilombudet ba ...") is the header line and a body paragraph;
7. `flattened_table`: (heading, pipe row) a whole table on one line, in a
   paragraph or a heading ("| Kap. | ... | |---|...| | 701 | 21 | ... | |
   | 70 | ... |"): the rule row gives the number of columns, and the cells
   after it fall into rows of that many, a space between two rows;
8. `flattened_table_heading`: (heading) a heading that holds a pipe table
   whose cells do not fall into rows (``#### | | | |---|...| <b>TB2026-14</b>
   | ... |``, one row after the rule) is that row, not a heading; no source
   has it today (the 2026 export's flattened header tables end in a second
   rule row, which `flattened_table` reads): it keeps a table's text from
   ever being a heading when that rule row is missing;
9. `html_table`: (HTML line) a table written as HTML (``<table><tr><td>``)
   is read as a pipe table is, its cells by the same allow-list;
10. `html_heading`: (HTML text) a line that is one HTML heading
   (``<h2>3.1 Folkehelse</h2>``) is a heading of that level, as
   ``## 3.1 Folkehelse`` is;
11. `split_header_column`: (table, a repair) a column with an empty heading
   next to a named one, never filled in the same row as it, is the named
   column (the converter split one heading cell in two);
12. `continued_row`: (table, a repair) the first row of a table that starts
   right after another, with an empty first cell, continues the other
   table's last row (a table broken at a page), cell by cell;
13. `body_row`: (row) a table row whose only filled cell is its first, in a
   table of several columns, is running text (an assignment's body in a
   header table), one line per paragraph of the cell;
14. `anchor_only`: (inline, a repair) ``<a id="..."></a>`` anchors hold no
   text;
15. `html_in_cells`: (inline) the HTML of a cell or paragraph read by the
   allow-list of `html_cells` (paragraphs and list items become lines of
   their own, ``<br>`` joins a broken word or number back).

Headings are recorded with their level (`MarkdownLayout.headings`), list
items with their kind (`MarkdownLayout.list_items`), so that the section
rules can tell an explicit heading from a numbered list item.

This module walks the tokens and assembles the lines; the state, the pieces
and `apply` are in `markdown_state`; headings, paragraphs, HTML blocks and
their rules in `markdown_paragraphs`; tables and theirs in `markdown_tables`;
inline text and its rules in `markdown_inline`.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from generator.read.layout.markdown_inline import anchor_only, html_in_cells
from generator.read.layout.markdown_paragraphs import (
    bold_header_run_in, bold_paragraph_lines, html_heading, image_and_caption, pipe_rows, read_heading,
    read_html_block, read_paragraph, setext_heading,
)
from generator.read.layout.markdown_state import LayoutState, MarkdownLayout
from generator.read.layout.markdown_tables import (
    body_row, continued_row, flattened_table, flattened_table_heading, html_table, read_table, rule_rows,
    split_header_column,
)

# The rules in the order they are tried (each at the places its `layout_rule` names; see above).
LAYOUT_RULES = (
    ("setext_heading", setext_heading),
    ("pipe_rows", pipe_rows),
    ("bold_paragraph_lines", bold_paragraph_lines),
    ("image_and_caption", image_and_caption),
    ("rule_rows", rule_rows),
    ("bold_header_run_in", bold_header_run_in),
    ("flattened_table", flattened_table),
    ("flattened_table_heading", flattened_table_heading),
    ("html_table", html_table),
    ("html_heading", html_heading),
    ("split_header_column", split_header_column),
    ("continued_row", continued_row),
    ("body_row", body_row),
    ("anchor_only", anchor_only),
    ("html_in_cells", html_in_cells),
)

_MD = MarkdownIt("commonmark", {"html": True}).enable("table").disable(
    ["inline", "text_join", "code", "fence", "reference", "lheading"])


_PAD = re.compile(r"(?<=\S) {2,}")
_DASH_RUN = re.compile(r"-{4,}")


def _squeeze(text: str) -> str:
    """Runs of spaces and dashes in table lines, which carry no text, made
    short before markdown-it reads them (a converter pads every cell)."""
    out = []
    for ln in text.split("\n"):
        if "|" in ln and ("  " in ln or "----" in ln):
            ln = _PAD.sub(" ", ln)
            ln = _DASH_RUN.sub("---", ln)
        out.append(ln)
    return "\n".join(out)


def markdown_layout(lines: list[str | None], skip: set[int] | frozenset[int] = frozenset(), first: int = 1) -> MarkdownLayout:
    """The logical lines of a Markdown document. `lines` are its normalised
    physical lines (None: a line an earlier rule took, such as a grid
    table's border); `skip`: physical line numbers that are page furniture;
    `first`: the first physical line that is text (after front matter)."""
    phys: list[int] = []
    kept: list[str] = []
    furniture: list[int] = []
    for number in range(first, len(lines) + 1):
        text = lines[number - 1]
        if text is None or number in skip:
            furniture.append(number)
            continue
        phys.append(number)
        kept.append(text)
    if not phys:
        return MarkdownLayout([], furniture)
    state = LayoutState(phys, kept, LAYOUT_RULES)
    tokens = _MD.parse(_squeeze("\n".join(kept)))
    _walk(state, tokens)
    return _assemble(state, lines, phys, furniture, first)


def _assemble(st: LayoutState, lines: list[str | None], phys: list[int], furniture: list[int],
              first: int) -> MarkdownLayout:
    layout = st.layout
    out: list[tuple[int, str]] = []
    blank = True
    for number in phys:
        texts = st.out.get(number)
        if texts is not None:
            for t in texts:
                if not t.strip():
                    if not blank:
                        out.append((number, ""))
                    blank = True
                    continue
                out.append((number, t.rstrip()))
                blank = False
            if not texts:
                furniture.append(number)
            continue
        if number in st.claimed or (lines[number - 1] or "").strip():
            furniture.append(number)
            continue
        if not blank:
            out.append((number, ""))
        blank = True
    layout.lines = out
    layout.furniture = sorted(set(furniture))
    return layout


def _walk(st: LayoutState, tokens) -> None:
    """Each block token to its reader (each reader tries its place's rules first)."""
    lists: list[tuple[str, str]] = []  # (kind, marker char) of the open lists
    item_marker: str | None = None
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        t = tok.type
        if t in ("bullet_list_open", "ordered_list_open"):
            kind = "ol" if t.startswith("ordered") else "ul"
            lists.append((ONE_ITEM_LIST if kind == "ol" and _items(tokens, i) == 1 else kind, tok.markup))
        elif t in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif t == "list_item_open":
            kind, markup = lists[-1] if lists else ("ul", "-")
            marker = f"{tok.info}{markup}" if kind != "ul" else ("•" if markup in "*+" else "-")
            item_marker = "  " * (len(lists) - 1) + marker + " "
            if tok.map:
                st.layout.list_items[st.line(tok.map[0])] = kind
        elif t == "heading_open":
            read_heading(st, tok, tokens[i + 1])
            i += 3
            continue
        elif t == "paragraph_open":
            i = read_paragraph(st, tokens, i, item_marker, bool(item_marker or lists))
            item_marker = None
            continue
        elif t == "html_block":
            read_html_block(st, tok)
        elif t == "table_open":
            j = i
            while tokens[j].type != "table_close":
                j += 1
            read_table(st, tokens[i:j + 1])
            i = j + 1
            continue
        elif t == "hr" and tok.map:
            st.claim(*tok.map)
        i += 1


# A numbered list of one item ("1. Innledning" alone: perhaps a heading an
# export printed as a paragraph, which the section rules decide).
ONE_ITEM_LIST = "ol-one"


def _items(tokens, i: int) -> int:
    """How many items the list opened at tokens[i] holds (its own, not a nested list's)."""
    level, n = tokens[i].level, 0
    for tok in tokens[i + 1:]:
        if tok.level == level and tok.type.endswith("_list_close"):
            break
        if tok.type == "list_item_open" and tok.level == level + 1:
            n += 1
    return n

