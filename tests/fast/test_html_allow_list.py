"""The HTML in a converter's export is read by an allow-list (issue 23):
`html_cells.STRUCTURE_TAGS` are structure, no attribute of any tag is kept,
everything else is dropped with a diagnostic or shown as text, and reading
it is linear in the length of the cell.

Python's own HTMLParser (3.11) scans an unclosed construct again from its
start at every step: 100 000 characters of "<p " took 470 s, of "<!--" 21 s,
of "<a" 46 s. `html_cells.bare_tags` hands it whole, bare tags only.
"""
from __future__ import annotations

import time

import pytest

from _payloads import PAYLOADS
from generator.read.layout.html_cells import (
    ALLOWED_TAGS, BLOCK_TAGS, BREAK_TAGS, DROPPED_WITH_CONTENT, INLINE_TAGS, STRUCTURE_TAGS, bare_tags, read_html,
)


def test_the_allow_list_is_what_the_converters_write():
    assert INLINE_TAGS == {"b", "strong", "i", "em", "u", "sup", "sub", "small"}
    assert BREAK_TAGS == {"br"}
    assert {"p", "ul", "ol", "li"} <= BLOCK_TAGS
    assert STRUCTURE_TAGS == BLOCK_TAGS | INLINE_TAGS | BREAK_TAGS
    # Nothing that runs, loads or submits is ever allowed.
    for tag in ("script", "style", "iframe", "object", "embed", "svg", "math", "form", "input", "button", "meta",
                "link", "base", "img", "video", "audio", "source", "frame", "template", "blink"):
        assert tag not in ALLOWED_TAGS
    assert {"script", "style"} <= DROPPED_WITH_CONTENT


def test_a_real_comment_cell_keeps_its_structure_and_no_attribute():
    cell = ('<p>Det tildeles:</p> <ul style="list-style-type: none"> <li>- 22,7 mill. kroner til kommunikasjon</li> '
            '<li>- 13 mill. kroner til <b>Nasjonalt program</b></li> </ul>')
    blocks, report = read_html(cell)
    assert blocks == ["Det tildeles:", "- 22,7 mill. kroner til kommunikasjon", "- 13 mill. kroner til Nasjonalt program"]
    assert report.tags == []


@pytest.mark.parametrize("name, payload", PAYLOADS, ids=[n for n, _ in PAYLOADS])
def test_no_payload_comes_out_as_a_tag(name, payload):
    """What comes out is plain text for the renderer to escape: no tag
    html.parser would read, and no attribute value (no handler, no URL)."""
    text = payload.format(c="t")
    blocks, report = read_html(f"Før {text} etter")
    out = " ".join(blocks)
    assert "Før" in out and "etter" in out
    assert "onerror" not in out and "onclick" not in out and "onload" not in out and "evil.example/t/img" not in out
    if name in ("script", "style"):
        assert "alert" not in out and "background" not in out
        assert report.tags and report.tags[0][1]  # dropped with what it holds, and reported
    if name in ("iframe", "object", "svg-onload", "form", "meta-refresh", "unknown-tag", "img-onerror"):
        assert report.tags, "dropped tags are reported (html-dropped)"
    if name == "kept-tag-attrs":
        assert out == "Før fet tekst t etter" and report.tags == []


@pytest.mark.parametrize("text, bare", [
    ('<b onclick="alert(1)" style="x">fet</b>', "<b>fet</b>"),
    ("<BR/>", "<br>"),
    ("a < b og <p <p x", "a &lt; b og &lt;p &lt;p x"),
    ("<!-- bilde --> tekst <!-- åpen", " tekst &lt;!-- åpen"),
    ("<![CDATA[x]]> <?xml x?> <!DOCTYPE html>", "&lt;![CDATA[x]]> &lt;?xml x?> &lt;!DOCTYPE html>"),
    ("<a title='it's'>x</a>", "&lt;a title='it's'>x</a>"),
    ("<o:p></o:p><my-tag x=1>", "<o:p></o:p><my-tag>"),  # a Word export's and a custom element's names
])
def test_bare_tags(text, bare):
    assert bare_tags(text) == bare


HOSTILE = ("<p ", "<a", "<!--", "</", "<![CDATA[", "<?", "<b>", "<br>", "&amp;", "<", '<a id="x">', "<script>",
           "<b onclick='x'>", "<li>- ", "<p>15 569<br>000</p>")


def _seconds(text: str) -> float:
    started = time.process_time()  # CPU seconds: the machine's other work adds nothing
    read_html(text)
    return time.process_time() - started


def test_reading_a_cell_is_linear():
    """Each shape at 10 000 and 100 000 characters: the time grows about 10x
    (a ratio, never a time, is asserted; shapes under 50 ms are not judged,
    a steep one is measured again and the smaller times kept)."""
    steep = []
    for unit in HOSTILE:
        short, long = (unit * (n // len(unit)) for n in (10_000, 100_000))
        t_short, t_long = _seconds(short), _seconds(long)
        if t_long > 0.05 and t_long / max(t_short, 1e-4) > 40:
            t_short, t_long = min(t_short, _seconds(short)), min(t_long, _seconds(long))
            if t_long / max(t_short, 1e-4) > 40:
                steep.append((unit, round(t_short, 4), round(t_long, 4)))
    assert steep == []
