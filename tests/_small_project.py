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


def two_year_project(dest: Path) -> Path:
    """The small letter as 2030 and again as 2031: two budget years."""
    letters = {"tildelingsbrev-2030.txt": SMALL_LETTER,
               "tildelingsbrev-2031.txt": SMALL_LETTER.replace("2030", "2031")}
    return make_project(dest, letters, manifest(
        letter_entry(), letter_entry("tildelingsbrev-2031.txt", 2031, title="Tildelingsbrev til Helsedirektoratet for 2031")))


def real_project(dest: Path) -> Path:
    """The real 2018 letter (hundreds of pages and charts) and the small letter (2030)."""
    letters = {"tildelingsbrev-2018.txt": (ROOT / "source" / "tildelingsbrev-2018.txt").read_bytes(),
               "tildelingsbrev-2030.txt": SMALL_LETTER}
    return make_project(dest, letters, manifest(
        letter_entry("tildelingsbrev-2018.txt", 2018, title="Tildelingsbrev til Helsedirektoratet for 2018"),
        letter_entry()))


def run_cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    """`python -m generator --root root args...` as an editor runs it, but in
    this process: the CLI's main() with its stdout and stderr captured, its
    exit status, and an exception that escapes it printed as the interpreter
    prints it (a traceback, status 1). A new interpreter would import MkDocs,
    Material and matplotlib again, about a CPU-second a run. Tests of two
    processes (two builds at once) start them themselves (run_cli_process)."""
    import contextlib
    import io
    import traceback

    from generator.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--root", str(root), *args])
        except SystemExit as exc:  # argparse
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        except Exception:  # noqa: BLE001 - as the interpreter would: a traceback on stderr, status 1
            traceback.print_exc()
            code = 1
    return subprocess.CompletedProcess(["generator", "--root", str(root), *args], code, out.getvalue(), err.getvalue())


def run_cli_process(root: Path, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """`python -m generator --root root args...` in a new interpreter."""
    return subprocess.run([sys.executable, "-m", "generator", "--root", str(root), *args],
                          capture_output=True, text=True, timeout=timeout, cwd=ROOT)


def tree_hashes(folder: Path) -> dict[str, str]:
    """sha256 of every file under folder, by relative path."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


# --- hostile titles -----------------------------------------------------------------
# Payloads for every kind of title (assignment, letter section, proposition
# chapter, decision, manifest). Chapter titles cannot hold digits (a digit ends
# a "Kap. 740 Title" heading), so every payload calls alert() without one.
TITLE_PAYLOADS = (
    "<img src=x onerror=alert(document.domain)>",
    "</title><script>alert(document.domain)</script>",
    '"><svg onload=alert(document.domain)>',
    "'><iframe srcdoc=\"<script>parent.alert(document.domain)</script>\">",
    "{{ config.site_name }} {% raw %}",
    "[x](javascript:alert(document.domain))",
)
# What a letter's or a proposition's title keeps of each payload: a source's
# HTML passes the allow-list (read/layout/html_cells.py), which drops <img>,
# <script> with what it holds and <svg> (each with an html-dropped warning);
# what is left is text. The manifest's titles are not letter text: they keep
# the payloads whole.
TITLE_KEPT = (
    "",
    "",
    '">',
    "'><iframe srcdoc=\"\">",
    "{{ config.site_name }} {% raw %}",
    "[x](javascript:alert(document.domain))",
)


def hostile_letter() -> str:
    """SMALL_LETTER with a payload in section headings and assignment titles."""
    text = SMALL_LETTER.replace("1. Innledning", f"1. Innledning {TITLE_PAYLOADS[0]}", 1)
    text = text.replace("2. Oppdrag\n", f"2. Oppdrag {TITLE_PAYLOADS[1]}\n", 1)
    text = text.replace("3. Bevilgninger", f"3. Bevilgninger {TITLE_PAYLOADS[2]}", 1)
    extra = "".join(
        f"TB2030-{n} Avd. HOD: FHA Oppdrag {payload}\n\nHelsedirektoratet skal gjøre oppdrag {n}.\n\n"
        f"Frist: 01.0{n}.2030\n\n"
        for n, payload in enumerate(TITLE_PAYLOADS, start=3)
    )
    return text.replace("3. Bevilgninger", extra + "3. Bevilgninger", 1)


def small_prop(year: int, chapter_titles: tuple[str, ...], decision_titles: tuple[str, ...]) -> str:
    """A tiny Prop. 1 S: two numbered chapters, anmodningsvedtak with follow-up
    texts, and one budget chapter per title with a post table."""
    prev = year - 1
    rows = "".join(f"{prev - 1}–{prev} {nr} {title} Nei\n" for nr, title in enumerate(decision_titles, start=10))
    follow = "".join(
        f"Oppfølging {nr}\n\nVedtak nr. {nr}, 5. oktober {prev - 1}\n\n«Stortinget ber regjeringen gjøre {nr}.»\n\n"
        f"Anmodningsvedtaket følges opp.\n\n"
        for nr in range(10, 10 + len(decision_titles))
    )
    chapters = "".join(
        f"Kap. {kap} {title}\n\n(i 1 000 kr)\n\nPost Betegnelse\nRegnskap \n{prev - 1}\nSaldert \n"
        f"budsjett {prev}\nForslag \n{year}\n\n01 Driftsutgifter 1 000 1 100 1 200\n"
        f"21 Spesielle driftsutgifter 500 600 700\n\nSum kap. {kap} 1 500 1 700 1 900\n\nTekst om kapitlet.\n\n"
        for kap, title in enumerate(chapter_titles, start=740)
    )
    return (
        f"Prop. 1 S\n({prev}–{year})\nProposisjon til Stortinget (forslag til stortingsvedtak)\n"
        f"For budsjettåret {year}\nHelse- og omsorgsdepartementet\n\nDel I\nInnledning\n\n"
        f"1  Hovedtrekk\n\nRegjeringen foreslår noe i Prop. 1 S ({prev}–{year}).\n\n"
        f"2  Andre saker\n\nTekst om andre saker i Prop. 1 S ({prev}–{year}).\n\n"
        f"3  Anmodningsvedtak\n\nTabell 3.1 Oversikt over anmodnings- og utredningsvedtak\n\n"
        f"Sesjon Vedtak nr. Stikkord\n\n{rows}\nStortingssesjon ({prev - 1}–{prev})\n\n{follow}"
        f"Del II\nBudsjettforslag\n\nProgramkategori 10.10 Folkehelse\n\n{chapters}"
    )


def hostile_titles_project(dest: Path) -> Path:
    """Letter 2030 and proposition 2031 with a payload in every kind of title,
    the manifest's titles holding all payloads at once."""
    import json

    manifest_title = "Dokument " + " ".join(TITLE_PAYLOADS)
    letters = {
        "tildelingsbrev-2030.txt": hostile_letter(),
        "prop-1-s-2030-2031.txt": small_prop(2031, tuple(f"Direktorat {t}" for t in TITLE_PAYLOADS),
                                             TITLE_PAYLOADS),
    }
    text = manifest(
        letter_entry(title=json.dumps("Tildelingsbrev " + manifest_title)),
        {"file": "prop-1-s-2030-2031.txt", "kind": "prop1s", "year": 2031,
         "title": json.dumps("Prop. 1 S " + manifest_title)},
    )
    return make_project(dest, letters, text)
