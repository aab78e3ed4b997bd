"""Incremental builds: nothing changed -> nothing rebuilt; one letter changed ->
only the years whose pages changed go through MkDocs again."""
from __future__ import annotations

import shutil

import pytest

from _small_project import SMALL_LETTER, letter_entry, make_project, manifest
from generator.build.cache import BuildCache
from generator.diagnostics import Diagnostics
from generator.build.site import build_site

def _build(project):
    diags = Diagnostics()
    return build_site(project, diags)


def test_noop_and_one_letter_changed(two_clean_builds, tmp_path, monkeypatch):
    """The real 2018 letter (hundreds of pages and charts) and the small letter
    as 2030 (the year the editor changes), from a copy of a clean build
    (conftest.two_clean_builds: the years in two worker processes)."""
    project = tmp_path / "p"
    shutil.copytree(two_clean_builds.second, project, symlinks=True)
    assert two_clean_builds.reused == (2, 0)
    # A chapter's history chart is the same drawing in both years: drawn once, cached once.
    served = {p.read_bytes() for p in (project / "site").rglob("*.svg")}
    cached = {p.read_bytes().partition(b"\n")[2]  # after the sha256 line that guards the cache
              for p in (project / "build" / "cache" / "charts").glob("*.svg")}
    assert len(list((project / "site").glob("*/kapittel/*/*.svg"))) > len(cached) >= 10
    assert served == cached
    page = project / "site" / "2018" / "index.html"
    inode = page.stat().st_ino

    # Nothing changed: nothing rebuilt, and no parsed document is even loaded;
    # the warnings are replayed all the same.
    with monkeypatch.context() as m:
        m.setattr(BuildCache, "load_parse", lambda *a: pytest.fail("a no-op build loaded a parsed document"))
        diags = Diagnostics()
        second = build_site(project, diags)
    assert second.reused == 2
    assert diags.format_all() == two_clean_builds.warnings and len(diags.items) >= 3
    assert page.stat().st_ino == inode

    letter = project / "source" / "tildelingsbrev-2030.txt"
    letter.write_text(letter.read_text(encoding="utf-8") + "\nEt nytt avsnitt lagt til av redaktøren.\n",
                      encoding="utf-8")
    third = _build(project)
    assert third.reused == 1  # 2018 reused, 2030 rebuilt
    html = (project / "site" / "2030" / "kilde" / "tildelingsbrev-2030" / "index.html").read_text(encoding="utf-8")
    assert "Et nytt avsnitt lagt til av redaktøren." in html
    # The reused year is the same file, hard-linked into the new tree.
    assert (project / "site" / "2018" / "index.html").stat().st_ino == inode


SUPPLEMENT = """  - file: {file}
    kind: tildelingsbrev
    year: 2026
    supplement: {nr}
    date: {date}
    title: Supplerende tildelingsbrev nr. {nr} for 2026
    issuer: Helse- og omsorgsdepartementet
    recipient: Helsedirektoratet
"""


def test_a_new_supplementary_letter_rebuilds_only_its_year(tmp_path, root):
    """The editor's workflow: one file and one manifest entry; the other years
    are reused. Two small letters (2025, 2026) and the real supplements nr. 1
    and nr. 3, which amend posts the small 2026 letter does not have (their
    change-chain warnings are expected)."""
    letters = {f"tildelingsbrev-{y}.txt": SMALL_LETTER.replace("2030", str(y)) for y in (2025, 2026)}
    for f in ("supplerende-tildelingsbrev-2026-nr-1.md", "supplerende-tildelingsbrev-2026-nr-3.md"):
        letters[f] = (root / "source" / f).read_bytes()
    text = manifest(*(letter_entry(f"tildelingsbrev-{y}.txt", y, title=f"Tildelingsbrev for {y}") for y in (2025, 2026)))
    project = make_project(tmp_path / "p", letters,
                           text + SUPPLEMENT.format(file="supplerende-tildelingsbrev-2026-nr-1.md", nr=1,
                                                    date="2026-02-27"))
    assert _build(project).reused == 0
    kept = (project / "site" / "2025" / "index.html").stat().st_ino
    manifest_file = project / "source" / "sources.yml"
    manifest_file.write_text(manifest_file.read_text(encoding="utf-8") + SUPPLEMENT.format(
        file="supplerende-tildelingsbrev-2026-nr-3.md", nr=3, date="2026-05-28"), encoding="utf-8")
    assert _build(project).reused == 1  # 2025 reused, 2026 rebuilt
    assert (project / "site" / "2025" / "index.html").stat().st_ino == kept
    changes = (project / "site" / "2026" / "endringer" / "index.html").read_text(encoding="utf-8")
    assert 'id="supplerende-nr-3"' in changes and "28. mai 2026" in changes
