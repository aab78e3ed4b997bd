"""A budget table's printed head, read by the letter's parser with the table
(parsing/letter/budget_heads.py, model.BudgetTable) and merged, not found
again, by the full-text pages' blocks (parsing/text_blocks.py); on real
tables of the letters."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.read.source_text import join_wrapped


def _document(parsed, name: str):
    return next((text, doc) for _, text, doc in parsed if doc.source == name)


def _head(text, table) -> list[str]:
    printed = {ln.lineno: ln.text for ln in text.lines}
    return [printed[n] for n in range(table.line, table.head_end + 1) if printed.get(n, "").strip()]


@pytest.mark.parametrize("name, first_row, span, head", [
    # 2024: the unit above the tab-separated head row.
    ("tildelingsbrev-2024.txt", 1131, (1128, 1130),
     ["Alle tall i hele tusen", "Kap.\tPost\tNavn på post\tTildeling 2024\tKommentar"]),
    # 2026's Markdown letter: the heading above the unit ("### Tildeling over Kommunal- og
    # distriktsdepartementet", l. 1299) is the text's, not the table's.
    ("tildelingsbrev-2026.md", 1305, (1301, 1303),
     ["(alle tall i 1 000 kroner)", "Kap./post\tBenevnelse\tTildeling\tKommentarer"]),
    # 2026: a table that goes on under its unit line only (4.2 Inntekter).
    ("tildelingsbrev-2026.md", 1319, (1313, 1313), ["(alle tall i 1 000 kroner)"]),
    # 2018: a head of nine lines (its amount columns wrapped in their cells) under its unit and chapter.
    ("tildelingsbrev-2018.txt", 2861, (2838, 2859),
     ["Kap. 575 Ressurskrevende tjenester", "(i 1 000 kr)", "Post Betegnelse", "Regnskap", "2016", "Saldert",
      "budsjett", "2017", "Bevilgning", "2018"]),
    # Supplementary letter nr. 1: the post's heading ("### **Kap. 770, post 70**", l. 77) stays text.
    ("supplerende-tildelingsbrev-2026-nr-1.md", 82, (79, 81),
     ["\t\t\t(alle tall i 1 000 kroner)", "Kap. post\tTidligere tildeling\tNy tildeling\tSum tildelt 2026"]),
])
def test_the_parser_records_the_printed_head(parsed, name, first_row, span, head):
    text, doc = _document(parsed, name)
    table = next(t for t in doc.budget_tables if t.first_row == first_row)
    assert (table.line, table.head_end) == span
    assert _head(text, table) == head


def test_the_full_text_blocks_show_the_recorded_heads(parsed):
    """Every budget table block of every letter starts at its table's
    recorded head and shows that head's text as its caption."""
    checked = 0
    for _, text, doc in parsed:
        tables = {t.first_row: t for t in doc.budget_tables}
        for block in (b for b in doc.text_blocks if b.kind == "budget_table"):
            first = min(r.line for r in doc.budget_rows if r.read_from == "table" and block.line <= r.line <= block.end_line)
            table = tables[first]
            assert block.line == table.line, (doc.source, first)
            assert block.text == join_wrapped(_head(text, table)), (doc.source, first)
            checked += 1
    assert checked == 46


# Lines printed above budget tables in the letters, and what else stands there.
_ABOVE = ("(i 1000 kr)", "Alle tall i hele tusen", "(i 1000-", "kroner)", "Kap. 2752 Refusjon av egenbetaling",
          "Kap. 2756, post 70", "Tildeling over Kommunal- og distriktsdepartementet",
          "Departementet stiller midlene til disposisjon slik tabellen viser.", "Saldert", "2017", "",
          " 72 Medisinsk forbruksmateriell 2003500 2018300")


@given(st.lists(st.tuples(st.sampled_from(_ABOVE), st.booleans()), min_size=1, max_size=12),
       st.integers(0, 12))
def test_a_head_is_the_lines_right_above_the_first_row_and_no_heading(above, columns):
    """Whatever stands above a table: the head is a run of lines ending right
    above the first row (only empty lines between), none of them a heading of
    the document, and above the parser's columns none a sentence."""
    from generator.parsing.letter.budget_heads import read_head
    from generator.read.source_text import Line

    lines = [Line(text, n + 1) for n, (text, _) in enumerate(above)] + [Line("740 01 Driftsutgifter 1 000", len(above) + 1)]
    headings = {n + 1 for n, (text, heading) in enumerate(above) if heading and text}
    columns_from = len(above) - columns if 0 < columns <= len(above) else None
    head = read_head(lines, len(above), columns_from, 0, headings)
    if head is None:
        return
    first, last = head
    assert all(not ln.text.strip() for ln in lines[last:len(above)])  # nothing but empty lines below the head
    inside = [ln for ln in lines[first - 1:last] if ln.text.strip()]
    assert not any(ln.lineno in headings for ln in inside)
    assert not any(ln.text.endswith(".") for ln in inside if columns_from is None or ln.lineno - 1 < columns_from)
