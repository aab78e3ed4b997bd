"""One site across the years, in headless Chromium: search that finds every
year, a version switch that keeps the reader's place, the "finnes ikke" page,
and an assignment's history with its wording diff. Screenshots go to
test-artifacts/browser/."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect


def search(page, text: str):
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").fill(text)
    return page.locator(".md-search-result__list > li.id-treff")


def switch_version(page, year: int) -> None:
    page.wait_for_selector(".md-version__current")
    page.locator(".md-version").hover()
    page.locator(".md-version__link", has_text=re.compile(rf"^\s*{year}(?!\d)")).click()


def switch_to_missing(page, site_url: str, start: str, year: int, message: str, nearest: str):
    """Open `start` and switch to `year`, which lacks it: the "finnes ikke"
    page says `message` and marks `nearest` as the nearest page (waited for:
    the ID index may load after the first text). Returns that link."""
    page.goto(f"{site_url}{start}")
    switch_version(page, year)
    page.wait_for_url(re.compile(re.escape(f"{site_url}{year}/finnes-ikke/") + r"\?.*"))
    expect(page.locator("#finnes-ikke-melding")).to_have_text(message)
    link = page.locator(".finnes-ikke li.naermest a")
    expect(link).to_have_text(nearest)
    return link


def test_an_id_of_another_year_is_found_in_every_year_newest_first(page, site_url, screenshot):
    page.goto(f"{site_url}2025/")
    hits = search(page, "TB2022-04")
    hits.nth(1).wait_for(state="visible")
    assert hits.count() == 2
    years = [h.locator(".hb-ar").inner_text() for h in hits.all()]
    assert years == ["2024", "2022"]
    links = [h.locator("a").get_attribute("href") for h in hits.all()]
    assert links == [f"{site_url}2024/oppdrag/tb2022-04/", f"{site_url}2022/oppdrag/tb2022-04/"]
    screenshot("tb2022-04")
    hits.nth(1).locator("a").click()
    page.wait_for_url(f"{site_url}2022/oppdrag/tb2022-04/")
    assert "TB2022-04" in page.locator("h1").first.inner_text()


def test_exact_id_hit_is_first_and_listed_once(page, site_url, screenshot):
    page.goto(f"{site_url}2025/")
    hits = search(page, "TB2025-12")
    hits.first.wait_for(state="visible")
    assert hits.count() == 1 and hits.first.locator(".hb-ar").inner_text() == "2025"
    page.locator(".md-search-result__list > li:not(.id-treff)").first.wait_for(state="attached")
    visible = [a.get_attribute("href") for a in page.locator(".md-search-result__list > li:visible > a").all()]
    assert visible[0].endswith("2025/oppdrag/tb2025-12/")
    same = [h for h in visible if re.search(r"/oppdrag/tb2025-12/(\?[^#]*)?$", h)]
    assert len(same) == 1, visible[:5]
    # lunr's "tb2025" + "12" matches every assignment of 2025: those are hidden
    texts = page.locator(".md-search-result__list > li:visible").all_text_contents()
    assert all("tb2025-12" in t.lower() for t in texts)
    screenshot("tb2025-12")


@pytest.mark.parametrize("query,first", [
    ("vedtak 1114", "2024/vedtak/2020-2021-1114/"),
    ("740.21", "2026/kapittel/740/#post-21"),
    ("kap. 740", "2026/kapittel/740/"),
])
def test_other_ids_find_their_pages(page, site_url, query, first):
    page.goto(f"{site_url}2022/")
    hits = search(page, query)
    hits.first.wait_for(state="visible")
    assert hits.first.locator("a").get_attribute("href") == site_url + first
    page.wait_for_timeout(500)  # Material's own results arrive from its worker
    for item in page.locator(".md-search-result__list > li:not(.id-treff):visible").all():
        terms = item.locator(".md-search-result__terms")
        text = item.text_content().replace(terms.first.text_content() if terms.count() else "", "")
        assert query.split()[-1].lower() in text.lower()


def test_a_word_finds_titles_in_every_year_and_norwegian_forms(page, site_url, screenshot):
    page.goto(f"{site_url}2024/")
    hits = search(page, "legemidlene")
    hits.first.wait_for(state="visible")
    hrefs = [h.locator("a").get_attribute("href") for h in hits.all()]
    assert hrefs[:2] == [f"{site_url}2026/kapittel/2751/", f"{site_url}2026/kapittel/2751/#post-70"]
    assert hits.first.locator("p").inner_text() == "Tittel i 2026, 2025, 2024, 2022, 2018"
    # Material's own search of 2024 finds the chapter too ("legemidlene" is sent as "legemidl": lazysearch.js)
    own = page.locator('.md-search-result__list > li:not(.id-treff) a[href*="kapittel/2751/"]')
    own.first.wait_for(state="attached")
    screenshot("legemidlene")


def test_the_search_index_loads_when_search_opens_and_word_forms_are_found(page, site_url, screenshot):
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(f"{site_url}2025/")
    page.wait_for_load_state("networkidle")
    assert not [u for u in requests if "search_index.json" in u]  # not on every page view
    assert page.evaluate("window.helsebudsjettSok.wordForms('fastlegene legemidlene kap. 575')") == \
        "fastleg legemidl kap. 575"
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").type("fastlegene", delay=30)
    own = page.locator(".md-search-result__list > li:not(.id-treff)")
    own.first.wait_for(state="attached")
    assert [u for u in requests if u.endswith("2025/search/search_index.json")]
    assert own.count() >= 3  # fastlegen, fastleger ... in the letter's text, not only "fastlegene"
    screenshot("fastlegene")


def test_switch_from_an_assignment_keeps_it_or_says_it_is_missing(page, site_url, screenshot):
    page.goto(f"{site_url}2024/oppdrag/tb2022-04/")
    switch_version(page, 2022)
    page.wait_for_url(f"{site_url}2022/oppdrag/tb2022-04/")
    nearest = switch_to_missing(page, site_url, "2025/oppdrag/tb2025-12/", 2022,
                                "TB2025-12 finnes ikke i 2022.", "Alle oppdrag i 2022")
    assert page.locator(".finnes-ikke li").first.inner_text() == "Alle oppdrag i 2022"
    page.locator("#finnes-andre-ar a", has_text="2025").wait_for()
    screenshot("finnes-ikke")
    nearest.click()
    page.wait_for_url(f"{site_url}2022/oppdrag/")


def test_switch_from_a_chapter_post_keeps_the_post(page, site_url, screenshot):
    page.goto(f"{site_url}2024/kapittel/740/#post-21")
    switch_version(page, 2018)
    page.wait_for_url(f"{site_url}2018/kapittel/740/#post-21")
    screenshot("post")


def test_switch_from_a_decision_page(page, site_url, screenshot):
    switch_to_missing(page, site_url, "2024/vedtak/2020-2021-1114/", 2025,
                      "vedtak nr. 1114 (2020–2021) finnes ikke i 2025.", "Forsiden for 2025")
    screenshot("vedtak")


def test_switch_from_a_letter_section_keeps_the_section(page, site_url):
    page.goto(f"{site_url}2025/brev/2/")
    switch_version(page, 2024)
    page.wait_for_url(f"{site_url}2024/brev/2/")


def test_history_with_a_wording_diff(page, site_url, screenshot):
    page.goto(f"{site_url}2024/oppdrag/tb2022-25/#historikk")
    diff = page.locator(".ordlyd-diff").first
    diff.scroll_into_view_if_needed()
    assert diff.locator("del").first.text_content() == "slettet: L. Kiellandulykken (slutt på endring)"
    assert diff.locator("ins").first.text_content() == "satt inn: Kielland-ulykken (slutt på endring)"
    # the screen-reader words are not shown
    assert diff.locator("del .skjult").first.bounding_box()["width"] <= 1
    page.locator("#historikk").scroll_into_view_if_needed()
    screenshot("historikk")


def test_switch_from_a_post_the_other_year_lacks(page, site_url, screenshot):
    # The page first marks the chapter index nearest, then, once the ID index
    # has loaded, the chapter itself: wait for the second, not the first.
    nearest = switch_to_missing(page, site_url, "2018/kapittel/740/#post-60", 2025,
                                "Kap. 740 post 60 finnes ikke i 2025.", "Kap. 740 Helsedirektoratet i 2025")
    assert page.locator(".finnes-ikke li.naermest").count() == 1
    screenshot("post-mangler")
    nearest.click()
    page.wait_for_url(f"{site_url}2025/kapittel/740/")
