"""Bad input to `build`: one clear line naming file (and line), a non-zero exit,
no traceback, and the previous site/ left byte-identical. The cases run
`python -m generator --root TMP build` (tests/_small_project.run_cli, in this
process) on a one-letter project (tests/_small_project.py), after one good
build whose site/ every case copies."""
from __future__ import annotations

import shutil

import pytest

from _small_project import SMALL_LETTER, letter_entry, make_project, manifest, run_cli, tree_hashes
from fast.test_bad_input import BOMB, LETTER, MD_LETTER, PDF_MESSAGE, NOT_A_LETTER


def _build_good_project(folder):
    root = make_project(folder / "proj")
    result = run_cli(root, "build", "--quiet")
    assert result.returncode == 0, result.stderr
    assert (root / "site" / "2030" / "oppdrag" / "tb2030-1" / "index.html").is_file()


@pytest.fixture(scope="session")
def good_project(tmp_path_factory):
    """The one-letter project built once per test run (shared by the xdist workers); tests copy it."""
    from conftest import shared_once

    return shared_once(tmp_path_factory, "good-project", _build_good_project) / "proj"


@pytest.fixture
def project(good_project, tmp_path):
    root = tmp_path / "proj"
    shutil.copytree(good_project, root, symlinks=True)
    return root


def _failed_build(root, *args, code=2):
    before = tree_hashes(root / "site")
    result = run_cli(root, "build", "--quiet", *args)
    assert result.returncode == code, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    assert tree_hashes(root / "site") == before, "site/ changed after a failed build"
    assert not (root / "site.new").exists() or not any((root / "site.new").iterdir())
    return [ln for ln in result.stderr.splitlines() if ln.strip()]


def test_build_empty_letter_leaves_site(project):
    (project / "source" / LETTER).write_bytes(b"")
    assert _failed_build(project) == [f"source/{LETTER}: error: the file is empty"]


def test_build_binary_letter_leaves_site(project):
    (project / "source" / LETTER).write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert _failed_build(project) == [
        f"source/{LETTER}: error: this is a binary file, not extracted text (save it as UTF-8 text)"]


def test_build_pdf_letter_leaves_site(project):
    (project / "source" / LETTER).write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    assert _failed_build(project) == [f"source/{LETTER}: {PDF_MESSAGE}"]


def test_build_prose_instead_of_a_letter_leaves_site(project):
    (project / "source" / LETTER).write_text("Hei og hå.\nDette er bare tekst uten struktur.\n", encoding="utf-8")
    assert _failed_build(project) == [f"source/{LETTER}: error: {NOT_A_LETTER}"]


def test_build_manifest_missing_file_leaves_site(project):
    (project / "source" / "sources.yml").write_text(manifest(letter_entry(), letter_entry(
        "tildelingsbrev-2031.txt", 2031, title="Tildelingsbrev 2031")), encoding="utf-8")
    assert _failed_build(project) == [
        "source/sources.yml: error: entry 2 (tildelingsbrev-2031.txt): file source/tildelingsbrev-2031.txt does not exist"]


@pytest.mark.parametrize("year, shown", [("20300", "20300"), ("'2030'", "'2030'"), ("tjue", "'tjue'")])
def test_build_manifest_bad_year_leaves_site(project, year, shown):
    (project / "source" / "sources.yml").write_text(manifest(letter_entry(year=year)), encoding="utf-8")
    assert _failed_build(project) == [
        f"source/sources.yml: error: entry 1 ({LETTER}): bad year {shown} (expected a budget year such as 2025)"]


def test_build_unknown_year_option_leaves_site(project):
    lines = _failed_build(project, "--year", "2029")
    assert lines == ["source/sources.yml: error: no document for budget year 2029 (years: 2030)"]


def test_build_strict_with_amount_sum_leaves_site(project):
    path = project / "source" / LETTER
    path.write_text(SMALL_LETTER.replace("Sum kap. 740 1 500", "Sum kap. 740 1 600"), encoding="utf-8")
    lines = _failed_build(project, "--strict", code=3)
    assert (f"source/{LETTER}:28: warning[amount-sum]: printed total 1600 in column "
            "'Helsedirektoratet 2030' but the rows add up to 1500") in lines
    assert any("site/ left as it was" in ln for ln in lines)


# --- only regular files inside source/ are read and published -----------------------

def _secret(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("token=ghp_SECRET\n" + SMALL_LETTER, encoding="utf-8")
    return secret


def test_build_refuses_a_symlinked_letter(project, tmp_path):
    letter = project / "source" / LETTER
    letter.unlink()
    letter.symlink_to(_secret(tmp_path))
    assert _failed_build(project) == [
        f"source/sources.yml: error: entry 1 ({LETTER}): file source/{LETTER} is a symbolic link; "
        "only regular files inside source/ are read"]
    assert "ghp_SECRET" not in "".join(p.read_text(errors="replace") for p in (project / "site").rglob("*.html"))


def test_build_refuses_a_symlink_to_another_source_file(project):
    (project / "source" / "kopi.txt").symlink_to(project / "source" / LETTER)
    (project / "source" / "sources.yml").write_text(manifest(letter_entry("kopi.txt")), encoding="utf-8")
    assert _failed_build(project)[0].endswith("file source/kopi.txt is a symbolic link; "
                                              "only regular files inside source/ are read")


def test_build_refuses_a_fifo(project):
    import os

    letter = project / "source" / LETTER
    letter.unlink()
    os.mkfifo(letter)
    assert _failed_build(project) == [
        f"source/sources.yml: error: entry 1 ({LETTER}): file source/{LETTER} is not a regular file; "
        "only regular files inside source/ are read"]


def test_build_refuses_a_symlinked_manifest(project, tmp_path):
    manifest_path = project / "source" / "sources.yml"
    real = tmp_path / "sources.yml"
    real.write_bytes(manifest_path.read_bytes())
    manifest_path.unlink()
    manifest_path.symlink_to(real)
    assert _failed_build(project) == [
        "source/sources.yml: error: is a symbolic link; only regular files inside source/ are read"]


def test_build_refuses_a_symlinked_content_page(project, tmp_path):
    page = project / "content" / "om.md"
    page.unlink()
    page.symlink_to(_secret(tmp_path))
    assert _failed_build(project) == [
        "content/om.md: error: is a symbolic link; only regular files inside content/ are read"]



def test_build_front_matter_bomb_is_one_line(tmp_path):
    root = make_project(tmp_path / "proj", {MD_LETTER: BOMB + SMALL_LETTER},
                        manifest(letter_entry(file=MD_LETTER)))
    result = run_cli(root, "build", "--quiet")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert [ln for ln in result.stderr.splitlines() if ln.strip()] == [
        f"source/{MD_LETTER}:3: error: the front matter uses a YAML alias (*name); aliases are not allowed"]
    assert not (root / "site").exists()
