"""`python -m generator publish`: mike versions on a gh-pages branch, in a throwaway repo.

A temporary project (mkdocs.yml, content/, site_overrides/ and two small
letters, tests/_small_project.py) is published twice: first with 2030 alone,
then after adding 2031 to the manifest (and nothing else), with --push to a
bare "origin". A third publish without changes must not
add a commit.
"""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from _small_project import SMALL_LETTER, letter_entry, make_project, manifest
from generator.cli import main

FIRST, SECOND = 2030, 2031
SITE = "https://owner.github.io/helsebudsjett/"
LETTERS = {  # two small letters: publishing is about versions, not about pages
    FIRST: ("tildelingsbrev-2030.txt", SMALL_LETTER),
    SECOND: ("tildelingsbrev-2031.txt", SMALL_LETTER.replace("2030", "2031")),
}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def write_manifest(project: Path, years: list[int]) -> None:
    entries = [letter_entry(LETTERS[y][0], y, title=f"Tildelingsbrev til Helsedirektoratet for {y}") for y in years]
    (project / "source" / "sources.yml").write_text(manifest(*entries), encoding="utf-8")


def gh_pages_files(repo: Path, branch: str = "gh-pages") -> set[str]:
    return set(git(repo, "ls-tree", "-r", "--name-only", branch).split())


def versions_on(repo: Path, branch: str = "gh-pages") -> list[dict]:
    return json.loads(git(repo, "show", f"{branch}:versions.json"))


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    base = tmp_path_factory.mktemp("publish")
    origin = base / "origin.git"
    git(base, "init", "--bare", "-q", str(origin))
    project = make_project(base / "project", {name: text for name, text in LETTERS.values()})
    config = project / "mkdocs.yml"  # the address written in mkdocs.yml (no SITE_URL in the tests)
    config.write_text(config.read_text(encoding="utf-8").replace(
        "site_url: !ENV [SITE_URL]", f"site_url: {SITE}"), encoding="utf-8")
    (project / ".gitignore").write_text("/site/\n/build/\n", encoding="utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "config", "user.name", "Test Publisher")
    git(project, "config", "user.email", "publisher@example.invalid")
    git(project, "remote", "add", "origin", str(origin))

    states = {}
    write_manifest(project, [FIRST])
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "one year")
    assert main(["--root", str(project), "publish"]) == 0
    states["first"] = {"files": gh_pages_files(project), "versions": versions_on(project),
                       "latest": git(project, "show", "gh-pages:latest/index.html")}

    write_manifest(project, [FIRST, SECOND])  # adding a year: the manifest entry only
    git(project, "commit", "-q", "-am", "add a year")
    assert main(["--root", str(project), "publish", "--push"]) == 0
    states["commits"] = int(git(project, "rev-list", "--count", "gh-pages"))

    assert main(["--root", str(project), "publish"]) == 0  # nothing changed
    states["commits_again"] = int(git(project, "rev-list", "--count", "gh-pages"))
    return project, origin, states


def test_first_publish_has_one_version_with_latest(published):
    _, _, states = published
    first = states["first"]
    assert first["versions"] == [{"version": "2030", "title": "2030", "aliases": ["latest"]}]
    assert {"versions.json", "index.html", ".nojekyll", "2030/index.html", "latest/index.html"} <= first["files"]
    assert 'window.location.replace(\n      "../2030/"' in first["latest"]


def test_adding_a_year_adds_a_version_and_moves_latest(published):
    project, _, _ = published
    versions = versions_on(project)
    assert versions == [
        {"version": "2031", "title": "2031", "aliases": ["latest"]},
        {"version": "2030", "title": "2030", "aliases": []},
    ]
    files = gh_pages_files(project)
    top = {f.split("/")[0] for f in files}
    assert top == {"2030", "2031", "latest", "versions.json", "index.html", ".nojekyll",
                   "ids.json", "feed.xml", "llms.txt", "404.html"}
    ids = json.loads(git(project, "show", "gh-pages:ids.json"))  # the shared ID index, both years
    assert [pair[0] for pair in ids["ids"]["740"]["in"]] == [2031, 2030]
    assert '"../2031/"' in git(project, "show", "gh-pages:latest/index.html")
    assert '"../../2031/om/"' in git(project, "show", "gh-pages:latest/om/index.html")
    assert '"latest/"' in git(project, "show", "gh-pages:index.html")
    # latest/ holds redirects for HTML pages only, like mike's alias_type: redirect
    latest = {f for f in files if f.startswith("latest/")}
    assert latest and all(f.endswith(".html") for f in latest)
    assert {f.replace("latest/", "2031/", 1) for f in latest} <= files


def test_published_pages_canonical_to_latest(published):
    project, _, _ = published
    page = git(project, "show", "gh-pages:2030/om/index.html")
    assert f'rel="canonical" href="{SITE}latest/om/"' in page
    assert "Du ser på et eldre budsjettår" in page


def test_local_site_has_the_published_layout(published):
    """`build` leaves in site/ what mike publishes (root redirect aside), latest/ byte for byte."""
    project, _, _ = published
    site = project / "site"
    local = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    assert local | {".nojekyll"} == gh_pages_files(project)
    for rel in ("latest/index.html", "latest/om/index.html"):
        assert (site / rel).read_text(encoding="utf-8") == git(project, "show", f"gh-pages:{rel}")
    assert json.loads((site / "versions.json").read_text(encoding="utf-8")) == versions_on(project)


def test_push_reaches_origin_and_republish_is_a_no_op(published):
    project, origin, states = published
    assert git(origin, "rev-parse", "gh-pages") == git(project, "rev-parse", "gh-pages")
    assert states["commits_again"] == states["commits"]
