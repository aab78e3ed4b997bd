"""What lets a no-op build skip work safely: the code fingerprint covers the
generator's own modules, and the output records (size, modification time,
sha256) prove a file unchanged without reading it, yet catch any change."""
from __future__ import annotations

import os
from pathlib import Path

from generator.build.cache import code_files, code_fingerprint
from generator.build.files import file_records, records_intact


def test_the_code_fingerprint_covers_the_generator_package(root):
    files = {p.resolve() for p in code_files(root)}
    package = Path(__import__("generator").__file__).resolve().parent
    for module in ("build/cache.py", "parsing/letter/allocation_changes.py", "render/pages/year_changes_page.py"):
        assert package / module in files
    assert root / "site_overrides" / "main.html" in files
    assert len(code_fingerprint(root)) == 64


def _site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    for rel, text in (("2026/index.html", "forside"), ("2026/kort/a.png", "png"), ("versions.json", "[]")):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text)
    return site


def test_records_prove_outputs_unchanged_and_catch_any_change(tmp_path):
    site = _site(tmp_path)
    recorded = file_records(site)
    assert sorted(recorded) == ["2026/index.html", "2026/kort/a.png", "versions.json"]
    assert records_intact(site, recorded) and records_intact(site, recorded, "2026")
    assert records_intact(site, recorded, "versions.json")
    page = site / "2026" / "index.html"
    st = page.stat()
    page.write_text("FORSIDE")  # same size, new content
    os.utime(page, ns=(st.st_atime_ns, st.st_mtime_ns + 1))
    assert not records_intact(site, recorded) and not records_intact(site, recorded, "2026")
    assert records_intact(site, recorded, "versions.json")
    page.write_text("forside")  # the recorded bytes again, another time: hashed, and equal
    assert records_intact(site, recorded)
    (site / "2026" / "ekstra.html").write_text("x")  # a file the build did not write
    assert not records_intact(site, recorded, "2026")
    (site / "2026" / "ekstra.html").unlink()
    (site / "2026" / "kort" / "a.png").unlink()  # a missing file
    assert not records_intact(site, recorded)


def test_records_keep_a_recorded_hash_when_the_stamp_is_unchanged(tmp_path):
    site = _site(tmp_path)
    first = file_records(site)
    again = file_records(site, {**first, "2026/index.html": [*first["2026/index.html"][:2], "x" * 64]})
    assert again["2026/index.html"][2] == "x" * 64  # not read: its stamp is the recorded one
    assert again["versions.json"] == first["versions.json"]
