"""Deterministic and atomic builds.

- Two builds of the same sources in two different folders, one serial and one
  with the years in two worker processes, give byte-identical site trees
  (sha256 of every file). A reduced project keeps it fast: the real 2018
  letter and the small test letter, two budget years.
- A build that fails half-way (MkDocs failing on the second year, or a bad
  document in the manifest) leaves the previous site/ byte-identical.
"""
from __future__ import annotations

import shutil

import pytest

from _small_project import ROOT, SMALL_LETTER, letter_entry, make_project, manifest, run_cli, tree_hashes
from generator.build import site as site_module
from generator.diagnostics import Diagnostics

def _real_project(dest):
    """The real 2018 letter (hundreds of pages and charts) and the small letter (2030)."""
    letters = {"tildelingsbrev-2018.txt": (ROOT / "source" / "tildelingsbrev-2018.txt").read_bytes(),
               "tildelingsbrev-2030.txt": SMALL_LETTER}
    return make_project(dest, letters, manifest(
        letter_entry("tildelingsbrev-2018.txt", 2018, title="Tildelingsbrev til Helsedirektoratet for 2018"),
        letter_entry()))


def test_two_builds_are_byte_identical(tmp_path):
    # One copy of the inputs and one process, so that both builds use the same
    # templates and code even while the working tree is being edited.
    first_root = _real_project(tmp_path / "first")
    shutil.copytree(first_root, tmp_path / "second")
    trees = []
    for name, jobs in (("first", 1), ("second", 2)):
        root = tmp_path / name
        diags = Diagnostics()
        site_module.build_site(root, diags, site_module.BuildOptions(jobs=jobs, incremental=False))
        trees.append(tree_hashes(root / "site"))
    first, second = trees
    assert len(first) > 300 and any(p.endswith(".svg") for p in first)
    differing = sorted(p for p in first.keys() | second.keys() if first.get(p) != second.get(p))
    assert differing == [], f"{len(differing)} file(s) differ, e.g. {differing[:10]}"


# --- atomicity ---------------------------------------------------------------------

def _two_year_project(dest):
    second = SMALL_LETTER.replace("2030", "2031")
    return make_project(
        dest, {"tildelingsbrev-2030.txt": SMALL_LETTER, "tildelingsbrev-2031.txt": second},
        manifest(letter_entry(), letter_entry("tildelingsbrev-2031.txt", 2031,
                                              title="Tildelingsbrev til Helsedirektoratet for 2031")))


@pytest.fixture(scope="module")
def built_two_years(tmp_path_factory):
    root = _two_year_project(tmp_path_factory.mktemp("atomic") / "proj")
    site_module.build_site(root, Diagnostics())
    assert (root / "site" / "2031" / "index.html").is_file()
    return root


@pytest.fixture
def project(built_two_years, tmp_path):
    root = tmp_path / "proj"
    shutil.copytree(built_two_years, root, symlinks=True)
    return root


def _changed(root):
    """Make the next build produce something different from the site on disk."""
    letter = root / "source" / "tildelingsbrev-2030.txt"
    letter.write_text(SMALL_LETTER.replace("Første oppdrag", "Første oppdrag, endret"), encoding="utf-8")


def test_mkdocs_failing_on_the_second_year_leaves_site(project, monkeypatch):
    _changed(project)
    before = tree_hashes(project / "site")
    real = site_module.run_mkdocs
    calls = []

    def failing(config_path, *args, **kwargs):
        calls.append(config_path)
        if len(calls) == 2:
            raise RuntimeError("simulated crash while building the second year")
        return real(config_path, *args, **kwargs)

    monkeypatch.setattr(site_module, "run_mkdocs", failing)
    with pytest.raises(RuntimeError, match="simulated crash"):  # serial: the calls are counted here
        site_module.build_site(project, Diagnostics(), site_module.BuildOptions(jobs=1, incremental=False))
    assert len(calls) == 2
    assert tree_hashes(project / "site") == before


def test_mkdocs_reporting_problems_on_the_second_year_leaves_site(project, monkeypatch):
    _changed(project)
    before = tree_hashes(project / "site")
    real = site_module.run_mkdocs
    calls = []

    def complaining(config_path, *args, **kwargs):
        calls.append(config_path)  # one MkDocs build per year (the bundle is made from its output)
        return ["simulated strict warning"] if len(calls) == 2 else real(config_path, *args, **kwargs)

    monkeypatch.setattr(site_module, "run_mkdocs", complaining)
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
