"""Fuzzing the extractor with 30 mutated plain-text letters (tests/_fuzz.py):
no traceback, no hang, no silently empty document. The 1 000 run in
`bench/fuzz.py --documents letters`."""
from __future__ import annotations

import pytest

import _fuzz as fuzz

COUNT = 30


@pytest.fixture(scope="module")
def figures():
    return fuzz.run(COUNT, seed=16, bases=fuzz.letter_documents(), mutations=fuzz.TEXT_MUTATIONS)


def test_no_mutated_letter_crashes(figures):
    print("\nfuzz letters (fast tier):", figures.line())
    assert figures.crashes == [], figures.crashes[0]


def test_no_mutated_letter_hangs(figures):
    assert figures.hangs == [], f"over {fuzz.HANG_SECONDS:.0f} s CPU: {figures.hangs}"


def test_no_mutated_letter_is_silently_empty(figures):
    assert figures.silent_empty == []
    assert figures.parsed + figures.refused == figures.mutants == COUNT
    assert figures.parsed > COUNT // 2  # most mutants are still letters


def test_the_sample_tries_every_mutation():
    mutants = fuzz.make_mutants(COUNT, 16, fuzz.letter_documents(), fuzz.TEXT_MUTATIONS)
    tried = {op for case, _, _ in mutants for op in case.split()[-1].split("+")}
    assert tried == set(fuzz.TEXT_MUTATIONS)
