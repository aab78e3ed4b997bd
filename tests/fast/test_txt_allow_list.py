"""A text extraction (.txt) passes its HTML through the same allow-list as a
Markdown source (issue 25 item 7): a <script> goes with what it holds, an
<img onerror>, an <iframe> or an unknown tag is dropped with its text kept,
each with an `html-dropped` warning on its line; structure tags stay structure.
On the real 2025 letter."""
from __future__ import annotations

import _paths
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.parsing.extract import extract_document

ROOT = _paths.ROOT
LETTER = ROOT / "source" / "tildelingsbrev-2025.txt"
TITLE = ("Revidering av forskrift om tilskudd til frivillig rusmiddelforebyggende og "
         "spillavhengighetsforebyggende innsats")


def _extract(tmp_path: Path, lines: dict[int, str]):
    raw = LETTER.read_text(encoding="utf-8").split("\n")
    for number, text in lines.items():
        raw[number - 1] = text
    path = tmp_path / LETTER.name
    path.write_text("\n".join(raw), encoding="utf-8")
    diags = Diagnostics()
    _, doc = extract_document(path, diags, text_blocks=False)
    return doc, [d for d in diags.items if d.code == "html-dropped"]


def test_script_and_handlers_in_a_txt_letter_are_dropped_with_warnings(tmp_path):
    payload = ("TB2025-12 Avd. HOD: FHA Revidering av forskrift om tilskudd til frivillig"
               "<script>alert('x')</script><img src=x onerror=alert(1)> ")
    doc, dropped = _extract(tmp_path, {679: payload})
    a = next(a for a in doc.assignments if a.id == "TB2025-12")
    assert a.title == TITLE and a.departments == ("FHA",)
    assert [(d.line, d.message) for d in dropped] == [
        (679, "the HTML tag <script> and what it holds are not letter text; dropped"),
        (679, "the HTML tag <img> is not letter text; dropped")]
    assert "alert" not in a.title


def test_a_script_over_several_lines_goes_with_all_it_holds(tmp_path):
    doc, dropped = _extract(tmp_path, {694: "<script>", 695: "alert('x') // skript", 696: "</script>"})
    a = next(a for a in doc.assignments if a.id == "TB2025-12")
    body = " ".join(b.text for b in a.body)
    assert "skript" not in body and "alert" not in body and "Consulting AS i 2024." in body
    assert a.title == TITLE and a.deadline == "2025-03-21"
    assert [d.line for d in dropped] == [694]


def test_unknown_tags_keep_their_text_and_structure_tags_stay_structure(tmp_path):
    doc, dropped = _extract(tmp_path, {681: "rusmiddelforebyggende og <iframe src=//e.example>",
                                            683: "<b onclick=alert(1)>spillavhengighetsforebyggende</b> innsats"})
    a = next(a for a in doc.assignments if a.id == "TB2025-12")
    assert a.title == TITLE
    assert [(d.line, d.message) for d in dropped] == [(681, "the HTML tag <iframe> is not letter text; dropped")]
