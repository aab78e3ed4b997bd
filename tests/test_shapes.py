"""The five documents re-extracted in other shapes give the same answers.

tests/shapes.py rewrites each source document the way other tools extract it
(layout-preserving PDF-to-text at several widths and page lengths, an edited
copy with CRLF, no-break spaces, tabs and en dashes in IDs, a Markdown export);
every section, assignment, budget row, decision reference, chapter, post and
decision must come out the same as from the original.
"""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

import pytest

import shapes
from generator.diagnostics import Diagnostics
from generator.parsing.extract import detect_kind
from generator.parsing import parse_document
from generator.read.source_text import read_text

SOURCE = Path(__file__).resolve().parent.parent / "source"
DOCUMENTS = ["prop-1-s-2023-2024", "tildelingsbrev-2018", "tildelingsbrev-2022",
             "tildelingsbrev-2024", "tildelingsbrev-2025"]
# The proposition's shapes (a second each) in the slow tier, the letters' in the fast one.
DOCUMENT_PARAMS = [pytest.param(d, marks=[pytest.mark.slow] if d.startswith("prop") else []) for d in DOCUMENTS]
TITLE = "Helse- og omsorgsdepartementet"

SHAPES = {
    "layout-88": lambda raw: shapes.layout_shape(raw, TITLE, width=88, page_lines=52),
    "layout-100": lambda raw: shapes.layout_shape(raw, TITLE, width=100, page_lines=60),
    "layout-92-short-pages": lambda raw: shapes.layout_shape(raw, TITLE, width=92, page_lines=30),
    # Columns only two spaces apart, as a tight PDF-to-text layout prints them.
    "layout-90-two-space-columns": lambda raw: shapes.layout_shape(raw, TITLE, width=90, page_lines=50, gap=2),
    # The page number in the running header at the outer edge, no footer.
    "layout-88-page-number-in-header": lambda raw: shapes.page_number_in_header(
        shapes.layout_shape(raw, TITLE, width=88, page_lines=50), TITLE),
    "edited": shapes.edited_shape,
    # Other edits: every space a no-break space; indentation as a tab; old Mac line ends.
    "edited-no-break-spaces": lambda raw: raw.replace(" ", "\u00a0"),
    "edited-indent-tabs": lambda raw: re.sub(r"(?m)^ +(?=\S)", "\t", raw),
    "edited-cr-line-ends": lambda raw: raw.replace("\n", "\r"),
    # Bare page numbers as footers and a running header with the letter's title and year.
    "layout-84-bare-page-numbers": lambda raw: re.sub(
        r" *Side (\d+) av \d+", lambda m: " " * 40 + m.group(1),
        shapes.layout_shape(raw, "Tildelingsbrev 2025 – Helsedirektoratet", width=84, page_lines=56)),
}


def _extract(text: str, name: str):
    st = read_text(text, f"source/{name}.txt")
    return parse_document(st, None, Diagnostics(), detect_kind(st))


@lru_cache(maxsize=None)
def original(name: str) -> tuple[str, dict]:
    raw = (SOURCE / f"{name}.txt").read_text(encoding="utf-8")
    return raw, shapes.summary(_extract(raw, name))


def _assert_same(name: str, got: dict, want: dict) -> None:
    for key, value in want.items():
        if got[key] == value:
            continue
        if not hasattr(value, "keys"):
            pytest.fail(f"{name}: {key} {value!r} became {got[key]!r}")
        lost, extra = value - got[key], got[key] - value
        pytest.fail(f"{name}: {key}: lost {sum(lost.values())} {list(lost)[:3]}, "
                    f"gained {sum(extra.values())} {list(extra)[:3]}")


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("name", DOCUMENT_PARAMS)
def test_shape_gives_the_same_extraction(name, shape):
    raw, want = original(name)
    _assert_same(name, shapes.summary(_extract(SHAPES[shape](raw), name)), want)


def _golden(name: str) -> dict:
    return json.loads((SOURCE.parent / "tests" / "golden" / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", DOCUMENT_PARAMS)
def test_markdown_export_gives_the_same_extraction(name):
    # The Markdown shape puts headings and assignment header rows where the
    # reviewed golden extraction has them (an exporter knows them from styles).
    raw, want = original(name)
    md = shapes.markdown_from_golden(raw, _golden(name))
    assert md.count("\n# ") + md.count("\n## ") > 3 and "| " in md  # it is Markdown
    _assert_same(name, shapes.summary(_extract(md, name)), want)


@pytest.mark.parametrize("name", DOCUMENT_PARAMS)
def test_markdown_export_with_grid_tables_gives_the_same_extraction(name):
    # The same export with every table as a grid table, its cells wrapped within their columns.
    raw, want = original(name)
    md = shapes.grid_tables(shapes.markdown_from_golden(raw, _golden(name)))
    assert "\n+-" in md
    _assert_same(name, shapes.summary(_extract(md, name)), want)


def test_original_counts_are_what_the_documents_print():
    # Counted by reading the documents (see the README's extraction table).
    counts = {name: {k: sum(v.values()) for k, v in original(name)[1].items() if hasattr(v, "values")}
              for name in DOCUMENTS}
    assert counts["tildelingsbrev-2024"]["assignments"] == 163
    assert counts["tildelingsbrev-2024"]["vedtak_refs"] == 3
    assert counts["tildelingsbrev-2025"]["assignments"] == 72
    assert counts["prop-1-s-2023-2024"]["chapters"] == 53
    assert counts["prop-1-s-2023-2024"]["posts"] == 161
    assert counts["prop-1-s-2023-2024"]["vedtak"] == 71


@pytest.mark.slow
def test_two_column_proposition_keeps_its_structure():
    # The proposition as a layout-preserving tool prints its two-column pages:
    # the column reader (layout_columns.py) must give back every section, every
    # chapter with its name and every decision of the table of anmodningsvedtak.
    # (Post tables across the page are placed by this synthetic layout only
    # roughly; tests/test_layout_columns.py checks the reading order itself.)
    raw, want = original("prop-1-s-2023-2024")
    text = shapes.two_column_shape(raw, "Prop. 1 S (2023–2024)")
    assert sum(1 for ln in text.split("\n") if len(ln) > 100 and "    " in ln.strip()) > 500  # side by side
    got = shapes.summary(_extract(text, "prop-1-s-2023-2024"))
    assert got["sections"] == want["sections"]
    assert got["vedtak"] == want["vedtak"]
    assert {(k, t) for k, t, _ in got["chapters"]} == {(k, t) for k, t, _ in want["chapters"]}


@pytest.mark.parametrize("name", ["tildelingsbrev-2022", "tildelingsbrev-2024", "tildelingsbrev-2025"])
def test_markdown_export_without_heading_numbers_gives_the_same_extraction(name):
    # A word processor's export keeps heading levels but drops its own heading
    # numbers; the layout counts them back. (The 2018 letter prints 3.5.2 twice,
    # a misprint no count can give back.)
    raw, want = original(name)
    md = re.sub(r"^(#+) \d+(?:\.\d+)*\.? ", r"\1 ", shapes.markdown_from_golden(raw, _golden(name)), flags=re.M)
    assert not re.search(r"^#+ \d", md, flags=re.M)
    _assert_same(name, shapes.summary(_extract(md, name)), want)
