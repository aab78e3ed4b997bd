"""The documents re-extracted in other shapes must give the same answers.

tests/shapes.py and tests/converter_shapes.py rewrite a source document the way
other tools extract it; SHAPES names each rewrite. `assert_shape_keeps` extracts
the rewrite and compares every section, assignment, budget row, decision
reference, chapter, post and decision with the original's extraction. The
letters run in the fast tier (tests/fast/test_letter_shapes.py), the
proposition (33 000 lines) in the slow one (tests/slow/test_prop_shapes.py).
"""
from __future__ import annotations

import json
import re
from functools import lru_cache

import pytest

import converter_shapes
import shapes
import tool_shapes
from _paths import GOLDEN, SOURCE
from generator.diagnostics import Diagnostics
from generator.parsing import parse_document
from generator.parsing.extract import detect_kind
from generator.read.source_text import read_text

PROPOSITION = "prop-1-s-2023-2024"
LETTERS = ["tildelingsbrev-2018", "tildelingsbrev-2022", "tildelingsbrev-2024", "tildelingsbrev-2025"]
TITLE = "Helse- og omsorgsdepartementet"


def _golden(name: str) -> dict:
    return json.loads((GOLDEN / f"{name}.json").read_text(encoding="utf-8"))


def _markdown(raw: str, name: str) -> str:
    # The Markdown shape puts headings and assignment header rows where the
    # reviewed golden extraction has them (an exporter knows them from styles).
    md = shapes.markdown_from_golden(raw, _golden(name))
    assert md.count("\n# ") + md.count("\n## ") > 3 and "| " in md  # it is Markdown
    return md


def _grid(raw: str, name: str) -> str:
    # Every table as a grid table, its cells wrapped within their columns.
    md = shapes.grid_tables(_markdown(raw, name))
    assert "\n+-" in md
    return md


def _markdown_tables(raw: str, name: str) -> str:
    # The Markdown export with every budget table a pipe table (an exporter
    # that reads the PDF's table grid), built from the golden rows.
    golden = _golden(name)
    text, tables = tool_shapes.tables_from_golden(raw, golden)
    return tool_shapes.put_tables(shapes.markdown_from_golden(text, golden), tables)


def _converter(raw: str, name: str) -> str:
    # The 2026 converter's shape: front matter, an image and its caption,
    # <a id> anchors, <b> header cells, <p> bodies broken at a page, flattened
    # header tables, budget tables as pipe tables with <br> in their cells.
    md = converter_shapes.converter_shape(_markdown_tables(raw, name), _golden(name))
    assert md.startswith("---\n") and "<p>" in md and "![" in md  # the converter's marks are there
    if name not in ("tildelingsbrev-2018", PROPOSITION):  # no assignment headers to print as tables
        assert "\n#### | | |" in md and "<b>" in md
    return md


def _converter_html_tables(raw: str, name: str) -> str:
    # Another converter's shape: the same export with its tables as HTML <table>s.
    md = converter_shapes.html_tables(_converter(raw, name))
    assert "<table>" in md or name == "tildelingsbrev-2018"
    return md


def _converter_numbered_lists(raw: str, name: str) -> str:
    # Bullets exported as a numbered list ("1. ", "2. "): the 2018 letter's
    # unnumbered assignments are read from a Markdown list of either kind.
    md = converter_shapes.numbered_lists(_converter(raw, name))
    assert "\n1. " in md and "\n2. " in md
    return md


def _markdown_without_heading_numbers(raw: str, name: str) -> str:
    # A word processor's export keeps heading levels but drops its own heading
    # numbers; the layout counts them back.
    md = re.sub(r"^(#+) \d+(?:\.\d+)*\.? ", r"\1 ", _markdown(raw, name), flags=re.M)
    assert not re.search(r"^#+ \d", md, flags=re.M)
    return md


def _pandoc(raw: str, name: str) -> str:
    # pandoc's Markdown writer: Setext headings, paragraphs and bold headers
    # hard-wrapped at 72 columns, wrapped lines that would start a list escaped.
    md = tool_shapes.pandoc_markdown(_markdown(raw, name))
    assert "\n====" in md and "\n----" in md and "\\." in md
    return md


def _bold_headings(raw: str, name: str) -> str:
    # Headings set in bold by hand: no `#` at all.
    md = tool_shapes.bold_headings(_markdown(raw, name))
    assert not re.search(r"^#", md, flags=re.M) and re.search(r"^\*\*1 ", md, flags=re.M)
    return md


def _converter_rowspan_tables(raw: str, name: str) -> str:
    # A PDF-to-HTML converter's budget tables: <thead>/<th>, a chapter's
    # number cell spanning its posts' rows, every cell a <p>, over many lines.
    md = tool_shapes.rowspan_tables(_converter(raw, name))
    assert "rowspan=" in md and "<th>" in md
    return md


