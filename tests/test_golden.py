"""Every source document's extraction equals its reviewed golden file.

A parser change that changes any document's extraction fails here until
tests/golden/ is rewritten (python tests/golden/update.py) in the same commit,
so that the change is seen and reviewed line by line.
"""
from __future__ import annotations

import difflib
import sys
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"
sys.path.insert(0, str(GOLDEN))
from update import ROOT, golden_of  # noqa: E402

DOCUMENTS = sorted(p.stem for p in (ROOT / "source").glob("*.txt"))


@pytest.mark.parametrize("name", DOCUMENTS)
def test_extraction_matches_golden(name):
    text, diagnostics = golden_of(ROOT / "source" / f"{name}.txt")
    for got, file in ((text, f"{name}.json"), (diagnostics, f"{name}.diagnostics.txt")):
        want = (GOLDEN / file).read_text(encoding="utf-8")
        if got != want:
            diff = "".join(list(difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), f"golden/{file}", "now", n=2))[:80])
            pytest.fail(f"the extraction of {name} changed; review and run tests/golden/update.py\n{diff}")


def test_every_document_has_a_golden_file():
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == DOCUMENTS == [
        "prop-1-s-2023-2024", "tildelingsbrev-2018", "tildelingsbrev-2022",
        "tildelingsbrev-2024", "tildelingsbrev-2025",
    ]
