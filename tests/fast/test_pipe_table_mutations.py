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


def test_every_line_of_the_change_tables_of_supplement_nr_2(source_dir):
    file = "supplerende-tildelingsbrev-2026-nr-2.md"
    lines = (source_dir / file).read_text(encoding="utf-8").split("\n")
    doc, rows = _rows(source_dir, file, lines)
    assert sum(rows.values()) == 10
    heads = set(_heads(lines))
    for i, text in enumerate(lines):
        if not text.startswith("|"):
            continue
        # deleting a change table's head loses the one row under it (no columns to read it by)
        under = {(r.kap, r.post, r.title, r.amounts, r.type) for r in doc.budget_rows
                 if r.line in (i + 1, i + 2) and (r.line == i + 1 or i in heads)}
        _, got = _rows(source_dir, file, lines[:i] + lines[i + 1:])
        assert {k for k in rows if k not in under} <= set(got), f"line {i + 1} deleted"
        _, got = _rows(source_dir, file, lines[:i + 1] + [text] + lines[i + 1:])
        assert set(rows) <= set(got), f"line {i + 1} duplicated"
