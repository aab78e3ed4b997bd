"""Deterministic and atomic builds.

- Two builds of the same sources in two different folders, one serial and one
  with the years in two worker processes, give byte-identical site trees
  (sha256 of every file). A reduced project keeps it fast: the real 2018
  letter and the small test letter, two budget years (conftest.two_clean_builds,
  built once per run; tests/slow/test_incremental.py starts from it).
- A build that fails half-way (MkDocs failing on the second year, or a bad
  document in the manifest) leaves the previous site/ byte-identical.
"""
from __future__ import annotations

import shutil

import pytest

from _small_project import letter_entry, manifest, run_cli, tree_hashes
from generator.build import site as site_module, year_html
from generator.diagnostics import Diagnostics


def test_two_builds_are_byte_identical(two_clean_builds):
    # conftest.two_clean_builds: the real 2018 letter and the small letter,
    # built from scratch in two folders, serially and in two worker processes.
    first, second = tree_hashes(two_clean_builds.first / "site"), tree_hashes(two_clean_builds.second / "site")
    assert len(first) > 300 and any(p.endswith(".svg") for p in first)
    assert any(p.endswith(".zip") for p in first)  # the offline bundles too
    differing = sorted(p for p in first.keys() | second.keys() if first.get(p) != second.get(p))
    assert differing == [], f"{len(differing)} file(s) differ, e.g. {differing[:10]}"


# --- atomicity ---------------------------------------------------------------------

@pytest.fixture
def project(two_year_project, tmp_path):
    """A copy of conftest.two_year_project (the small letter as 2030 and 2031), built."""
    root = tmp_path / "proj"
    shutil.copytree(two_year_project, root, symlinks=True)
    return root


def _changed(root):
    """Make the next build produce something different from the site on disk."""
    letter = root / "source" / "tildelingsbrev-2030.txt"
    letter.write_text(letter.read_text(encoding="utf-8").replace("Første oppdrag", "Første oppdrag, endret"),
                      encoding="utf-8")


def _second_year_mkdocs(monkeypatch, second) -> list:
    """Patch the build's MkDocs run: the second call (the second year; one
    MkDocs build per year, the bundle is made from its output) returns
    `second(config_path)`, the others run MkDocs. Returns the calls made."""
    real = year_html.run_mkdocs
    calls = []

    def patched(config_path, *args, **kwargs):
        calls.append(config_path)
        return second(config_path) if len(calls) == 2 else real(config_path, *args, **kwargs)

    monkeypatch.setattr(year_html, "run_mkdocs", patched)
    return calls


def test_mkdocs_failing_on_the_second_year_leaves_site(project, monkeypatch):
    _changed(project)
    before = tree_hashes(project / "site")

    def failing(config_path):
        raise RuntimeError("simulated crash while building the second year")

    calls = _second_year_mkdocs(monkeypatch, failing)
    with pytest.raises(RuntimeError, match="simulated crash"):  # serial: the calls are counted here
        site_module.build_site(project, Diagnostics(), site_module.BuildOptions(jobs=1, incremental=False))
    assert len(calls) == 2
    assert tree_hashes(project / "site") == before


def test_mkdocs_reporting_problems_on_the_second_year_leaves_site(project, monkeypatch):
    _changed(project)
    before = tree_hashes(project / "site")
    calls = _second_year_mkdocs(monkeypatch, lambda config_path: ["simulated strict warning"])
    diags = Diagnostics()
    with pytest.raises(site_module.BuildFailed, match="MkDocs failed to build"):
        site_module.build_site(project, diags, site_module.BuildOptions(jobs=1, incremental=False))
    assert "simulated strict warning" in diags.format_all()
    assert len(calls) == 2
    assert tree_hashes(project / "site") == before


def test_binary_document_added_to_the_manifest_leaves_site(project):
    before = tree_hashes(project / "site")
    (project / "source" / "tildelingsbrev-2032.txt").write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00")
    manifest_path = project / "source" / "sources.yml"
    manifest_path.write_text(manifest_path.read_text(encoding="utf-8") + manifest(
        letter_entry("tildelingsbrev-2032.txt", 2032, title="Tildelingsbrev 2032")).split("\n", 1)[1],
        encoding="utf-8")
    result = run_cli(project, "build", "--quiet")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("source/tildelingsbrev-2032.txt: error: this is a binary file, "
                                     "not extracted text (save it as UTF-8 text)")
    assert tree_hashes(project / "site") == before
