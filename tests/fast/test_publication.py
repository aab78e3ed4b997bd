"""A site people share and keep (issue 24), without a build: social cards,
the report link, the offline bundle's links and zip, published URLs and
redirects, corrections. The built site is checked in test_publication_site.py."""
from __future__ import annotations

import _paths
import struct
import zipfile
from io import BytesIO
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.build.corrections import read_corrections
from generator.build.bundle_html import Bundle, page_moves
from generator.build.offline import bundle_paragraph, size_text, zip_tree
from generator.build.published import (
    add_urls_message,
    lost_urls,
    page_urls,
    read_published,
    read_redirects,
    year_redirect_maps,
)
from generator.diagnostics import InputError
from generator.render.charts.card import CardSpec
from generator.render.charts.card_draw import card_png, wrap, _face
from generator.render.social import PageMeta, report_link
from generator.settings import Settings, load_settings

ROOT = _paths.ROOT


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


# --- cards ------------------------------------------------------------------------------

CHAPTER = CardSpec(2025, "Utgiftskapittel · 2025", "Kap. 740 Helsedirektoratet", "1 234 567",
                   "Tildelt Helsedirektoratet (1 000 kr), per 20. desember 2024", 0.25,
                   "25,0 % av alt tildelt", "Uoffisiell utgave · kilde: source/tildelingsbrev-2025.txt")


def test_card_is_a_1200_by_630_png_and_the_same_spec_gives_the_same_bytes():
    first, second = card_png(CHAPTER), card_png(CHAPTER)
    assert png_size(first) == (1200, 630)
    assert first == second
    assert b"tEXt" not in first and b"tIME" not in first  # no software name, no date
    assert card_png(CardSpec(2025, "Utgiftskapittel · 2025", "Kap. 740 Helsedirektoratet", "1 234 568")) != first


def test_a_card_names_its_file_by_its_content():
    assert CHAPTER.file_name() == CardSpec(**CHAPTER.__dict__).file_name()
    assert CHAPTER.file_name().startswith("kort/") and CHAPTER.file_name().endswith(".png")
    assert CardSpec(2024, "Oppdrag · 2024", "TB2024-01 X").file_name() != CardSpec(2025, "Oppdrag · 2025", "TB2024-01 X").file_name()


def test_a_long_title_is_wrapped_within_the_card_and_cut_with_an_ellipsis():
    face = _face(True, 36)
    title = "TB2024-12 Helsedirektoratet skal " + "utrede en nasjonal ordning for samordning " * 6
    lines = wrap(face, title, 1072, 3)
    assert len(lines) == 3 and lines[-1].endswith(" …")
    assert all(face.width(line) <= 1072 for line in lines)
    assert wrap(face, "Kap. 740 Helsedirektoratet", 1072, 3) == ["Kap. 740 Helsedirektoratet"]


# --- "Meld fra om feil" -----------------------------------------------------------------

META = PageMeta("", None, "Kap. 740 Helsedirektoratet", "source/tildelingsbrev-2025.txt, linje 3098–3120")


def test_report_link_opens_an_issue_with_the_page_address_year_and_source_lines():
    settings = Settings(site_url="https://eksempel.github.io/helsebudsjettet/",
                        repository="https://github.com/eksempel/helsebudsjettet")
    link = report_link(settings, 2025, "kapittel/740/index.md", META)
    parts = urlsplit(link)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == "https://github.com/eksempel/helsebudsjettet/issues/new"
    query = parse_qs(parts.query)
    assert query["title"] == ["Feil på siden Kap. 740 Helsedirektoratet (2025)"]
    body = query["body"][0]
    assert "Side: https://eksempel.github.io/helsebudsjettet/2025/kapittel/740/\n" in body
    assert "Budsjettår: 2025\n" in body
    assert "Kilde: source/tildelingsbrev-2025.txt, linje 3098–3120\n" in body


def test_report_link_is_a_mail_without_a_repository_and_absent_without_either():
    mail = report_link(Settings(report_email="feil@eksempel.no"), 2024, "oppdrag/tb2024-01/index.md", META)
    assert mail.startswith("mailto:feil@eksempel.no?subject=")
    assert "Side%3A%20%2F2024%2Foppdrag%2Ftb2024-01%2F" in mail  # no address: the path from the site root
    assert report_link(Settings(), 2024, "oppdrag/tb2024-01/index.md", META) == ""


