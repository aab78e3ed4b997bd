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
