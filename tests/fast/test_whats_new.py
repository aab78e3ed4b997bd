"""What changed: source dates, the Atom feeds, llms.txt."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest

from generator.render.formats.feeds import site_feed, year_entries, year_feed
from generator.render.formats.llms import llms_txt
from generator.settings import Settings, load_settings
from generator.lexicon import norwegian_date
from generator.read.sourcedates import dated_settings, source_dates

ATOM = "{http://www.w3.org/2005/Atom}"


def test_source_date_epoch_wins_and_no_clock_without_git(root, tmp_path):
    assert source_dates(root, {2025: ["tildelingsbrev-2025.txt"]}, 1706572800) == \
        ((2025, "2024-01-30"),)
    assert source_dates(tmp_path, {2025: ["tildelingsbrev-2025.txt"]}, None) == ()
    assert norwegian_date("2024-01-30") == "30. januar 2024"


def test_source_date_is_the_commit_date_of_the_years_files(root):
    stamp = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%cs", "--",
                            "source/tildelingsbrev-2018.txt"], capture_output=True, text=True).stdout.strip()
    if not stamp:
        pytest.skip("not a git checkout")
    dates = dict(dated_settings(root, load_settings(root, {})).source_dates)
    assert dates[2018] == stamp


def test_year_feed_lists_new_assignments_and_like_for_like_changes(graph):
    entries = year_entries(graph, 2025)
    keys = {e.key for e in entries}
    assert "nytt-oppdrag/tb2025-12" in keys
    changes = [e for e in entries if e.key.startswith("endring/brev/")]
    assert changes and all("mot 2024-brevet" in e.summary for e in changes)
    assert not any(e.key.startswith("endring/prop/") for e in entries)  # 2025 has no proposition
    # carried-over assignments are not news
    assert not any(e.key == "nytt-oppdrag/tb2022-04" for e in year_entries(graph, 2024))


def test_feeds_are_atom_reproducible_and_link_pages(graph):
    settings = Settings(source_dates=((2025, "2025-02-01"), (2024, "2024-02-01")))
    text = year_feed(graph, 2025, settings)
    assert text == year_feed(graph, 2025, settings)
    feed = ET.fromstring(text.encode())
    assert feed.find(f"{ATOM}updated").text == "2025-02-01T00:00:00Z"
    links = [e.find(f"{ATOM}link").get("href") for e in feed.findall(f"{ATOM}entry")]
    assert "oppdrag/tb2025-12/" in links
    assert len({e.find(f"{ATOM}id").text for e in feed.findall(f"{ATOM}entry")}) == len(links)
    whole = ET.fromstring(site_feed(graph, settings).encode())
    hrefs = [e.find(f"{ATOM}link").get("href") for e in whole.findall(f"{ATOM}entry")]
    assert hrefs[0].startswith("2026/") and hrefs[-1].startswith("2018/")
    absolute = year_feed(graph, 2025, Settings("https://a.github.io/b/"))
    assert 'href="https://a.github.io/b/2025/oppdrag/tb2025-12/"' in absolute
    # The feed's own links too: a copied feed resolves nothing against its place.
    assert '<link rel="self" href="https://a.github.io/b/2025/feed.xml"/>' in absolute
    assert '<link rel="alternate" href="https://a.github.io/b/2025/"/>' in absolute
    assert '<link rel="self" href="https://a.github.io/b/feed.xml"/>' in site_feed(graph, Settings("https://a.github.io/b/"))
    assert "example.org" not in text


def test_no_growth_rate_for_a_change_in_what_is_delegated(graph):
    entries = {e.key: e for e in year_entries(graph, 2025)}
    # 717.70: 12,6 % of the post in the 2024 letter, 73 794 in 2025: delegation, not +719,9 %.
    assert "endring/brev/717.70" not in entries
    assert "%" not in entries["dekning/brev/717.70"].title
    assert "nytt-nummer/760" in entries and "borte-kapittel/761" not in entries
    assert not any(k.startswith("borte-kapittel/575") for y in (2022, 2024, 2025)
                   for k in (e.key for e in year_entries(graph, y)))


def test_citation_gives_the_full_address_and_the_version_date():
    from generator.model import Document
    from generator.render.citation import CiteContext, Place, citation_section

    doc = Document("tildelingsbrev-2025.txt", "source/tildelingsbrev-2025.txt", "tildelingsbrev", 2025,
                   "Tildelingsbrev til Helsedirektoratet for 2025")
    ctx = CiteContext(2025, Settings("https://a.github.io/b/", source_dates=((2025, "2025-02-01"),)))
    text = citation_section("oppdrag/tb2025-12/index.md", doc, Place("avsnitt 3.1.3", 679, 710), ctx)
    assert "Hentet fra https://a.github.io/b/2025/oppdrag/tb2025-12/ (versjon av 1. februar 2025)" in text.replace("\\", "")


def test_llms_txt_describes_the_id_index_and_data(graph):
    text = llms_txt(graph, Settings(), {2025: ["oppdrag.csv"]})
    assert text.startswith("# Helsebudsjettet\n\n> ")
    assert "[ids.json](ids.json)" in text and "[feed.xml](feed.xml)" in text
    assert "[oppdrag.csv](2025/data/oppdrag.csv)" in text
