"""Budget year 2026 rendered without a site build: the year's context (the
six letters parsed, linked and amended) and what the page types and the
report links make of it, checked against the real letters."""
from __future__ import annotations

from urllib.parse import unquote

import pytest

from generator.derive.figures import site_figures
from generator.diagnostics import Diagnostics
from generator.link.graph import build_graph
from generator.parsing.extract import extract_document
from generator.read.sources import load_manifest
from generator.render.pages.base import YearInput, year_context
from generator.render.social import entity_meta, report_link
from generator.settings import Settings

REPOSITORY = "https://github.com/eksempel/helsebudsjettet"


def _context(source_dir, year: int):
    entries = [e for e in load_manifest(source_dir) if e.year == year]
    diags = Diagnostics()
    parsed = []
    for e in entries:
        text, doc = extract_document(source_dir / e.file, diags, e)
        parsed.append((e, text, doc))
    graph = build_graph({year: [d for _, _, d in parsed]}, {d.source: len(t.raw_lines) for _, t, d in parsed})
    figures = site_figures(graph, diags)
    inp = YearInput(year, tuple(parsed), (year,), {}, Settings(repository=REPOSITORY))
    return year_context(inp, graph, figures[year]), diags


@pytest.fixture(scope="module")
def ctx_2026(source_dir):
    return _context(source_dir, 2026)


@pytest.fixture(scope="module")
def meta_2026(ctx_2026):
    return entity_meta(ctx_2026[0])


# --- "Meld fra om feil" cites the letter that gave or changed the entity ----------------------

def test_report_for_a_changed_chapter_cites_the_main_letter_and_every_supplement_that_changed_it(meta_2026):
    # 714.21: 102 700 in the main letter, then nr. 2 (table), nr. 3 (table row 80), nr. 4 (prose)
    assert meta_2026["kapittel/714/index.md"].source == (
        "source/tildelingsbrev-2026.md, linje 1237–1250; "
        "source/supplerende-tildelingsbrev-2026-nr-2.md, linje 100–133; "
        "source/supplerende-tildelingsbrev-2026-nr-3.md, linje 80; "
        "source/supplerende-tildelingsbrev-2026-nr-4.md, linje 95–105")
    # 2756.70 is first allocated by nr. 1's table (line 91: 0 + 12 000 = 12 000)
    assert meta_2026["kapittel/2756/index.md"].source.endswith("source/supplerende-tildelingsbrev-2026-nr-1.md, linje 91")


def test_report_for_a_supplements_assignment_cites_the_supplements_file_and_lines(meta_2026):
    assert meta_2026["oppdrag/tb2026-63/index.md"].source == "source/supplerende-tildelingsbrev-2026-nr-2.md, linje 245–257"
    # announced in nr. 2 ("Ettersendes", line 70), given in nr. 3
    assert meta_2026["oppdrag/tb2026-71/index.md"].source == (
        "source/supplerende-tildelingsbrev-2026-nr-2.md, linje 70; "
        "source/supplerende-tildelingsbrev-2026-nr-3.md, linje 135–144")
    # given by the main letter, added to by nr. 2 and nr. 6
    assert meta_2026["oppdrag/tb2026-17/index.md"].source == (
        "source/tildelingsbrev-2026.md, linje 496–501; "
        "source/supplerende-tildelingsbrev-2026-nr-2.md, linje 213–231; "
        "source/supplerende-tildelingsbrev-2026-nr-6.md, linje 47–62")
    assert meta_2026["oppdrag/tb2026-1/index.md"].source == "source/tildelingsbrev-2026.md, linje 255–256"


def test_the_report_link_carries_the_supplements_lines(ctx_2026, meta_2026):
    link = unquote(report_link(ctx_2026[0].inp.settings, 2026, "oppdrag/tb2026-71/index.md",
                               meta_2026["oppdrag/tb2026-71/index.md"]))
    assert link.startswith(REPOSITORY + "/issues/new?")
    assert "Kilde: source/supplerende-tildelingsbrev-2026-nr-2.md, linje 70; " \
           "source/supplerende-tildelingsbrev-2026-nr-3.md, linje 135–144" in link
