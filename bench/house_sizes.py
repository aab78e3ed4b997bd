"""The sizes the README's architecture note quotes, reproducible (issue 26).

    .venv/bin/python bench/house_sizes.py          # a table for people
    .venv/bin/python bench/house_sizes.py --json   # the same numbers as JSON

Modules and lines of generator/ (per package too), the length of every
function and method (median, 90th percentile, longest), the files past 400
lines, and each ordered rule list with its rules and how many fixture pairs
in tests/fixtures/ name each rule as fired (what tests/fast/test_rule_fixtures.py
and the prose-rule fixtures of tests/fast/test_year_letters.py check). Reads
the code as text and imports only the rule lists; builds nothing.
"""
from __future__ import annotations

import argparse
import ast
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
FIXTURES = ROOT / "tests" / "fixtures"
sys.path.insert(0, str(ROOT))

# A file past this many lines probably holds two ideas (the developers' guide).
FILE_LINES_MAX = 400
# The percentile of function lengths the note quotes beside the median.
PERCENTILE = 90


def _modules() -> list[Path]:
    return sorted(p for p in GENERATOR.rglob("*.py") if "__pycache__" not in p.parts)


def _package(path: Path) -> str:
    return path.parent.relative_to(ROOT).as_posix() + "/"


def code_sizes() -> dict:
    """Modules, lines (per package), function lengths and the long files of generator/."""
    lengths: list[tuple[int, str]] = []
    packages: dict[str, list[int]] = {}
    long_files = []
    total = 0
    for path in _modules():
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        total += lines
        packages.setdefault(_package(path), [0, 0])
        packages[_package(path)][0] += 1
        packages[_package(path)][1] += lines
        if lines > FILE_LINES_MAX:
            long_files.append((path.relative_to(ROOT).as_posix(), lines))
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                where = f"{path.relative_to(ROOT).as_posix()}:{node.lineno} {node.name}"
                lengths.append((node.end_lineno - node.lineno + 1, where))
    sizes = sorted(n for n, _ in lengths)
    longest = max(lengths)
    return {
        "modules": len(_modules()),
        "lines": total,
        "functions": len(sizes),
        "function_lines_median": statistics.median(sizes),
        "function_lines_p90": statistics.quantiles(sizes, n=100, method="inclusive")[PERCENTILE - 1],
        "function_lines_max": longest[0],
        "longest_function": longest[1],
        "packages": {name: {"modules": m, "lines": n} for name, (m, n) in sorted(packages.items())},
        "files_over_400_lines": sorted(long_files, key=lambda f: -f[1]),
    }


def _named(path: Path) -> set[str]:
    """The rules a fixture's expected JSON names as fired ("rule", "rules")."""
    items = json.loads(path.read_text(encoding="utf-8"))
    return {i["rule"] for i in items if isinstance(i, dict) and "rule" in i} | \
        {r for i in items if isinstance(i, dict) for r in i.get("rules", ())}


def _fixture_pairs(rules: list[str], folder_of) -> dict[str, list[str]]:
    """rule -> the fixture pairs (input beside its JSON) that name it as fired."""
    out = {}
    for rule in rules:
        folder = folder_of(rule)
        pairs = [p.with_suffix(".json") for p in folder.glob("*") if p.suffix in (".txt", ".md")] \
            if folder.is_dir() else []
        out[rule] = sorted(j.relative_to(FIXTURES).as_posix() for j in pairs if j.is_file() and rule in _named(j))
    return out


