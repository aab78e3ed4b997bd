"""What changed: source dates, the Atom feeds, llms.txt."""
from __future__ import annotations

import subprocess
import xml.etree.ElementTree as ET

import pytest

from generator.diagnostics import Diagnostics
from generator.render.formats.feeds import site_feed, year_entries, year_feed
from generator.render.formats.llms import llms_txt
from generator.settings import Settings, load_settings
from generator.build.site import link_all, parse_all
from generator.read.sourcedates import dated_settings, norwegian_date, source_dates

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def graph(root):
    _, parsed, _ = parse_all(root, Diagnostics())
    return link_all(parsed)


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
    assert hrefs[0].startswith("2025/") and hrefs[-1].startswith("2018/")
    absolute = year_feed(graph, 2025, Settings("https://a.github.io/b/"))
    assert 'href="https://a.github.io/b/2025/oppdrag/tb2025-12/"' in absolute
    assert "example.org" not in text


def test_llms_txt_describes_the_id_index_and_data(graph):
    text = llms_txt(graph, Settings(), {2025: ["oppdrag.csv"]})
    assert text.startswith("# Helsebudsjettet\n\n> ")
    assert "[ids.json](ids.json)" in text and "[feed.xml](feed.xml)" in text
    assert "[oppdrag.csv](2025/data/oppdrag.csv)" in text
