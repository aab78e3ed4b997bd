"""Chapters <-> assignments: the kap/post grammar (parsing/tokens/kap_post.py)
reads coordinated lists and ranges, on generated text and on real lines of
the sources, and every chapter an assignment names links back to it."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.link.graph import ASSIGNMENT, CHAPTER
from generator.link.urls import chapter_path
from generator.parsing.tokens.kap_post import find_kap_refs

from conftest import read_source

chapters = st.lists(st.integers(100, 5999), min_size=1, max_size=4, unique=True)
posts = st.lists(st.integers(1, 99).map(lambda p: f"{p:02d}"), min_size=1, max_size=4, unique=True)
words = st.sampled_from(["", "Det er satt av midler over ", "jf. omtale under ", "Se "])


def _coordinated(items: list[str]) -> str:
    """'a', 'a og b', 'a, b og c', as the letters print a list."""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " og " + items[-1]


@given(chapters, words)
def test_a_list_of_chapters_names_every_chapter(kaps, before):
    word = "kap." if len(kaps) == 1 else "kapitlene"
    found = find_kap_refs(f"{before}{word} {_coordinated([str(k) for k in kaps])}. Neste setning")
    assert [f.target for f in found] == [str(k) for k in kaps]
    assert {f.start for f in found} == {len(before)}


@given(st.integers(100, 5999), posts, st.sampled_from(["post", "postene"]), st.sampled_from([", ", " "]))
def test_a_list_of_posts_names_every_post_of_its_chapter(kap, nums, word, comma):
    found = find_kap_refs(f"kap. {kap}{comma}{word} {_coordinated(nums)} til formålet.")
    assert [f.target for f in found] == [f"{kap}.{p}" for p in nums]


@given(st.integers(100, 5999), st.integers(1, 80), st.integers(0, 19), st.sampled_from(["–", "-", " – "]))
def test_a_post_range_names_every_post_in_it(kap, lo, span, dash):
    hi = lo + span
    found = find_kap_refs(f"kap. {kap}, post {lo:02d}{dash}{hi:02d}.")
    assert [f.post for f in found] == [f"{p:02d}" for p in range(lo, hi + 1)]


@given(st.integers(100, 5999), st.integers(10, 99), st.sampled_from(
    ["{n} mill. kroner", "{n} 000 kroner", "{n},5 mill. kroner", "{n} prosent"]))
def test_an_amount_after_the_list_is_no_chapter_or_post(kap, n, amount):
    text = amount.format(n=n)
    assert [f.target for f in find_kap_refs(f"over kap. {kap}, {text}")] == [str(kap)]
    assert [f.target for f in find_kap_refs(f"over kap. {kap}, post 21 og {text}")] == [f"{kap}.21"]


def _line(name: str, lineno: int, count: int = 1) -> str:
    """The logical text of physical lines lineno.. of a real source, joined as the parsers join them."""
    text = read_source(name)
    return " ".join(ln.text for ln in text.lines if lineno <= ln.lineno < lineno + count + 2
                    and ln.text.strip())


@pytest.mark.parametrize("name, line, count, targets", [
    # TB2025-70: "... på hhv. kapittel 2751 / og 2752." (before: 2751 only)
    ("tildelingsbrev-2025.txt", 2943, 2, ["2751", "2752"]),
    # TB2025-68: "... utbetales på kap. / 732, post 77 og kap. 2711, post 76." (before: 2711.76 only)
    ("tildelingsbrev-2025.txt", 2911, 2, ["732.77", "2711.76"]),
    # TB2025-37: "... over kap. 732, post 21 og 1 mill. kroner over kap. 760.21 til" (before: 732.21, 760)
    ("tildelingsbrev-2025.txt", 1745, 1, ["732.21", "760.21"]),
    # 2018: "under kap. 732, post 72-75 og kap. 734, post 70." (before: 732.72, 734.70)
    ("tildelingsbrev-2018.txt", 1535, 1, ["732.72", "732.73", "732.74", "732.75", "734.70"]),
    # 2018: "kap. 740.60, 740.70, 3740 med de fem inntektspostene og kap. 734.70." (before: 740, 734)
    ("tildelingsbrev-2018.txt", 3276, 1, ["740.60", "740.70", "3740", "734.70"]),
    # 2022: the heading "Kap. 762, post 21 og 63"
    ("tildelingsbrev-2022.txt", 943, 1, ["762.21", "762.63"]),
    # Prop. 1 S: "kap. 761, 762 og 765." (before: 761 only)
    ("prop-1-s-2023-2024.txt", 18281, 1, ["761", "762", "765"]),
    # Prop. 1 S, the decision's list: "kap. 740 postene 01 og 21 kap. 3740 postene 02 og 04"
    ("prop-1-s-2023-2024.txt", 33574, 1, ["740.01", "740.21", "3740.02", "3740.04"]),
])
def test_real_lines(name, line, count, targets):
    text = _line(name, line, count)
    assert [f.target for f in find_kap_refs(text)][:len(targets)] == targets, text


def _assignments_linking(graph, year: int, kap: int) -> set[str]:
    return {e.source.path.split("/")[1] for e in graph.backlinks.get((year, chapter_path(kap)), [])
            if e.source.kind == ASSIGNMENT and e.source.year == year}


def test_every_chapter_an_assignment_names_links_to_it(graph):
    """Each assignment's kap reference to a chapter of its own year is an edge
    both ways: the assignment names the chapter, the chapter lists it."""
    checked = 0
    for year, model in graph.years.items():
        for key, (_, a) in model.assignments.items():
            for ref in a.references:
                if ref.kind != "kap" or ref.kap not in model.chapters:
                    continue
                out = {(e.target.year, e.target.path) for e in graph.outgoing(_ref(graph, year, key))
                       if e.target.kind == CHAPTER}
                assert (year, chapter_path(ref.kap)) in out, (year, a.id, ref.target)
                assert key in _assignments_linking(graph, year, ref.kap), (year, a.id, ref.target)
                checked += 1
    assert checked >= 40


def _ref(graph, year, key):
    from generator.link.graph import assignment_ref
    return assignment_ref(year, graph.years[year].assignments[key][1].page_id)


def test_real_chapters_list_the_assignments_that_name_them(graph):
    # 2025 kap. 732: TB2025-37 ("kap. 732, post 21") and TB2025-68, whose
    # "kap. / 732, post 77" breaks over two lines (before: TB2025-37 only).
    assert {"tb2025-37", "tb2025-68"} <= _assignments_linking(graph, 2025, 732)
    # 2025 kap. 2751: TB2025-70 "kapittel 2751 og 2752".
    assert "tb2025-70" in _assignments_linking(graph, 2025, 2751)
    # 2024 kap. 740: TB2024-21 ("kap. 740. post 01") and TB2024-86 ("kap. 740, post 21").
    assert {"tb2024-21", "tb2024-86"} <= _assignments_linking(graph, 2024, 740)
    # No 2025 assignment prints kap. 740: its page lists none (the letter names it in section 4 only).
    assert _assignments_linking(graph, 2025, 740) == set()


def test_a_supplements_change_naming_an_assignment_links_its_chapter(graph):
    # Supplement nr. 3: "Helsedirektoratet tildeles 0,5 mill. kroner over kap. 714 post 21 til arbeid
    # med oppdrag TB2026-77"; nr. 4 under "Kap. 740, post 21": "... økes med 2 mill. kroner knyttet
    # til oppdrag TB2026-92" (before: neither chapter listed the assignment)
    assert "tb2026-77" in _assignments_linking(graph, 2026, 714)
    assert "tb2026-92" in _assignments_linking(graph, 2026, 740)
    # nr. 1 under "Kap. 760, post 21": "... knyttet til oppfølgingen av oppdrag TB2026-10"
    assert "tb2026-10" in _assignments_linking(graph, 2026, 760)
