"""The four letters re-extracted in other shapes (layout-preserving text at
several widths, edited copies, a word processor's Markdown, a converter's
Markdown with HTML in cells) give the same extraction as their text: every
section, assignment, budget row and decision reference (tests/_shape_checks.py)."""
from __future__ import annotations

import pytest

from _shape_checks import BASE_SHAPES, LETTERS, PROPOSITION, SHAPES, VARIANT_LETTER, assert_shape_keeps, letter_cases, original


@pytest.mark.parametrize("name, shape", letter_cases())
def test_letter_in_another_shape_gives_the_same_extraction(name, shape):
    assert_shape_keeps(name, shape)


def test_original_counts_are_what_the_letters_print():
    # Counted by reading the documents (see the README's extraction table).
    counts = {name: {k: sum(v.values()) for k, v in original(name)[1].items() if hasattr(v, "values")}
              for name in LETTERS}
    assert counts["tildelingsbrev-2024"]["assignments"] == 163
    assert counts["tildelingsbrev-2024"]["vedtak_refs"] == 3
    assert counts["tildelingsbrev-2025"]["assignments"] == 72
    assert PROPOSITION not in LETTERS


def test_every_shape_is_tried():
    # A shape added to SHAPES is a base way or a variant given to a letter.
    assert set(SHAPES) == set(BASE_SHAPES) | set(VARIANT_LETTER) and not set(BASE_SHAPES) & set(VARIANT_LETTER)
    assert set(VARIANT_LETTER.values()) == set(LETTERS)
