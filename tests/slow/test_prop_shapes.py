"""The proposition (33 000 lines) re-extracted in other shapes gives the same
chapters, posts, sections and decisions (tests/_shape_checks.py); a second or
more a shape, so in the slow tier."""
from __future__ import annotations

import pytest

import shapes
from _shape_checks import PROPOSITION, PROPOSITION_SHAPES, _extract, assert_shape_keeps, original


@pytest.mark.parametrize("shape", PROPOSITION_SHAPES)
def test_proposition_in_another_shape_gives_the_same_extraction(shape):
    assert_shape_keeps(PROPOSITION, shape)


def test_original_counts_are_what_the_proposition_prints():
    counts = {k: sum(v.values()) for k, v in original(PROPOSITION)[1].items() if hasattr(v, "values")}
    assert (counts["chapters"], counts["posts"], counts["vedtak"]) == (53, 161, 71)


def test_two_column_proposition_keeps_its_structure():
    # The proposition as a layout-preserving tool prints its two-column pages:
    # the column reader (read/layout/columns.py) must give back every section,
    # every chapter with its name and every decision of the table of
    # anmodningsvedtak. (Post tables across the page are placed by this
    # synthetic layout only roughly; tests/fast/test_layout_columns.py checks
    # the reading order itself.)
    raw, want = original(PROPOSITION)
    text = shapes.two_column_shape(raw, "Prop. 1 S (2023–2024)")
    assert sum(1 for ln in text.split("\n") if len(ln) > 100 and "    " in ln.strip()) > 500  # side by side
    got = shapes.summary(_extract(text, PROPOSITION))
    assert got["sections"] == want["sections"]
    assert got["vedtak"] == want["vedtak"]
    assert {(k, t) for k, t, _ in got["chapters"]} == {(k, t) for k, t, _ in want["chapters"]}
