"""Source text is data: hostile text in a letter shows literally on every page where
it appears (section page, source view, assignment page) and nothing from it runs.
HTML tags the sources' allow-list does not keep (<script> with what it holds,
<img>) are dropped from the letter's text with an html-dropped warning on
their line; the source view shows the file as it is.

One small temp project is built once (tests/_small_project.py) with the hostile
strings in the introduction and inside assignment TB2030-1.
"""
from __future__ import annotations

import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from _small_project import SMALL_LETTER, make_project, run_cli

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "{{ config }}",
    "{% include %}",
    '--8<-- "file"',
    "!!! note",
]
# What the allow-list drops (read/layout/html_cells.py); the rest is text.
DROPPED = HOSTILE[:2]
TEXT = HOSTILE[2:]
# In this (interleaved) extraction a whitespace-only line is a paragraph break, so
# each string starts a paragraph of its own: "!!! note" there would be an admonition.
BREAK = "\n \n"


def _hostile_letter() -> str:
    block = BREAK + BREAK.join(HOSTILE) + BREAK
    text = SMALL_LETTER.replace("styring og å følge opp.\n", "styring og å følge opp.\n" + block, 1)
    return text.replace("noe viktig for folkehelsen.\n", "noe viktig for folkehelsen.\n" + block, 1)


class _Page(HTMLParser):
    """Visible text, script elements, event-handler attributes and javascript: URLs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.scripts: list[str] = []
        self.handlers: list[tuple[str, str, str]] = []
        self.js_urls: list[str] = []
        self.tags: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.handlers.append((tag, name, value))
            if name in ("href", "src", "action", "formaction", "data") and value.strip().lower().startswith("javascript:"):
                self.js_urls.append(value)
        if tag in ("script", "style"):
            self._in.append(tag)
            self.scripts.append("")

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in:
            self.scripts[-1] += data
        else:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _build_hostile_project(folder):
    root = make_project(folder / "proj", {"tildelingsbrev-2030.txt": _hostile_letter()})
    result = run_cli(root, "build", "--quiet")
    assert result.returncode == 0, result.stderr
    (root / "build-stderr.txt").write_text(result.stderr, encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """The hostile letter's project built once per test run (shared by the xdist workers); tests only read it."""
    from conftest import shared_once

    return shared_once(tmp_path_factory, "hostile-text-project", _build_hostile_project) / "proj" / "site" / "2030"


PAGES = {
    "section page (1 Innledning)": "brev/1/index.html",
    "section page with the assignment (2 Oppdrag)": "brev/2/index.html",
    "source view": "kilde/tildelingsbrev-2030/index.html",
    "assignment page": "oppdrag/tb2030-1/index.html",
}


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_hostile_text_shows_literally(hostile_site, page):
    parsed = _parse(hostile_site / page)
    source_view = page.startswith("kilde/")
    for text in HOSTILE if source_view else TEXT:
        assert text in parsed.visible, (page, text)
    if not source_view:
        assert not [text for text in DROPPED if text in parsed.visible]


def test_each_dropped_tag_is_a_warning_on_its_line(hostile_site):
    warnings = (hostile_site.parent.parent / "build-stderr.txt").read_text(encoding="utf-8")
    lines = _hostile_letter().split("\n")
    for text in DROPPED:
        for number in (n for n, line in enumerate(lines, start=1) if line == text):
            assert f"tildelingsbrev-2030.txt:{number}: warning[html-dropped]" in warnings, (text, warnings)


@pytest.mark.parametrize("page", PAGES.values(), ids=list(PAGES))
def test_nothing_from_the_letter_becomes_markup(hostile_site, page):
    html = (hostile_site / page).read_text(encoding="utf-8")
    parsed = _parse(hostile_site / page)
    assert not any("alert(1)" in s for s in parsed.scripts), "letter text inside a <script> element"
    assert not [h for h in parsed.handlers if "alert" in h[2]], parsed.handlers
    assert parsed.js_urls == []
    assert "<img src=x" not in html and 'src="x"' not in html
    assert 'class="admonition' not in html  # "!!! note" stayed a paragraph
    assert "site_name" not in parsed.visible  # {{ config }} was not expanded by any template engine


def test_every_page_of_the_site_is_free_of_letter_scripts(hostile_site):
    for path in sorted(hostile_site.rglob("*.html")):
        parsed = _parse(path)
        assert not any("alert(1)" in s for s in parsed.scripts), path
        assert not [h for h in parsed.handlers if "alert" in h[2]], path
        assert parsed.js_urls == [], path


@pytest.mark.browser
def test_browser_shows_text_and_runs_nothing(hostile_site, browser):
    from generator.build.serve import make_server

    server = make_server(hostile_site.parent, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}/2030/"
    dialogs: list[str] = []
    page = browser.new_page()
    try:
        def on_dialog(dialog):
            dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        for rel in PAGES.values():
            page.goto(base + rel.removesuffix("index.html"))
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            body = " ".join(page.inner_text("body").split())
            for text in HOSTILE if rel.startswith("kilde/") else TEXT:
                assert text in body, (rel, text)
            assert page.evaluate("document.querySelectorAll('img[onerror], a[href^=\"javascript:\"]').length") == 0
            assert page.evaluate(
                "[...document.scripts].filter(s => s.textContent.includes('alert(1)')).length") == 0
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    assert dialogs == []
