"""Every structural rule in a list has a fixture pair that names it.

tests/fixtures/<rule>/<case>.txt (or .md) is a small document on which the
rule fires; <case>.json beside it is what the rules of its list found there,
each item naming the rule that fired (and, for budget rows, the diagnostics
the rules reported, after the rows). A rule without a fixture, or whose
fixture does not show it firing, fails here. Rewrite the expected files with
`python tests/fast/test_rule_fixtures.py` and review their diff.

The lists: the assignment headers' line rules (parsing/letter/headers.py
HEADER_RULES, tried at every line) and part rules (parsing/letter/assignments.py
PART_RULES, over what the line rules left); the section headings' rules
(parsing/letter/sections.py SECTION_RULES); the budget rows' rules
(parsing/letter/budget.py ROW_RULES, the LINE_RULES for a line no row rule took, the CELL_RULES of an amount
cell and the START_RULES checked as a row starts,
the TYPE_RULES that type it and the UNIT_RULES of its table); the budget
tables' printed heads (parsing/letter/budget_heads.py HEAD_RULES, tried
upward from a table's first row as the parser reads the table); the Markdown layout's rules
(read/layout/markdown_blocks.py LAYOUT_RULES: a fixture is a small Markdown
export), the pages' and a text extraction's lines'
(read/layout/page_furniture.py PAGE_RULES, read/layout/text_lines.py
TEXT_RULES), a Markdown export's grid tables and headings (grid.py GRID_RULES,
headings.py HEADING_RULES) and the columns' (columns.py COLUMN_PAGE_RULES,
aligned_columns.py COLUMN_RULES): a layout fixture's JSON is the rules of all
these lists that fired, in order of first firing, then the logical lines the
layout gave (each heading with its level, each line with its printed page
where the text shows pages). An item may name several rules: "rule" and, for
a budget row, "rules" (all that fired).
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

if __name__ == "__main__":  # run as a script to write the JSON: tests/ holds _paths
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import _paths  # noqa: E402
import pytest  # noqa: E402
from hypothesis import given, settings, strategies as st  # noqa: E402

ROOT = _paths.ROOT
FIXTURES = _paths.FIXTURES
sys.path.insert(0, str(ROOT))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.parsing.letter.assignments import PART_RULES, PartScan, assignment_headers  # noqa: E402
from generator.parsing.letter.headers import HEADER_RULES  # noqa: E402
from generator.parsing.letter.meta import find_budget_year  # noqa: E402
from generator.parsing.letter.budget import (  # noqa: E402
    CELL_RULES, LINE_RULES, ROW_RULES, START_RULES, TYPE_RULES, UNIT_RULES, parse_budget,
)
from generator.parsing.letter.sections import SECTION_RULES, find_sections, split_parts  # noqa: E402
from generator.parsing.letter.budget_heads import HEAD_RULES  # noqa: E402
from generator.read.layout.aligned_columns import COLUMN_RULES  # noqa: E402
from generator.read.layout.columns import COLUMN_PAGE_RULES  # noqa: E402
from generator.read.layout.grid import GRID_RULES  # noqa: E402
from generator.read.layout.headings import HEADING_RULES  # noqa: E402
from generator.read.layout.markdown_blocks import LAYOUT_RULES  # noqa: E402
from generator.read.layout.page_furniture import PAGE_RULES  # noqa: E402
from generator.read.layout.text_lines import TEXT_RULES  # noqa: E402

LAYOUT_RULE_NAMES = [name for name, _ in LAYOUT_RULES]
from generator.read.source_text import read_text  # noqa: E402


def assignment_header_rules(path: Path) -> list[dict]:
    """The assignment headers of a small letter, each with the rule that found it."""
    text = read_text(path.read_text(encoding="utf-8"), f"fixtures/{path.parent.name}/{path.name}")
    parts = split_parts(text.lines)
    found = find_sections(text.lines, parts[0].last + 1, text.headings, text.list_items)
    sections, idx = [s for _, s in found], [i for i, _ in found]
    year = find_budget_year(text, Diagnostics())
    out = []
    for part in parts:
        for h in assignment_headers(PartScan(text, part, sections, idx, year)):
            out.append({"rule": h.shape, "line": text.lines[h.index].lineno,
                        "id": re.sub(r"\s+", " ", h.printed).strip() if h.printed else None,
                        "title": h.title, "departments": list(h.departments)})
    return out


def _read(path: Path):
    text = read_text(path.read_text(encoding="utf-8"), f"fixtures/{path.parent.name}/{path.name}")
    parts = split_parts(text.lines)
    return text, parts


def section_rules(path: Path) -> list[dict]:
    """Every numbered line of a small letter that a section rule decided, with the rule."""
    text, parts = _read(path)
    trace: list = []
    found = {s.line: s for _, s in find_sections(text.lines, parts[0].last + 1, text.headings, text.list_items,
                                                 trace)}
    return [{"rule": rule, "line": line, "number": number, "section": ok,
             **({"title": found[line].title, "level": found[line].level} if ok else {})}
            for rule, line, number, ok in trace]


def budget_row_rules(path: Path) -> list[dict]:
    """The budget rows of a small letter, each with the rules that read, typed
    and measured it; and the totals and table ends a rule read."""
    text, parts = _read(path)
    found = find_sections(text.lines, parts[0].last + 1, text.headings, text.list_items)
    trace: list = []
    diags = Diagnostics()
    parse_budget(text, [s for _, s in found], [i for i, _ in found], parts[0], diags, trace)
    out = []
    for rules, what in trace:
        if isinstance(rules, str):  # (rule, line): a total, the table's end
            out.append({"rule": rules, "line": what})
            continue
        out.append({"rule": rules[0], "rules": rules, "line": what.line, "kap": what.kap, "post": what.post,
                    "title": what.title, "amounts": [list(a) for a in what.amounts], "unit": what.unit,
                    "type": what.type, "comment": what.comment})
    # What the rules reported (a row typed by its chapter number only, a total that does not add up).
    out += [{"diagnostic": d.code, "line": d.line, "message": d.message} for d in diags.items]
    return out


def table_head_rules(path: Path) -> list[dict]:
    """Each line above a budget table that a head rule decided: taken into the head or ending it."""
    text, parts = _read(path)
    found = find_sections(text.lines, parts[0].last + 1, text.headings, text.list_items)
    trace: list = []
    parse_budget(text, [s for _, s in found], [i for i, _ in found], parts[0], Diagnostics(), head_trace=trace)
    printed = {ln.lineno: ln.text for ln in text.lines}
    return [{"rule": rule, "line": line, "text": printed[line], "head": taken} for rule, line, taken in trace]


# The layout's rule lists, in the order they run: the page rules; then a Markdown export's grid and heading
# rules and its LAYOUT_RULES, or a text extraction's TEXT_RULES and its two-column pages; then the columns.
PAGE_LAYOUT_RULES = [name for name, _ in PAGE_RULES] + [name for name, _ in TEXT_RULES]
COLUMN_LAYOUT_RULES = [name for name, _ in COLUMN_PAGE_RULES] + [name for name, _ in COLUMN_RULES]
MARKDOWN_PREPASS_RULES = [name for name, _ in GRID_RULES] + [name for name, _ in HEADING_RULES]
ALL_LAYOUT_RULES = set(PAGE_LAYOUT_RULES) | set(COLUMN_LAYOUT_RULES) | set(MARKDOWN_PREPASS_RULES) | set(LAYOUT_RULE_NAMES)


def layout_rules(path: Path) -> list[dict]:
    """The layout rules that fired on a small document (all of the layout's
    lists, in order of first firing), then its logical lines (a heading's
    level, a list item's kind, the printed page where the text shows pages)
    and the layout's notes."""
    text, _ = _read(path)
    assert set(text.layout_rules) <= ALL_LAYOUT_RULES, "a rule recorded that no layout rule list holds"
    out: list[dict] = [{"rules": list(text.layout_rules)}]
    for ln in text.lines:
        item = {"line": ln.lineno, "text": ln.text}
        if text.page_of(ln.lineno) is not None:
            item["page"] = text.page_of(ln.lineno)
        if ln.text and ln.lineno in text.headings:
            item["heading"] = text.headings[ln.lineno]
        if ln.text and ln.lineno in text.list_items:
            item["list_item"] = text.list_items[ln.lineno]
        out.append(item)
    return out + [{"note": code, "line": line, "message": message} for line, code, message in text.notes]


# Each list: its rules' names, and what a fixture of one of them gives.
RULE_LISTS = {
    "assignment headers": ([name for name, _ in HEADER_RULES] + [name for name, _ in PART_RULES],
                           assignment_header_rules),
    "section headings": ([name for name, _ in SECTION_RULES], section_rules),
    "budget rows": ([name for name, _ in ROW_RULES + LINE_RULES + CELL_RULES + START_RULES + TYPE_RULES + UNIT_RULES],
                    budget_row_rules),
    "table heads": ([name for name, _ in HEAD_RULES], table_head_rules),
    "layout (Markdown)": (LAYOUT_RULE_NAMES, layout_rules),
    "layout (pages and text lines)": (PAGE_LAYOUT_RULES, layout_rules),
    "layout (Markdown grid tables and headings)": (MARKDOWN_PREPASS_RULES, layout_rules),
    "layout (columns)": (COLUMN_LAYOUT_RULES, layout_rules),
}
RULES = {rule: reader for names, reader in RULE_LISTS.values() for rule in names}
CASES = sorted(p for rule in RULES for p in (FIXTURES / rule).glob("*") if p.suffix in (".txt", ".md"))


def _fired(items: list[dict]) -> set[str]:
    return {item["rule"] for item in items if "rule" in item} | {r for item in items for r in item.get("rules", ())}


def _expected(path: Path) -> list[dict]:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_every_rule_has_a_fixture_that_fires_it():
    missing = [rule for rule in RULES
               if not any(p.parent.name == rule and p.with_suffix(".json").is_file()
                          and rule in _fired(_expected(p)) for p in CASES)]
    assert missing == []


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_each_fixture_names_its_folders_rule(path):
    """A fixture in tests/fixtures/<rule>/ shows <rule> firing (its expected
    JSON, which test_rule_fixture holds to what the rules give)."""
    assert path.parent.name in _fired(_expected(path))


def test_every_prose_change_rule_has_a_fixture_that_fires_it():
    """The prose rules of a supplement's allocation changes (change_prose's
    PAIR_RULES, PROSE_RULES, ITEM_RULES and OUTSIDE_RULES) have their fixture
    pairs in tests/fixtures/allocation_changes/, checked by
    tests/fast/test_year_letters.py; each rule is named by one of them."""
    from generator.parsing.letter.change_prose import ITEM_RULES, OUTSIDE_RULES, PAIR_RULES, PROSE_RULES

    named = set().union(*(_fired(json.loads(p.read_text(encoding="utf-8")))
                          for p in (FIXTURES / "allocation_changes").glob("*.json")))
    assert [name for name, _ in PAIR_RULES + PROSE_RULES + ITEM_RULES + OUTSIDE_RULES if name not in named] == []


def test_layout_records_only_its_listed_rules():
    """Every name the layout records on the sources and the shapes is a rule of
    one of the layout's lists (so each has a fixture above); the rules the
    sources fire are named."""
    # The letters (not the proposition: its 33 000 lines took most of the time, and the one
    # layout rule it fires, narrow_column_row, has its fixture) and the shapes.
    paths = [p for p in sorted(_paths.SOURCE.glob("*.*")) + sorted((FIXTURES / "shapes").glob("*.*"))
             if p.suffix in (".md", ".txt") and not p.name.startswith("prop-")]
    fired = {rule for p in paths for rule in read_text(p.read_text(encoding="utf-8"), p.name).layout_rules}
    assert fired - ALL_LAYOUT_RULES == set()
    assert {"image_and_caption", "anchor_only", "flattened_table", "html_in_cells", "body_row", "continued_row",
            "split_header_column", "bold_header_run_in", "rule_rows"} <= fired  # the 2026 exports' rules
    # The text extractions' (2018, 2022, 2024, 2025) and the shapes' page and column rules.
    assert {"page_number_lines", "running_lines", "form_feed_pages", "interleaved_lines", "break_inside_sentence",
            "text_markup", "text_table_rules", "space_column_row", "cells_above_row",
            "wrapped_cell", "cells_under_columns", "grid_table_row"} <= fired


# Lines of the shapes each layout list reads: page numbers, a form feed, a
# running title, space-aligned cells, HTML, a table rule, grid and pipe tables.
_LAYOUT_PIECES = ["Side 3 av 5", "\fTildelingsbrev 2026", "TB2024-05   Avd.HOD: FHA   oppfølging av",
                  "                           internasjonale forpliktelser", "733  21  Spesielle driftsutgifter",
                  "<p>Frist: 15.9.2024</p>", "<script>x</script>", "-----\t----", "| 701 | 21 |", "|---|---|",
                  "+----+----+", "# Innledning", "Helsedirektoratet skal klima-", "gassutslipp", "", "12"]


# The passes in the order read_text runs them (a text extraction's TEXT_RULES where a Markdown export's
# grid and heading rules run).
_PASS_RANK = {name: rank for rank, names in enumerate([
    [n for n, _ in PAGE_RULES], [n for n, _ in TEXT_RULES] + [n for n, _ in GRID_RULES],
    [n for n, _ in HEADING_RULES], LAYOUT_RULE_NAMES, [n for n, _ in COLUMN_PAGE_RULES],
    [n for n, _ in COLUMN_RULES]]) for name in names}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_LAYOUT_PIECES), max_size=30))
