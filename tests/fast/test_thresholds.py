"""Thresholds in the parsing and layout code are named constants, each with a
line saying why (issue 26 item 2): a comparison with a bare number there
fails this test, and so do a window written as a bare offset (`i + 40`,
`m.start() - 60`), a slice with a bare bound (`text[:40]`, `body[-60:]`), a
bare number passed to a call (`range(3)`, `line.ljust(60)`, `limit=200`)
and a bare default of a parameter (`within=3`); each failure names the place.

Allowed bare numbers (ALLOWED): 0 and 1, which are no thresholds (empty or
not, one item or more, the first of something, the next line); in slices and
calls also -1 (the last item, counting down to the first index). Any other
number goes into a constant beside its rule, or into the stage's shared
module (`read/layout/layout_limits.py`, `parsing/parse_limits.py`).
ARITHMETIC lists the offsets and slices that are no threshold, INDEX_CALLS
the calls whose numbers are indexes and CALL_NUMBERS single numbers passed
to a call that are no threshold, each with why. A slice that only shortens
a quote in a message (an f-string's `{text[:60]}`) decides nothing and is
not checked."""
from __future__ import annotations

import _paths

import ast
from functools import lru_cache

import pytest

PACKAGES = (_paths.GENERATOR / "parsing", _paths.GENERATOR / "read" / "layout")
ALLOWED = frozenset({0, 1})
# -1: the last item (`x[-1:]`, `x[:-1]`), a range counting down to index 0.
ALLOWED_INDEX = ALLOWED | {-1}
# (file, expression): why the number is arithmetic, not a threshold.
ARITHMETIC = {
    ("generator/parsing/letter/change_prose.py", "k + 2"): "a pair of sentences: sentences[k:k + 2]",
    ("generator/parsing/prop/prop_parser.py", "k + 2"): "the next chapter alone: top[k + 1:k + 2]",
    ("generator/parsing/prop/structure.py", "number.count('.') + 2"): "a heading's level under the parts (level 1)",
    ("generator/parsing/prop/tables.py", "budget_year - 2"): "the accounts (Regnskap) are two years before the budget",
    ("generator/parsing/tokens/periods.py", "3 * q - 2"): "the first month of quarter q",
    ("generator/parsing/tokens/periods.py", "6 * h - 5"): "the first month of half-year h",
    ("generator/read/layout/columns.py", "edge - 2"): "the two characters before the gutter: text[edge - 2:edge]",
    ("generator/read/layout/page_furniture.py", "i + 2"): "the 1-based number of the line after index i",
    # slices: positions in a fixed format, not limits
    ("generator/parsing/blocks.py", "text.lstrip()[:2]"): "a bullet's two characters: '-' or '1)'",
    ("generator/parsing/blocks.py", "first[1:2]"): "the character after a bullet's first",
    ("generator/parsing/due_dates.py", "d.text[-2:-1]"): "the character before a date's final full stop",
    ("generator/read/layout/joins.py", "text[-2:-1]"): "the letter before a line's final hyphen",
    ("generator/read/layout/html_cells.py", "prefix[:-3]"): "a nested list's prefix less its own '-  ' marker",
    ("generator/parsing/letter/change_prose.py", "head[:-2]"): "a heading less its trailing ' :'",
    ("generator/parsing/letter/header_fields.py", "(s.split('\\t', 1) + [''])[:2]"): "a cell and the rest: a pair",
    ("generator/parsing/letter/budget_cells.py", "cells[2:]"): "the cells after kap and post",
    ("generator/parsing/letter/letter_parser.py", "cells[2:]"): "the cells after kap and post",
    ("generator/parsing/prop/budget_chapters.py", "code[:2]"): "a programme category's area: '10' of '10.30'",
    ("generator/parsing/tokens/vedtak_refs.py", "a[:2]"): "the century of a session's first year ('20' of '2022')",
    ("generator/parsing/tokens/periods.py", "last[:4]"): "an ISO date's year",
    ("generator/parsing/tokens/periods.py", "last[5:7]"): "an ISO date's month",
    ("generator/parsing/tokens/vedtak_refs.py", "iso[:4]"): "an ISO date's year",
    ("generator/parsing/tokens/vedtak_refs.py", "iso[5:7]"): "an ISO date's month",
}
# Calls whose numbers are indexes, never thresholds: a regex match's groups.
INDEX_CALLS = frozenset({"group", "start", "end", "span"})
# (file, callee, number): why the number passed to the call is no threshold.
CALL_NUMBERS = {
    ("generator/parsing/letter/letter_parser.py", "warn", 2): "line 2: the front matter's first key, under its ---",
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


def _exempt(tree: ast.Module) -> set[int]:
    """ids of the expressions an f-string formats (a quote in a message) and
    of those that define a named constant (`FOLKETRYGD_CHAPTERS = range(2500, 2800)`):
    the number is named there."""
    roots = [node.value for node in ast.walk(tree) if isinstance(node, ast.FormattedValue)]
    roots += [node.value for node in ast.walk(tree) if isinstance(node, ast.Assign)
              and all(isinstance(t, ast.Name) and t.id.lstrip("_").isupper() for t in node.targets)]
    return {id(n) for root in roots for n in ast.walk(root)}


def bare_slices(source: str, name: str = "<text>") -> list[str]:
    """`name:line: expression` for each slice with a bare bound or step
    outside ALLOWED_INDEX, neither in ARITHMETIC nor a quote in a message."""
    tree = _tree(source)
    exempt = _exempt(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Slice) and id(node) not in exempt:
            parts = (node.slice.lower, node.slice.upper, node.slice.step)
            numbers = [_number(p) for p in parts if p is not None]
            if any(n is not None and n not in ALLOWED_INDEX for n in numbers) \
                    and (name, ast.unparse(node)) not in ARITHMETIC:
                out.append(f"{name}:{node.lineno}: {ast.unparse(node)}")
    return out


def _callee(node: ast.Call) -> str:
    return node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")


def bare_call_numbers(source: str, name: str = "<text>") -> list[str]:
    """`name:line: callee(... n)` for each bare number outside ALLOWED_INDEX
    passed to a call (`range(3)`, `ljust(60)`, `limit=200`) or a parameter's
    default (`within=3`), unless the callee takes indexes (INDEX_CALLS) or
    CALL_NUMBERS says why."""
    tree = _tree(source)
    exempt = _exempt(tree)
    out = []
    for node in ast.walk(tree):
        if id(node) in exempt:
            continue
        if isinstance(node, ast.Call) and _callee(node) not in INDEX_CALLS:
            callee, values = _callee(node), [*node.args, *(k.value for k in node.keywords)]
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            callee = getattr(node, "name", "lambda") + " default"
            values = [*node.args.defaults, *(d for d in node.args.kw_defaults if d is not None)]
        else:
            continue
        for value in values:
            n = _number(value)
            if n is not None and n not in ALLOWED_INDEX and (name, callee, n) not in CALL_NUMBERS:
                out.append(f"{name}:{node.lineno}: {callee}(... {n})")
    return out


def _places(check) -> list[str]:
    found = []
    for package in PACKAGES:
        for path in sorted(package.rglob("*.py")):
            found += check(path.read_text(encoding="utf-8"), path.relative_to(_paths.ROOT).as_posix())
    return found


@pytest.mark.parametrize("check", [bare_comparisons, bare_offsets, bare_slices, bare_call_numbers],
                         ids=["comparisons", "windows", "slices", "call-arguments"])
def test_no_bare_numbers(check):
    found = _places(check)
    assert found == [], "name these thresholds (a constant with a line saying why):\n" + "\n".join(found)


def test_the_check_sees_a_bare_threshold():
    # The shapes the code had: a length, a line gap, a chained range, a ratio, a negative number.
    assert len(bare_comparisons("if len(x) > 3: pass\nok = gap >= 12\nr = 500 <= kap <= 5999\n"
                                "s = a / b > 0.8\nt = d == -2\n")) == 5
    assert bare_comparisons("if len(x) > 1 or n == 0 or k >= LIMIT: pass\n") == []
    assert len(bare_offsets("a = lines[i: i + 40]\nb = text[max(0, m.start() - 60):]\n")) == 2
    assert bare_offsets("a = lines[i + 1: i + WINDOW]\n") == []


def test_the_check_sees_a_bare_slice_or_call_argument():
    # A prefix, a tail, a window's step; a count, a width, a keyword limit, a default.
    assert sorted(bare_slices("a = text[:40]\nb = body[-60:]\nc = xs[::2]\n")) == [
        "<text>:1: text[:40]", "<text>:2: body[-60:]", "<text>:3: xs[::2]"]
    assert bare_slices("a = text[:-1] + xs[-1:] + ys[1:]\nb = text[:QUOTE]\nwarn(f'{t[:60]} is odd')\n") == []
    assert sorted(bare_call_numbers("for c in range(3): pass\ns = line.ljust(60)\nf(x, limit=200)\n"
                                    "def g(k=3): pass\n")) == [
        "<text>:1: range(... 3)", "<text>:2: ljust(... 60)", "<text>:3: f(... 200)", "<text>:4: g default(... 3)"]
    assert bare_call_numbers("m.group(2)\nrange(n - 1, -1, -1)\nrange(COLUMNS)\nKAP = range(3000, 4000)\n") == []
