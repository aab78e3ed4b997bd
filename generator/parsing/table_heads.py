"""A budget table's printed head: the short lines above its first row that
name its columns ("Kap. Post Betegnelse", "Saldert" / "2017" / "2018",
"(i 1000 kr)"), taken off the running text for the table's caption
(`text_blocks`).

Read upward from the first row, line by line, by an ordered list of named
rules (`HEAD_RULES`), each a function over a small state (`HeadLine`) that
takes the line into the head, ends the head, or has no say; the first rule
with a say decides, and a line no rule takes ends the head. The table's shape
comes first: its key column (kap/post), the words of its amount columns as
its rows print them, the unit of its amounts; the head words are one rule
among the others. Each rule has a fixture pair in `tests/fixtures/<rule>/`
(`tests/fast/test_rule_fixtures.py`). Empty lines are skipped.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from generator.model import BudgetRow
from generator.parsing.letter.budget import KAP_POST_HEAD
from generator.parsing.tokens.amounts import KRONER_LINE, UNIT_LINE
from generator.read.source_text import Line

# A table's printed head is a few short lines of column names above its
# first row: at most four lines, each shorter than a sentence of prose.
TABLE_HEAD_LINES = 6
TABLE_HEAD_LINE_MAX = 90
HEAD_WORD = re.compile(r"\b(?:Kap|[Pp]ost|Betegnelse|Benevnelse|Tildeling|Kommentar|Merknad|Beløp|Saldert|"
                       r"Regnskap|Bevilgning|Forslag)\w*|\((?:alle tall|i 1 ?000)")
_WORD = re.compile(r"\w+")

TAKE, END = "take", "end"


@dataclass(frozen=True)
class HeadLine:
    """What a head rule sees: the line (stripped), how many head lines are
    taken below it, and the words of the table's amount columns as its rows
    print them ("saldert", "budsjett", "2017")."""
    text: str
    taken: int
    column_words: frozenset[str]
    above: str = ""  # the line above it (stripped), "" at the top of the text


def rule_head_full(h: HeadLine) -> str | None:
    """Four lines taken: the head is whole."""
    return END if h.taken >= TABLE_HEAD_LINES else None


def rule_prose_line(h: HeadLine) -> str | None:
    """A sentence (a full stop, a question) or a line as long as prose ends the head."""
    return END if len(h.text) >= TABLE_HEAD_LINE_MAX or h.text.endswith((".", "!", "?")) else None


def rule_kap_post_column(h: HeadLine) -> str | None:
    """The head row of the table's key columns: "Kap. Post Postnavn", "Kap./post Benevnelse"."""
    return TAKE if KAP_POST_HEAD.match(h.text) else None


def rule_amount_columns(h: HeadLine) -> str | None:
    """A line of the amount columns' names as the rows below print them:
    "Saldert", "budsjett", "2017", "Tildeling Hdir" (a head wrapped in its cells)."""
    words = _WORD.findall(h.text.lower())
    return TAKE if words and all(w in h.column_words for w in words) else None


def rule_unit_line(h: HeadLine) -> str | None:
    """The unit of the table's amounts: "(i 1000 kr)", "Alle tall i hele tusen", "(i kroner)"."""
    return TAKE if UNIT_LINE.match(h.text) or KRONER_LINE.match(h.text) else None


def rule_unit_wrapped(h: HeadLine) -> str | None:
    """The unit wrapped onto a second line: "kroner)" under "(i 1000-"."""
    return TAKE if h.above and UNIT_LINE.match(h.above + h.text) else None


def rule_head_words(h: HeadLine) -> str | None:
    """A short line with a column's word: "Kommentarer", "Kap 734 Særskilte tilskudd ..."."""
    return TAKE if HEAD_WORD.search(h.text) else None


HEAD_RULES: tuple[tuple[str, Callable[[HeadLine], str | None]], ...] = (
    ("head_full", rule_head_full),
    ("prose_line", rule_prose_line),
    ("kap_post_column", rule_kap_post_column),
    ("amount_columns", rule_amount_columns),
    ("unit_line", rule_unit_line),
    ("unit_wrapped", rule_unit_wrapped),
    ("head_words", rule_head_words),
)


def column_words(rows: list[BudgetRow]) -> frozenset[str]:
    """The words of the amount columns' headings the rows carry."""
    return frozenset(w for r in rows for heading, _ in r.amounts for w in _WORD.findall(heading.lower()))


def pop_table_head(body: list[Line], rows: list[BudgetRow], trace: list | None = None) -> list[Line]:
    """The head lines printed above a table whose `rows` follow `body`,
    popped off the end of `body` (the running text before the table).
    `trace` gets (rule, line number, taken) for each line a rule decided."""
    taken: list[Line] = []
    words = column_words(rows)
    while body:
        t = body[-1].text.strip()
        if not t:
            body.pop()
            continue
        above = next((ln.text.strip() for ln in reversed(body[:-1]) if ln.text.strip()), "")
        state = HeadLine(t, len(taken), words, above)
        rule, say = next(((name, say) for name, rule in HEAD_RULES if (say := rule(state)) is not None),
                         ("", END))
        if trace is not None and rule:
            trace.append((rule, body[-1].lineno, say == TAKE))
        if say != TAKE:
            break
        taken.insert(0, body.pop())
    return taken
