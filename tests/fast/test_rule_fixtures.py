"""Every structural rule in a list has a fixture pair that names it.

tests/fixtures/<rule>/<case>.txt (or .md) is a small document on which the
rule fires; <case>.json beside it is what the rules of its list found there,
each item naming the rule that fired. A rule without a fixture, or whose
fixture does not show it firing, fails here. Rewrite the expected files with
`python tests/fast/test_rule_fixtures.py` and review their diff.

The lists: the assignment headers' line rules (parsing/letter/headers.py
HEADER_RULES, tried at every line) and part rules (parsing/letter/assignments.py
PART_RULES, over what the line rules left).
"""
from __future__ import annotations

import _paths
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = _paths.ROOT
FIXTURES = _paths.FIXTURES
sys.path.insert(0, str(ROOT))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.parsing.letter.assignments import PART_RULES, PartScan, assignment_headers  # noqa: E402
from generator.parsing.letter.headers import HEADER_RULES  # noqa: E402
from generator.parsing.letter.meta import find_budget_year  # noqa: E402
from generator.parsing.letter.sections import find_sections, split_parts  # noqa: E402
from generator.read.source_text import read_text  # noqa: E402


def assignment_header_rules(path: Path) -> list[dict]:
    """The assignment headers of a small letter, each with the rule that found it."""
    text = read_text(path.read_text(encoding="utf-8"), f"fixtures/{path.parent.name}/{path.name}")
    parts = split_parts(text.lines)
    found = find_sections(text.lines, parts[0].last + 1, text.headings, text.list_items)
    sections, idx = [s for _, s in found], [i for i, _ in found]
    year = find_budget_year(text, Diagnostics())
    out = []
    for part in parts:
        for h in assignment_headers(PartScan(text, part, sections, idx, year)):
            out.append({"rule": h.shape, "line": text.lines[h.index].lineno,
                        "id": re.sub(r"\s+", " ", h.printed).strip() if h.printed else None,
                        "title": h.title, "departments": list(h.departments)})
    return out


# Each list: its rules' names, and what a fixture of one of them gives.
RULE_LISTS = {
    "assignment headers": ([name for name, _ in HEADER_RULES] + [name for name, _ in PART_RULES],
                           assignment_header_rules),
}
RULES = {rule: reader for names, reader in RULE_LISTS.values() for rule in names}
CASES = sorted(p for rule in RULES for p in (FIXTURES / rule).glob("*") if p.suffix in (".txt", ".md"))


def _expected(path: Path) -> list[dict]:
    return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))


def test_every_rule_has_a_fixture_that_fires_it():
    missing = [rule for rule in RULES
               if not any(p.parent.name == rule and p.with_suffix(".json").is_file()
                          and rule in {item["rule"] for item in _expected(p)} for p in CASES)]
    assert missing == []


def test_no_rule_is_named_twice():
    names = [rule for names, _ in RULE_LISTS.values() for rule in names]
    assert len(names) == len(set(names))


@pytest.mark.parametrize("path", CASES, ids=[f"{p.parent.name}/{p.stem}" for p in CASES])
def test_rule_fixture(path):
    assert RULES[path.parent.name](path) == _expected(path)


if __name__ == "__main__":
    for case in CASES:
        got = RULES[case.parent.name](case)
        case.with_suffix(".json").write_text(json.dumps(got, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(case.relative_to(ROOT), [item["rule"] for item in got])
