"""The 2026 allocation letter against the year as its supplementary letters
amended it (derive/coverage.ThroughYear): posts a supplement starts or stops
allocating are coverage changes, not funding changes, and the totals
reconcile line by line. Real figures of the 2026 letters, 1 000 kr."""
from __future__ import annotations

import re

import pytest

from generator.derive.coverage import PostFigure, compare_through_year
from generator.derive.figures import site_figures
from generator.derive.series import LETTER_SERIES
from generator.render.reconciliation import through_year_section


@pytest.fixture(scope="module")
def figures(graph):
    return site_figures(graph)


def _adds_up(lines) -> None:
    running = lines[0][1]
    for label, amount, role in lines[1:]:
        if role == "total":
            assert amount == running, label
        else:
            running += amount


def test_2026_first_allocated_to_as_amended_adds_up(figures):
    f = figures[2026]
    expense = next(t for t in f.through_year if t.type == "utgift")
    lines = expense.reconciliation("tildelingsbrevet", "per 3. september 2026")
    _adds_up(lines)
    first = next(t.amount for t in f.totals if t.series == LETTER_SERIES and t.type == "utgift")
    assert [amount for _, amount, _ in lines] == [first, 293_503, 12_000, 0, 77_246_320]
    assert first == 76_940_817
    # 2756.70 is not in the main letter: supplement nr. 1 starts allocating it (coverage, not funding)
    assert [(p.kap, p.post, p.amount) for p in expense.added] == [(2756, "70", 12_000)]
    assert expense.dropped == ()
    # 714.21 is in both: 102 700 -> 116 750 is a funding change within the line of posts in both
    pair = next(p for p in expense.both if (p.after.kap, p.after.post) == (714, "21"))
    assert (pair.before.amount, pair.after.amount, pair.kind) == (102_700, 116_750, "funding")
    assert sum(p.diff for p in expense.both) == sum(c.funding_change for c in f.amended.chains)


def test_years_without_supplements_have_no_through_year(figures):
    assert all(figures[y].through_year == () for y in (2018, 2024, 2025))


def test_2022_tillegg_1_and_3_are_funding_changes_in_the_through_year(figures):
    # 2022's supplements are bound into its letter's file; tillegg 1 gives kap. 762, post 21 8 mill. kroner
    # more, tillegg 3 kap. 714, post 21 1 mill. kroner more (a sentence in TTB2022-51's text)
    expense = next(t for t in figures[2022].through_year if t.type == "utgift")
    lines = expense.reconciliation("tildelingsbrevet", "etter tillegg 3")
    _adds_up(lines)
    assert [amount for _, amount, _ in lines] == [62_101_237, 9_000, 0, 0, 62_110_237]
    assert expense.added == () and expense.dropped == ()


def test_the_2026_front_page_section_says_what_is_coverage(figures):
    text = "\n\n".join(through_year_section(2026, figures[2026])).replace("\u00a0", " ")
    assert "{ #dekning-gjennom-aret }" in text
    assert "**76 940 817**" in text and "**77 246 320**" in text and "+293 503" in text and "+12 000" in text
    assert "supplerende tildelingsbrev nr\\. 1 av 27\\. februar 2026" in text  # the letter that starts 2756.70
    assert "ikke mer eller mindre penger til det samme" in text
    assert "Inntekter" not in text  # income unchanged by the supplements: nothing to reconcile


def _fig(kap, post, amount):
    return PostFigure(kap, post, "", amount, "utgift")


def test_a_post_taken_to_zero_is_dropped_not_a_cut():
    first = {(740, "21"): _fig(740, "21", 100), (765, "21"): _fig(765, "21", 50)}
    now = {(740, "21"): _fig(740, "21", 120), (2756, "70"): _fig(2756, "70", 7)}
    t = compare_through_year(2026, "utgift", first, now)
    lines = t.reconciliation("a", "b")
    _adds_up(lines)
    assert [a for _, a, _ in lines] == [150, 20, 7, -50, 127]
    assert [p.post for p in t.dropped] == ["21"] and [p.kap for p in t.added] == [2756]


def test_the_renumbering_is_data_with_its_source_shown_where_used(figures):
    from generator.derive.coverage import RENUMBERED
    from generator.render.reconciliation import reconciliation_section

    assert [(e.year, e.new_kap, e.old_kaps) for e in RENUMBERED] == [(2025, 760, (761, 762))]
    expense = next(c for c in figures[2025].letter.coverage if c.type == "utgift")
    [r] = expense.renumbered
    assert (r.new_kap, r.old_kaps) == (760, (761, 762))
    assert r.source.startswith("Prop. 1 S (2024–2025)") and "ikke blant kildene her" in r.source
    text = "\n\n".join(reconciliation_section(2025, figures[2025].letter))
    assert "Kilde for omnummereringen: Prop\\. 1 S \\(2024–2025\\)" in text


def test_no_source_prints_the_renumbering(root):
    """RENUMBERED holds only what no document among the sources prints: no
    sentence of any source names the new chapter with an old one. When a
    source does, read the renumbering from it and drop the entry."""
    from generator.derive.coverage import RENUMBERED
    from generator.parsing.tokens.kap_post import find_kap_refs
    from conftest import read_source

    for path in sorted((root / "source").iterdir()):
        if path.suffix not in (".txt", ".md"):
            continue
        text = " ".join(ln.text for ln in read_source(path.name).lines)
        for sentence in re.split(r"(?<=[a-zæøå0-9)])\.\s+(?=[A-ZÆØÅ])", text):  # not after "kap."
            kaps = {k.kap for k in find_kap_refs(sentence)}
            for e in RENUMBERED:
                assert not (e.new_kap in kaps and kaps & set(e.old_kaps)), (path.name, sentence[:200])


def test_the_amended_posts_keep_their_folketrygd_mark(figures):
    expense = next(t for t in figures[2026].through_year if t.type == "utgift")
    assert expense.folketrygd
    assert [p.folketrygd for p in expense.added] == [True]  # 2756.70, kap. 2756 is a folketrygd chapter
    assert all(p.after.folketrygd == p.before.folketrygd for p in expense.both)


def test_the_amended_total_says_how_much_is_folketrygd(figures):
    expense = next(t for t in figures[2026].through_year if t.type == "utgift")
    first = next(t for t in figures[2026].totals if t.series == LETTER_SERIES and t.type == "utgift")
    # the supplements changed no folketrygd post already allocated; 2756.70 (12 000) is one
    changed = sum(p.diff for p in expense.both if p.after.folketrygd)
    assert expense.folketrygd_amended() == first.folketrygd + changed + 12_000
    assert first.folketrygd == 48_557_940


def test_2022s_tillegg_are_named_as_what_they_are_with_no_date_made_up(figures):
    text = "\n\n".join(through_year_section(2022, figures[2022])).replace("\\", "")
    # before: "per dato ikke trykt i kilden (tillegg 3 til tildelingsbrevet)" and "de supplerende tildelingsbrevene"
    assert "etter tillegg 3 til tildelingsbrevet (dato ikke trykt i kilden)" in text
    assert "(3 tillegg til tildelingsbrevet)" in text and "per dato" not in text
