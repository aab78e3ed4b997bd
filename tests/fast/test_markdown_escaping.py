"""Source text is data: nothing in a letter can become markup on a page."""
from __future__ import annotations

import markdown
from hypothesis import given, strategies as st
from markdown_it import MarkdownIt

from generator.model import Block
from generator.render.markdown import block_markdown, esc, format_amount, rel

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klikk](javascript:alert(1))",
    "{{ config.site_name }} {% include 'x' %}",
    "--8<-- \"secrets.txt\"",
    "!!! danger \"x\"",
    "# ikke en overskrift",
    "1. ikke en liste",
    "| a | b |",
    "{: .cls onclick=x }",
    "*uthevet* __fet__ `kode`",
]


def _render(md: str) -> str:
    return markdown.markdown(md, extensions=["tables", "attr_list", "md_in_html", "admonition", "toc"])


def test_hostile_text_renders_literally():
    for text in HOSTILE:
        out = _render(esc(text))
        assert out.startswith("<p>") and out.endswith("</p>"), (text, out)
        assert "<script" not in out and "<img" not in out and "href" not in out and "<em>" not in out
        # Showing literally means the visible text equals the input.
        visible = (out[3:-4].replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"')
                   .replace("&amp;", "&"))
        assert visible == text, (text, out)


def test_markdown_it_sees_no_html_or_links_in_escaped_text():
    md = MarkdownIt("commonmark")
    for text in HOSTILE:
        tokens = md.parseInline(esc(text))[0].children
        assert all(t.type in ("text", "softbreak") for t in tokens), (text, [t.type for t in tokens])


def test_list_and_table_blocks_escape_cells():
    out = _render(block_markdown(Block("list", 1, 2, items=("<b>x</b>", "TB2025-12"))))
    assert "<li>&lt;b&gt;x&lt;/b&gt;</li>" in out and "<li>TB2025-12</li>" in out
    out = _render(block_markdown(Block("table", 1, 3, rows=(("Kap", "Beløp"), ("701.21", "30 000|x")), header=True)))
    assert ">Kap</th>" in out and ">30 000|x</td>" in out


def test_relative_links_between_docs_pages():
    assert rel("brev/3/index.md", "kilde/tildelingsbrev-2025/index.md", "L295") == "../../kilde/tildelingsbrev-2025/index.md#L295"
    assert rel("index.md", "brev/1/index.md") == "brev/1/index.md"


def test_amount_format():
    assert format_amount(30576) == "30\u00a0576"
    assert format_amount(-1500) == "−1\u00a0500"
    assert format_amount(None) == "–"


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=80))
def test_any_text_stays_text(text):
    text = " ".join(text.split())
    out = _render(esc(text))
    assert "<script" not in out and "<a " not in out and "<img" not in out
