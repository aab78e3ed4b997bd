"""Issue 22's list of checks on the model, in the edit loop (the same checks
on the built site are tests/slow/test_quotable_numbers.py): shares
over 100 % carry their note, the 2024 -> 2025 reconciliation adds up to
both totals, kap. 575 is named in every year with its ministry's heading,
TB2025-61's deadlines with "1. kvartal 2025", and no deadline comes from a
sentence without a deadline word, in any letter (2026 and its supplements
included), read from the reviewed extractions."""
from __future__ import annotations

import json
import re

import pytest

from _paths import GOLDEN
from generator.derive.deadlines import assignment_dues
from generator.derive.figures import site_figures
from generator.derive.post_figures import post_shares
from generator.derive.series import LETTER_SERIES
from generator.link.graph import PageRef
from generator.render.pages.chapter_pages import _named_by_line


@pytest.fixture(scope="module")
def figures(graph):
    return site_figures(graph)


def test_no_share_above_100_percent_without_its_note(graph):
    over = {}
    for year, model in graph.years.items():
        for kap, info in model.chapters.items():
            for row in post_shares(info)[1]:
                if row.share is not None and row.share > 100:
                    assert "Stortinget vedtok" in row.note, (year, kap, row.post)
                    over[f"{kap}.{row.post}"] = round(row.share, 1)
    assert over == {"761.75": 123.5, "762.70": 122.1}  # 2024: the letter follows the adopted budget


def test_the_2024_to_2025_reconciliation_adds_up_to_both_totals(figures):
    expense = next(c for c in figures[2025].letter.coverage if c.type == "utgift")
    lines = expense.reconciliation()
    running = lines[0][1]
    for label, amount, role in lines[1:]:
        if role in ("total", "subtotal"):
            assert amount == running, label
        else:
            running += amount
    totals = {y: next(t.amount for t in figures[y].totals if t.series == LETTER_SERIES and t.type == "utgift")
              for y in (2024, 2025)}
    assert (lines[0][1], lines[-1][1]) == (totals[2024], totals[2025]) == (70_310_491, 52_231_205)


@pytest.mark.parametrize("year", [2018, 2022, 2024, 2025, 2026])
def test_kap_575_is_named_in_every_year_with_its_ministry_heading(graph, year):
    info = graph.years[year].chapters[575]
    assert re.match(r"Ressurskrev(ende tjenester|jande tenester)", info.title), info.title
    headings = [pair[1].under for pair in (info.named_by, info.ministry) if pair is not None]
    assert any("Kommunal- og" in u and "departementet" in u for u in headings), headings
    line = _named_by_line(PageRef(year, "kapittel/575/index.md"), info, year)
    assert "Kap. 575 Ressurskrev" in line and "departementet»" in line


def test_tb2025_61_has_every_deadline_with_the_first_quarter(graph):
    _, a = graph.years[2025].assignments["tb2025-61"]
    dues = sorted(assignment_dues(a), key=lambda d: (d.end, d.start))
    assert [d.label for d in dues] == [
        "1. kvartal 2025 (omtrentlig)", "mars 2025 (omtrentlig)", "1. juni 2025", "1. juli 2025",
        "1. september 2025", "15. september 2025", "1. oktober 2025", "1. november 2025"]


_DEADLINE_WORDS = re.compile(r"frist|innen|senest|i løpet av|ferdigstil|sluttfør|avslutte|være ferdig|være klar",
                             re.I)


def test_no_deadline_from_a_sentence_without_a_deadline_word():
    from generator.parsing.due_dates import sentences

    checked = {}
    for golden in sorted(GOLDEN.glob("*tildelingsbrev-*.json")):
        data = json.loads(golden.read_text(encoding="utf-8"))
        for a in data["assignments"]:
            for d in a["deadlines"]:
                if not d["date"]:
                    continue
                said = [s for s in sentences(a["text"].replace("\n", " ")) if d["text"] in s]
                assert said and any(_DEADLINE_WORDS.search(s) for s in said), (golden.name, a["id"], d["text"])
                checked[golden.stem] = checked.get(golden.stem, 0) + 1
    assert checked["tildelingsbrev-2026"] > 40 and sum(checked.values()) > 250, checked


def test_renumbered_posts_are_neither_new_nor_gone_and_no_note_adds_income_to_expense(graph, figures):
    from generator.render.formats.feeds import _change_entries
    from generator.render.pages.front_page import render_overview
    from generator.render.reconciliation import left_out_note

    text = "\n\n".join(render_overview(graph.years[2025], figures[2025], ""))
    news = text[text.rindex("{ #nytt }"):]
    assert "Nytt kapittelnummer: kap\\. 761 og kap\\. 762 i 2024\\-brevet er [kap\\. 760]" in news
    assert "3 632 249 i 2024, 3 704 754 i 2025" in news.replace("\u00a0", " ")
    assert not re.search(r"Ny post i brevet[^\n]*\[760\\\.", news)  # before: 760.21, 760.60 ... as new posts
    assert not re.search(r"Ikke lenger i brevet[^\n]*>76[12]\.", news)  # before: 761.21, 761.60 ... as gone
    feed = _change_entries(2025, figures[2025].letter, "brev")
    assert not [e for e in feed if e.title.startswith("Ny post") and "kap. 760 " in e.title]
    note = left_out_note(figures[2025].letter).replace("\u00a0", " ")
    # before: "14 poster bare i 2025-brevet (3 880 296)", expense, income and kap. 760 added together
    assert "3 880 296" not in note
    assert "utgifter inkl. folketrygden: 13 poster (22 138 312) bare i 2024-brevet, 3 poster (20 730)" in note
    assert "inntekter: 5 poster (154 812) bare i 2025-brevet" in note


def test_the_renumbered_chapters_name_each_other_with_the_source(graph):
    from generator.link.urls import chapter_path
    from generator.render.pages.chapter_pages import _renumbered_line

    old = _renumbered_line(graph, PageRef(2024, chapter_path(761)), 761, 2024)
    assert "Nytt kapittelnummer fra 2025: kap\\. 761 og kap\\. 762 tildeles under kap. 760" in old
    assert 'href="../../../2025/kapittel/760/"' in old and "Prop\\. 1 S \\(2024–2025\\)" in old
    new = _renumbered_line(graph, PageRef(2025, chapter_path(760)), 760, 2025)
    assert 'href="../../../2024/kapittel/761/"' in new and 'href="../../../2024/kapittel/762/"' in new
    assert "ikke blant kildene her" in new
    assert _renumbered_line(graph, PageRef(2025, chapter_path(740)), 740, 2025) == ""


def test_a_prose_allocation_quotes_its_sentence_without_the_heading_above(graph):
    from generator.parsing.letter.prose_budget import _after_heading
    from generator.read.source_text import Line as SourceLine

    rows = {r.post: r for _, r in graph.years[2025].chapters[575].letter_rows}
    # 2025 l. 4253-4255: "Prioriteringer og budsjett for 2025" / "Det tildeles 92,2 mill. kroner."
    assert rows["61"].comment == "Det tildeles 92,2 mill. kroner." and rows["61"].read_from == "prose"
    wrapped = [SourceLine("Det er bevilget 12 mill. kroner til", 1), SourceLine("Helsedirektoratet for 2022.", 2)]
    sentence = "Det er bevilget 12 mill. kroner til Helsedirektoratet for 2022."
    assert _after_heading(sentence, wrapped) == sentence