def test_layout_records_listed_rules_in_the_order_of_its_passes(pieces):
    """Whatever the shapes' lines make together, the layout records names of
    its lists only, each once, a pass's names after those of the passes before it."""
    recorded = read_text("\n".join(pieces), "x.txt").layout_rules
    assert set(recorded) <= ALL_LAYOUT_RULES and len(recorded) == len(set(recorded))
    ranks = [_PASS_RANK[name] for name in recorded]
    assert ranks == sorted(ranks)


def test_text_rules_are_described_in_their_order():
    """text_lines' docstring numbers the rules of TEXT_RULES, in its order."""
    from generator.read.layout import text_lines

    described = re.findall(r"^\d+\. `(\w+)`:", text_lines.__doc__, re.M)
    assert described == [name for name, _ in TEXT_RULES]


def test_layout_rules_are_described_in_their_order():
    """markdown_blocks' docstring numbers the rules of LAYOUT_RULES, in its order."""
    from generator.read.layout import markdown_blocks

    described = re.findall(r"^\d+\. `(\w+)`:", markdown_blocks.__doc__, re.M)
    assert described == LAYOUT_RULE_NAMES


def test_layout_rules_are_named_functions_tried_at_their_places():
    """LAYOUT_RULES is (name, function) pairs, each name once and its
    function's own, each function marked with the places it is tried at."""
    from generator.read.layout.markdown_state import WHERE

    assert len(LAYOUT_RULE_NAMES) == len(set(LAYOUT_RULE_NAMES)) == 15
    for name, rule in LAYOUT_RULES:
        assert callable(rule) and rule.__name__ == name
        assert rule.where and set(rule.where) <= set(WHERE), name


