"""Hostile markup in a Markdown source never becomes markup in the site (issue 23).

The real 2026 letter with 15 payloads (script, event handlers, javascript:
and data: URLs, iframe, object, svg, style, form, meta refresh, an unknown
tag, a kept tag with attributes, a Markdown image and link, an autolink) in
each of six contexts (tests/_payloads.py) is built as a one-year project,
once per session (`payload_site`, tests/conftest.py). Every page of the year
is read: no payload is an element or a live attribute, nothing points
outside the site, each payload shows as text in the source view, and in
the letter's own pages each is shown as text, or as its words without its
markup, or dropped with an `html-dropped` warning on its line; the front
matter is no letter text at all.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from _payloads import (
    CONTENT, CONTEXTS, PAYLOADS, audit, context_lines, letter_2026_bytes, payload_letter, payloads,
    year_pages,
)

SOURCE_VIEW = "kilde/"


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pages(payload_site):
    site, _ = payload_site
    return {p.relative_to(site / "2026").as_posix(): audit(p) for p in year_pages(site)}


@pytest.fixture(scope="module")
def table(pages):
    return outcomes(pages)


def outcomes(pages) -> dict[tuple[str, str], str]:
    """(context, payload) -> how it reaches the letter's pages (all but the
    source view): 'text' (the whole payload shown literally), 'words' (its
    words shown, its markup gone), 'dropped' (neither)."""
    shown = " ".join(page.visible() for path, page in pages.items() if not path.startswith(SOURCE_VIEW))
    result = {}
    for code in CONTEXTS:
        for name, text in payloads(code):
            if _norm(text) in shown:
                result[code, name] = "text"
            elif name in CONTENT and CONTENT[name].format(c=code) in shown:
                result[code, name] = "words"
            else:
                result[code, name] = "dropped"
    return result


def test_no_payload_is_live_on_any_page(pages):
    live = [f"{path}: {item}" for path, page in pages.items() for item in page.live]
    print(f"\npayloads: {len(pages)} pages of 2026 read, {len(live)} live elements or attributes")
    assert len(pages) > 60
    assert live == [], live[:10]


@pytest.mark.parametrize("code", sorted(CONTEXTS))
def test_source_view_shows_every_payload_as_text(pages, code):
    view = " ".join(page.visible() for path, page in pages.items() if path.startswith(SOURCE_VIEW))
    # (in the front matter each payload stands in a YAML string: its quotes escaped)
    quoted = (lambda t: json.dumps(t)[1:-1]) if code == "fm" else (lambda t: t)
    missing = [name for name, text in payloads(code) if _norm(quoted(text)) not in view]
    assert missing == []


@pytest.mark.parametrize("code", sorted(set(CONTEXTS) - {"fm"}))
def test_each_payload_is_text_words_or_dropped_with_a_warning(table, payload_site, code):
    """The allow-list at work in each context of the letter's text."""
    _, stderr = payload_site
    got = {name: how for (c, name), how in table.items() if c == code}
    assert got["kept-tag-attrs"] == "words"  # <b> is structure: its words, none of its attributes
    assert got["md-image"] == "words"  # an image is its alt text
    assert got["script"] == got["style"] == "dropped"  # with what they hold
    assert got["unknown-tag"] == got["javascript-url"] == "words"  # the tag dropped, its text kept
    line = context_lines(payload_letter(letter_2026_bytes().decode("utf-8")))[code]
    warned = {ln.split("<", 1)[1].split(">", 1)[0] for ln in stderr.splitlines()
              if f".md:{line}: warning[html-dropped]" in ln}
    assert {"script", "style", "img", "iframe", "object", "svg", "meta", "form", "blink"} <= warned, warned


def test_front_matter_is_no_letter_text(table, payload_site):
    """The converter's front matter is metadata: none of it reaches a page but
    the source view, and a key the reader does not know is a warning."""
    _, stderr = payload_site
    got = {name: how for (c, name), how in table.items() if c == "fm"}
    assert set(got.values()) == {"dropped"}, got
    assert "warning[front-matter]: unknown front matter key 'x_payload'" in stderr


def test_payload_table(table, capsys):
    """Prints the payload table (run with -s): context -> outcomes."""
    with capsys.disabled():
        print()
        for code, what in CONTEXTS.items():
            row = Counter(how for (c, _), how in table.items() if c == code)
            print(f"  {what:42} " + ", ".join(f"{k} {v}" for k, v in sorted(row.items())))
    assert len(table) == len(CONTEXTS) * len(PAYLOADS)
