"""Every internal link and anchor of the whole built site resolves (generator/linkcheck.py)."""
from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from generator.build.linkcheck import check_site

# The only other host linked: the official publications (source/sources.yml url:).
OFFICIAL_HOSTS = {"www.regjeringen.no"}


@pytest.fixture(scope="module")
def report(built_site):
    return check_site(built_site)


def test_no_broken_internal_links_or_anchors(report):
    # (The source views' line numbers are a CSS counter, not links: about 26 000
    # links, 7 800 of them to an anchor, mostly #L<n> lines in a source view.)
    assert report.files > 600 and report.links > 20_000 and report.anchors > 5_000, report.summary()
    problems = report.problems
    assert problems == [], f"{report.summary()}\n" + "\n".join(problems[:50])


def test_404_pages_link_only_to_files_that_exist(report):
    assert [p for p in report.problems if "/404.html:" in p] == []


def test_nothing_is_loaded_from_another_host(report):
    assert report.third_party_loads == []


def test_external_links_are_only_the_official_publications(report):
    # and "Meld fra om feil": a new issue in the site's repository (conftest.built_site's example)
    from conftest import EXAMPLE_REPOSITORY

    hosts = {urlsplit(line.split(": ", 1)[1]).netloc for line in report.external}
    assert hosts <= OFFICIAL_HOSTS | {urlsplit(EXAMPLE_REPOSITORY).netloc}, hosts


def test_checker_finds_what_is_broken(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h1 id="top">A</h1><a name="old"></a>'
        '<a href="#top">ok</a><a href="../b/#x">ok</a><a href="/b/index.html#x">ok</a><a href="#old">ok</a>'
        '<a href="../c/">missing</a><a href="../b/#nope">missing anchor</a><a href="#gone">missing here</a>'
        '<a href="javascript:alert(1)">js</a><a href="https://example.com/">external text link</a>'
        '<img src="https://cdn.example.com/x.png"><link rel="stylesheet" href="//fonts.example.com/f.css">'
        '<link rel="canonical" href="https://example.org/a/"><a href="../../outside.html">outside</a>',
        encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<p id="x">B</p><meta http-equiv="refresh" content="0; url=../a/">',
                                               encoding="utf-8")
    (tmp_path / "s.css").write_text("@import 'https://fonts.example.com/x.css'; a{background:url(img/x.png)}")
    r = check_site(tmp_path, label="site")
    text = "\n".join(r.problems)
    assert "site/a/index.html:1: broken link ../c/" in text
    assert "broken anchor ../b/#nope -> no id 'nope' in site/b/index.html" in text
    assert "broken anchor #gone" in text
    assert "javascript: URL" in text
    assert "broken link ../../outside.html" in text
    assert len(r.problems) == 5, r.problems
    assert len(r.third_party_loads) == 3, r.third_party_loads  # img, stylesheet, CSS @import
    assert any("example.com/" in e for e in r.external)
    assert r.files == 2 and r.anchors == 6
