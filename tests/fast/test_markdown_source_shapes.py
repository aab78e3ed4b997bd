"""The 2026 letters, Markdown exports already, rewritten by another tool
(tests/tool_shapes.py) give the same extraction: pandoc's writer (Setext
headings, paragraphs wrapped at 72 columns, bold headers wrapped over
lines), headings set in bold by hand, every budget table flattened onto one line."""
from __future__ import annotations

from functools import lru_cache

import pytest

import shapes
import tool_shapes
from _paths import SOURCE
from generator.diagnostics import Diagnostics
from generator.parsing import parse_document
from generator.read.source_text import read_text
from generator.read.sources import load_manifest


@lru_cache(maxsize=None)
def _entry(name: str):
    return next(e for e in load_manifest(SOURCE) if e.file == name)


def _summary(text: str, name: str) -> dict:
    entry = _entry(name)
    return shapes.summary(parse_document(read_text(text, f"source/{name}"), entry, Diagnostics(), entry.kind,
                                         text_blocks=False))


@lru_cache(maxsize=None)
def _original(name: str) -> tuple[str, dict]:
    raw = (SOURCE / name).read_text(encoding="utf-8")
    return raw, _summary(raw, name)


CASES = [
    # "4.3. Folketrygd- og aktivitetsbaserte poster" / "-----": a heading, so 4.3's table is not 4.2's.
    ("tildelingsbrev-2026.md", "pandoc"),
    # "**TB 2026-67 Utfasing ... §" / "45 tredje ledd** Sivilombudet ...": the whole title.
    ("supplerende-tildelingsbrev-2026-nr-2.md", "pandoc"),
    # "**2. Utarbeide utkast til veileder ...**" inside TB2026-78 is no section.
    ("supplerende-tildelingsbrev-2026-nr-4.md", "bold"),
    # Each table (4.3's split at a page: "| | og<br>røntgeninstitutt | |" goes on with 2711.76) on one line.
    ("tildelingsbrev-2026.md", "flattened"),
]
REWRITE = {"pandoc": tool_shapes.pandoc_markdown, "bold": tool_shapes.bold_headings,
           "flattened": tool_shapes.flattened_tables}


@pytest.mark.parametrize("name, shape", CASES)
def test_a_2026_letter_rewritten_gives_the_same_extraction(name, shape):
    raw, want = _original(name)
    text = REWRITE[shape](raw)
    assert text != raw
    got = _summary(text, name)
    for key, value in want.items():
        assert got[key] == value, (name, shape, key)
