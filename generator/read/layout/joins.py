"""Joining the two pieces of a line or a cell broken in two."""
from __future__ import annotations

from generator.lexicon import KEEP_HYPHEN_BEFORE


def join_cell(left: str, right: str) -> str:
    """A cell's text wrapped onto a following line, joined back: a word broken
    at its hyphen is whole again, "helse-" / "og omsorg" keeps its hyphen."""
    if left.endswith("-") and left[-2:-1].isalpha() and right[:1].islower():
        if right.split(" ", 1)[0] in KEEP_HYPHEN_BEFORE:
            return f"{left} {right}"
        return left[:-1] + right
    if left.endswith("/"):
        return left + right
    return f"{left} {right}"
