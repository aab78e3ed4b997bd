"""A budget table's printed head: the lines above its first row that name
its columns ("Kap. Post Postnavn", "Saldert" / "budsjett" / "2017"), their
unit ("(i 1000 kr)") and the chapter a caption names ("Kap. 2752 Refusjon
av egenbetaling"), read by the letter's parser with the table
(`budget.parse_budget`) and kept in the model (`model.BudgetTable`), so
that the full-text pages show it as the table's caption without reading
the text again (`parsing/text_blocks.py`).

Read upward from the first row, line by line, by an ordered list of named
rules (`HEAD_RULES`), each a function over a small state (`HeadLine`) that
takes the line into the head, ends the head, or has no say; the first rule
with a say decides, and a line no rule takes ends the head (`other_line`).
A heading of the document is never a table's; the lines the parser read as
the table's columns (from its key-columns row down to the first row) come
next; above them a caption is taken only by what it says: a unit, a
chapter's name. Each rule has a fixture pair in `tests/fixtures/<rule>/`
(`tests/fast/test_rule_fixtures.py`). Empty lines are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from generator.model import BudgetTable
from generator.parsing.tokens.amounts import KRONER_LINE, UNIT_LINE
from generator.parsing.tokens.kap_post import KAP, KAP_ABBR, KAP_POST_HEADING
from generator.read.source_text import Line

# A line as long as prose (90 characters or more) is no caption of a table.
TABLE_HEAD_LINE_MAX = 90
# A caption line naming the table's chapter: "Kap. 740 Helsedirektoratet", "Kap 734 Særskilte tilskudd ...".
CONTEXT_KAP = re.compile(rf"^\s*{KAP_ABBR}\s*(?P<kap>{KAP})\s+(?P<title>[A-ZÆØÅ].*)$")
# A post's heading ("Kap. 2756, post 70", a supplementary letter's): the table under it is that post's.
POST_HEADING = re.compile(rf"^\s*{KAP_POST_HEADING}", re.I)

TAKE, END = "take", "end"


@dataclass(frozen=True)
class HeadLine:
    """What a head rule sees: the line (stripped), whether the table's parser
    read it as the table's columns (its key-columns row or a line under it),
    whether it is a heading of the document, and the line above it
    (stripped; "" at the top of the text)."""
    text: str
    columns: bool
    heading: bool
    above: str = ""


def rule_heading_line(h: HeadLine) -> str | None:
    """A heading of the document (a numbered section, a Markdown heading:
    "### Tildeling over Kommunal- og distriktsdepartementet", "### Kap. 770,
    post 70") ends the head: it is the text's, never a table's caption."""
    return END if h.heading else None


def rule_kap_post_column(h: HeadLine) -> str | None:
    """The table's columns as its parser read them: the key-columns row
    ("Kap. Post Postnavn", "Kap./post Benevnelse", "714 Folkehelse Beløp")
    and the lines under it down to the first row (the amount columns' names
    wrapped in their cells, "Saldert" / "budsjett" / "2017", a unit printed there)."""
    return TAKE if h.columns else None


def rule_prose_line(h: HeadLine) -> str | None:
    """A sentence (a full stop, a question) or a line as long as prose ends the head."""
    return END if len(h.text) >= TABLE_HEAD_LINE_MAX or h.text.endswith((".", "!", "?")) else None


def rule_unit_line(h: HeadLine) -> str | None:
    """The unit of the table's amounts: "(i 1000 kr)", "Alle tall i hele tusen", "(i kroner)"."""
    return TAKE if UNIT_LINE.match(h.text) or KRONER_LINE.match(h.text) else None


def rule_unit_wrapped(h: HeadLine) -> str | None:
    """The unit wrapped onto a second line: "kroner)" under "(i 1000-"."""
    return TAKE if h.above and UNIT_LINE.match(h.above + h.text) else None


def rule_chapter_line(h: HeadLine) -> str | None:
    """A caption naming the table's chapter or post: "Kap. 740 Helsedirektoratet",
    "Kap 734 Særskilte tilskudd til psykisk helse og rustiltak", "Kap. 2756, post 70"."""
    return TAKE if CONTEXT_KAP.match(h.text) or POST_HEADING.match(h.text) else None


def rule_other_line(h: HeadLine) -> str | None:
    """Any other line ends the head: running text, a title that names no
    chapter ("Tildeling over Helse- og omsorgsdepartementet"), a row of the table before."""
    return END


HEAD_RULES: tuple[tuple[str, Callable[[HeadLine], str | None]], ...] = (
    ("heading_line", rule_heading_line),
    ("kap_post_column", rule_kap_post_column),
    ("prose_line", rule_prose_line),
    ("unit_line", rule_unit_line),
    ("unit_wrapped", rule_unit_wrapped),
    ("chapter_line", rule_chapter_line),
    ("other_line", rule_other_line),
)


def read_head(lines: tuple[Line, ...] | list[Line], first_row: int, columns_from: int | None, top: int,
              headings: set[int], trace: list | None = None) -> tuple[int, int] | None:
    """The printed head above a table whose first row is lines[first_row]:
    (first line, last line) as physical line numbers, or None when no line
    above it is the table's. `columns_from`: the index of the key-columns row
    the parser read the table's columns from (None: a table that goes on
    under its unit line only); `top`: the first index the head may reach;
    `headings`: the physical lines that are headings of the document.
    `trace` gets (rule, line number, taken) for each line a rule decided."""
    taken: list[int] = []
    k = first_row - 1
    while k >= top:
        t = lines[k].text.strip()
        if not t:
            k -= 1
            continue
        above = next((lines[a].text.strip() for a in range(k - 1, top - 1, -1) if lines[a].text.strip()), "")
        state = HeadLine(t, columns_from is not None and k >= columns_from, lines[k].lineno in headings, above)
        rule, say = next((name, say) for name, rule in HEAD_RULES if (say := rule(state)) is not None)
        if trace is not None:
            trace.append((rule, lines[k].lineno, say == TAKE))
        if say != TAKE:
            break
        taken.append(lines[k].lineno)
        k -= 1
    return (taken[-1], taken[0]) if taken else None


def budget_table(head: tuple[int, int] | None, first_row: int, end_line: int) -> BudgetTable:
    """A table as the model keeps it: its head's span and its rows'."""
    return BudgetTable(head[0] if head else first_row, head[1] if head else 0, first_row, end_line)