def test_report_settings_come_from_the_environment_or_mkdocs_yml_and_must_be_well_formed():
    assert load_settings(ROOT, {"SITE_REPOSITORY": "https://github.com/a/b/"}).repository == "https://github.com/a/b"
    assert load_settings(ROOT, {"SITE_REPOSITORY": "javascript:alert(1)"}).repository is None
    assert load_settings(ROOT, {}).repository is None  # mkdocs.yml names none: no link rather than a fake one


# --- the offline bundle -----------------------------------------------------------------

# A published page as MkDocs writes it (directory URLs, mike's version, og: tags, the
# outdated banner, the cross-year scripts), cut down to what the bundle changes.
PUBLISHED_PAGE = """<html><head>
  <link rel="stylesheet" href="../../assets/stylesheets/main.ec1eaa64.min.css">
  <link rel="stylesheet" href="../../assets/stylesheets/palette.ab4e12ef.min.css">
  <script>__md_scope=new URL("../..",location)</script>
  <link rel="alternate" type="application/atom+xml" title="x" href="../../feed.xml">
  <meta property="og:type" content="website">
  <meta property="og:image" content="../../kort/0db5a107997e079d.png">
  <meta name="twitter:card" content="summary_large_image">
</head><body>
      <div data-md-color-scheme="default" data-md-component="outdated" hidden>
          <aside class="md-banner md-banner--warning"><div class="md-banner__inner md-grid md-typeset">
  <a href="../../../2026/" class="hb-outdated-link"><strong>Gå til nyeste budsjettår (2026)</strong></a>
            </div><script>var el=1</script></aside>
      </div>
<a href="../.." class="md-logo">logo</a> <a href="../../om/">om</a> <a href="../740/">740</a>
<a href="#poster">poster</a> <a href="https://www.regjeringen.no/x">r</a> <a href="endringer.csv">csv</a>
<a href="../../kilde/tildelingsbrev-2026/#L1237-L1241">linje 1237</a> <img src="diagram.svg" alt="d">
<a href="../../../2022/oppdrag/tb2022-04/">TB2022-04</a> <a href="../../../2022/kapittel/740/#post-21">post</a>
<script id="__config" type="application/json">{"base": "../..", "search": "../../assets/javascripts/workers/search.min.js", "version": {"alias": false, "default": "latest", "provider": "mike"}}</script>
<script src="../../assets/javascripts/tables.js"></script>
<script src="../../assets/javascripts/idsearch.js"></script>
<script src="../../assets/javascripts/versjon.js"></script>
</body></html>"""


