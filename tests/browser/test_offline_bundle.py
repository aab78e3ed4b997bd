"""The offline bundle opened from disk (file://) in headless Chromium: its
pages link each other, its search works, and no request leaves the machine.
The payload site's 2026 (the real 2026 letter with hostile markup, built with
its bundle as the `build` command does; the session's whole site is built
without bundles)."""
from __future__ import annotations

import zipfile
from urllib.parse import urlsplit

import pytest

from generator.build.offline import bundle_name

from .conftest import ARTIFACTS

YEAR = 2026


@pytest.fixture(scope="module")
def bundle_dir(payload_site, tmp_path_factory):
    dest = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(payload_site[0] / str(YEAR) / "data" / bundle_name(YEAR)) as z:
        z.extractall(dest)
    return dest / f"helsebudsjettet-{YEAR}"


def test_bundle_opens_from_disk_and_its_search_works_without_network(browser, bundle_dir):
    context = browser.new_context(locale="nb-NO", service_workers="block")
    outside: list[str] = []

    def route(r):
        if urlsplit(r.request.url).scheme in ("file", "data", "blob"):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    try:
        page.goto((bundle_dir / "index.html").as_uri())
        assert page.title().endswith(f"Helsebudsjettet {YEAR}")
        # A page link from the front page opens the chapter index from disk.
        page.locator('a[href="kapittel/index.html"]').first.click()
        page.wait_for_load_state()
        assert page.url.endswith("/kapittel/index.html")
        assert page.locator("h1").first.inner_text().strip() != ""
        # Search from file:// (Material's offline plugin: index inlined, worker shim from the bundle).
        page.keyboard.press("s")
        page.keyboard.type("Helsedirektoratet", delay=20)
        hits = page.locator(".md-search-result__list > li")
        hits.first.wait_for(state="attached", timeout=15_000)
        assert hits.count() > 3
        first = hits.first.locator("a").first.get_attribute("href")
        assert first and ".html" in first and not first.startswith(("http:", "https:"))
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "offline-bundle-search.png"))
        assert outside == []
    finally:
        context.close()
