"""Builds that cannot corrupt each other: a lock for the whole build, state
recorded after every build (also --clean), reused outputs and cached parses
verified by hash, a swap that a crash cannot turn into data loss, and no
half-written site.new left behind.

Each test builds a copy of a two-year temp project (the small letter as 2030
and 2031, conftest.two_year_project) with the `build` command, as an editor
would (tests/_small_project.run_cli: in this process; two builds at once run
as two processes).
"""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from _small_project import ROOT, SMALL_LETTER, run_cli, run_cli_process, tree_hashes

PAGE_2030 = "2030/oppdrag/tb2030-1/index.html"


@pytest.fixture
def project(two_year_project, tmp_path):
    """A copy of conftest.two_year_project (built once per run): the build
    state names the site folder relative to the project, so the copy's next
    build starts from it."""
    root = tmp_path / "proj"
    shutil.copytree(two_year_project, root, symlinks=True)
    return root


def test_a_copied_project_reuses_its_last_build(project):
    # What every test below starts from: an unchanged copy rebuilds no year.
    result = _ok(project, "--jobs", "1")
    assert "built 2 year(s)" in result.stderr and "(2 reused unchanged)" in result.stderr, result.stderr


def _ok(root, *args):
    result = run_cli(root, "build", "--quiet", *args)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return result


def _html(root, page=PAGE_2030):
    return (root / "site" / page).read_text(encoding="utf-8")


def test_a_second_build_while_one_runs_stops_with_one_line(project):
    from generator.build.site import build_lock

    before = tree_hashes(project / "site")
    with build_lock(project / "build"):  # held by this process; the build runs in another
        result = run_cli_process(project, "build", "--quiet")
    assert result.returncode == 2
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr
    assert lines[0].startswith("build/build.lock: error: another build is running in this folder")
    assert tree_hashes(project / "site") == before