def test_bundle_pages_link_html_files_and_other_years_go_to_the_site_or_become_text(tmp_path):
    (tmp_path / "kapittel" / "741").mkdir(parents=True)
    for name in ("index.md", "om.md", "kapittel/741/index.md", "oppdrag/stikkord.md"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    moves = page_moves(tmp_path)
    assert moves == {"om/index.html": "om.html", "oppdrag/stikkord/index.html": "oppdrag/stikkord.html"}
    page = Bundle(2024, moves, None).page(PUBLISHED_PAGE, "kapittel/741/index.html")
    for kept in ('<a href="../../index.html" class="md-logo">', '<a href="../../om.html">om</a>',
                 '<a href="../740/index.html">740</a>', 'href="#poster"', 'href="https://www.regjeringen.no/x"',
                 '<a href="endringer.csv">', '<a href="../../kilde/tildelingsbrev-2026/index.html#L1237-L1241">',
                 '<img src="diagram.svg"', '<a data-hb-utenfor-aaret="../2022/oppdrag/tb2022-04">TB2022-04</a>',
                 '"base": "../.."', '"version": null', 'tables.js',
                 # Material's offline plugin's web-worker shim, from the bundle, so search works from file://
                 'palette.ab4e12ef.min.css">\n        <script src="../../assets/javascripts/offline/iframe-worker.js">'):
        assert kept in page, kept
    for gone in ("og:", "twitter:", "outdated", "../../../2026/", "idsearch.js", "versjon.js", "mike", "kort/"):
        assert gone not in page, gone
    online = Bundle(2024, moves, "https://eksempel.no/hb/").page(PUBLISHED_PAGE, "kapittel/741/index.html")
    assert '<a href="https://eksempel.no/hb/2022/oppdrag/tb2022-04/">' in online
    assert '<a href="https://eksempel.no/hb/2022/kapittel/740/#post-21">' in online
    # om.md is om/ on the site but om.html in the bundle: its links and the theme's base from the bundle's root
    about = Bundle(2024, moves, None).page(PUBLISHED_PAGE.replace("../../", "../").replace('"../.."', '".."'),
                                           "om/index.html")
    assert '<a href="index.html" class="md-logo">' in about and '<a href="om.html">om</a>' in about
    assert '"base": "."' in about and 'new URL(".",location)' in about
    assert '<script src="assets/javascripts/offline/iframe-worker.js">' in about
    assert '<a data-hb-utenfor-aaret="../2022/oppdrag/tb2022-04">' in about and 'href="feed.xml"' in about


def test_bundle_redirect_page_goes_to_the_page_file():
    """A redirect page (redirects.yml, written by mkdocs-redirects) sends the bundle's reader to index.html."""
    page = ('<link rel="canonical" href="../tb2021-43-2/">\n'
            '<script>var anchor=window.location.hash.substr(1);location.href="../tb2021-43-2/"+(anchor?"#"+anchor:"")'
            '</script>\n<meta http-equiv="refresh" content="0; url=../tb2021-43-2/">\n'
            'You\'re being redirected to a <a href="../tb2021-43-2/">new destination</a>.')
    out = Bundle(2022, {}, None).page(page, "oppdrag/tb2021-43/index.html")
    assert out.count('"../tb2021-43-2/index.html"') == 3 and 'url=../tb2021-43-2/index.html"' in out


def test_bundle_search_index_and_tags_get_the_bundles_locations_and_its_data_page_says_what_it_is():
    bundle = Bundle(2025, {"om/index.html": "om.html"}, None)
    index = ('{"config":{"lang":["no"]},"docs":[{"location":"","title":"Forside","text":""},'
             '{"location":"om/#feil","title":"Feil","text":""},{"location":"kapittel/714/","title":"Kap","text":""},'
             '{"location":"data/","title":"Data","text":"<p>Last ned hele 2025 for lesing uten nett (ZIP, 2,5 MB): '
             'pakk ut mappen.</p> <p>Tallene</p>"}]}')
    out = bundle.search_index(index)
    assert '"location":"index.html"' in out and '"location":"om.html#feil"' in out
    assert '"location":"kapittel/714/index.html"' in out and '"location":"data/index.html"' in out
    assert '"text":"<p>Dette er den nedlastede utgaven av 2025, for lesing uten nett.</p> <p>Tallene</p>"' in out
    assert bundle.tags('{"mappings": [{"item": {"url": "oppdrag/tb2025-1/", "title": "T"}}]}') == \
        '{"mappings": [{"item": {"url": "oppdrag/tb2025-1/index.html", "title": "T"}}]}'
    data_page = '<p><strong><a href="helsebudsjettet-2025.zip">Last ned hele 2025</a></strong> (ZIP, 1 kB): x.</p>'
    assert bundle.page(data_page, "data/index.html") == \
        "<p>Dette er den nedlastede utgaven av 2025, for lesing uten nett.</p>"
    assert Bundle(2025, {}, "https://eksempel.no/hb/").paragraph_html().endswith(
        'Nettstedet med alle budsjettår: <a href="https://eksempel.no/hb/">https://eksempel.no/hb/</a>.</p>')


def test_bundle_zip_is_deterministic_sorted_and_dated_by_the_sources(tmp_path):
    for name, text in (("b/index.html", "b"), ("index.html", "a"), ("a.css", "c"), ("c.png", "\x89PNG")):
        (tmp_path / "site" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "site" / name).write_text(text)
    epoch = 1_795_693_773  # 2026-11-26
    first = zip_tree(tmp_path / "site", "helsebudsjettet-2025", epoch)
    assert first == zip_tree(tmp_path / "site", "helsebudsjettet-2025", epoch)
    with zipfile.ZipFile(BytesIO(first)) as z:
        names = z.namelist()
        assert names == sorted(names) == ["helsebudsjettet-2025/a.css", "helsebudsjettet-2025/b/index.html",
                                          "helsebudsjettet-2025/c.png", "helsebudsjettet-2025/index.html"]
        assert {i.date_time[:3] for i in z.infolist()} == {(2026, 11, 26)}
        # text deflated, an image (compressed already) stored as it is
        assert {i.filename.rsplit(".", 1)[1]: i.compress_type for i in z.infolist()} == {
            "css": zipfile.ZIP_DEFLATED, "html": zipfile.ZIP_DEFLATED, "png": zipfile.ZIP_STORED}
        assert z.read("helsebudsjettet-2025/c.png") == "\x89PNG".encode()


def test_data_page_says_the_bundle_size():
    text = bundle_paragraph({"budget_year": 2025, "offline_bundle": {"file": "helsebudsjettet-2025.zip",
                                                                     "size": size_text(3_245_000)}})
    assert "[Last ned hele 2025 for lesing uten nett](helsebudsjettet-2025.zip)** (ZIP, 3,2 MB)" in text
    assert bundle_paragraph({"budget_year": 2025}) == ""


# --- published URLs and redirects -------------------------------------------------------

def test_additions_are_tolerated_removals_are_not():
    published = ["2024/kapittel/740/", "2024/oppdrag/tb2021-43/", "2019/", "2025/oppdrag/tb2025-01/"]
    present = {"2024/kapittel/740/", "2024/kapittel/741/", "2025/oppdrag/tb2025-01/"}
    # 2025 not built this time (--year 2024): its URLs are not checked; 2019 is gone from the sources
    assert lost_urls(published, present, [2024], [2024, 2025]) == ["2024/oppdrag/tb2021-43/", "2019/"]
    assert lost_urls(published, present | {"2024/oppdrag/tb2021-43/"}, [2019, 2024, 2025], [2019, 2024, 2025]) == ["2019/"]


def test_page_urls_are_the_years_html_pages(tmp_path):
    for name in ("2024/index.html", "2024/kapittel/740/index.html", "2024/404.html", "2024/assets/x.html",
                 "2024/data/poster.csv", "latest/index.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert page_urls(tmp_path, [2024]) == {"2024/", "2024/kapittel/740/"}


def test_redirects_stay_in_their_year_and_become_the_plugins_maps(tmp_path):
    (tmp_path / "redirects.yml").write_text("2021/oppdrag/tb2021-43/: 2021/oppdrag/tb2021-43-2/\n"
                                            "/2024/kapittel/761/: 2024/kapittel/760/\n")
    redirects = read_redirects(tmp_path)
    assert year_redirect_maps(redirects, 2024) == {"kapittel/761/index.md": "kapittel/760/index.md"}
    assert year_redirect_maps(redirects, 2021) == {"oppdrag/tb2021-43/index.md": "oppdrag/tb2021-43-2/index.md"}
    (tmp_path / "redirects.yml").write_text("2021/oppdrag/x/: 2022/oppdrag/x/\n")
    with pytest.raises(InputError, match="stays in its budget year"):
        read_redirects(tmp_path)


def test_the_committed_list_reads_and_the_message_names_the_command():
    urls = read_published(ROOT)
    assert "2025/kapittel/740/" in urls and "2024/vedtak/" in urls
    assert urls == sorted(urls)
    assert "python -m generator build" in add_urls_message(["2027/"])


# --- corrections ------------------------------------------------------------------------

def test_corrections_are_read_newest_first_and_a_bad_entry_is_named(tmp_path):
    corrections = read_corrections(ROOT)
    assert any(c.page == "2025/kapittel/2751/" and "Medisinsk forbruksmateriell" in c.change for c in corrections)
    assert [c.date for c in corrections] == sorted((c.date for c in corrections), reverse=True)
    (tmp_path / "corrections.yml").write_text("- dato: 2026-02-30\n  side: 2025/\n  endring: x\n")
    with pytest.raises(InputError, match="entry 1: dato"):
        read_corrections(tmp_path)
