"""Assignment histories and amount series across years, on the real documents."""
from __future__ import annotations

import pytest

from generator.derive.amount_history import chapter_history
from generator.derive.assignment_history import assignment_histories, histories_per_year_pair, letter_years
from generator.link.graph import PageRef
from generator.render.diff import diff_html, word_diff, wording_diff_html
from generator.render.history import assignment_history_section, chapter_history_section


@pytest.fixture(scope="module")
def histories(graph):
    return assignment_histories(graph)


def test_word_diff_marks_deleted_and_inserted_words():
    d = word_diff("Studie om Alexander L. Kiellandulykken", "Studie om Alexander Kielland-ulykken")
    assert d.ops == (("equal", "Studie om Alexander"), ("delete", "L. Kiellandulykken"),
                     ("insert", "Kielland-ulykken"))
    assert (d.deleted_words, d.inserted_words) == (2, 1)
    assert not word_diff("a  b\nc", "a b c").changed


def test_diff_html_escapes_and_speaks_to_screen_readers():
    html = diff_html(word_diff("Tiltak <b>A</b>", "Tiltak <script>x</script>"))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html
    assert '<del><span class="skjult">slettet: </span>&lt;b&gt;A&lt;/b&gt;' in html
    assert '<ins><span class="skjult">satt inn: </span>' in html
    assert wording_diff_html("same words", "same  words", "2022", "2024") == ""


def test_tb2022_04_given_in_2022_carried_over_in_2024(histories):
    h = histories["tb2022-04"]
    assert h.years == (2022, 2024)
    assert [a.status for a in h.appearances] == ["new", "carried_over"]
    assert [(e.year, e.kind) for e in h.events] == [(2022, "first"), (2024, "carried"), (2024, "last")]
    assert "ikke med i brevet for 2025" in h.events[-1].text
    # the 2024 table prints the title with a project number in front; the text is 2022's only
    [change] = h.changes
    assert (change.part, change.old_year, change.new_year) == ("title", 2022, 2024)
    assert word_diff(change.old, change.new).ops[0] == ("insert", "PFS-345")


def test_changed_deadline_is_an_event(histories):
    h = histories["ttb2022-10"]
    deadline = [e for e in h.events if e.kind == "deadline"]
    assert len(deadline) == 1 and deadline[0].year == 2024
    assert "31.12.2024" in deadline[0].text and "utgangen av 2023" in deadline[0].text
    # 2024 repeats it as a short table row: not diffed against 2022's 300 words
    assert [c.part for c in h.changes] == []


def test_tb2019_05_is_carried_over_but_in_one_letter_only(graph, histories):
    assert "tb2019-05" not in histories
    assert graph.years[2022].assignments["tb2019-05"][1].status == "carried_over"
    assert [y for y in graph.years if "tb2019-05" in graph.years[y].assignments] == [2022]


def test_histories_per_pair_of_years(graph, histories):
    assert letter_years(graph) == [2018, 2022, 2024, 2025, 2026]
    pairs = histories_per_year_pair(histories)
    assert pairs[(2022, 2024)] >= 13
    assert set(pairs) <= {(a, b) for a in (2018, 2022, 2024, 2025) for b in (2022, 2024, 2025, 2026) if a < b}
    assert all(len(h.appearances) > 1 for h in histories.values())


def test_history_section_links_every_year_and_escapes(histories):
    text = assignment_history_section(PageRef(2022, "oppdrag/tb2022-25/index.md"), histories["tb2022-25"])
    assert '<a href="../../../2024/oppdrag/tb2022-25/">2024</a>' in text
    assert "**2022** (denne siden)" in text
    assert "<del><span class=\"skjult\">slettet: </span>L. Kiellandulykken" in text
    assert "<ins><span class=\"skjult\">satt inn: </span>Kielland-ulykken" in text


def test_chapter_740_series_kept_apart(graph):
    h = chapter_history(graph, 740)
    assert h.letter_years == (2018, 2022, 2024, 2025, 2026)
    assert [label for _, label in h.proposition_columns] == ["Regnskap 2022", "Saldert budsjett 2023", "Forslag 2024"]
    post01 = next(s for s in h.posts if s.post == "01")
    assert dict(post01.allocated)[2025] == 1589294
    assert dict(post01.proposition)["Saldert budsjett 2023"] == 1305832
    text = chapter_history_section(PageRef(2025, "kapittel/740/index.md"), h)
    # like for like: each letter against the previous letter, never the proposition
    assert '**2025** mot <a href="../../../2024/kapittel/740/">2024</a>' in text
    assert "| 01 | Driftsutgifter | +60\u00a0364 (+5,1 %) | +305\u00a0535 (+24,8 %) | +50\u00a0403 (+3,3 %) |" in text
    assert "| 60 | Gjesteinnbyggeroppgjør for fastleger | +9\u00a0415 (+11,8 %) | – | – |" in text
    assert "Forslag 2024" not in text and "Saldert" not in text
