"""Fuzzing the converter exports (the six 2026 documents) with 36 mutants
(tests/_fuzz.py): no traceback, no hang, no silently empty document. The
1 000 run in `bench/fuzz.py --documents converter` (about a minute on two
cores: too long for the suite's four minutes)."""
from __future__ import annotations

import pytest

import _fuzz as fuzz

COUNT, SEED = 36, 2326


@pytest.fixture(scope="module")
def figures():
    if len(fuzz.converter_documents()) < 6:
        pytest.fail("the six 2026 documents are not in source/")
    return fuzz.run(COUNT, SEED, bases=fuzz.converter_documents(), mutations=fuzz.CONVERTER_MUTATIONS)


def test_no_mutant_crashes(figures):
    print("\nfuzz 2026 (fast tier):", figures.line())
    assert figures.crashes == [], figures.crashes[0]


def test_no_mutant_hangs(figures):
    assert figures.hangs == []


def test_no_mutant_is_silently_empty(figures):
    assert figures.silent_empty == []
    assert figures.parsed + figures.refused == figures.mutants == COUNT
    assert figures.parsed > COUNT // 2  # most mutants are still letters


def test_the_sample_tries_every_mutation():
    mutants = fuzz.make_mutants(COUNT, SEED, fuzz.converter_documents(), fuzz.CONVERTER_MUTATIONS)
    tried = {op for case, _, _ in mutants for op in case.split()[-1].split("+")}
    assert tried == set(fuzz.CONVERTER_MUTATIONS)
