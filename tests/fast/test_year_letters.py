"""A budget year as a sequence of letters: the manifest's supplements, the
allocation changes they print (tables and prose), and the amended chain."""
from __future__ import annotations

import _paths
import json
from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from generator.diagnostics import Diagnostics, InputError
from generator.derive.amended import COVERAGE_START, FUNDING, amended_allocations
from generator.derive.post_figures import in_thousands, letter_allocation
from generator.model import letter_sequence
from generator.parsing.extract import extract_document
from generator.parsing.letter.allocation_changes import changes_outside_headings
from generator.parsing.letter.change_prose import prose_changes, rule_grant_on_post
from generator.parsing.letter.change_sections import AMOUNT, change_sections, thousands
from generator.read.source_text import read_text
from generator.read.sources import load_manifest, parse_manifest

FIXTURES = _paths.FIXTURES / "allocation_changes"


@pytest.fixture(scope="module")
def year_2026(source_dir):
    entries = [e for e in load_manifest(source_dir) if e.year == 2026]
    diags = Diagnostics()
    docs = [extract_document(source_dir / e.file, diags, e, text_blocks=False)[1] for e in entries]
    return entries, docs, diags


@pytest.fixture(scope="module")
def amended(year_2026):
    _, docs, _ = year_2026
    main = docs[0]
    original = {}
    for r in main.budget_rows:  # the expense table's column (the folketrygd table prints 732.77 again)
        v = letter_allocation(r.amounts)
        if r.post and v is not None and r.amounts[0][0] == "Tildeling":
            original[(r.kap, r.post)] = (in_thousands(v, r.unit), r.title)
    diags = Diagnostics()
    return amended_allocations(letter_sequence(docs), {d.source: d for d in docs}, original, diags), diags


def test_manifest_gives_the_2026_letters_in_order(source_dir):
    entries = [e for e in load_manifest(source_dir) if e.year == 2026]
    assert [(e.file, e.supplement, e.date) for e in entries] == [
        ("tildelingsbrev-2026.md", None, None),  # the export prints no date: none is invented
        ("supplerende-tildelingsbrev-2026-nr-1.md", 1, "2026-02-27"),
        ("supplerende-tildelingsbrev-2026-nr-2.md", 2, "2026-04-16"),
        ("supplerende-tildelingsbrev-2026-nr-3.md", 3, "2026-05-28"),
        ("supplerende-tildelingsbrev-2026-nr-4.md", 4, "2026-07-07"),
        ("supplerende-tildelingsbrev-2026-nr-6.md", 6, "2026-09-03"),
    ]
    assert [e.slug for e in entries][1] == "supplerende-tildelingsbrev-2026-nr-1"


def test_2026_sources_are_the_delivered_bytes(source_dir):
    shared = Path("/work/shared/source/2026")
    if not shared.is_dir():
        pytest.skip("the delivered documents are not on this machine")
    for path in sorted(shared.glob("*.md")):
        assert (source_dir / path.name).read_bytes() == path.read_bytes(), path.name


MAIN = """documents:
  - file: tildelingsbrev-2025.txt
    kind: tildelingsbrev
    year: 2025
    title: T
    issuer: HOD
    recipient: Hdir
    date: 2025-01-20
"""
SUPPLEMENT = """  - file: tildelingsbrev-2024.txt
    kind: tildelingsbrev
    year: {year}
    supplement: {nr}
    date: {date}
    title: S
    issuer: HOD
    recipient: Hdir
"""


def test_supplement_entries(source_dir):
    entries = parse_manifest(MAIN + SUPPLEMENT.format(year=2025, nr=1, date="2025-03-01"), source_dir)
    assert [(e.supplement, e.date) for e in entries] == [(None, "2025-01-20"), (1, "2025-03-01")]
    for text, message in [
        (MAIN + SUPPLEMENT.format(year=2019, nr=1, date="2019-03-01"), "no main allocation letter for 2019"),
        (MAIN + SUPPLEMENT.format(year=2025, nr=1, date="2024-12-01"), "before the main letter"),
        (MAIN + SUPPLEMENT.format(year=2025, nr="nr1", date="2025-03-01"), "bad supplement"),
    ]:
        with pytest.raises(InputError, match=message) as err:
            parse_manifest(text, source_dir)
        assert "\n" not in str(err.value)


def test_2022_supplements_bound_into_the_file_are_letters_of_the_year(source_dir):
    [entry] = [e for e in load_manifest(source_dir) if e.year == 2022]
    doc = extract_document(source_dir / entry.file, Diagnostics(), entry, text_blocks=False)[1]
    letters = letter_sequence([doc])
    assert letters[0].label == "hovedbrev" and letters[0].end_line > 0
    assert [x.label for x in letters[1:]] == [f"tillegg-{n}" for n in range(1, len(letters))]
    assert len(letters) > 1 and all(x.source == entry.file for x in letters)


# --- the rules, one fixture pair each ---------------------------------------------------

