"""Issue 24 on the session's built site (tests/conftest.py `built_site`, built
with an example repository for the report link and without offline bundles):
every entity page's card and report link, every published URL; the offline
bundle on the payload site's 2026 (the real 2026 letter with payloads, built
with its bundle as the `build` command does)."""
from __future__ import annotations

import _paths
import re
import struct
import zipfile
from html import unescape
from pathlib import Path
from urllib.parse import unquote


from generator.build.offline import bundle_name
from generator.build.published import page_urls, read_published, read_redirects

ROOT = _paths.ROOT
ENTITY = re.compile(r"^\d{4}/(kapittel/\d+|oppdrag/(?!stikkord/)[a-z0-9.-]+|vedtak/[0-9-]+)/index\.html$")
REPOSITORY = "https://github.com/eksempel/helsebudsjettet"  # conftest.built_site's example


def _years(site: Path) -> list[int]:
    return sorted(int(p.name) for p in site.iterdir() if p.is_dir() and p.name.isdigit())


def _entity_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html")) if ENTITY.match(p.relative_to(site).as_posix())]


def _meta(html: str, key: str) -> str | None:
    m = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return unescape(m.group(1)) if m else None


BUNDLE_YEAR = 2026


def test_a_build_without_bundles_links_none(built_site):
    for year in _years(built_site):
        assert not (built_site / str(year) / "data" / bundle_name(year)).exists()
        assert bundle_name(year) not in (built_site / str(year) / "data" / "index.html").read_text(encoding="utf-8")


def test_the_year_links_its_bundle_with_its_size(payload_site):
    site, _ = payload_site
    bundle = site / str(BUNDLE_YEAR) / "data" / bundle_name(BUNDLE_YEAR)
    assert bundle.is_file(), f"{BUNDLE_YEAR} has no offline bundle"
    size = bundle.stat().st_size
    shown = f"{size / 1_000_000:.1f} MB".replace(".", ",") if size >= 1_000_000 else f"{round(size / 1000)} kB"
    data_page = (site / str(BUNDLE_YEAR) / "data" / "index.html").read_text(encoding="utf-8")
    assert f'href="{bundle_name(BUNDLE_YEAR)}"' in data_page
    assert f"(ZIP, {shown})" in data_page


def _bundle_sample(site: Path, year: int) -> tuple[set[str], str]:
    """The names in the year's bundle and its sample page: an assignment page, else a chapter page."""
    with zipfile.ZipFile(site / str(year) / "data" / bundle_name(year)) as z:
        names = set(z.namelist())
        top = f"helsebudsjettet-{year}/"
        entity = sorted(n for n in names if re.match(rf"{top}(oppdrag/tb|kapittel/\d)[^/]*/index\.html$", n))
        return names, z.read(entity[0]).decode("utf-8")


def test_the_bundle_pages_link_only_relative_html_paths(payload_site):
    year = BUNDLE_YEAR
    names, sample = _bundle_sample(payload_site[0], year)
    top = f"helsebudsjettet-{year}/"
    assert f"{top}index.html" in names and f"{top}search/search_index.js" in names
    assert f"{top}assets/javascripts/offline/iframe-worker.js" in names
    assert any(n.endswith(".svg") for n in names), "the bundle has the charts"
    hrefs = re.findall(r'<a\b[^>]*\shref="([^"]*)"', sample)
    assert len(hrefs) > 20
    inside = [h for h in hrefs if not h.startswith(("#", "https://", "http://", "mailto:"))]
    bad = [h for h in inside if not re.match(r"^[^?#]*\.(html|ics|csv|json|xml|zip|svg|png)(#.*)?$", h)]
    assert bad == []
    assert any(h.endswith(".html") and "../" in h for h in inside)
    # nothing loads from another host: scripts, styles and images are files in the bundle
    loads = re.findall(r'<(?:script|img|link)\b[^>]*\s(?:src|href)="([^"]*)"', sample)
    assert [u for u in loads if re.match(r"^[a-z]+:", u)] == []


def test_every_entity_page_has_its_card_and_the_three_og_tags(built_site):
    pages = _entity_pages(built_site)
    assert len(pages) > 500
    sizes: dict[Path, tuple[int, int]] = {}
    for page in pages:
        html = page.read_text(encoding="utf-8")
        title, description, image = (_meta(html, k) for k in ("og:title", "og:description", "og:image"))
        assert title and description and image, page
        assert _meta(html, "twitter:card") == "summary_large_image"
        card = (page.parent / image).resolve()  # no site address in the test build: relative to the page
        if card not in sizes:
            data = card.read_bytes()
            sizes[card] = struct.unpack(">II", data[16:24])
        assert sizes[card] == (1200, 630), page
    html = (built_site / "2025" / "kapittel" / "740" / "index.html").read_text(encoding="utf-8")
    assert re.fullmatch(r"Kap\. 740 Helsedirektoratet, 2025: tildelt Helsedirektoratet [\d ]+ \(1 000 kr\)"
                        r"(, per \d+\. \w+ \d{4})?", _meta(html, "og:description"))
    html = (built_site / "2025" / "oppdrag" / "tb2025-12" / "index.html").read_text(encoding="utf-8")
    assert _meta(html, "og:description").startswith("Oppdrag TB2025-12, 2025: ")
    assert len({*sizes}) > 300, "entity pages have cards of their own"


def test_every_entity_page_has_the_report_link_naming_its_url(built_site):
    for page in _entity_pages(built_site):
        html = page.read_text(encoding="utf-8")
        m = re.search(r'<p class="hb-feil"><a href="([^"]+)"', html)
        assert m, f"{page}: no report link"
        link = unquote(unescape(m.group(1)))
        url = "/" + page.relative_to(built_site).as_posix()[: -len("index.html")]
        assert link.startswith(f"{REPOSITORY}/issues/new?"), page
        assert f"Side: {url}\n" in link and "Kilde: source/" in link, page


def test_every_published_url_resolves_to_a_page_or_a_redirect_to_one(built_site):
    published = read_published(ROOT)
    assert len(published) > 700
    present = page_urls(built_site, _years(built_site))
    assert [u for u in published if u not in present] == []
    for old, new in read_redirects(ROOT).items():
        page = (built_site / old / "index.html").read_text(encoding="utf-8")
        target = re.search(r'<meta http-equiv="refresh" content="0; url=([^"]+)"', page).group(1)
        assert (built_site / old / target / "index.html").resolve() == (built_site / new / "index.html").resolve()
        assert "http-equiv" not in (built_site / new / "index.html").read_text(encoding="utf-8")


def test_the_committed_list_holds_every_page_the_build_made(built_site):
    """CI's check: a change that adds pages commits the list the build updated."""
    published = set(read_published(ROOT))
    missing = sorted(page_urls(built_site, _years(built_site)) - published)
    assert missing == [], (f"{len(missing)} page(s) not in published-urls.txt (run `python -m generator build` "
                           f"and commit it), e.g. {missing[:5]}")
