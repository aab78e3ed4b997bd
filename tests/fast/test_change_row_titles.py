"""A supplement's change table prints no post title ("Kap. post | Tidligere
tildeling | Ny tildeling | Sum tildeling"): the row keeps the title the table
prints (none: "" in the extraction), and the linker gives the pages the
post's title from the year's letter, never a made-up one (issue 25 item 3)."""
from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostics
from generator.link.linker import build_graph
from generator.parsing.extract import extract_document
from generator.read.sources import load_manifest
from generator.render.pages.text_pages import budget_rows_table


@pytest.fixture(scope="module")
def year_2026(source_dir):
    entries = [e for e in load_manifest(source_dir) if e.year == 2026]
    docs = [extract_document(source_dir / e.file, Diagnostics(), e, text_blocks=False)[1] for e in entries]
    return docs, build_graph({2026: docs}).years[2026]


def test_the_change_rows_print_no_title(year_2026):
    docs, _ = year_2026
    nr1 = next(d for d in docs if d.supplement == 1)
    assert [(r.kap, r.post, r.title) for r in nr1.budget_rows] == [(770, "70", ""), (2756, "70", "")]


def test_the_title_comes_from_the_years_letter_or_stays_empty(year_2026):
    docs, model = year_2026
    assert model.letter_post_title(770, "70") == "Tilskudd"
    assert model.letter_post_title(740, "21") == "Spesielle driftsutgifter"
    assert model.letter_post_title(2756, "70") == ""  # the letter allocates 2756.71 and .72 only
    nr1 = next(d for d in docs if d.supplement == 1)
    md = budget_rows_table(list(nr1.budget_rows), "brev/supplerende-nr-1/index.md", nr1, "", model.letter_post_title)
    rows = [line.replace("\xa0", " ") for line in md.split("\n") if line.startswith("| [")]
    assert "| *Tilskudd* | 456 847 | 41 600 | 498 447 |" in rows[0]
    assert "|   | 0 | 12 000 | 12 000 |" in rows[1]
    assert "postens navn i årets tildelingsbrev" in md
