"""One small letter per known shape, beside the extraction it must give.

tests/fixtures/shapes/<shape>.txt (or .md) is a short letter printed in one
shape (a header on one line, ID/department/title on separate lines, several
IDs on one row, an ID block, unnumbered bullets, decision references, a
letterhead, page furniture and a table of contents, a Markdown export, HTML,
a space-aligned budget table, an edited copy); <shape>.json beside it is the
reviewed extraction. Adding a shape means adding a rule and a fixture pair.
Rewrite the expected files with `python tests/fast/test_fixture_shapes.py` and
review their diff.
"""
from __future__ import annotations

import _paths
import json
import sys
from pathlib import Path

import pytest

ROOT = _paths.ROOT
FIXTURES = _paths.FIXTURES / "shapes"
sys.path.insert(0, str(ROOT))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.parsing.extract import extract_document  # noqa: E402


def extraction(path: Path) -> dict:
    """The fields a shape decides: sections, assignments, budget rows,
    decision references, letter date and reference, diagnostics."""
    diags = Diagnostics()
    _, doc = extract_document(path, diags)
    return {
        "budget_year": doc.budget_year,
        "date": doc.date,
        "reference": doc.reference,
        "sections": [[s.number, s.title] for s in doc.sections if s.number],
        "assignments": [
            {"id": a.id, "aliases": list(a.aliases), "title": a.title, "departments": list(a.departments),
             "department_remark": a.department_remark, "status": a.status, "line": a.line,
             "deadlines": [[d.date, d.text, d.approximate, d.agreed_later] for d in a.deadlines]}
            for a in doc.assignments
        ],
        "budget_rows": [[r.kap, r.post, r.title, dict(r.amounts), r.unit, r.comment] for r in doc.budget_rows],
        "vedtak_refs": [[v.nr, v.session, v.date, v.line] for v in doc.vedtak_refs],
        "diagnostics": [f"{d.line}: {d.code}" for d in diags.items],
    }


FIXTURE_FILES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".md"))


@pytest.mark.parametrize("path", FIXTURE_FILES, ids=[p.stem for p in FIXTURE_FILES])
def test_shape_fixture(path):
    want = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    assert extraction(path) == want


def test_every_fixture_has_its_expected_extraction():
    assert FIXTURE_FILES and all(p.with_suffix(".json").is_file() for p in FIXTURE_FILES)


if __name__ == "__main__":
    for p in FIXTURE_FILES:
        p.with_suffix(".json").write_text(
            json.dumps(extraction(p), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {p.with_suffix('.json').relative_to(ROOT)}")
