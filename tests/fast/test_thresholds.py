"""Thresholds in the parsing and layout code are named constants, each with a
line saying why (issue 26 item 2): a comparison with a bare number there
fails this test, which names the place.

Allowed bare numbers (ALLOWED): 0 and 1, which are no thresholds (empty or
not, one item or more, the first of something). Any other number in a
comparison goes into a constant beside its rule, or into the stage's shared
module (`read/layout/layout_limits.py`, `parsing/parse_limits.py`)."""
from __future__ import annotations

import _paths

import ast

PACKAGES = (_paths.GENERATOR / "parsing", _paths.GENERATOR / "read" / "layout")
ALLOWED = frozenset({0, 1})


def _number(node: ast.expr) -> int | float | None:
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        value = _number(node.operand)
        return None if value is None else -value
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    return None


def bare_comparisons(source: str, name: str = "<text>") -> list[str]:
    """`name:line: comparison` for each comparison with a bare number outside ALLOWED."""
    out = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            numbers = [_number(side) for side in (node.left, *node.comparators)]
            if any(n is not None and n not in ALLOWED for n in numbers):
                out.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    return out


def test_no_bare_numbers_in_comparisons():
    found = []
    for package in PACKAGES:
        for path in sorted(package.rglob("*.py")):
            found += bare_comparisons(path.read_text(encoding="utf-8"), str(path.relative_to(_paths.ROOT)))
    assert found == [], "name these thresholds (a constant with a line saying why):\n" + "\n".join(found)


def test_the_check_sees_a_bare_threshold():
    # The shapes the code had: a length, a line gap, a chained range, a ratio, a negative number.
    assert len(bare_comparisons("if len(x) > 3: pass\nok = gap >= 12\nr = 500 <= kap <= 5999\n"
                                "s = a / b > 0.8\nt = d == -2\n")) == 5
    assert bare_comparisons("if len(x) > 1 or n == 0 or k >= LIMIT: pass\n") == []
