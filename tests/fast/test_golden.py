"""Every source document's extraction equals its reviewed golden file.

A parser change that changes any document's extraction fails here until
tests/golden/ is rewritten (python tests/golden/update.py) in the same commit,
so that the change is seen and reviewed line by line.
"""
from __future__ import annotations

import _paths
import difflib
import sys

import pytest

GOLDEN = _paths.GOLDEN
sys.path.insert(0, str(GOLDEN))
from update import golden_of, source_documents  # noqa: E402

PATHS = {p.stem: p for p in source_documents()}
DOCUMENTS = sorted(PATHS)


@pytest.mark.parametrize("name", DOCUMENTS)
def test_extraction_matches_golden(name):
    text, diagnostics = golden_of(PATHS[name])
    for got, file in ((text, f"{name}.json"), (diagnostics, f"{name}.diagnostics.txt")):
        want = (GOLDEN / file).read_text(encoding="utf-8")
        if got != want:
            diff = "".join(list(difflib.unified_diff(
                want.splitlines(True), got.splitlines(True), f"golden/{file}", "now", n=2))[:80])
            pytest.fail(f"the extraction of {name} changed; review and run tests/golden/update.py\n{diff}")


def test_every_document_has_a_golden_file():
    assert sorted(p.stem for p in GOLDEN.glob("*.json")) == DOCUMENTS == [
        "prop-1-s-2023-2024",
        "supplerende-tildelingsbrev-2026-nr-1", "supplerende-tildelingsbrev-2026-nr-2",
        "supplerende-tildelingsbrev-2026-nr-3", "supplerende-tildelingsbrev-2026-nr-4",
        "supplerende-tildelingsbrev-2026-nr-6",
        "tildelingsbrev-2018", "tildelingsbrev-2022", "tildelingsbrev-2024", "tildelingsbrev-2025",
        "tildelingsbrev-2026",
    ]
