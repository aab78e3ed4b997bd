"""Running text to blocks, on real lines of the proposition and letters."""
from __future__ import annotations

import bisect
import functools

from generator.parsing.blocks import bullet_of, is_table_row, lines_to_blocks
from tests.conftest import read_source


def _blocks_between(name: str, first: int, last: int):
    text = read_source(name)
    return lines_to_blocks([ln for ln in text.lines if first <= ln.lineno <= last])


def test_page_break_inside_a_word_does_not_split_the_paragraph():
    # Prop. lines 12784-12787: "... vektlegge støtte til kom-" / "" / "munene ..." (a column break).
    blocks = _blocks_between("prop-1-s-2023-2024.txt", 12784, 12790)
    assert any("støtte til kommunene" in b.text for b in blocks), [b.text for b in blocks]


def test_bullets_in_the_2025_letter_become_a_list():
    # Lines 311-331: four "•" items, each wrapped over two or three lines.
    blocks = _blocks_between("tildelingsbrev-2025.txt", 311, 331)
    lists = [b for b in blocks if b.kind == "list"]
    assert len(lists) == 1 and len(lists[0].items) == 4
    assert lists[0].items[0] == ("Beregninger av hvor stor andel av sykdomsbyrden som kan tilskrives de fire "
                                 "påvirkningsfaktorene, basert på eksisterende data og forskning.")


def test_recognisers():
    assert bullet_of("• Fordeling av sykdomsbyrde") == "• "
    assert bullet_of("2025. Regelverket skal") is None
    assert is_table_row("0740.21\tSpesielle driftsutgifter\t30 000")
    assert not is_table_row("Spesielle driftsutgifter 30 000")


def test_run_in_headings_and_list_end_in_the_2022_letter():
    # TTB2022-6 (lines 3240-3293): "Høringsnotatet" and "Videre prosess" stand alone above their paragraphs.
    text = read_source("tildelingsbrev-2022.txt")
    blocks = lines_to_blocks([ln for ln in text.lines if 3240 <= ln.lineno <= 3293])
    leads = [b.text for b in blocks if b.kind == "lead"]
    assert "Høringsnotatet" in leads and "Videre prosess" in leads
    assert not any(b.text.startswith("Høringsnotatet Høringsnotatet") for b in blocks)


@functools.lru_cache(maxsize=None)  # a parse of the proposition is a second of CPU; the documents are frozen
def _text_blocks(name: str, kind: str):
    from generator.diagnostics import Diagnostics
    from generator.parsing import parse_document

    text = read_source(name)
    return text, parse_document(text, None, Diagnostics(), kind)


def _check_every_line_in_one_block(text, blocks):
    assert all(a.end_line < b.line for a, b in zip(blocks, blocks[1:])), "blocks overlap or are out of order"
    starts = [b.line for b in blocks]
    for ln in text.lines:
        if ln.text.strip():
            k = bisect.bisect_right(starts, ln.lineno) - 1
            assert k >= 0 and blocks[k].end_line >= ln.lineno, f"line {ln.lineno} is in no block"


def test_the_2025_letter_is_read_into_blocks_once_with_its_allocation_tables():
    text, doc = _text_blocks("tildelingsbrev-2025.txt", "tildelingsbrev")
    blocks = doc.text_blocks
    _check_every_line_in_one_block(text, blocks)
    assert [b.line for b in blocks if b.kind == "section"] == [s.line for s in doc.sections]
    tables = [b for b in blocks if b.kind == "budget_table"]
    # Lines 3090-3096 print the column headings above the table's first row (3098).
    assert [(t.line, t.text) for t in tables][0] == (
        3090, "(alle tall i 1 000 kroner) Kap./post Benevnelse Tildeling Kommentarer")
    assert len(tables) == 2


def test_the_propositions_follow_up_tables_are_blocks_of_their_decisions():
    text, doc = _text_blocks("prop-1-s-2023-2024.txt", "prop1s")
    _check_every_line_in_one_block(text, doc.text_blocks)
    tables = [b for b in doc.text_blocks if b.kind == "decision_table"]
    assert [(t.line, t.end_line) for t in tables] == [(1954, 2055), (2083, 2122)]
    # The parser keeps each table's span; the blocks merge it: the head
    # ("Tabell 3.1 ..." l. 1945 to "(2023–2024)" l. 1952) above the first row,
    # row 137 wrapped over 1961-1964 ("... rela-" / "sjoner" / "Nei").
    parsed = doc.decision_tables
    assert [(t.line, t.head_end, t.rows[0], t.end_line, len(t.rows)) for t in parsed] == [
        (1945, 1952, 1954, 2055, 47), (2083, 0, 2083, 2122, 24)]
    assert dict(zip(parsed[0].rows, parsed[0].row_ends))[1961] == 1964
    first = [(v.session, v.nr) for v in doc.vedtak if tables[0].line <= v.line <= tables[0].end_line]
    assert first[:3] == [("2022–2023", "1"), ("2022–2023", "2"), ("2022–2023", "43")] and len(first) == 47


def test_a_wrapped_headings_block_ends_where_the_parser_read_its_last_line():
    """The parser keeps a heading's end (Section.heading_end); the full-text
    blocks take it and guess nothing: "2.4 Opptrappingsplan psykisk helse" /
    "og forebygging og" / "behandlingsreform på rusfeltet" (l. 1588-1590)."""
    text, doc = _text_blocks("prop-1-s-2023-2024.txt", "prop1s")
    sec = next(s for s in doc.sections if s.number == "2.4")
    assert (sec.line, sec.heading_end) == (1588, 1590)
    assert sec.title == "Opptrappingsplan psykisk helse og forebygging og behandlingsreform på rusfeltet"
    blocks = {b.line: b for b in doc.text_blocks if b.kind == "section"}
    assert blocks[1588].end_line == 1590
    assert all(blocks[s.line].end_line == max(s.line, s.heading_end) for s in doc.sections if s.line in blocks)


