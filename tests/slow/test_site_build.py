"""The built multi-year site: layout, versions, full-text pages, source view."""
from __future__ import annotations

import json
import re

YEARS = ["2018", "2022", "2024", "2025", "2026"]


def _html(site, path):
    return (site / path).read_text(encoding="utf-8")


def test_layout_has_every_year_and_mike_versions(built_site):
    for year in YEARS:
        assert (built_site / year / "index.html").is_file()
        assert (built_site / year / "om" / "index.html").is_file()
        assert (built_site / year / "ordliste" / "index.html").is_file()
    versions = json.loads(_html(built_site, "versions.json"))
    assert [v["version"] for v in versions] == ["2026", "2025", "2024", "2022", "2018"]
    assert versions[0]["aliases"] == ["latest"] and versions[1]["aliases"] == []
    assert all(v["title"] == v["version"] for v in versions)
    assert 'url=2026/"' in _html(built_site, "index.html")


def test_year_front_page_lists_its_documents(built_site):
    page = _html(built_site, "2024/index.html")
    assert "Prop. 1 S (2023–2024) Helse- og omsorgsdepartementet" in page
    assert "prop-1-s-2023-2024.txt" in page
    page = _html(built_site, "2022/index.html")
    assert "Tildelingsbrev til Helsedirektoratet for 2022" in page


def test_letter_section_page_has_heading_text_and_source_link(built_site):
    page = _html(built_site, "2025/brev/1/index.html")
    assert re.search(r"<h1[^>]*>1 Innledning", page)
    # First paragraph of the 2025 letter (lines 3-7), joined across the wrapped lines.
    assert "I dette tildelingsbrevet meddeles Stortingets budsjettvedtak og Helse- og omsorgsdepartementets styringssignaler" in page
    assert 'href="../../kilde/tildelingsbrev-2025/#L1-L41"' in page  # the page's whole range


def test_section_pages_of_2018_and_2022(built_site):
    page = _html(built_site, "2018/brev/1/index.html")
    assert re.search(r"<h1[^>]*>1 Innledning", page)
    assert re.search(r"<h2[^>]*>1\.1 Styringsdialogen", page)
    page = _html(built_site, "2022/brev/1/index.html")
    assert re.search(r"<h2[^>]*>1\.1 Overordnede prioriteringer i 2022", page)


def test_prop_has_part_pages(built_site):
    pages = sorted(p.parent.name for p in (built_site / "2024" / "prop").glob("*/index.html"))
    assert pages, "no full-text pages for the proposition"
    text = "".join(_html(built_site, f"2024/prop/{p}/index.html") for p in pages)
    assert "Helse- og omsorgspolitikken" in text


def test_source_view_has_an_anchor_on_every_line(built_site):
    page = _html(built_site, "2025/kilde/tildelingsbrev-2025/index.html")
    ids = re.findall(r'id="L(\d+)"', page)
    assert len(ids) == 5532 and ids[0] == "1" and ids[-1] == "5532"
    assert "I dette tildelingsbrevet meddeles Stortingets budsjettvedtak" in page


def test_no_third_party_hosts_in_pages(built_site):
    for year in YEARS:
        page = _html(built_site, f"{year}/index.html")
        hosts = set(re.findall(r'(?:src|href)="(https?://[^/"]+)', page))
        assert hosts <= {"https://www.regjeringen.no"}, hosts  # links to the official publications
        assert "fonts.googleapis" not in page and "fonts.gstatic" not in page


def test_no_placeholder_host_and_no_canonical_link_without_an_address(built_site):
    # The session builds without SITE_URL: no file may name a made-up host, and
    # pages carry no canonical link rather than a wrong one.
    for path in built_site.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".xml", ".ics", ".json", ".csv", ".js", ".txt"):
            assert "example.org" not in path.read_text(encoding="utf-8", errors="replace"), path
    assert 'rel="canonical"' not in _html(built_site, "2025/kapittel/740/index.html")


def test_404_pages_are_norwegian_at_the_root_and_in_every_year(built_site):
    for path in ["404.html"] + [f"{year}/404.html" for year in YEARS]:
        page = _html(built_site, path)
        assert "Fant ikke siden" in page and "404 - Not found" not in page, path
        assert 'lang="nb"' in page
    page = _html(built_site, "2024/404.html")
    # Links to the year's indexes, under the year's own folder (no site address in the tests).
    assert 'href="/2024/kapittel/"' in page and 'href="/2024/oppdrag/"' in page
    assert 'href="/2024/assets/stylesheets/site.css"' in page
    assert 'href="/2026/kapittel/"' in _html(built_site, "404.html")  # the root's is the newest year's
