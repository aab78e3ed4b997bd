"""The token grammars' guard: the lines of generator/ where a regex shape is
written outside the places allowed to write it (tests/fast/test_token_fragments.py,
test_amount_kap_fragments.py), as "path:line: text"."""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import _paths


def written_outside(shape: re.Pattern, allowed: Callable[[Path], bool]) -> list[str]:
    """Every line of a generator/ module not `allowed` (by its path) that
    `shape` finds, in path and line order."""
    return [f"{path.relative_to(_paths.ROOT)}:{n}: {line.strip()}"
            for path in sorted(_paths.GENERATOR.rglob("*.py")) if not allowed(path)
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if shape.search(line)]