def _fixture_changes(name: str) -> list[dict]:
    text = read_text((FIXTURES / f"{name}.md").read_text(encoding="utf-8"), f"fixtures/{name}.md")
    out = []
    for section in change_sections(text.lines, text.raw_lines):
        for _, c in prose_changes(section):
            out.append({"rule": c.rule, "amount": c.amount, "kind": c.kind,
                        **({"corrects": c.corrects} if c.corrects else {})})
    # a sentence under no kap/post heading that names its own post (2022's tillegg 3)
    sections = change_sections(text.lines, text.raw_lines)
    for c in changes_outside_headings(text.lines, sections, f"fixtures/{name}.md", Diagnostics()):
        out.append({"rule": c.rule, "amount": c.amount, "kind": "change", "kap": c.kap, "post": c.post,
                    "line": c.line})
    return out


@pytest.mark.parametrize("name", sorted(p.stem for p in FIXTURES.glob("*.md")))
def test_prose_rule_fixture(name):
    expected = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    assert _fixture_changes(name) == expected


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=999))
def test_amounts_in_thousands(whole, frac):
    m = AMOUNT.search(f"økes med {whole},{frac:03d} mill. kroner")
    assert thousands(m)[0] == whole * 1000 + frac
    m = AMOUNT.search(f"med {whole} {frac:03d} 000 kroner" if whole else f"med {frac} 000 kroner")
    assert thousands(m)[0] == (whole * 1000 + frac if whole else frac)


@given(st.integers(min_value=1, max_value=999), st.integers(min_value=700, max_value=2799),
       st.integers(min_value=1, max_value=99), st.sampled_from(["Helsedirektoratet tildeles", "Det tildeles",
                                                                "I tillegg tildeles Helsedirektoratet"]))
def test_a_grant_names_its_post_only_right_after_the_amount(n, kap, post, subject):
    kap_post = f"kap. {kap}, post {post:02d}"
    read_kap, read_post, change = rule_grant_on_post(f"{subject} {n} mill. kroner på {kap_post} for 2022.")
    assert (read_kap, read_post, change.amount, change.rule) == (kap, f"{post:02d}", n * 1000, "grant_on_post")
    # another recipient, or the post named elsewhere in the sentence: not an allocation on that post
    assert rule_grant_on_post(f"Det tildeles {n} mill. kroner som tilskudd til Trøndelag fylkeskommune på {kap_post}.") \
        is None
    assert rule_grant_on_post(f"Fylkeskommunen tildeles {n} mill. kroner på {kap_post}.") is None


# --- the real letters ---------------------------------------------------------------------

def test_changes_per_supplement(year_2026):
    _, docs, _ = year_2026
    counts = {d.supplement: (sum(c.how == "table" for c in d.allocation_changes),
                             sum(c.how == "prose" for c in d.allocation_changes)) for d in docs[1:]}
    assert counts == {1: (2, 5), 2: (10, 2), 3: (2, 0), 4: (0, 14), 6: (0, 0)}
    assert sum(t for t, _ in counts.values()) == 14  # every change table row of the supplements


def test_714_21_chain(amended):
    am, diags = amended
    chain = am.chain(714, "21")
    assert chain.original == 102_700
    assert [(s.letter.number, s.change.how, s.before, s.after) for s in chain.steps] == [
        (2, "table", 102_700, 107_376), (3, "table", 107_376, 107_876), (4, "prose", 107_876, 116_750)]
    assert chain.steps[0].change.previous == 102_700 and chain.steps[1].change.previous == 107_376


def test_760_21_prose_of_nr_1_meets_the_table_of_nr_2(amended):
    am, _ = amended
    steps = am.chain(760, "21").steps
    assert [s.change.amount for s in steps if s.letter.number == 1] == [1_700, 500, 10_000]
    nr2 = next(s for s in steps if s.letter.number == 2)
    assert nr2.change.previous == nr2.before == 347_750
    # nr. 4 corrects nr. 2's 9,5 to 23 mill. kroner, then adds two items
    assert [(s.change.rule, s.change.amount) for s in steps if s.letter.number == 4] == [
        ("correction", 13_500), ("listed", 3_550), ("listed", 2_000)]


def test_the_chain_holds_and_coverage_is_not_funding(amended):
    am, diags = amended
    assert [d for d in diags.items if d.code == "change-chain"] == []
    post = am.chain(2756, "70")
    assert post.original is None and post.steps[0].kind == COVERAGE_START and post.now == 12_000
    assert post.funding_change == 0
    assert am.chain(765, "21").now == 187_650 and all(s.kind == FUNDING for s in am.chain(765, "21").steps)


def test_a_prose_total_that_disagrees_with_its_table_is_reported(year_2026):
    _, _, diags = year_2026
    found = [d for d in diags.items if d.code == "change-prose"]
    assert [(d.file, d.line) for d in found] == [("source/supplerende-tildelingsbrev-2026-nr-2.md", 153)]
    assert "9 500" in found[0].message and "23 000" in found[0].message


