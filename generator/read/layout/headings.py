"""Heading numbers that a Markdown export left out.

A word processor numbers a letter's headings itself ("2.1 Folkehelse"); its
Markdown export often keeps the heading levels (`#`, `##`) but not the
numbers. The rules after the layout read sections by their numbers, so when
no heading of the export carries one, they are counted back from the levels:
the first `#` is 1, the `##` under it 1.1, and so on. A document's title
("Tildelingsbrev til Helsedirektoratet for 2026") and a table of contents
("Innhold") are headings of no section and get no number.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.parsing.tokens.assignment_id import HEADING_START
from generator.read.layout.layout_limits import run_rules

_HEADING = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<text>\S.*?)[ \t#]*$")
# Headings are counted back only in a letter with a few sections: one or
# two headings are a title and a heading, not a numbered outline.
NUMBERED_SECTIONS_MIN = 3
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\.?\s")
_NOT_A_SECTION = re.compile(r"tildelingsbrev|^prop\.|^innhold(?:sfortegnelse)?$|^del\s+[ivx]+\b|^kap\.", re.I)
# An assignment's ID first ("TB2026-71 Utrede ..."): an export whose headings
# are its assignments (a supplementary letter) has no numbered sections to count.
_ASSIGNMENT_HEADING = re.compile(rf"^\W*{HEADING_START}")
# A supplementary letter ("Supplerende tildelingsbrev nr. 2", "Tillegg til
# tildelingsbrev") numbers none of its headings: they are no sections.
_SUPPLEMENT = re.compile(r"^(?:supplerende|tillegg)\b.*\btildelingsbrev", re.I)


def _text(m: re.Match) -> str:
    """A heading's text without the emphasis around it ("**3.1 Mål**")."""
    return m.group("text").strip("*_ ")


def number_headings(lines: list[str | None], fired: list[str] | None = None) -> list[str | None]:
    """The lines with numbers put before unnumbered Markdown headings, when
    none of the document's headings has a number of its own (the rules of
    HEADING_RULES; the names of those that fire are added to `fired`)."""
    st = _HeadingScan(lines)
    run_rules(HEADING_RULES, st, fired)
    return st.out


@dataclass
class _HeadingScan:
    lines: list[str | None]
    out: list[str | None] = field(default_factory=list)


def _rule_counted_heading_numbers(st: _HeadingScan) -> bool:
    """Headings with levels and no numbers get them counted back from their
    levels, unless a heading has a number, the headings are assignments or
    the letter is a supplement (which numbers no heading)."""
    lines = st.lines
    st.out = lines
    found = [(i, m) for i, ln in enumerate(lines) if ln and ln[:1] == "#" and (m := _HEADING.match(ln))]
    sections = [(i, m) for i, m in found if not _NOT_A_SECTION.search(_text(m))]
    if len(sections) < NUMBERED_SECTIONS_MIN or any(_NUMBERED.match(_text(m)) for _, m in found):
        return False
    if any(_ASSIGNMENT_HEADING.match(_text(m)) for _, m in found) or _SUPPLEMENT.match(_text(found[0][1])):
        return False
    top = min(len(m.group("marks")) for _, m in sections)
    st.out = out = list(lines)
    counters: list[int] = []
    for i, m in sections:
        depth = len(m.group("marks")) - top + 1
        counters = counters[:depth] + [0] * (depth - len(counters))
        counters[depth - 1] += 1
        number = ".".join(str(c) for c in counters)
        out[i] = f"{m.group('marks')} {number} {m.group('text')}"
    return True


# The headings' rules (one): each a function over the scan, returning whether
# it fired (its name is then recorded, `SourceText.layout_rules`); each has a
# fixture in tests/fixtures/<rule>/.
HEADING_RULES = (("counted_heading_numbers", _rule_counted_heading_numbers),)
