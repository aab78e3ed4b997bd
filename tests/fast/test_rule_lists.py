"""Every ordered rule list of the parser is a list of named functions.

Issue 26: "Ordered lists of named rules ..., each rule a function over a small
state". A name without its function (a rule applied inline somewhere else)
fails here; so does a name used twice, within a list or across the lists a
fixture may name (tests/fast/test_rule_fixtures.py finds a fixture's rule by
its name alone).
"""
from __future__ import annotations

from generator.parsing.letter.change_prose import ITEM_RULES, OUTSIDE_RULES, PAIR_RULES, PROSE_RULES
from generator.parsing.letter.assignments import PART_RULES
from generator.parsing.letter.budget_row_types import TYPE_RULES
from generator.parsing.letter.budget_rows import ROW_RULES
from generator.parsing.letter.budget_cells import CELL_RULES
from generator.parsing.letter.budget_scan import START_RULES
from generator.parsing.letter.budget_table_ends import LINE_RULES
from generator.parsing.letter.headers import HEADER_RULES
from generator.parsing.letter.sections import (
    DECIDING_RULES, GATE_RULES, SECTION_RULES, TITLE_RULES, VETO_RULES, find_sections,
)
from generator.parsing.letter.budget_heads import HEAD_RULES
from generator.parsing.tokens.amounts import UNIT_RULES
from generator.read.layout.aligned_columns import COLUMN_RULES
from generator.read.layout.columns import COLUMN_PAGE_RULES
from generator.read.layout.grid import GRID_RULES
from generator.read.layout.headings import HEADING_RULES
from generator.read.layout.markdown_blocks import LAYOUT_RULES
from generator.read.layout.page_furniture import PAGE_RULES
from generator.read.layout.text_lines import TEXT_RULES
from generator.read.source_text import Line

RULE_LISTS = {
    "LAYOUT_RULES": LAYOUT_RULES,
    "HEADER_RULES": HEADER_RULES,
    "PART_RULES": PART_RULES,
    "SECTION_RULES": SECTION_RULES,
    "ROW_RULES": ROW_RULES,
    "LINE_RULES": LINE_RULES,
    "CELL_RULES": CELL_RULES,
    "START_RULES": START_RULES,
    "TYPE_RULES": TYPE_RULES,
    "UNIT_RULES": UNIT_RULES,
    "HEAD_RULES": HEAD_RULES,
    "PAIR_RULES": PAIR_RULES,
    "PROSE_RULES": PROSE_RULES,
    "ITEM_RULES": ITEM_RULES,
    "OUTSIDE_RULES": OUTSIDE_RULES,
    "PAGE_RULES": PAGE_RULES,
    "TEXT_RULES": TEXT_RULES,
    "GRID_RULES": GRID_RULES,
    "HEADING_RULES": HEADING_RULES,
    "COLUMN_PAGE_RULES": COLUMN_PAGE_RULES,
    "COLUMN_RULES": COLUMN_RULES,
}


def test_every_rule_is_a_named_function():
    loose = [(list_name, entry) for list_name, rules in RULE_LISTS.items() for entry in rules
             if not (isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str) and callable(entry[1]))]
    assert loose == []


def test_no_rule_name_is_used_twice():
    names = [name for rules in RULE_LISTS.values() for name, _ in rules]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_section_rules_are_the_phases_in_order():
    assert SECTION_RULES == GATE_RULES + DECIDING_RULES + VETO_RULES + TITLE_RULES
    assert [n for n, _ in SECTION_RULES][0] == "table_of_contents"
    assert [n for n, _ in SECTION_RULES][-1] == "sentence_title"


def _trace(texts: list[str]) -> list[tuple]:
    lines = tuple(Line(t, k + 1) for k, t in enumerate(texts))
    trace: list = []
    find_sections(lines, trace=trace)
    return trace


def test_gate_and_title_rules_decide_by_their_functions():
    # tildelingsbrev-2024.txt l. 26 (its table of contents), and
    # tildelingsbrev-2026.md l. 359: a numbered sentence, a list item after
    # chapter 3, not chapter 4; then the 2024 letter's first heading.
    trace = _trace([
        "1\tInnledning\t3",
        "",
        "1 Innledning",
        "",
        "2 Mål, styringsparametere og oppdrag",
        "",
        "3. Strategisk samarbeid om arbeidsmiljø: Følge opp den strategiske samarbeidsavtalen med Arbeidstilsynet.",
    ])
    assert [(rule, line, ok) for rule, line, _, ok in trace] == [
        ("table_of_contents", 1, False), ("numbered_heading", 3, True), ("numbered_heading", 5, True),
        ("sentence_title", 7, False)]