def rule_lists() -> dict[str, dict]:
    """Each ordered rule list: where it is, its rules in order, fixture pairs per rule."""
    from generator.parsing.letter.change_prose import ITEM_RULES, OUTSIDE_RULES, PAIR_RULES, PROSE_RULES
    from generator.parsing.letter.assignments import PART_RULES
    from generator.parsing.letter.budget_row_types import TYPE_RULES
    from generator.parsing.letter.budget_cells import CELL_RULES
    from generator.parsing.letter.budget_rows import ROW_RULES
    from generator.parsing.letter.budget_scan import START_RULES
    from generator.parsing.letter.budget_table_ends import LINE_RULES
    from generator.parsing.tokens.amounts import UNIT_RULES
    from generator.parsing.letter.headers import HEADER_RULES
    from generator.parsing.letter.sections import SECTION_RULES
    from generator.parsing.letter.budget_heads import HEAD_RULES
    from generator.read.layout.aligned_columns import COLUMN_RULES
    from generator.read.layout.columns import COLUMN_PAGE_RULES
    from generator.read.layout.grid import GRID_RULES
    from generator.read.layout.headings import HEADING_RULES
    from generator.read.layout.markdown_blocks import LAYOUT_RULES
    from generator.read.layout.page_furniture import PAGE_RULES
    from generator.read.layout.text_lines import TEXT_RULES

    by_rule = lambda rule: FIXTURES / rule  # noqa: E731 - tests/fixtures/<rule>/
    changes = lambda rule: FIXTURES / "allocation_changes"  # noqa: E731 - one folder for the prose rules
    lists = {
        "layout: pages": ("read/layout/page_furniture.PAGE_RULES", [n for n, _ in PAGE_RULES], by_rule),
        "layout: text lines": ("read/layout/text_lines.TEXT_RULES", [n for n, _ in TEXT_RULES], by_rule),
        "layout: two-column pages": ("read/layout/columns.COLUMN_PAGE_RULES", [n for n, _ in COLUMN_PAGE_RULES],
                                     by_rule),
        "layout: aligned columns": ("read/layout/aligned_columns.COLUMN_RULES", [n for n, _ in COLUMN_RULES], by_rule),
        "layout: grid tables": ("read/layout/grid.GRID_RULES", [n for n, _ in GRID_RULES], by_rule),
        "layout: heading numbers": ("read/layout/headings.HEADING_RULES", [n for n, _ in HEADING_RULES], by_rule),
        "layout (Markdown)": ("read/layout/markdown_blocks.LAYOUT_RULES", [n for n, _ in LAYOUT_RULES], by_rule),
        "section headings": ("parsing/letter/sections.SECTION_RULES", [n for n, _ in SECTION_RULES], by_rule),
        "assignment headers": ("parsing/letter/headers.HEADER_RULES", [n for n, _ in HEADER_RULES], by_rule),
        "assignment parts": ("parsing/letter/assignments.PART_RULES", [n for n, _ in PART_RULES], by_rule),
        "budget rows": ("parsing/letter/budget_rows.ROW_RULES", [n for n, _ in ROW_RULES], by_rule),
        "budget lines no row rule took": ("parsing/letter/budget_table_ends.LINE_RULES", [n for n, _ in LINE_RULES],
                                          by_rule),
        "budget amount cells": ("parsing/letter/budget_cells.CELL_RULES", [n for n, _ in CELL_RULES], by_rule),
        "budget row starts": ("parsing/letter/budget_scan.START_RULES", [n for n, _ in START_RULES], by_rule),
        "budget row types": ("parsing/letter/budget_row_types.TYPE_RULES", [n for n, _ in TYPE_RULES], by_rule),
        "budget units": ("parsing/tokens/amounts.UNIT_RULES", [n for n, _ in UNIT_RULES], by_rule),
        "table heads": ("parsing/letter/budget_heads.HEAD_RULES", [n for n, _ in HEAD_RULES], by_rule),
        "allocation changes (corrections)": ("parsing/letter/change_prose.PAIR_RULES",
                                             [n for n, _ in PAIR_RULES], changes),
        "allocation changes (prose)": ("parsing/letter/change_prose.PROSE_RULES",
                                       [n for n, _ in PROSE_RULES], changes),
        "allocation changes (list items)": ("parsing/letter/change_prose.ITEM_RULES",
                                            [n for n, _ in ITEM_RULES], changes),
        "allocation changes (outside headings)": ("parsing/letter/change_prose.OUTSIDE_RULES",
                                                  [n for n, _ in OUTSIDE_RULES], changes),
    }
    out = {}
    for name, (where, rules, folder_of) in lists.items():
        pairs = _fixture_pairs(rules, folder_of)
        out[name] = {"where": where, "rules": len(rules),
                     "fixture_pairs": len({p for found in pairs.values() for p in found}),
                     "rules_without_fixture": [r for r in rules if not pairs[r]],
                     "per_rule": {r: len(found) for r, found in pairs.items()}}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the numbers as JSON")
    args = parser.parse_args()
    sizes, rules = code_sizes(), rule_lists()
    if args.json:
        print(json.dumps({"code": sizes, "rule_lists": rules}, ensure_ascii=False, indent=1))
        return
    print(f"generator/: {sizes['modules']} modules, {sizes['lines']} lines, {sizes['functions']} functions; "
          f"function lines median {sizes['function_lines_median']}, p{PERCENTILE} {sizes['function_lines_p90']:.0f}, "
          f"max {sizes['function_lines_max']} ({sizes['longest_function']})")
    for name, p in sizes["packages"].items():
        print(f"  {name:34} {p['modules']:3} modules {p['lines']:6} lines")
    print(f"files over {FILE_LINES_MAX} lines: "
          + (", ".join(f"{f} ({n})" for f, n in sizes["files_over_400_lines"]) or "none"))
    print("rule lists (rules; fixture pairs whose JSON names one of them as fired):")
    for name, r in rules.items():
        missing = f"; no fixture names: {', '.join(r['rules_without_fixture'])}" if r["rules_without_fixture"] else ""
        print(f"  {name:28} {r['where']:46} {r['rules']:3} rules {r['fixture_pairs']:3} pairs{missing}")
        print("    " + ", ".join(f"{rule} {n}" for rule, n in r["per_rule"].items()))


if __name__ == "__main__":
    main()