def test_two_builds_at_once_leave_a_complete_site(two_year_project, tmp_path):
    # The built project's sources (with their dates), without its build/ and site/.
    root = tmp_path / "fresh"
    shutil.copytree(two_year_project, root, ignore=shutil.ignore_patterns("build", "site"))
    cmd = [sys.executable, "-m", "generator", "--root", str(root), "build", "--quiet"]
    procs = [subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    results = [(p.wait(timeout=300), p.stderr.read()) for p in procs]
    for p in procs:
        p.stdout.close()
        p.stderr.close()
    codes = sorted(code for code, _ in results)
    assert codes in ([0, 0], [0, 2]), results
    assert all("Traceback" not in err for _, err in results)
    # The same sources built alone, in another folder (builds are byte-identical across folders).
    assert tree_hashes(root / "site") == tree_hashes(two_year_project / "site")


def test_clean_build_records_its_state(project):
    letter = project / "source" / "tildelingsbrev-2030.txt"
    original = letter.read_bytes()
    letter.write_text(SMALL_LETTER.replace("Første oppdrag", "Redigert oppdrag"), encoding="utf-8")
    _ok(project, "--clean")
    assert "Redigert oppdrag" in _html(project)
    letter.write_bytes(original)  # the edit is reverted
    _ok(project)
    assert "Redigert oppdrag" not in _html(project) and "Første oppdrag" in _html(project)


def test_a_damaged_output_is_not_reused(project):
    good = tree_hashes(project / "site")
    page = project / "site" / "2031" / "index.html"
    page.write_bytes(page.read_bytes()[:100])  # damaged in place (a hard link of the last build)
    _ok(project)  # nothing changed in the sources
    assert tree_hashes(project / "site") == good
    page.write_bytes(b"x")
    letter = project / "source" / "tildelingsbrev-2030.txt"
    letter.write_text(SMALL_LETTER + "\nEt nytt avsnitt.\n", encoding="utf-8")
    result = _ok(project)  # 2030 rebuilt; 2031 would be reused but is damaged
    assert tree_hashes(project / "site" / "2031") == {k[5:]: v for k, v in good.items() if k.startswith("2031/")}
    assert "Traceback" not in result.stderr


def test_an_altered_cache_value_is_not_used(project):
    pickles = sorted((project / "build" / "cache" / "parse").glob("*.pickle"))
    assert pickles
    altered = 0
    for p in pickles:
        data = p.read_bytes()
        if "Første oppdrag".encode() in data:
            p.write_bytes(data.replace("Første oppdrag".encode(), "Falske oppdrag".encode()))  # still loads
            altered += 1
    assert altered
    other = project / "source" / "tildelingsbrev-2031.txt"  # a build that uses the 2030 cache entry
    other.write_text(other.read_text(encoding="utf-8") + "\nEt nytt avsnitt.\n", encoding="utf-8")
    _ok(project)
    assert "Falske oppdrag" not in _html(project) and "Første oppdrag" in _html(project)


def test_a_leftover_site_old_is_restored_not_deleted(project):
    before = tree_hashes(project / "site")
    # A crash between the two renames of the swap: site/ moved away, the new one not in place.
    (project / "site").rename(project / "site.old")
    result = _ok(project, "--year", "2031")
    assert "restored site/ from site.old/" in result.stderr
    assert not (project / "site.old").exists()
    after = tree_hashes(project / "site")
    assert {k for k in after if k.startswith("2030/")} == {k for k in before if k.startswith("2030/")}
    assert {k: v for k, v in after.items() if k.startswith("2030/")} == \
        {k: v for k, v in before.items() if k.startswith("2030/")}


def test_a_failing_build_removes_its_half_written_site_new(project, monkeypatch):
    from generator.build import site as site_module
    from generator.diagnostics import Diagnostics

    before = tree_hashes(project / "site")
    (project / "content" / "om.md").write_text("# Om\n\nEndret.\n", encoding="utf-8")

    def broken(*args, **kwargs):
        raise RuntimeError("a bug in a renderer")

    monkeypatch.setattr("generator.render.year.render_year", broken)  # site.py imports it when it renders
    with pytest.raises(RuntimeError):
        site_module.build_site(project, Diagnostics())
    assert not (project / "site.new").exists()
    assert tree_hashes(project / "site") == before


def test_an_unwritable_site_dir_is_one_line(project):
    blocker = project / "not-a-folder"
    blocker.write_text("x", encoding="utf-8")
    result = run_cli(project, "build", "--quiet", "--clean", "--site-dir", str(blocker / "site"))
    assert result.returncode == 2 and "Traceback" not in result.stderr
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and "error: cannot write the site" in lines[0], lines


def test_an_altered_chart_in_the_cache_is_drawn_again(tmp_path):
    from generator.build.cache import BuildCache

    cache = BuildCache(tmp_path / "cache", tmp_path / "site")
    cache.store_chart("k", "<svg><title>Kap. 740</title></svg>")
    assert cache.load_chart("k") == "<svg><title>Kap. 740</title></svg>"
    path = tmp_path / "cache" / "charts" / "k.svg"
    path.write_bytes(path.read_bytes().replace(b"Kap. 740", b"<script>x"))
    assert cache.load_chart("k") is None


def test_a_full_disk_is_one_line_and_leaves_site(project, monkeypatch):
    import errno

    from generator.build import site as site_module
    from generator.diagnostics import Diagnostics, InputError

    before = tree_hashes(project / "site")
    (project / "content" / "om.md").write_text("# Om\n\nEndret.\n", encoding="utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(site_module, "write_pages", full)
    with pytest.raises(InputError) as err:
        site_module.build_site(project, Diagnostics(), site_module.BuildOptions(jobs=1))
    assert str(err.value) == f"{project / 'site'}: error: cannot write the site: No space left on device"
    assert not (project / "site.new").exists()
    assert tree_hashes(project / "site") == before
