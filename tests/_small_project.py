"""A tiny project (one short letter) for tests that run whole builds in a temp folder."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SMALL_LETTER = """Tildelingsbrev til Helsedirektoratet for 2030

1. Innledning

Dette er et lite testbrev for budsjettåret 2030. Det gjelder økonomi, styring og å følge opp.

2. Oppdrag

2.1. Oppdrag

TB2030-1 Avd. HOD: FHA Første oppdrag

Helsedirektoratet skal gjøre noe viktig for folkehelsen.

Frist: 31.12.2030

TB2030-2 Avd. HOD: SPA Andre oppdrag

Helsedirektoratet skal gjøre noe annet.

Frist: 01.06.2030

3. Bevilgninger

Kap. Post  Helsedirektoratet  2030
740 01 Driftsutgifter 1 000
 21 Spesielle driftsutgifter 500
Sum kap. 740 1 500

(Beløp i 1 000 kroner)
"""

ENTRY = """  - file: {file}
    kind: {kind}
    year: {year}
    title: {title}
    issuer: Helse- og omsorgsdepartementet
    recipient: Helsedirektoratet
"""


def manifest(*entries: dict) -> str:
    return "documents:\n" + "".join(ENTRY.format(**e) for e in entries)


def letter_entry(file: str = "tildelingsbrev-2030.txt", year: object = 2030, kind: str = "tildelingsbrev",
                 title: str = "Tildelingsbrev til Helsedirektoratet for 2030") -> dict:
    return {"file": file, "year": year, "kind": kind, "title": title}


def make_project(dest: Path, letters: dict[str, bytes | str] | None = None, manifest_text: str | None = None) -> Path:
    """mkdocs.yml, content/, site_overrides/ from the repository; source/ with the given letters."""
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    shutil.copytree(ROOT / "content", dest / "content")
    shutil.copytree(ROOT / "site_overrides", dest / "site_overrides")
    src = dest / "source"
    src.mkdir()
    letters = {"tildelingsbrev-2030.txt": SMALL_LETTER} if letters is None else letters
    for name, data in letters.items():
        (src / name).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    (src / "sources.yml").write_text(manifest_text or manifest(letter_entry()), encoding="utf-8")
    return dest


def run_cli(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }
