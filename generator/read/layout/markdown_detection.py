"""Whether a source is a Markdown export, and which lines are a table's rules.

A word processor's Markdown export is read by markdown-it-py
(`markdown_blocks.markdown_layout`); a text extraction by the line rules.
`looks_like_markdown` tells them apart by the marks only an export shows
(`#` headings, or bold, underlined or HTML heading paragraphs, pipe-table
rules, grid-table borders, backslash escapes); `is_rule_line` knows the rule
lines either kind draws under a table's head ("-----\t----", "|---|").
"""
from __future__ import annotations

import re

_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~])")
# A Markdown export shows a few `#` headings or backslash escapes; a text
# extraction may hold one or two by accident ("# of", a path).
MARKDOWN_HEADINGS_MIN = 3
MARKDOWN_ESCAPES_MIN = 5
# A heading set in bold by hand ("**2.1 Folkehelse**", a paragraph of its own)
# or underlined (Setext: "=====" under its text) counts as a heading.
# A heading a converter wrote as HTML ("<h2>3.1 Folkehelse</h2>") counts too.


def looks_like_markdown(lines: list[str]) -> bool:
    """A Markdown export shows `#` headings (or bold, underlined or HTML
    heading paragraphs), pipe-table rules or backslash escapes. A bold,
    underlined or HTML heading is looked for line by line only where the
    whole text holds its mark at all (a proposition's 33 000 lines hold none)."""
    if any(_MD_RULE_ROW.match(ln) for ln in lines if "|" in ln and "-" in ln):
        return True
    if any(_GRID_BORDER.match(ln) for ln in lines if "+-" in ln):
        return True
    headings = sum(1 for ln in lines if "#" in ln and _MD_HEADING.match(ln))
    if headings < MARKDOWN_HEADINGS_MIN:
        text = "\n".join(lines)
        if "**" in text:
            headings += sum(1 for k in range(len(lines)) if "**" in lines[k] and _MD_BOLD_LINE.match(lines[k])
                            and (k == 0 or not lines[k - 1].strip()))
        if "===" in text:
            headings += sum(1 for k in range(1, len(lines)) if "===" in lines[k] and lines[k - 1].strip()
                            and _MD_SETEXT.match(lines[k]))
        if "<h" in text or "<H" in text:
            headings += sum(1 for ln in lines if "<" in ln and _HTML_HEADING.match(ln))
    if headings >= MARKDOWN_HEADINGS_MIN:
        return True
    return sum(1 for ln in lines if "\\" in ln and _MD_ESCAPE.search(ln)) >= MARKDOWN_ESCAPES_MIN


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
# Possessive quantifiers (*+): a rule never backtracks into its own runs (linear time).
_MD_RULE_ROW = re.compile(r"^\s*+\|?\s*+:?-{3,}+:?\s*+(?:\|\s*+:?-{3,}+:?\s*+)*+\|?\s*+$")
_MD_BOLD_LINE = re.compile(r"^\*\*[^*\s](?:[^*]|\*(?!\*))*\*\*\s*$")
_MD_SETEXT = re.compile(r"^\s{0,3}=+\s*$")
_HTML_HEADING = re.compile(r"^\s{0,3}<h[1-6]\b[^<>]*>", re.I)


_GRID_BORDER = re.compile(r"^\+(?:[-=:]+\+)+\s*$")
_RULE_LINE = re.compile(r"^[\s|+:]*+[-=_]{3,}+[-=_\s|+:]*+$")


def is_rule_line(text: str) -> bool:
    """A line drawn under a table's header or between its rows ("-----\t----",
    "|---|---|", "=====") holds no text."""
    return ("---" in text or "===" in text or "___" in text) and bool(_RULE_LINE.match(text))
