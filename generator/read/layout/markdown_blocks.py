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

The rules of this layer, in order (`LAYOUT_RULES`). Each records its name
when it fires (`MarkdownLayout.rules_fired`, `SourceText.layout_rules`) and
has a fixture pair in tests/fixtures/<rule>/ (a small export beside the JSON
of the rules that fired and the lines it gave; tests/fast/test_rule_fixtures.py):

1. `image_and_caption`: an image paragraph (``![...](...)``) and the
   converter's machine caption under it (a paragraph in English, or the
   image's alt text again) are no letter text;
2. `anchor_only`: a line that is only ``<a id="..."></a>`` anchors holds
   no text;
3. `flattened_table`: a whole table on one line, in a paragraph or a
   heading ("| Kap. | ... | |---|...| | 701 | 21 | ... | |  | 70 | ... |"):
   the rule row gives the number of columns, and the cells after it fall
   into rows of that many, a space between two rows;
4. `flattened_table_heading`: a heading whose text is a whole pipe table
   (``#### | | | |---|...| <b>TB2026-14</b> | ... |``) is that table's
   row, not a heading;
5. `bold_paragraph_lines`: a bold paragraph hard-wrapped over several
   lines (a header pandoc wrapped at 72 columns: "**ID: TB2022-24 ... NOU
   2020:1" / "Tjenester til ..." / "... syndrom**") is one line;
6. `bold_header_run_in`: a paragraph that starts with an assignment's ID
   and title in bold and runs on into its body ("**TB 2026-67 Utfasing
   ...** Sivilombudet ba ...") is the header line and a body paragraph;
7. `html_in_cells`: the HTML of a cell or paragraph read by the allow-list
   of `html_cells` (paragraphs and list items become lines of their own,
   ``<br>`` joins a broken word or number back);
8. `body_row`: a table row whose only filled cell is its first, in a table
   of several columns, is running text (an assignment's body in a header
   table), one line per paragraph of the cell;
9. `continued_row`: the first row of a table that starts right after
   another, with an empty first cell, continues the other table's last
   row (a table broken at a page), cell by cell;
10. `split_header_column`: a column with an empty heading next to a named
   one, never filled in the same row as it, is the named column (the
   converter split one heading cell in two);
11. `pipe_rows`: lines of pipe cells that markdown-it does not read as a
   table (no rule line under the first) are table rows all the same;
12. `html_table`: a table written as HTML (``<table><tr><td>``) is read
   as a pipe table is, its cells by the same allow-list;
13. `html_heading`: a line that is one HTML heading (``<h2>3.1 Folkehelse</h2>``)
   is a heading of that level, as ``## 3.1 Folkehelse`` is;
14. `setext_heading`: a paragraph underlined with ``===`` (level 1), or
   with ``---`` on the very next line (level 2), is a heading, as pandoc's
   writer prints them;
15. `rule_rows`: rows of dashes (``|---|---|`` repeated inside a table)
   hold no text.

Headings are recorded with their level (`MarkdownLayout.headings`), list
items with their kind (`MarkdownLayout.list_items`), so that the section
rules can tell an explicit heading from a numbered list item.

This module walks the tokens and assembles the lines; the state it writes
and the inline text are in `markdown_state`, headings, paragraphs and HTML
blocks in `markdown_paragraphs`, tables in `markdown_tables`.
"""
from __future__ import annotations

import re

from markdown_it import MarkdownIt

from generator.read.layout.markdown_paragraphs import heading, html_block, paragraph, setext_heading, setext_level
from generator.read.layout.markdown_state import MarkdownLayout, Reader
from generator.read.layout.markdown_tables import table

LAYOUT_RULES = ("image_and_caption", "anchor_only", "flattened_table", "flattened_table_heading", "bold_paragraph_lines",
                "bold_header_run_in",
                "html_in_cells", "body_row",
                "continued_row", "split_header_column", "pipe_rows", "html_table", "html_heading", "setext_heading",
                "rule_rows")

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
    reader = Reader(phys, kept)
    tokens = _MD.parse(_squeeze("\n".join(kept)))
    _walk(reader, tokens)
    return _assemble(reader, lines, phys, furniture, first)


def _assemble(reader: Reader, lines: list[str | None], phys: list[int], furniture: list[int],
              first: int) -> MarkdownLayout:
    layout = reader.layout
    out: list[tuple[int, str]] = []
    blank = True
    for number in phys:
        texts = reader.out.get(number)
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
        if number in reader.claimed or (lines[number - 1] or "").strip():
            furniture.append(number)
            continue
        if not blank:
            out.append((number, ""))
        blank = True
    layout.lines = out
    layout.furniture = sorted(set(furniture))
    return layout


def _walk(r: Reader, tokens) -> None:
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
                r.layout.list_items[r.line(tok.map[0])] = kind
        elif t == "heading_open":
            heading(r, tok, tokens[i + 1])
            i += 3
            continue
        elif t == "paragraph_open":
            level = None if item_marker or lists else setext_level(tokens, i)
            if level:
                i = setext_heading(r, tokens, i, level)
                continue
            paragraph(r, tok, tokens[i + 1], item_marker)
            item_marker = None
            i += 3
            continue
        elif t == "html_block":
            html_block(r, tok)
        elif t == "table_open":
            j = i
            while tokens[j].type != "table_close":
                j += 1
            table(r, tokens[i:j + 1])
            i = j + 1
            continue
        elif t == "hr" and tok.map:
            r.claim(*tok.map)
        if t not in ("paragraph_open", "list_item_open") and t.endswith("_open") and t != "list_item_open":
            pass
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