def test_a_broken_chain_names_both_letters(year_2026):
    from dataclasses import replace

    _, docs, _ = year_2026
    nr3 = docs[3]
    bent = replace(nr3, allocation_changes=tuple(replace(c, previous=c.previous + 1) if c.kap == 714 else c
                                                 for c in nr3.allocation_changes))
    diags = Diagnostics()
    amended_allocations(letter_sequence(docs), {d.source: d for d in [*docs[:3], bent, *docs[4:]]},
                        {(714, "21"): (102_700, "")}, diags)
    [d] = [d for d in diags.items if d.code == "change-chain" and "kap. 714, post 21" in d.message]
    assert d.line == 80 and "nr. 3 prints Tidligere tildeling 107 377" in d.message
    assert "supplerende tildelingsbrev nr. 2 (2026-04-16) is 107 376" in d.message


# --- assignments through the year -----------------------------------------------------------

@pytest.fixture(scope="module")
def model_2026(year_2026):
    from generator.link.linker import build_graph

    _, docs, _ = year_2026
    return build_graph({2026: list(docs)}).years[2026]


def test_every_assignment_of_2026_and_which_letter_gave_it(model_2026):
    from generator.render.letters import assignments_by_letter

    groups = {g.letter.number: g for g in assignments_by_letter(model_2026)}
    new = {n: sorted(int(a.id.split("-")[1]) for _, a in g.new) for n, g in groups.items() if n}
    assert new == {1: [61, 62], 2: [63, 64, 65, 66, 67, 68, 69, 70], 3: [71, 72, 73, 74, 75, 76, 77],
                   4: list(range(78, 99)), 6: []}
    assert len(groups[0].new) + sum(len(v) for v in new.values()) == 98
    assert [a.id for _, a in groups[2].announced] == ["TB2026-71"]
    assert [a.id for _, a in groups[3].repeated] == ["TB2026-70"]
    assert sorted(a.id for _, a in groups[3].extended) == ["TB2025-115", "TB2026-9"]


def test_exempt_assignments_count_and_say_so(model_2026):
    from generator.link.year_models import is_exempt

    exempt = sorted(int(a.id.split("-")[1]) for d, a in model_2026.assignments.values()
                    if is_exempt(a) and d.supplement)
    assert exempt == [61, 62, 70, 75, 76, 77, 98]
    # the main letter's own: "Oppdrag unntatt offentlighet jf. Offl. § 15 tredje ledd"
    assert is_exempt(model_2026.assignments["tb2026-5"][1])
    assert not is_exempt(model_2026.assignments["tb2026-17"][1])
    assert model_2026.assignments["tb2026-98"][0].supplement == 4


def test_tb2026_71_announced_then_given_is_one_assignment_with_both_dates(model_2026):
    from generator.render.letters import assignment_letters

    doc, a = model_2026.assignments["tb2026-71"]
    assert a.title == "Utrede hensiktsmessig oppgavedeling mellom optikere og øyeleger"
    announced, given = assignment_letters(model_2026, a)
    assert (announced.number, announced.date) == (2, "2026-04-16")
    assert (given.number, given.date) == (3, "2026-05-28")


def test_additions_to_existing_assignments_keep_their_letters(model_2026):
    ext = {k: [d.supplement for d, _ in v] for k, v in model_2026.extensions.items()}
    assert ext == {"tb2026-17": [2, 6], "tb2026-25": [2], "tb2026-9": [3]}
    nr2 = model_2026.extensions["tb2026-25"][0][1]
    assert nr2.deadline == "2026-12-31"


def test_money_outside_a_post_heading_is_said_not_counted(year_2026):
    _, _, diags = year_2026
    [d] = [d for d in diags.items if d.code == "change-outside"]
    assert (d.file, d.line) == ("source/supplerende-tildelingsbrev-2026-nr-4.md", 400)
    assert "tildeles 2 mill. kroner til oppfølgingen" in d.message


def test_a_post_printed_in_two_tables_is_allocated_once(model_2026):
    from generator.derive.post_figures import letter_posts

    # 732.77 stands in 4.1 (expense) and again in 4.3 (folketrygd posts), 4 615 595 both times
    assert len([r for _, r in model_2026.chapters[732].letter_rows if r.post == "77"]) == 2
    assert letter_posts(model_2026.chapters[732])["77"] == 4_615_595


@pytest.mark.parametrize("name,list_name,rule", [
    ("correction-and-listed", "PAIR_RULES", "correction"), ("correction-and-listed", "ITEM_RULES", "listed"),
    ("grant-on-post-in-assignment-text", "OUTSIDE_RULES", "grant_on_post")])
def test_the_prose_rules_fire_from_their_lists(monkeypatch, name, list_name, rule):
    """A prose rule fires because its list holds it (change_prose dispatches from the lists, not by name)."""
    from generator.parsing.letter import change_prose

    assert rule in {c["rule"] for c in _fixture_changes(name)}
    monkeypatch.setattr(change_prose, list_name, ())
    assert rule not in {c["rule"] for c in _fixture_changes(name)}
