"""Titles are data too: a payload in any kind of title (assignment, letter
section heading, proposition chapter, decision, the manifest's title) shows
literally wherever the theme puts a title (<title>, header, nav, h1, the tags
listing) and never becomes markup. A letter's and a proposition's titles
first pass the sources' HTML allow-list, which drops tags such as <img> and
<script> with a warning: what they keep (_small_project.TITLE_KEPT) shows
literally; the manifest's titles keep the payloads whole.

MkDocs and Material insert front-matter titles, nav titles and tag names into
the page without escaping, so these are HTML-escaped where they are written
(render/markdown.front_matter, site.year_config). One small temp project
(tests/_small_project.hostile_titles_project) is built once per test run.
"""
from __future__ import annotations

import threading
from html.parser import HTMLParser
from pathlib import Path

import pytest

from _browser_pages import open_built_page, record_dialogs
from _small_project import TITLE_KEPT, TITLE_PAYLOADS, hostile_titles_project, run_cli

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
ACTIVE_ATTRS = ("href", "src", "action", "formaction", "data", "xlink:href")


class _Contexts(HTMLParser):
    """Visible text per title context, and every way markup could run script."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: dict[str, list[str]] = {"title": [], "header": [], "nav": [], "h1": [], "body": []}
        self.active: list[str] = []  # script bodies, handlers, javascript: URLs, srcdoc
        self._stack: list[tuple[str, str | None]] = []

    def _context(self) -> str:
        for tag, ctx in reversed(self._stack):
            if ctx:
                return ctx
        return "body"

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        cls = attrs.get("class") or ""
        for name, value in attrs.items():
            value = value or ""
            if name.startswith("on") or name == "srcdoc":
                self.active.append(f"<{tag} {name}={value!r}>")
            if name in ACTIVE_ATTRS and value.strip().lower().startswith("javascript:"):
                self.active.append(f"<{tag} {name}={value!r}>")
        if tag in VOID:
            return
        ctx = None
        if tag in ("title", "h1"):
            ctx = tag
        elif "md-header__topic" in cls:
            ctx = "header"
        elif tag == "nav" or "md-nav" in cls.split():
            ctx = "nav"
        elif tag in ("script", "style"):
            ctx = tag
        self._stack.append((tag, ctx))

    def handle_endtag(self, tag):
        for k in range(len(self._stack) - 1, -1, -1):
            if self._stack[k][0] == tag:
                del self._stack[k:]
                break

    def handle_data(self, data):
        ctx = self._context()
        if ctx == "script":
            if "alert(" in data:
                self.active.append(f"<script>{data.strip()[:80]}")
        elif ctx != "style":
            self.text[ctx].append(data)

    def visible(self, ctx: str) -> str:
        return " ".join(" ".join(self.text[ctx]).split())


def parse(path: Path) -> _Contexts:
    page = _Contexts()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def _build_titles_project(folder: Path) -> None:
    root = hostile_titles_project(folder / "proj")
    result = run_cli(root, "build", "--quiet")
    assert result.returncode == 0, result.stderr
    (root / "build-stderr.txt").write_text(result.stderr, encoding="utf-8")


@pytest.fixture(scope="session")
def hostile_titles_site(tmp_path_factory) -> Path:
    """Built once per test run (shared by the xdist workers); tests only read it."""
    from conftest import shared_once

    return shared_once(tmp_path_factory, "hostile-titles-project", _build_titles_project) / "proj" / "site"


def _pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if "latest" not in p.relative_to(site).parts)


def _marks_shown(page: _Contexts) -> frozenset[str]:
    """The payloads (and their kept remnants) a page's own content shows: its
    title, its h1 and its body, not the navigation and header every page of a
    year shares."""
    text = " ".join(page.visible(ctx) for ctx in ("title", "h1", "body"))
    return frozenset(p for p in {*TITLE_PAYLOADS, *TITLE_KEPT} if p and p in text)


def distinct_title_pages(site: Path) -> tuple[list[Path], frozenset[str]]:
    """The first page of each kind (year and folder) for each set of payloads
    its own content shows, and every payload any page shows. The other pages
    show the same payloads through the same template."""
    first: dict[tuple[str, str, frozenset[str]], Path] = {}
    seen: set[str] = set()
    for path in _pages(site):
        parts = path.relative_to(site).parts
        shown = _marks_shown(parse(path))
        seen |= shown
        first.setdefault((parts[0], parts[1] if len(parts) > 2 else "", shown), path)
    return sorted(first.values()), frozenset(seen)


def literal_contexts(site: Path) -> tuple[int, list[str]]:
    """(payload occurrences shown literally in a title context, active markup found)."""
    shown = 0
    active = []
    for path in _pages(site):
        page = parse(path)
        active += [f"{path.relative_to(site)}: {a}" for a in page.active]
        for ctx in ("title", "header", "nav", "h1"):
            text = page.visible(ctx)
            shown += sum(text.count(p) for p in {*TITLE_PAYLOADS, *TITLE_KEPT} if p)
    return shown, active


def test_no_title_becomes_markup(hostile_titles_site):
    shown, active = literal_contexts(hostile_titles_site)
    print(f"\nhostile titles: {shown} payload occurrences shown as text in <title>, header, nav and h1; "
          f"{len(active)} became markup")
    assert active == []
    assert shown > 500  # the payloads reached many title contexts, as text


def kept(prefix: str, n: int) -> str:
    """A letter's or proposition's title: its words and what it keeps of payload n."""
    return f"{prefix} {TITLE_KEPT[n]}".strip()


EXPECTED = {
    # page: (context, a title that must show there literally)
    "2030/oppdrag/tb2030-3/index.html": [("title", kept("TB2030-3 Oppdrag", 0)),
                                         ("header", kept("TB2030-3 Oppdrag", 0)),
                                         ("h1", kept("TB2030-3 Oppdrag", 0))],
    "2030/oppdrag/tb2030-5/index.html": [("title", kept("TB2030-5 Oppdrag", 2)),
                                         ("h1", kept("TB2030-5 Oppdrag", 2))],
    "2030/oppdrag/tb2030-6/index.html": [("title", kept("TB2030-6 Oppdrag", 3)),
                                         ("h1", kept("TB2030-6 Oppdrag", 3))],
    "2030/oppdrag/tb2030-7/index.html": [("title", kept("TB2030-7 Oppdrag", 4)),
                                         ("h1", kept("TB2030-7 Oppdrag", 4))],
    "2030/oppdrag/tb2030-8/index.html": [("title", kept("TB2030-8 Oppdrag", 5))],
    "2030/brev/1/index.html": [("title", kept("1 Innledning", 0)),
                               ("nav", kept("2 Oppdrag", 1)),
                               ("nav", kept("3 Bevilgninger", 2)),
                               ("nav", "Tildelingsbrev Dokument " + " ".join(TITLE_PAYLOADS))],
    "2031/kapittel/743/index.html": [("title", kept("Kap. 743 Direktorat", 3)),
                                     ("h1", kept("Kap. 743 Direktorat", 3))],
    "2031/vedtak/2029-2030-12/index.html": [("title", f"Vedtak nr. 12 (2029–2030): {TITLE_KEPT[2]}")],
    "2031/vedtak/2029-2030-13/index.html": [("h1", f"Vedtak nr. 13 (2029–2030): {TITLE_KEPT[3]}")],
    "2031/index.html": [("nav", "Prop. 1 S Dokument " + " ".join(TITLE_PAYLOADS))],
}


def test_the_allow_list_warns_of_each_tag_it_drops_from_a_title(hostile_titles_site):
    warnings = (hostile_titles_site.parent / "build-stderr.txt").read_text(encoding="utf-8")
    assert warnings.count("warning[html-dropped]") >= 6, warnings


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_titles_show_literally(hostile_titles_site, page):
    parsed = parse(hostile_titles_site / page)
    for ctx, title in EXPECTED[page]:
        assert title in parsed.visible(ctx), (ctx, title, parsed.visible(ctx)[:300])


def test_tag_listing_shows_assignment_titles_as_text(hostile_titles_site):
    parsed = parse(hostile_titles_site / "2030/oppdrag/stikkord/index.html")
    for n in range(len(TITLE_PAYLOADS)):
        assert kept(f"TB2030-{n + 3} Oppdrag", n) in parsed.visible("body")
    assert parsed.active == []


def test_template_syntax_in_a_title_is_not_expanded(hostile_titles_site):
    parsed = parse(hostile_titles_site / "2030/oppdrag/tb2030-7/index.html")
    assert "{{ config.site_name }} {% raw %}" in parsed.visible("title")
    assert "Oppdrag Helsebudsjettet" not in parsed.visible("title")


@pytest.mark.browser
def test_no_title_payload_runs_in_chromium(hostile_titles_site, browser):
    """One page of each kind and year for each set of payloads its content
    shows (distinct_title_pages; together they show every payload any page
    shows) in Chromium; any alert/confirm/prompt is recorded. Every page's
    HTML is checked for live markup by test_no_title_becomes_markup."""
    from generator.build.serve import make_server

    server = make_server(hostile_titles_site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    dialogs: list[str] = []
    pages, seen = distinct_title_pages(hostile_titles_site)
    assert frozenset().union(*(_marks_shown(parse(p)) for p in pages)) == seen
    page = browser.new_page()

    record_dialogs(page, dialogs)
    try:
        for path in pages:
            open_built_page(page, base, hostile_titles_site, path)
            page.wait_for_timeout(100)
        # The document title as the browser sees it: what is left of the payload, as text.
        page.goto(base + "2030/oppdrag/tb2030-6/")
        shown_title = page.title()
        live = page.evaluate("document.querySelectorAll('img[onerror], svg[onload], iframe[srcdoc]').length")
    finally:
        page.close()
        server.shutdown()
        server.server_close()
    print(f"hostile titles: {len(pages)} of {len(_pages(hostile_titles_site))} pages visited, {len(dialogs)} dialogs")
    assert len(pages) > 5 and len(seen) > 5
    assert dialogs == []
    assert TITLE_KEPT[3] in shown_title
    assert live == 0
