"""The proposition (Prop. 1 S 2023–2024) read by its parser, for the tests
that read it whole, edited or mutated: its path and one way to parse a text."""
from __future__ import annotations

import _paths

from generator.diagnostics import Diagnostics
from generator.parsing.prop.prop_parser import parse_prop
from generator.read.source_text import read_text

SOURCE = _paths.SOURCE / "prop-1-s-2023-2024.txt"
NAME = "source/prop-1-s-2023-2024.txt"


def parse(text: str, name: str = NAME):
    """(document, diagnostics) of a proposition's text."""
    diags = Diagnostics()
    doc = parse_prop(read_text(text, name), None, diags)
    return doc, diags


def source_text() -> str:
    return SOURCE.read_text(encoding="utf-8")
