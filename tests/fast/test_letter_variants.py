"""The extractor on edited copies of the real letters, and on mutated letters."""
import _paths
import random
import re
from functools import lru_cache

from hypothesis import HealthCheck, given, settings, strategies as st

from generator.diagnostics import Diagnostics
from generator.parsing.letter.letter_parser import parse_letter
from generator.read.source_text import read_text

ROOT = _paths.ROOT


@lru_cache(maxsize=None)
def raw(year: int) -> str:
    return (ROOT / "source" / f"tildelingsbrev-{year}.txt").read_text(encoding="utf-8")


def parse(text: str, name="x.txt"):
    return parse_letter(read_text(text, f"source/{name}"), None, Diagnostics())


def key(doc):
    return ([(a.id, a.title, a.departments, a.deadline, a.status, a.letter) for a in doc.assignments],
            [(r.kap, r.post, r.amounts) for r in doc.budget_rows])


@lru_cache(maxsize=None)
def base(year: int):
    return key(parse(raw(year)))


def _variants(text: str):
    yield "crlf", text.replace("\n", "\r\n")
    yield "trailing", re.sub(r"(?<=\S)\n", "  \t\n", text)  # on text lines: blank lines carry meaning
    yield "nbsp", re.sub(r"(?<=\d) (?=\d{3}\b)", "\u00a0", text)
    yield "bold", re.sub(r"^([ \t]*)(T?TB\d{4}-\d+)", r"\1**\2**", text, flags=re.M)
    yield "p", re.sub(r"^(\S.*\S)\s*$", r"<p>\1</p>", text, count=400, flags=re.M)


def test_year_found_without_manifest():
    for y in (2018, 2022, 2025):
        doc = parse(raw(y))
        assert doc.budget_year == y


def test_variants_give_same_result():
    for y in (2018, 2022, 2025):
        for name, text in _variants(raw(y)):
            assert key(parse(text)) == base(y), (y, name)


def test_en_dash_and_spaces_in_ids():
    text = re.sub(r"^(\s*TB2025)-(\d+)", r"\1 – \2", raw(2025), flags=re.M)
    doc = parse(text)
    assert [a.id for a in doc.assignments] == [a[0] for a in base(2025)[0]]


def test_tabs_for_spaces_keep_assignments():
    text = re.sub(r"(?<=\S) (?=\S)", "\t", raw(2025), count=0)
    doc = parse(text)
    assert len(doc.assignments) == 72


def test_toc_and_letterhead_not_sections():
    head = ("Helse- og omsorgsdepartementet\nVår ref 24/1234-5\nDato: 19.12.2024\n"
            "Tildelingsbrev til Helsedirektoratet for 2025\nInnhold\n1 Innledning\t3\n"
            "2 Overordnede mål ..........\t5\n3.1 Folkehelse\t7\n\n")
    doc = parse(head + raw(2025))
    assert [s.number for s in doc.sections if s.number][:3] == ["1", "2", "3"]
    assert doc.reference == "24/1234-5" and doc.date == "2024-12-19"
    assert doc.title == "Tildelingsbrev til Helsedirektoratet for 2025"


def test_tab_separated_table():
    text = ("1 Budsjett\n\n(i 1 000 kr)\nKap.\tPost\tBetegnelse\tBevilgning 2026\tTildeling 2026\n"
            "740\t01\tDriftsutgifter\t1 234 567\t1 200 000\n\t21\tSpesielle driftsutgifter\t30 576\t\n"
            "Sum kap. 740\t\t\t1 265 143\t1 200 000\n\nTekst.\n")
    diags = Diagnostics()
    doc = parse_letter(read_text(text, "source/t.txt"), None, diags)
    assert [(r.kap, r.post, dict(r.amounts)) for r in doc.budget_rows] == [
        (740, "01", {"Bevilgning 2026": 1234567, "Tildeling 2026": 1200000}),
        (740, "21", {"Bevilgning 2026": 30576, "Tildeling 2026": None}),
    ]
    assert not [d for d in diags.items if d.code == "amount-sum"]
    bad = text.replace("1 265 143", "1 265 144")
    diags = Diagnostics()
    parse_letter(read_text(bad, "source/t.txt"), None, diags)
    assert [d.code for d in diags.items if d.code == "amount-sum"] == ["amount-sum"]


@st.composite
def mutated(draw):
    year = draw(st.sampled_from([2018, 2022, 2025]))
    lines = raw(year).split("\n")
    rnd = random.Random(draw(st.integers(0, 10**6)))
    op = draw(st.sampled_from(["delete", "shuffle", "truncate"]))
    if op == "delete":
        for _ in range(draw(st.integers(1, 200))):
            if lines:
                del lines[rnd.randrange(len(lines))]
    elif op == "shuffle":
        blocks = [lines[i:i + 40] for i in range(0, len(lines), 40)]
        rnd.shuffle(blocks)
        lines = [x for b in blocks for x in b]
    else:
        lines = lines[: rnd.randrange(len(lines))]
    return "\n".join(lines)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutated_letters_never_crash(text):
    # Speed is measured in bench/, not asserted here; a hang would stop the run.
    doc = parse(text)
    assert doc.kind == "tildelingsbrev"
