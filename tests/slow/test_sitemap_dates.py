"""sitemap.xml and sitemap.xml.gz depend on the sources, not on the day of
the build: <lastmod> is the date of the year's documents (SOURCE_DATE_EPOCH
if set, else the git commit date of the year's files in source/, else their
modification time) and the gzip header carries the same time, so a build on
another day gives the same bytes and CI does not republish every year daily.
"""
from __future__ import annotations

import gzip
import os
import re
import struct
import subprocess
from datetime import datetime, timezone

import pytest

from _small_project import make_project, run_cli

WHEN = int(datetime(2030, 2, 3, 12, 0, tzinfo=timezone.utc).timestamp())


@pytest.fixture
def sitemaps(monkeypatch):
    """build --clean with SITE_URL (and the given environment) set; the
    sitemaps of 2030. Without the offline bundles: the sitemaps are the
    year's own MkDocs build's."""
    def build(root, **env):
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        for name, value in {"SITE_URL": "https://example.org/helse/", **env}.items():
            monkeypatch.setenv(name, value)
        result = run_cli(root, "build", "--quiet", "--clean", "--jobs", "1", "--no-offline")
        assert result.returncode == 0, result.stderr
        site = root / "site" / "2030"
        return (site / "sitemap.xml").read_bytes(), (site / "sitemap.xml.gz").read_bytes()

    return build


def _gzip_mtime(data: bytes) -> int:
    return struct.unpack("<I", data[4:8])[0]


def test_sitemap_dates_come_from_the_sources_not_the_clock(tmp_path, sitemaps):
    root = make_project(tmp_path / "proj")
    letter = root / "source" / "tildelingsbrev-2030.txt"
    os.utime(letter, (WHEN, WHEN))  # not a git checkout: the file's time is the sources' date
    xml, gz = sitemaps(root)
    lastmods = set(re.findall(rb"<lastmod>([^<]+)</lastmod>", xml))
    assert lastmods == {b"2030-02-03"}
    assert _gzip_mtime(gz) == int(datetime(2030, 2, 3, tzinfo=timezone.utc).timestamp())
    assert gzip.decompress(gz) == xml
    again = sitemaps(root)
    assert again == (xml, gz)  # byte-identical on a rebuild


def test_source_date_epoch_wins(tmp_path, sitemaps):
    root = make_project(tmp_path / "proj")
    xml, gz = sitemaps(root, SOURCE_DATE_EPOCH=str(WHEN - 86400 * 400))
    assert set(re.findall(rb"<lastmod>([^<]+)</lastmod>", xml)) == {b"2028-12-30"}
    assert _gzip_mtime(gz) == int(datetime(2028, 12, 30, tzinfo=timezone.utc).timestamp())


def test_git_commit_date_of_the_years_files(tmp_path, sitemaps):
    from generator.read.sourcedates import dates_and_epochs

    root = make_project(tmp_path / "proj")
    env = {**os.environ, "GIT_AUTHOR_DATE": f"{WHEN} +0000", "GIT_COMMITTER_DATE": f"{WHEN} +0000",
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
           "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org"}
    for args in (["init", "-q"], ["add", "source"], ["commit", "-qm", "sources"]):
        subprocess.run(["git", "-C", str(root), *args], check=True, env=env, capture_output=True)
    os.utime(root / "source" / "tildelingsbrev-2030.txt", (WHEN + 999_999, WHEN + 999_999))
    files = {2030: ["tildelingsbrev-2030.txt"]}
    assert dates_and_epochs(root, files, None) == (((2030, "2030-02-03"),), ((2030, WHEN),))
    xml, gz = sitemaps(root)
    assert set(re.findall(rb"<lastmod>([^<]+)</lastmod>", xml)) == {b"2030-02-03"}
