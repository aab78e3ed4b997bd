"""Thresholds in the parsing and layout code are named constants, each with a
line saying why (issue 26 item 2): a comparison with a bare number there
fails this test, and so does a window written as a bare offset (`i + 40`,
`m.start() - 60`); each failure names the place.

Allowed bare numbers (ALLOWED): 0 and 1, which are no thresholds (empty or
not, one item or more, the first of something, the next line). Any other
number goes into a constant beside its rule, or into the stage's shared
module (`read/layout/layout_limits.py`, `parsing/parse_limits.py`).
ARITHMETIC lists the offsets that are no threshold, each with why."""
from __future__ import annotations

import _paths

import ast
from functools import lru_cache

PACKAGES = (_paths.GENERATOR / "parsing", _paths.GENERATOR / "read" / "layout")
ALLOWED = frozenset({0, 1})
# (file, expression): why the number is arithmetic, not a threshold.
ARITHMETIC = {
    ("generator/parsing/letter/allocation_changes.py", "k + 2"): "a pair of sentences: sentences[k:k + 2]",
    ("generator/parsing/prop/prop_parser.py", "k + 2"): "the next chapter alone: top[k + 1:k + 2]",
    ("generator/parsing/prop/structure.py", "number.count('.') + 2"): "a heading's level under the parts (level 1)",
    ("generator/parsing/prop/tables.py", "budget_year - 2"): "the accounts (Regnskap) are two years before the budget",
    ("generator/parsing/tokens/periods.py", "3 * q - 2"): "the first month of quarter q",
    ("generator/parsing/tokens/periods.py", "6 * h - 5"): "the first month of half-year h",
    ("generator/read/layout/columns.py", "edge - 2"): "the two characters before the gutter: text[edge - 2:edge]",
    ("generator/read/layout/pages.py", "i + 2"): "the 1-based number of the line after index i",
}


@lru_cache(maxsize=None)
def _tree(source: str) -> ast.Module:
    """Each module parsed once for both checks."""
    return ast.parse(source)


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
    for node in ast.walk(_tree(source)):
        if isinstance(node, ast.Compare):
            numbers = [_number(side) for side in (node.left, *node.comparators)]
            if any(n is not None and n not in ALLOWED for n in numbers):
                out.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    return out


def bare_offsets(source: str, name: str = "<text>") -> list[str]:
    """`name:line: expression` for each `x + n` or `x - n` (a window, a
    lookahead) with a bare number outside ALLOWED and not in ARITHMETIC."""
    out = []
    for node in ast.walk(_tree(source)):
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Sub)):
            numbers = [_number(side) for side in (node.left, node.right)]
            if any(n is not None and n not in ALLOWED for n in numbers) \
                    and (name, ast.unparse(node)) not in ARITHMETIC:
                out.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    return out


def _places(check) -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted(package.rglob("*.py")):
            found += check(path.read_text(encoding="utf-8"), path.relative_to(_paths.ROOT).as_posix())
    return found


def test_no_bare_numbers_in_comparisons():
    found = _places(bare_comparisons)
    assert found == [], "name these thresholds (a constant with a line saying why):\n" + "\n".join(found)


def test_no_bare_numbers_in_windows():
    found = _places(bare_offsets)
    assert found == [], "name these windows (a constant with a line saying why):\n" + "\n".join(found)


def test_the_check_sees_a_bare_threshold():
    # The shapes the code had: a length, a line gap, a chained range, a ratio, a negative number.
    assert len(bare_comparisons("if len(x) > 3: pass\nok = gap >= 12\nr = 500 <= kap <= 5999\n"
                                "s = a / b > 0.8\nt = d == -2\n")) == 5
    assert bare_comparisons("if len(x) > 1 or n == 0 or k >= LIMIT: pass\n") == []
    assert len(bare_offsets("a = lines[i: i + 40]\nb = text[max(0, m.start() - 60):]\n")) == 2
    assert bare_offsets("a = lines[i + 1: i + WINDOW]\n") == []
