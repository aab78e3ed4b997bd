"""Fuzzing the converter exports (the six 2026 documents): no traceback, no
hang, no silently empty document (tests/_fuzz_converter.py).

The fast tier runs a seeded sample of 36 mutants (each kind of mutation,
every document); the 1 000 run in bench/fuzz_2026.py, which prints the
figures and the slowest mutant (about a minute on two cores: too long for
the suite's four minutes).
"""
from __future__ import annotations

import pytest

import _fuzz_converter as fuzz


@pytest.fixture(scope="module")
def figures():
    if len(fuzz.converter_documents()) < 6:
        pytest.fail("the six 2026 documents are not in source/")
    return fuzz.run(36, seed=2326)


def test_no_mutant_crashes(figures):
    print("\nfuzz 2026 (fast tier):", figures.line())
    assert figures.crashes == [], figures.crashes[0]


def test_no_mutant_hangs(figures):
    assert figures.hangs == []


def test_no_mutant_is_silently_empty(figures):
    assert figures.silent_empty == []
    assert figures.parsed + figures.refused == figures.mutants == 36
    assert figures.parsed > 18  # most mutants are still letters


def test_the_sample_tries_every_mutation():
    mutants = fuzz.make_mutants(36, 2326, fuzz.converter_documents())
    tried = {op for case, _, _ in mutants for op in case.split()[-1].split("+")}
    assert tried == set(fuzz.MUTATIONS)
