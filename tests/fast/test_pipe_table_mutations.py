"""A line deleted or duplicated inside a pipe table of the 2026 converter
exports keeps the rows that remain (issue 25 item 5): only the row on that
line, or the one row under a deleted table head, is lost; a duplicated head
or rule line, a deleted rule line, row or continuation row loses no other row."""
from __future__ import annotations

from collections import Counter

import pytest

from generator.diagnostics import Diagnostics
from generator.parsing import parse_document
from generator.read.source_text import read_text
from generator.read.sources import load_manifest


def _rows(source_dir, file, lines):
    entry = next(e for e in load_manifest(source_dir) if e.file == file)
    doc = parse_document(read_text("\n".join(lines), f"source/{file}"), entry, Diagnostics(), entry.kind)
    return doc, Counter((r.kap, r.post, r.title, r.amounts, r.type) for r in doc.budget_rows)


@pytest.fixture(scope="module")
def letter(source_dir):
    lines = (source_dir / "tildelingsbrev-2026.md").read_text(encoding="utf-8").split("\n")
    return lines, _rows(source_dir, "tildelingsbrev-2026.md", lines)


def _heads(lines):
    return [i for i, ln in enumerate(lines) if ln.startswith("| Kap") and "|" in ln[1:]]


def test_a_duplicated_table_head_keeps_every_row(source_dir, letter):
    lines, (doc, rows) = letter
    heads = _heads(lines)
    assert [i + 1 for i in heads] == [1225, 1303, 1330, 1780]  # 4.1, the KDD table, 4.3, a fullmakt table
    for i in heads:
        _, got = _rows(source_dir, "tildelingsbrev-2026.md", lines[:i + 1] + [lines[i]] + lines[i + 1:])
        assert got == rows, f"head at line {i + 1} printed twice"


@pytest.mark.parametrize("line", [1226, 1229, 1298, 1304, 1341])  # rule lines, a row, a continuation's rule
def test_a_deleted_line_keeps_the_other_rows(source_dir, letter, line):
    lines, (doc, rows) = letter
    gone = {(r.kap, r.post, r.title, r.amounts, r.type) for r in doc.budget_rows if r.line <= line <= r.end_line}
    _, got = _rows(source_dir, "tildelingsbrev-2026.md", lines[:line - 1] + lines[line:])
    assert {k for k in rows if k not in gone} <= set(got)


def _tables(lines):
    """The pipe tables: runs of lines starting with '|', as lists of line indices."""
    tables, run = [], []
    for i, text in enumerate(lines + [""]):
        if text.startswith("|"):
            run.append(i)
        elif run:
            tables.append(run)
            run = []
    return tables


def _kind(lines, heads, i):
    """A table line's shape: its number of columns and what it is (caption, rule, head, row)."""
    text = lines[i]
    kind = "head" if i in heads else "rule" if set(text) <= set("|-: ") else \
        "caption" if "kroner" in text else "row"
    return text.count("|") - 1, kind


def test_each_kind_of_line_of_the_change_tables_of_supplement_nr_2(source_dir):
    """Every line of the first table of each shape and of the last table
    deleted, then duplicated: the ten tables are the same four lines in two
    shapes (four and five columns), so these cover every kind of line of
    every shape (asserted), at the start and at the end of the letter."""
    file = "supplerende-tildelingsbrev-2026-nr-2.md"
    lines = (source_dir / file).read_text(encoding="utf-8").split("\n")
    doc, rows = _rows(source_dir, file, lines)
    assert sum(rows.values()) == 10
    heads = set(_heads(lines))
    tables = _tables(lines)
    assert len(tables) == 10
    first_of_shape = {}
    for table in tables:
        first_of_shape.setdefault(tuple(_kind(lines, heads, i) for i in table), table)
    chosen = sorted({i for table in [*first_of_shape.values(), tables[-1]] for i in table})
    every = {_kind(lines, heads, i) for table in tables for i in table}
    assert {_kind(lines, heads, i) for i in chosen} == every and {c for c, _ in every} == {4, 5}
    assert {k for _, k in every} == {"caption", "rule", "head", "row"}
    for i in chosen:
        text = lines[i]
        # deleting a change table's head loses the one row under it (no columns to read it by)
        under = {(r.kap, r.post, r.title, r.amounts, r.type) for r in doc.budget_rows
                 if r.line in (i + 1, i + 2) and (r.line == i + 1 or i in heads)}
        _, got = _rows(source_dir, file, lines[:i] + lines[i + 1:])
        assert {k for k in rows if k not in under} <= set(got), f"line {i + 1} deleted"
        _, got = _rows(source_dir, file, lines[:i + 1] + [text] + lines[i + 1:])
        assert set(rows) <= set(got), f"line {i + 1} duplicated"
