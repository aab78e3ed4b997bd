"""The Markdown layout layer on its own: front matter, the HTML allow-list,
`<br>` joins, and the token rules on a few lines each."""
from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostics, InputError
from generator.read.front_matter import MAX_BYTES, read_front_matter
from generator.read.layout.html_cells import ALLOWED_TAGS, DROPPED_WITH_CONTENT, STRUCTURE_TAGS, read_html
from generator.read.source_text import read_bytes, read_text

BOMB = """---
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
---

# 1. Innledning
"""


def test_front_matter_bomb_is_a_one_line_error():
    with pytest.raises(InputError) as err:
        read_text(BOMB, "source/x.md")
    assert "alias" in str(err.value) and "\n" not in str(err.value) and str(err.value).startswith("source/x.md:")


def test_front_matter_without_a_closing_fence_within_the_limit_is_text_and_a_warning():
    """No closing fence in the first 64 KB: the first '---' is no front matter
    (a horizontal rule); the lines are letter text, and a warning says so."""
    text = "---\nnotes: \"" + "x" * (MAX_BYTES + 10) + "\"\n---\n\n# 1. Innledning\n"
    diags = Diagnostics()
    st = read_bytes(text.encode(), "source/x.md", diags)
    assert st.front_matter.last_line == 0
    assert [ln.lineno for ln in st.lines if ln.text.startswith("notes:")] == [2]
    assert [(d.line, d.code) for d in diags.items] == [(1, "front-matter")]
    assert "no closing '---'" in diags.items[0].message


MD_LETTER_AFTER_RULE = ("---\n\n# 1. Innledning\n\nHelse- og omsorgsdepartementet viser til Prop. 1 S.\n\n"
                        "# 2. Mål\n\nTekst.\n\n---\n\n# 3. Oppdrag\n\nMer tekst.\n")


def test_a_horizontal_rule_first_is_letter_text_not_front_matter():
    """'---' first, then headings and paragraphs, then another '---' rule: no
    front matter (what lies between holds no keys); every line is read."""
    diags = Diagnostics()
    st = read_bytes(MD_LETTER_AFTER_RULE.encode(), "source/x.md", diags)
    assert st.front_matter.last_line == 0
    assert [ln.text for ln in st.lines if ln.text] == [
        "1. Innledning", "Helse- og omsorgsdepartementet viser til Prop. 1 S.", "2. Mål", "Tekst.",
        "3. Oppdrag", "Mer tekst."]
    assert [(d.line, d.code) for d in diags.items] == [(1, "front-matter")]
    assert "holds no keys" in diags.items[0].message


def test_a_horizontal_rule_first_and_never_closed_is_letter_text():
    text = MD_LETTER_AFTER_RULE.replace("\n---\n\n# 3.", "\n# 3.")
    diags = Diagnostics()
    st = read_bytes(text.encode(), "source/x.md", diags)
    assert [ln.text for ln in st.lines if ln.text][0] == "1. Innledning"
    assert "3. Oppdrag" in [ln.text for ln in st.lines]
    assert [(d.line, d.code) for d in diags.items] == [(1, "front-matter")]


def test_front_matter_is_metadata_not_text():
    text = ("---\ntitle: \"Tildelingsbrev til Helsedirektoratet for 2026\"\nlanguage: nb\nmystery: 1\n"
            "creator:\n\t- name: \"HOD\"\n---\n\n# 1. Innledning\n\nTekst.\n")
    diags = Diagnostics()
    st = read_bytes(text.encode(), "source/x.md", diags)
    assert st.front_matter.title == "Tildelingsbrev til Helsedirektoratet for 2026"
    assert st.front_matter.data["creator"] == [{"name": "HOD"}]  # tab indentation read as spaces
    assert [ln.text for ln in st.lines if ln.text] == ["1. Innledning", "Tekst."]
    assert [d.code for d in diags.items] == ["front-matter"] and "mystery" in diags.items[0].message
    assert set(range(1, 8)) <= set(st.furniture)


