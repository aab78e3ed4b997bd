"""Prop. 1 S parser on edited and mutated copies of the proposition."""
from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from _prop import parse as extract, source_text
from generator.contract import to_contract


@pytest.fixture(scope="module")
def raw() -> str:
    return source_text()


@pytest.fixture(scope="module")
def baseline(raw):
    doc, diags = extract(raw)
    return to_contract(doc), sorted((d.line, d.code) for d in diags.items)


def _digit_space_to(text: str, sep: str) -> str:
    return re.sub(r"(?<=\d) (?=\d{3}\b)", sep, text)


VARIANTS = {
    "crlf": lambda t: t.replace("\n", "\r\n"),
    "nbsp-in-numbers": lambda t: _digit_space_to(t, "\u00a0"),
    "tabs-for-spaces": lambda t: t.replace(" ", "\t"),
    "trailing-spaces": lambda t: t.replace("\n", "  \n"),
}


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_variants_give_the_same_result(raw, baseline, variant):
    doc, diags = extract(VARIANTS[variant](raw))
    data = to_contract(doc)
    expected, expected_diags = baseline
    assert data["chapters"] == expected["chapters"]
    assert data["vedtak"] == expected["vedtak"]
    assert data["sections"] == expected["sections"]
    assert data["budget_year"] == 2024
    assert sorted((d.line, d.code) for d in diags.items) == expected_diags


@pytest.fixture(scope="module")
def source_lines(raw) -> list[str]:
    return raw.split("\n")


def _window(lines: list[str], data) -> list[str]:
    """A piece of the proposition (parsing all of it per example is too slow):
    a stretch of Del II with tables plus the decisions at the end."""
    start = data.draw(st.integers(0, len(lines) - 1))
    size = data.draw(st.integers(1, 4000))
    return lines[start:start + size] + lines[-600:]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_mutations_never_raise(source_lines, data):
    lines = _window(source_lines, data)
    op = data.draw(st.sampled_from(["delete", "shuffle", "truncate", "duplicate", "blank"]))
    if op == "delete":
        for _ in range(data.draw(st.integers(1, 40))):
            if lines:
                del lines[data.draw(st.integers(0, len(lines) - 1))]
    elif op == "shuffle":
        blocks, cur = [], []
        for ln in lines:
            cur.append(ln)
            if not ln.strip():
                blocks.append(cur)
                cur = []
        blocks.append(cur)
        perm = data.draw(st.permutations(range(len(blocks)))) if len(blocks) < 400 else list(range(len(blocks)))[::-1]
        lines = [ln for i in perm for ln in blocks[i]]
    elif op == "truncate":
        lines = lines[: data.draw(st.integers(0, len(lines)))]
        if lines:
            lines[-1] = lines[-1][: data.draw(st.integers(0, len(lines[-1])))]
    elif op == "duplicate":
        i = data.draw(st.integers(0, max(0, len(lines) - 1)))
        lines = lines[:i] + lines[i:i + 200] + lines[i:]
    else:
        lines = [("" if data.draw(st.booleans()) and i % 7 == 0 else ln) for i, ln in enumerate(lines)]
    text = "\n".join(lines) or "x"
    doc, diags = extract(text)
    to_contract(doc)
    assert all(d.code != "unknown-shape" or "could not be read" not in d.message for d in diags.items), \
        [d.message for d in diags.items if "could not be read" in d.message]


@pytest.mark.parametrize("text, chapters, codes", [
    ("", 0, {"unknown-shape"}),
    ("x", 0, {"unknown-shape"}),
    ("Sum kap. 700 1 2 3", 1, {"column-placement", "unknown-shape"}),
    ("Post Betegnelse\n01 A 1\nSum kap. 700 1", 1, {"column-placement", "unknown-shape"}),
    ("I\nUtgifter:\n700 A\n01 B 1 000\n", 0, {"unknown-shape", "vedtak-mismatch"}),
    ("Del II\n4 Nærmere\nProgramkategori 10.00 X\n", 0, {"unknown-shape"}),
    ("2022–2023 1 A\n3 Oppfølging\n", 0, {"unknown-shape"}),
])
def test_tiny_inputs(text, chapters, codes):
    # Scraps of a proposition: what little they hold is read, and each says why
    # it is not a whole document (no year found, a sum without its table, ...).
    doc, diags = extract(text)
    assert len(doc.chapters) == chapters and doc.vedtak == ()
    assert {d.code for d in diags.items} == codes
    assert to_contract(doc)["kind"] == "prop1s"


def test_full_mutated_document_deleted_lines(source_lines):
    lines = [ln for i, ln in enumerate(source_lines) if i % 97 != 5]
    doc, diags = extract("\n".join(lines))
    assert len(doc.chapters) >= 45
    assert not any("could not be read" in d.message for d in diags.items)
