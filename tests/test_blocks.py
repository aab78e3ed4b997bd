"""Running text to blocks, on real lines of the proposition and letters."""
from __future__ import annotations

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
