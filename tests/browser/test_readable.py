"""Figures readable where journalists read them: a 1280 px screen and a 390 px phone.

Screenshots go to test-artifacts/browser/ (look at them: the 2024 and 2025
front pages and a chapter page of each, on a phone and on a desktop).
"""
from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, settled, watched_page

PHONE = {"width": 390, "height": 844}
PAGES = {"forside-2024": "2024/", "forside-2025": "2025/",
         "kapittel-2024-732": "2024/kapittel/732/", "kapittel-2025-740": "2025/kapittel/740/"}


@pytest.fixture
def phone(browser, site_url, page_log):
    yield from watched_page(browser, page_log, viewport=PHONE, device_scale_factor=1, is_mobile=True,
                            has_touch=True)


def _shot(page, name: str, full: bool = False) -> None:
    """The front pages whole; a chapter page from its posts table down, one screen's height."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.evaluate("""() => Promise.all(Array.from(document.images).map(img => {
        img.loading = "eager"; return img.complete ? null : new Promise(r => { img.onload = img.onerror = r; }); }))""")
    if not full and page.locator("#poster, #tildeling").count():
        page.locator("#poster, #tildeling").first.scroll_into_view_if_needed()
    # Animations off: the header's title cross-fades as the page scrolls.
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full, timeout=30_000, animations="disabled")


@pytest.mark.parametrize("name", sorted(PAGES))
def test_phone_layout_fits_the_screen(phone, site_url, built_site, name):
    phone.goto(site_url + PAGES[name])
    settled(phone)
    _shot(phone, f"telefon-{name}", full=name.startswith("forside"))
    # The page itself never scrolls sideways; wide tables and charts scroll in their own box.
    overflow = phone.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{name}: the page is {overflow} px wider than the phone"
    # Table text at least 14 px.
    sizes = phone.evaluate("""Array.from(document.querySelectorAll('.md-typeset table td'))
        .slice(0, 40).map(td => parseFloat(getComputedStyle(td).fontSize))""")
    assert sizes and min(sizes) >= 14, (name, min(sizes))
    # Chart labels readable: the SVG is not shrunk below 80 % of its drawn size (labels about 11 px).
    scales = phone.evaluate("""Array.from(document.querySelectorAll('figure.diagram img'))
        .filter(img => img.naturalWidth).map(img => img.getBoundingClientRect().width / img.naturalWidth)""")
    assert all(s >= 0.8 for s in scales), (name, scales)
    # Every chart fits the phone whole: the newest year's bars and the longest bar's
    # amount are on screen, not behind a sideways scroll.
    cut = phone.evaluate("""Array.from(document.querySelectorAll('figure.diagram'))
        .map(f => f.scrollWidth - f.clientWidth)""")
    assert len(cut) >= 2 and all(c <= 1 for c in cut), (name, cut)


def test_first_column_stays_in_view_when_a_wide_table_scrolls(phone, site_url, built_site):
    phone.goto(site_url + "2024/kapittel/732/")
    wrap = phone.locator("#poster ~ .md-typeset__scrollwrap").first
    first_cell = wrap.locator("tbody tr td").first
    before = first_cell.bounding_box()
    scrolled = phone.evaluate("""() => { const w = document.querySelector('#poster ~ .md-typeset__scrollwrap');
        w.scrollLeft = 400; return w.scrollLeft; }""")
    assert scrolled > 100, "the posts table should be wider than a phone"
    after = first_cell.bounding_box()
    # The post number stays at the left edge of the table's scroll box (it moves only past the padding).
    assert 0 <= after["x"] <= before["x"] and before["x"] - after["x"] < 24, (before, after)
    _shot(phone, "telefon-kapittel-2024-732-rullet")


def test_amounts_visible_without_scrolling_at_1280(page, site_url, built_site, screenshot):
    # Each page opened once: checked, then photographed if it is one of PAGES.
    shots = {url: name for name, url in PAGES.items()}
    checked = ("2024/kapittel/732/", "2024/kapittel/740/", "2024/", "2025/")
    for url in dict.fromkeys((*checked, *shots)):
        page.goto(site_url + url)
        if url in checked:
            hidden = page.evaluate("""Array.from(document.querySelectorAll('.md-typeset__scrollwrap'))
                .filter(w => w.scrollWidth > w.clientWidth + 1).length""")
            assert hidden == 0, f"{url}: {hidden} table(s) need sideways scrolling at 1280 px"
            sizes = page.evaluate("""Array.from(document.querySelectorAll('.md-typeset table td'))
                .slice(0, 40).map(td => parseFloat(getComputedStyle(td).fontSize))""")
            assert min(sizes) >= 14
        if url in shots:
            _shot(page, f"skrivebord-{shots[url]}", full=shots[url].startswith("forside"))
