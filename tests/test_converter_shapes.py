"""The five older documents re-exported the way the 2026 converter exports a
letter (tests/converter_shapes.py: front matter, an image and its English
caption, `<a id>` anchors, `<b>` header cells, `<p>` bodies broken at a page,
flattened header tables, `<br>` in budget cells) give the same extraction as
their text: every section, assignment, budget row and decision reference."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import converter_shapes
import shapes
from test_shapes import DOCUMENT_PARAMS, _assert_same, _extract, original

GOLDEN = Path(__file__).resolve().parent / "golden"


@pytest.mark.parametrize("name", DOCUMENT_PARAMS)
def test_converter_export_gives_the_same_extraction(name):
    raw, want = original(name)
    golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    md = converter_shapes.converter_shape(shapes.markdown_from_golden(raw, golden), golden)
    assert md.startswith("---\n") and "<p>" in md and "![" in md  # the converter's marks are there
    if name not in ("tildelingsbrev-2018", "prop-1-s-2023-2024"):  # no assignment headers to print as tables
        assert "\n#### | | |" in md and "<b>" in md
    _assert_same(name, shapes.summary(_extract(md, name)), want)


@pytest.mark.parametrize("name", DOCUMENT_PARAMS)
def test_converter_export_with_html_tables_gives_the_same_extraction(name):
    # Another converter's shape: the same export with its tables as HTML <table>s.
    raw, want = original(name)
    golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    md = converter_shapes.html_tables(converter_shapes.converter_shape(shapes.markdown_from_golden(raw, golden), golden))
    assert "<table>" in md or name == "tildelingsbrev-2018"
    _assert_same(name, shapes.summary(_extract(md, name)), want)


@pytest.mark.parametrize("name", ["tildelingsbrev-2018", "tildelingsbrev-2024"])
def test_converter_export_with_numbered_lists_gives_the_same_extraction(name):
    # Bullets exported as a numbered list ("1. ", "2. "): the 2018 letter's
    # unnumbered assignments are read from a Markdown list of either kind.
    raw, want = original(name)
    golden = json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))
    md = converter_shapes.numbered_lists(converter_shapes.converter_shape(shapes.markdown_from_golden(raw, golden), golden))
    assert "\n1. " in md and "\n2. " in md
    _assert_same(name, shapes.summary(_extract(md, name)), want)