def _converter_flattened_tables(raw: str, name: str) -> str:
    # Whole budget tables flattened into one line each.
    md = tool_shapes.flattened_tables(_converter(raw, name))
    assert re.search(r"^\| Kap\. \|.*\|---\|.*\| \|", md, flags=re.M)
    return md


def _html_headings(raw: str, name: str) -> str:
    # Headings written as HTML (<h1>..</h1>), no `#` and no pipe table: Markdown by its HTML headings.
    md = tool_shapes.html_headings(_markdown(raw, name))
    assert "\n<h1>" in md and not re.search(r"^#", md, flags=re.M)
    return md


def _layout_budget_columns(raw: str, name: str) -> str:
    # A layout-preserving PDF-to-text of the letter whose budget tables are
    # tables in the PDF: their rows in space-aligned columns, titles and
    # comments wrapped under their columns (built from the golden rows).
    text = tool_shapes.text_with_tab_tables(raw, _golden(name))
    return shapes.layout_shape(text, TITLE, width=88, page_lines=52)


def _converter_tables_split(raw: str, name: str) -> str:
    # Every budget table broken at a page every seven rows, an empty head row
    # opening the next part, every other break inside a row's title.
    md = tool_shapes.page_split_tables(_converter(raw, name))
    assert '<a id="page-' in md and re.search(r"^\|  \|  \| [^ |]+ \|", md, flags=re.M)
    return md


def _markdown_headings_as_text(raw: str, name: str) -> str:
    # An export that lost its headings' style: "# 1 Innledning" printed as the
    # paragraph "1. Innledning" (Markdown reads it as a list of one item),
    # "## 1.1 Title" as "1.1 Title".
    md = re.sub(r"^#{1,6} (\d+)\.? (.*)$", r"\1. \2", _markdown(raw, name), flags=re.M)
    md = re.sub(r"^#{1,6} (\d+(?:\.\d+)+)\.? ", r"\1 ", md, flags=re.M)
    assert not re.search(r"^#+ \d", md, flags=re.M) and "\n1. " in md
    return md


SHAPES = {
    "layout-88": lambda raw, name: shapes.layout_shape(raw, TITLE, width=88, page_lines=52),
    "layout-100": lambda raw, name: shapes.layout_shape(raw, TITLE, width=100, page_lines=60),
    "layout-92-short-pages": lambda raw, name: shapes.layout_shape(raw, TITLE, width=92, page_lines=30),
    # Columns only two spaces apart, as a tight PDF-to-text layout prints them.
    "layout-90-two-space-columns": lambda raw, name: shapes.layout_shape(raw, TITLE, width=90, page_lines=50, gap=2),
    # The page number in the running header at the outer edge, no footer.
    "layout-88-page-number-in-header": lambda raw, name: shapes.page_number_in_header(
        shapes.layout_shape(raw, TITLE, width=88, page_lines=50), TITLE),
    "edited": lambda raw, name: shapes.edited_shape(raw),
    # Other edits: every space a no-break space; indentation as a tab; old Mac line ends.
    "edited-no-break-spaces": lambda raw, name: raw.replace(" ", "\u00a0"),
    "edited-indent-tabs": lambda raw, name: re.sub(r"(?m)^ +(?=\S)", "\t", raw),
    "edited-cr-line-ends": lambda raw, name: raw.replace("\n", "\r"),
    # Bare page numbers as footers and a running header with the letter's title and year.
    "layout-84-bare-page-numbers": lambda raw, name: re.sub(
        r" *Side (\d+) av \d+", lambda m: " " * 40 + m.group(1),
        shapes.layout_shape(raw, "Tildelingsbrev 2025 – Helsedirektoratet", width=84, page_lines=56)),
    "markdown": _markdown,
    "markdown-grid-tables": _grid,
    "converter": _converter,
    "converter-html-tables": _converter_html_tables,
    "markdown-pandoc": _pandoc,
    "markdown-bold-headings": _bold_headings,
    "converter-rowspan-tables": _converter_rowspan_tables,
    "converter-flattened-tables": _converter_flattened_tables,
    "markdown-html-headings": _html_headings,
    "edited-zero-width": lambda raw, name: tool_shapes.zero_width(raw),
    "layout-88-budget-columns": _layout_budget_columns,
    "converter-tables-split-at-pages": _converter_tables_split,
    "markdown-headings-as-text": _markdown_headings_as_text,
}
# Shapes only some documents can take: the 2018 letter prints 3.5.2 twice, a
# misprint no count of unnumbered headings can give back; numbered lists matter
# where bullets carry assignments (2018) or sit beside them (2024).
SOME_SHAPES = {
    "markdown-without-heading-numbers": (_markdown_without_heading_numbers,
                                         ["tildelingsbrev-2022", "tildelingsbrev-2024", "tildelingsbrev-2025"]),
    "converter-numbered-lists": (_converter_numbered_lists, ["tildelingsbrev-2018", "tildelingsbrev-2024"]),
}


