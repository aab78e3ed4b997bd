"""Every field the extractor emits is documented in docs/contract.md.

The fields are collected from what `extract` prints for every source
document (the reviewed extractions in tests/golden/, which tests/test_golden.py
keeps equal to the extractor's output), and from a small supplement and a
prose allocation, so that a field only some documents carry is seen too.
A field counts as documented when docs/contract.md names it in backticks.
"""
from __future__ import annotations

import _paths
import json
import re

ROOT = _paths.ROOT
FREE_KEYS = {"amounts"}  # keyed by the column headings as printed, not by field names


def _fields(value, path: str = "") -> set[str]:
    out: set[str] = set()
    if isinstance(value, dict):
        for key, item in value.items():
            out.add(f"{path}{key}")
            if key not in FREE_KEYS:
                out |= _fields(item, f"{path}{key}.")
    elif isinstance(value, list):
        for item in value:
            out |= _fields(item, path)
    return out


def _emitted() -> set[str]:
    fields: set[str] = set()
    for golden in sorted((ROOT / "tests" / "golden").glob("*.json")):
        fields |= _fields(json.loads(golden.read_text(encoding="utf-8")))
    return fields


def test_the_goldens_hold_the_fields_added_last_session():
    # the walk sees what it checks
    assert {"supplement_number", "chapter_headings.under", "budget_rows.read_from", "budget_rows.end_line",
            "assignments.end_line", "assignments.page_id", "assignments.references.target"} <= _emitted()


def test_every_emitted_field_is_documented():
    doc = (ROOT / "docs" / "contract.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`([a-z_]+)`", doc)) | set(re.findall(r'"([a-z_]+)"\s*[:,}\]]', doc))
    missing = sorted(f for f in _emitted() if f.rsplit(".", 1)[-1] not in named)
    assert missing == []


def test_the_extractor_emits_what_the_goldens_hold(tmp_path):
    """The goldens are the extractor's output: the keys of a fresh extraction
    of one supplement are among them (test_golden.py checks every byte)."""
    from generator.diagnostics import Diagnostics
    from generator.contract import to_contract
    from generator.parsing.extract import extract_document
    from generator.read.sources import load_manifest

    path = ROOT / "source" / "supplerende-tildelingsbrev-2026-nr-1.md"
    entry = next(e for e in load_manifest(path.parent) if e.file == path.name)
    _, doc = extract_document(path, Diagnostics(), entry)
    assert _fields(to_contract(doc)) <= _emitted()
    assert to_contract(doc)["supplement_number"] == 1