def test_the_walk_tries_the_rules_of_the_list(monkeypatch):
    """The walk tries what LAYOUT_RULES holds: without image_and_caption an
    image and its converter's caption are letter text (tests/fixtures/image_and_caption)."""
    from generator.read.layout import markdown_blocks

    lines = ["# 1 Innledning", "", "![Logo](logo.png)", "", "The image shows the logo of the ministry.", "", "Tekst."]
    with_rule = markdown_blocks.markdown_layout(lines)
    monkeypatch.setattr(markdown_blocks, "LAYOUT_RULES", tuple(r for r in LAYOUT_RULES if r[0] != "image_and_caption"))
    without = markdown_blocks.markdown_layout(lines)
    assert [t for _, t in with_rule.lines if t] == ["1 Innledning", "Tekst."]
    assert [t for _, t in without.lines if t] == ["1 Innledning", "Logo", "The image shows the logo of the ministry.",
                                                  "Tekst."]
    assert "image_and_caption" in with_rule.rules_fired and "image_and_caption" not in without.rules_fired


def test_no_rule_is_named_twice():
    names = [rule for names, _ in RULE_LISTS.values() for rule in names]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_rule_fixture(path):
    assert RULES[path.parent.name](path) == _expected(path)


if __name__ == "__main__":
    for case in CASES:
        got = RULES[case.parent.name](case)
        case.with_suffix(".json").write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(case.relative_to(ROOT), sorted(_fired(got)))