def _extract(text: str, name: str):
    st = read_text(text, f"source/{name}.txt")
    return parse_document(st, None, Diagnostics(), detect_kind(st))


@lru_cache(maxsize=None)
def original(name: str) -> tuple[str, dict]:
    raw = (SOURCE / f"{name}.txt").read_text(encoding="utf-8")
    return raw, shapes.summary(_extract(raw, name))


def assert_same(name: str, got: dict, want: dict) -> None:
    for key, value in want.items():
        if got[key] == value:
            continue
        if not hasattr(value, "keys"):
            pytest.fail(f"{name}: {key} {value!r} became {got[key]!r}")
        lost, extra = value - got[key], got[key] - value
        pytest.fail(f"{name}: {key}: lost {sum(lost.values())} {list(lost)[:3]}, "
                    f"gained {sum(extra.values())} {list(extra)[:3]}")


def rewrite(name: str, shape: str) -> str:
    raw, _ = original(name)
    make = SHAPES[shape] if shape in SHAPES else SOME_SHAPES[shape][0]
    return make(raw, name)


def assert_shape_keeps(name: str, shape: str) -> None:
    """The document `name` rewritten in `shape` extracts like the original."""
    _, want = original(name)
    assert_same(name, shapes.summary(_extract(rewrite(name, shape), name)), want)


# Every document is read in each way a tool extracts it: a layout-preserving
# text, a word processor's Markdown, the converter's export, an edited copy.
# A variant of one of these ways (another width or page length, the page
# number elsewhere, grid or HTML tables, one kind of edit) tests the same
# rule with other parameters: it runs on one letter, the one whose text
# gives it the most to do (tables for the table syntaxes, amounts for the
# no-break spaces, 2025's running header for its bare page numbers). The
# proposition takes the base ways and the layout variants (its post tables
# run across pages): tests/slow/test_prop_shapes.py.
BASE_SHAPES = ("converter", "edited", "layout-88", "markdown")
VARIANT_LETTER = {
    "converter-html-tables": "tildelingsbrev-2024",
    "markdown-grid-tables": "tildelingsbrev-2025",
    "layout-100": "tildelingsbrev-2022",
    "layout-84-bare-page-numbers": "tildelingsbrev-2025",
    "layout-88-page-number-in-header": "tildelingsbrev-2018",
    "layout-90-two-space-columns": "tildelingsbrev-2024",
    "layout-92-short-pages": "tildelingsbrev-2022",
    "edited-cr-line-ends": "tildelingsbrev-2018",
    "edited-indent-tabs": "tildelingsbrev-2024",
    "edited-no-break-spaces": "tildelingsbrev-2022",
    "markdown-pandoc": "tildelingsbrev-2022",  # bold headers wrapped over three lines
    "markdown-bold-headings": "tildelingsbrev-2018",  # no pipe table: Markdown by its bold lines alone
    "converter-rowspan-tables": "tildelingsbrev-2022",  # six tables, chapters of several posts
    "converter-flattened-tables": "tildelingsbrev-2025",  # expense and income tables, long comments
    "markdown-html-headings": "tildelingsbrev-2018",  # no pipe table: Markdown by its HTML headings alone
    "edited-zero-width": "tildelingsbrev-2024",  # IDs and amounts in tables of cells
    "layout-88-budget-columns": "tildelingsbrev-2025",  # comments wrapped under their column
    "converter-tables-split-at-pages": "tildelingsbrev-2022",  # six tables, titles of several words
    "markdown-headings-as-text": "tildelingsbrev-2025",  # "4. Budsjettildeling" after a bullet list
}
# (The letters' budget tables in columns, built from their golden rows, are no variant of the proposition's.)
PROPOSITION_SHAPES = BASE_SHAPES + tuple(s for s in sorted(VARIANT_LETTER)
                                         if s.startswith("layout-") and s != "layout-88-budget-columns")


def letter_cases() -> list[tuple[str, str]]:
    """(letter, shape): every letter in the base shapes, each variant once,
    and the shapes only some letters can take."""
    return [(name, shape) for name in LETTERS for shape in BASE_SHAPES] + sorted(
        (name, shape) for shape, name in VARIANT_LETTER.items()) + [
        (name, shape) for shape, (_, names) in sorted(SOME_SHAPES.items()) for name in names]
