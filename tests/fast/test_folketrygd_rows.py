"""Budget rows typed folketrygd (issue 25 item 5, parser): by the table's
heading where the letter prints one ("4.3. Folketrygd- og aktivitetsbaserte
poster", 2026), else by the budget's numbering (kap. 2500-2799, as the older
letters print kap. 2711-2790 among the other chapters); a disagreement is a
`row-type` warning. The expense totals keep counting them and say so."""
from __future__ import annotations

from collections import Counter

import pytest

from generator.derive.series import LETTER_SERIES
from generator.derive.totals import year_totals
from generator.diagnostics import Diagnostics
from generator.link.linker import build_graph
from generator.parsing.extract import extract_document
from generator.parsing.letter.budget_row_types import row_type
from generator.read.sources import load_manifest


@pytest.fixture(scope="module")
def letter_2026(source_dir):
    entry = next(e for e in load_manifest(source_dir) if e.file == "tildelingsbrev-2026.md")
    diags = Diagnostics()
    return extract_document(source_dir / entry.file, diags, entry, text_blocks=False)[1], diags


def test_section_4_3_rows_are_folketrygd(letter_2026):
    doc, _ = letter_2026
    assert Counter(r.type for r in doc.budget_rows) == {"utgift": 50, "folketrygd": 17, "inntekt": 6}
    trygd = [r for r in doc.budget_rows if r.type == "folketrygd"]
    assert [f"{r.kap}.{r.post}" for r in trygd[:3]] == ["2711.70", "2711.71", "2711.72"]
    assert (trygd[4].kap, trygd[4].post, trygd[4].title, trygd[4].amounts) == (
        2751, "70", "Legemidler", (("Tildeling 2026", 15_569_000),))
    assert {r.kap for r in trygd} == {2711, 2751, 2752, 2755, 2756, 2790}


def test_a_row_of_another_chapter_in_the_folketrygd_table_keeps_its_type_and_is_reported(letter_2026):
    doc, diags = letter_2026
    rows = [r for r in doc.budget_rows if (r.kap, r.post) == (732, "77")]
    assert [(r.type, r.amounts[0]) for r in rows] == [("utgift", ("Tildeling", 4_615_595)),
                                                      ("utgift", ("Tildeling 2026", 4_615_595))]
    warned = [(d.line, d.code) for d in diags.items if d.code == "row-type"]
    assert warned == [(rows[1].line, "row-type")] and rows[1].line == 1332


def test_the_type_rules_in_order():
    assert row_type(2751, "inntekt") == ("inntekt", None, "income_heading")
    assert row_type(2751, "folketrygd") == ("folketrygd", None, "folketrygd_heading")
    assert row_type(2751, None, 2751) == ("folketrygd", None, "folketrygd_table")  # under "Kap. 2751 Legemidler mv."
    assert row_type(2751, None, 2711) == ("folketrygd", None, "folketrygd_chapter")  # another chapter's table
    assert row_type(2751, None) == ("folketrygd", None, "folketrygd_chapter")  # the older letters' tables
    assert row_type(3740, None) == ("inntekt", None, "chapter_number")
    assert row_type(740, None) == ("utgift", None, "chapter_number")
    kind, why, rule = row_type(732, "folketrygd")
    assert kind == "utgift" and "no folketrygd chapter" in why and rule == "folketrygd_heading"


def test_the_expense_total_still_counts_them_and_says_how_much(letter_2026):
    doc, _ = letter_2026
    model = build_graph({2026: [doc]}).years[2026]
    totals = {t.type: t for t in year_totals(model) if t.series == LETTER_SERIES}
    # the figure the front page has shown since the 2026 letter came: unchanged
    assert totals["utgift"].amount == 76_940_817
    assert totals["utgift"].folketrygd == 48_557_940  # the 17 rows of 4.3; 732.77 counted once, as an expense
    assert totals["inntekt"].amount == 215_641 and totals["inntekt"].folketrygd == 0
    assert model.chapters[2751].type == "utgift" and model.chapters[2751].folketrygd
    assert not model.chapters[732].folketrygd


def test_the_older_letters_folketrygd_chapters(source_dir):
    """2024 prints kap. 2711-2790 in its one allocation table ("5.1
    Budsjetttildelinger"), among the other chapters: typed by their numbers,
    and said once, at the first of them (l. 1212 "2711 70 Spesialisthjelp")."""
    entry = next(e for e in load_manifest(source_dir) if e.file == "tildelingsbrev-2024.txt")
    diags = Diagnostics()
    doc = extract_document(source_dir / entry.file, diags, entry, text_blocks=False)[1]
    trygd = [r for r in doc.budget_rows if r.type == "folketrygd"]
    assert len(trygd) == 18 and {r.kap for r in trygd} == {2711, 2751, 2752, 2755, 2756, 2790}
    assert (trygd[0].kap, trygd[0].post, trygd[0].title) == (2711, "70", "Spesialisthjelp")
    warned = [(d.line, d.message[:40]) for d in diags.items if d.code == "row-type"]
    assert warned == [(1212, "18 rows of kap. 2711, 2751, 2752, 2755, ")]


def test_the_2018_letters_chapter_tables_type_their_rows():
    """2018 prints each folketrygd chapter in a table of its own under its
    heading ("Kap. 2711 Spesialisthelsetjeneste mv.", l. 2171): its rows are
    folketrygd by that table (rule folketrygd_table), with nothing to report."""
    from generator.parsing.letter.budget import parse_budget
    from generator.parsing.letter.sections import find_sections, split_parts
    from generator.read.source_text import read_text
    import _paths

    text = read_text((_paths.SOURCE / "tildelingsbrev-2018.txt").read_text(encoding="utf-8"), "tildelingsbrev-2018.txt")
    parts = split_parts(text.lines)
    found = find_sections(text.lines, parts[0].last + 1, text.headings, text.list_items)
    trace: list = []
    diags = Diagnostics()
    parse_budget(text, [s for _, s in found], [i for i, _ in found], parts[0], diags, trace)
    typed = {(row.kap, row.post): rules[-2] for rules, row in trace if not isinstance(rules, str)}
    assert typed[(2711, "70")] == typed[(2751, "72")] == typed[(2790, "70")] == "folketrygd_table"
    assert {rule for (kap, _), rule in typed.items() if 2500 <= kap < 2800} == {"folketrygd_table"}
    assert sum(1 for kap, _ in typed if 2500 <= kap < 2800) == 19
    assert [d for d in diags.items if d.code == "row-type"] == []