def test_an_assignment_keeps_where_its_header_ends():
    """TB2025-4's header runs from its ID (l. 444) over its departments to its
    wrapped title (l. 450); TB2025-61's is one line (2472)."""
    _, doc = _text_blocks("tildelingsbrev-2025.txt", "tildelingsbrev")
    by_id = {a.id: a for a in doc.assignments}
    assert (by_id["TB2025-4"].line, by_id["TB2025-4"].header_end) == (444, 450)
    assert (by_id["TB2025-61"].line, by_id["TB2025-61"].header_end) == (2472, 2472)
    assert all(a.line <= a.header_end <= a.end_line for a in doc.assignments)


def test_no_paragraph_break_after_kap():
    """ "... fra kap." / "714, post 70 ...": the abbreviation's full stop ends no
    sentence, in a list item (the proposition, l. 7018) and over a blank line."""
    from generator.parsing.blocks import lines_to_blocks
    from generator.read.source_text import Line

    item = lines_to_blocks([Line(t, n) for n, t in enumerate([
        "– Det foreslås å flytte 2,5 mill. kroner fra kap. ", "714, post 70 knyttet til implementering av ",
        "arbeid, jf. nærmere omtale under."], 7018)])
    assert [b.kind for b in item] == ["list"] and "fra kap. 714, post 70" in item[0].items[0]
    over_blank = lines_to_blocks([Line(t, n) for n, t in enumerate(
        ["- Økt med 2 mill. kroner fra kap.", "", "717, post 21.", "", "- Neste punkt."], 1)])
    assert over_blank[0].items == ("Økt med 2 mill. kroner fra kap. 717, post 21.", "Neste punkt.")
    para = lines_to_blocks([Line(t, n) for n, t in enumerate(
        ["Midlene føres over kap.", "", "714, post 70.", "", "Neste avsnitt."], 1)])
    assert [b.text for b in para] == ["Midlene føres over kap. 714, post 70.", "Neste avsnitt."]


# --- numbered items keep their numbers (issue 25 item 2) -------------------------------

def test_a_numbered_item_keeps_its_number_a_bullet_loses_its_mark():
    from generator.parsing.blocks import item_text

    assert item_text("1. Delleveranse: innen 1.11.2026") == "1. Delleveranse: innen 1.11.2026"
    assert item_text("  2) Det vises til tildelingsbrev") == "2) Det vises til tildelingsbrev"
    assert item_text("b) Kap. 762, post 21 og 63") == "b) Kap. 762, post 21 og 63"
    assert item_text("- Vedtak 583") == "Vedtak 583"
    assert item_text("• Helsedirektoratet skal") == "Helsedirektoratet skal"


def test_tb2026_71_deliverables_keep_their_numbers_and_deadlines(source_dir):
    """Supplement nr. 2 announces TB2026-71 ('*Ettersendes*'), nr. 3 gives it,
    its deliverables a converter's '- 1. Delleveranse ...' (a numbered list in
    a bullet): both items, with their numbers, and both deadlines."""
    from generator.diagnostics import Diagnostics
    from generator.link.linker import build_graph
    from generator.parsing.extract import extract_document
    from generator.read.sources import load_manifest

    entries = [e for e in load_manifest(source_dir) if e.year == 2026]
    docs = [extract_document(source_dir / e.file, Diagnostics(), e, text_blocks=False)[1] for e in entries]
    doc, a = build_graph({2026: docs}).years[2026].assignments["tb2026-71"]
    assert doc.supplement == 3 and (a.line, a.end_line) == (135, 144)
    items = [b for b in a.body if b.kind == "list"]
    assert [i[:40] for b in items for i in b.items] == ["1. Delleveranse: Helsedirektoratet skal ",
                                                        "2. Sluttleveranse: Endelig utredning og "]
    assert [(d.date, d.text) for d in a.deadlines] == [("2026-11-01", "1.11.2026"), ("2026-12-31", "31.12.2026")]
    assert a.deadline == "2026-11-01" and a.departments == ("SHA",)
    # TB2026-72 refers to an item by its number: "TB2026-14 punkt 1"
    tb14 = build_graph({2026: docs}).years[2026].assignments["tb2026-14"][1]
    assert next(b for b in tb14.body if b.kind == "list").items[0].startswith("1. ADHD: vurdere revidering")


def test_a_follow_up_table_runs_over_its_repeated_head_and_ends_at_text():
    """Rows of one follow-up table are grouped by what stands between them,
    not by a line distance: the head printed again on the next page keeps the
    table going however far (2055 -> the head at 2057-2062), a decision's
    follow-up text beside it ends it ("Stortingssesjon (2022–2023)" at 2063)."""
    from generator.parsing.prop.vedtak import TableRow, _same_table

    def row(nr: str, title: str, line: int) -> TableRow:
        return TableRow("2020–2021", nr, title, "Nei", line, line, [])

    head = {2057: "Sesjon Vedtak nr. Stikkord", 2059: "Rapportering avsluttes", 2060: "(Ja/Nei) i Prop. 1 S",
            2062: "(2023–2024)"}
    assert _same_table(row("726", "Responstider", 2055), row("876", "Koronakommisjonen", 2090), head)
    text = {**head, 2063: " Stortingssesjon (2022–2023)"}
    assert not _same_table(row("726", "Responstider", 2055), row("876", "Koronakommisjonen", 2064), text)
