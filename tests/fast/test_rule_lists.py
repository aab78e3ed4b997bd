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


def _budget_rules_fired(path) -> list[tuple[str, int]]:
    """(rule, line) of every rule a small letter's budget tables fired: the trace's and each row's."""
    from generator.diagnostics import Diagnostics
    from generator.parsing.letter.budget import parse_budget
    from generator.parsing.letter.sections import split_parts
    from generator.read.source_text import read_text

    text = read_text(path.read_text(encoding="utf-8"), path.name)
    parts = split_parts(text.lines)
    found = find_sections(text.lines, parts[0].last + 1, text.headings, text.list_items)
    trace: list = []
    parse_budget(text, [s for _, s in found], [i for i, _ in found], parts[0], Diagnostics(), trace)
    return [(rules, what) if isinstance(rules, str) else (rule, what.line) for rules, what in trace
            for rule in ([rules] if isinstance(rules, str) else rules)]


def test_the_table_scan_dispatches_from_its_lists(monkeypatch):
    """The budget table's rules fire because their lists hold them: without
    row_fragment in LINE_RULES the table of tests/fixtures/row_fragment ends at
    "undersøkelser" (l. 20) and loses 733.21 (l. 24); without post_order in
    START_RULES, or two_amounts_in_one_cell in CELL_RULES, no row names it."""
    import _paths
    from generator.parsing.letter import budget_cells, budget_scan, budget_table_ends

    fixtures = _paths.FIXTURES
    fragment = fixtures / "row_fragment" / "row-first-line-lost.txt"
    assert ("row_fragment", 20) in _budget_rules_fired(fragment) and ("kap_post", 24) in _budget_rules_fired(fragment)
    monkeypatch.setattr(budget_table_ends, "LINE_RULES", tuple(r for r in LINE_RULES if r[0] != "row_fragment"))
    assert ("row_fragment", 20) not in _budget_rules_fired(fragment)
    assert ("kap_post", 24) not in _budget_rules_fired(fragment)
    for module, list_name, rules, folder in [(budget_scan, "START_RULES", START_RULES, "post_order"),
                                             (budget_cells, "CELL_RULES", CELL_RULES, "two_amounts_in_one_cell")]:
        case = next((fixtures / folder).glob("*.txt"))
        assert folder in {rule for rule, _ in _budget_rules_fired(case)}
        monkeypatch.setattr(module, list_name, tuple(r for r in rules if r[0] != folder))
        assert folder not in {rule for rule, _ in _budget_rules_fired(case)}
