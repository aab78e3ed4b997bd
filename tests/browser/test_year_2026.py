"""Budget year 2026 in Chromium, on a 1280 px screen and a 390 px phone:
the front page, the changes page, kap. 714 and TB2026-17. Screenshots go to
test-artifacts/browser/ (look at them)."""
from __future__ import annotations

import pytest

from tests.browser.conftest import ARTIFACTS, settled, watched_page

PAGES = {"2026-forside": ("2026/", "#brevene"), "2026-endringer": ("2026/endringer/", "#supplerende-nr-2"),
         "2026-kapittel-714": ("2026/kapittel/714/", "#gjennom-aret"),
         "2026-tb2026-17": ("2026/oppdrag/tb2026-17/", "h1")}
VIEWPORTS = {"skjerm": {"viewport": {"width": 1280, "height": 900}},
             "telefon": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 1, "is_mobile": True,
                         "has_touch": True}}


@pytest.mark.parametrize("device", sorted(VIEWPORTS))
def test_2026_pages_read_on_screen_and_phone(browser, site_url, page_log, device):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for page in watched_page(browser, page_log, **VIEWPORTS[device]):
        for name, (path, target) in sorted(PAGES.items()):
            page.goto(site_url + path)
            settled(page)
            page.locator(target).first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"{device}-{name}.png"), animations="disabled")
            overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
            assert overflow <= 1, f"{name}: the page is {overflow} px wider than the screen"
        # the timeline's links land on the letter's part of the changes page
        page.goto(site_url + "2026/")
        page.locator("#brevene + ol a, #brevene ~ ol a").nth(2).click()
        settled(page)
        assert page.url.endswith("2026/endringer/#supplerende-nr-2")
        assert page.locator("#supplerende-nr-2").is_visible()


# A 375 px phone (the narrowest common one): the change tables and the changes page's table of
# the letters are cards, not wide tables.
NARROW = {"viewport": {"width": 375, "height": 812}, "device_scale_factor": 1, "is_mobile": True, "has_touch": True}
CHANGE_TABLES = {"endringer": "2026/endringer/", "kapittel-714": "2026/kapittel/714/"}
OVERFLOW = """Array.from(document.querySelectorAll('.endringstabell, .brevtabell')).map(box => {
    const scrollers = [box, ...box.querySelectorAll('.md-typeset__scrollwrap, .md-typeset__table, table')];
    return Math.max(0, ...scrollers.map(e => e.scrollWidth - e.clientWidth),
                    ...Array.from(box.querySelectorAll('td')).map(td => td.getBoundingClientRect().right
                                                                         - window.innerWidth));
})"""


def test_change_tables_read_without_sideways_scroll_at_375(browser, site_url, page_log):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for page in watched_page(browser, page_log, **NARROW):
        # the front page's documents as cards: the supplements' file names wrap inside the phone
        page.goto(site_url + "2026/")
        settled(page)
        documents = page.evaluate(OVERFLOW.replace(".endringstabell, .brevtabell", ".dokumenttabell"))
        assert len(documents) == 1 and documents[0] <= 1, f"front page: the documents table is wider than the phone by {documents} px"
        cells = page.locator(".dokumenttabell tbody tr").nth(1).locator("td")
        assert cells.nth(2).inner_text().replace("\xa0", " ") == "27. februar 2026"  # supplement nr. 1
        assert page.evaluate("""getComputedStyle(document.querySelector('.dokumenttabell tbody td:nth-child(4)'),
                                                 '::before').content""") == '"Kildetekst "'
        for name, path in sorted(CHANGE_TABLES.items()):
            page.goto(site_url + path)
            settled(page)
            page.locator(".endringstabell").first.scroll_into_view_if_needed()
            page.screenshot(path=str(ARTIFACTS / f"telefon-375-2026-{name}.png"), animations="disabled")
            overflow = page.evaluate(OVERFLOW)
            assert overflow and max(overflow) <= 1, f"{name}: change tables wider than the phone by {overflow} px"
            assert page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth") <= 1, name
            # every amount keeps its label where the head row is out of sight
            labels = page.evaluate("""Array.from(document.querySelectorAll('.endringstabell tbody tr:first-child td'))
                .map(td => getComputedStyle(td, '::before').content)""")
            assert '"Før "' in labels and '"Endring "' in labels, (name, labels)
        # kap. 714, post 21 as a card: the supplement's row shows its amounts and the letter's words, on screen
        row = page.locator("p:has(#endring-21) + .endringstabell tbody tr").nth(1)
        assert row.locator("td").nth(2).inner_text().replace("\xa0", " ") == "102 700"  # Før, supplement nr. 2
        box = row.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 375 + 1, box