def test_front_matter_none_and_unreadable():
    assert read_front_matter(["# 1. Innledning"], "x").last_line == 0
    fm = read_front_matter(["---", "title: [unclosed", "---"], "x")
    assert fm.last_line == 3 and fm.data == {} and "not valid YAML" in fm.warnings[0][1]


@pytest.mark.parametrize("html, blocks", [
    ("<b>TB2026-1</b>", ["TB2026-1"]),
    ("15 569<br>000", ["15 569 000"]),
    ("Lege-<br>erklæringer", ["Legeerklæringer"]),
    ("Medisinsk<br>forbruksmateriel<br>l", ["Medisinsk forbruksmateriell"]),
    ("Kiropraktorbeha<br>ndling", ["Kiropraktorbehandling"]),
    ("Helse- og<br>omsorg", ["Helse- og omsorg"]),
    ("<b>Meld. St. 21 (2024 –2025)<br/>Helse for alle</b>", ["Meld. St. 21 (2024 –2025) Helse for alle"]),
    ('<p>Det tildeles:</p> <ul style="list-style-type: none"> <li>- 30 mill. kroner</li> <li>mer</li> </ul>',
     ["Det tildeles:", "- 30 mill. kroner", "• mer"]),
    ('<a id="block-4-0"></a>', []),
    ('<a href="#x">3.2. Befolkningen</a> lokalsamfunn', ["3.2. Befolkningen lokalsamfunn"]),
])
def test_html_structure(html, blocks):
    assert read_html(html)[0] == blocks


@pytest.mark.parametrize("payload", [
    "<script>alert(1)</script>", "<style>body{display:none}</style>", '<iframe src="http://evil"></iframe>',
    '<img src=x onerror="alert(1)">', '<svg onload="alert(1)"></svg>', '<object data="x"></object>',
    '<form action="http://evil"><input></form>', '<meta http-equiv="refresh" content="0;url=http://evil">',
    "<blink>x</blink>",
])
def test_html_outside_the_allow_list_is_never_markup(payload):
    blocks, report = read_html(f"før {payload} etter")
    assert all("<" not in b and "alert" not in b and "display" not in b for b in blocks)
    assert report.tags and all(tag not in ALLOWED_TAGS for tag, _ in report.tags)


def test_the_allow_list_is_named():
    assert {"p", "ul", "ol", "li", "b", "strong", "i", "em", "br"} <= STRUCTURE_TAGS
    assert not (ALLOWED_TAGS & DROPPED_WITH_CONTENT) and "script" in DROPPED_WITH_CONTENT
    assert not ({"iframe", "object", "svg", "form", "meta", "img"} & ALLOWED_TAGS)


def test_a_payload_in_a_cell_is_reported_with_its_line():
    text = "# 1. Innledning\n\n| a | b |\n|---|---|\n| x <script>alert(1)</script> | y |\n"
    diags = Diagnostics()
    st = read_bytes(text.encode(), "source/x.md", diags)
    assert "x\ty" in [ln.text for ln in st.lines]
    assert [(d.line, d.code) for d in diags.items] == [(5, "html-dropped")]


def test_100_000_character_cells_and_lines_are_read():
    # (tests/slow/test_regex_linear.py times the patterns; this reads the shapes whole)
    cell = "<b>" + "ord " * 25_000 + "</b><br>" + "1 " * 20_000
    text = f"# 1. Innledning\n\n| a | b |\n|---|---|\n| {cell} | {'x' * 100_000} |\n\n" + "*" * 100_000 + "\n"
    lines = [ln.text for ln in read_text(text, "source/x.md").lines]
    row = next(t for t in lines if t.endswith("\t" + "x" * 100_000))
    assert lines[0] == "1. Innledning" and row.startswith("ord ord") and len(row) > 200_000
