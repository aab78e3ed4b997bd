"""The manifest: the real one, and every kind of broken entry."""
from __future__ import annotations

import pytest

from generator.diagnostics import InputError
from _small_project import letter_entry, manifest
from generator.read.sources import load_manifest, parse_manifest, years

GOOD = manifest(letter_entry("tildelingsbrev-2025.txt", 2025, title="Tildelingsbrev til Helsedirektoratet for 2025"))


def test_real_manifest_lists_the_five_documents(source_dir):
    entries = load_manifest(source_dir)
    assert [(e.file, e.kind, e.year) for e in entries if e.year < 2026] == [
        ("tildelingsbrev-2018.txt", "tildelingsbrev", 2018),
        ("tildelingsbrev-2022.txt", "tildelingsbrev", 2022),
        ("prop-1-s-2023-2024.txt", "prop1s", 2024),
        ("tildelingsbrev-2024.txt", "tildelingsbrev", 2024),
        ("tildelingsbrev-2025.txt", "tildelingsbrev", 2025),
    ]
    assert years(entries) == [2018, 2022, 2024, 2025, 2026]
    assert entries[2].title == "Prop. 1 S (2023–2024) Helse- og omsorgsdepartementet"
    assert entries[2].recipient == "Stortinget"


# sha256 of the documents as delivered in ../shared/source/ (line numbers on the
# site cite these bytes, so they must never be edited in place).
DELIVERED = {
    "prop-1-s-2023-2024.txt": "e13a760553421d219a212c3c39f57a3a82318d5bc9bfb1924ed2d4efced8568f",
    "tildelingsbrev-2018.txt": "6d1ea11688f5bc774d0756aaffc2a0cebb678d1aa9c8a34615f9564c749f0800",
    "tildelingsbrev-2022.txt": "b129b0fae96f3ec8f3f384cb79405c0831c4607124fcd453db03795874b2dd3e",
    "tildelingsbrev-2024.txt": "27d0e1c52a6a9b00a0ecbcdbc6b6f2acfd7f667701c419f5870c4e7fdd290e90",
    "tildelingsbrev-2025.txt": "4297a2f3b3cc9bc3d6077042b829023b3effd00feb0ddffcd18c88291f79dac7",
}


def test_source_files_are_byte_identical_to_the_delivered_documents(source_dir):
    import hashlib

    for name, digest in DELIVERED.items():
        assert hashlib.sha256((source_dir / name).read_bytes()).hexdigest() == digest, name


@pytest.mark.parametrize(
    "edit, message",
    [
        (lambda s: s.replace("tildelingsbrev-2025.txt", "tildelingsbrev-2031.txt"), "entry 1 (tildelingsbrev-2031.txt): file source/tildelingsbrev-2031.txt does not exist"),
        (lambda s: s.replace("kind: tildelingsbrev", "kind: brev"), "unknown kind 'brev'"),
        (lambda s: s.replace("year: 2025", "year: 25"), "bad year 25"),
        (lambda s: s.replace("year: 2025", "year: tjuefem"), "bad year 'tjuefem'"),
        (lambda s: s + s.split("documents:\n")[1], "entry 2 (tildelingsbrev-2025.txt): duplicate entry"),
        (lambda s: s.replace("    issuer: Helse- og omsorgsdepartementet\n", ""), "missing issuer"),
        (lambda s: s.replace("documents:", "dokumenter:"), "expected a top-level 'documents:' list"),
        (lambda s: s + "  - [unclosed\n", "not valid YAML"),
        (lambda s: s.replace("tildelingsbrev-2025.txt", "../etc/passwd.txt"), "plain .txt file name"),
        (lambda s: s.replace("tildelingsbrev-2025.txt", "'<img src=x onerror=alert(1)>.txt'"), "plain .txt file name"),
    ],
)
def test_manifest_errors_are_one_line_naming_manifest_and_entry(source_dir, edit, message):
    with pytest.raises(InputError) as err:
        parse_manifest(edit(GOOD), source_dir)
    text = str(err.value)
    assert text.startswith("source/sources.yml")
    assert message in text
    assert "\n" not in text


def test_manifest_date_is_iso(source_dir):
    entries = parse_manifest(GOOD.replace("year: 2025", "year: 2025\n    date: 2024-12-20"), source_dir)
    assert entries[0].date == "2024-12-20"
    with pytest.raises(InputError, match="bad date"):
        parse_manifest(GOOD.replace("year: 2025", "year: 2025\n    date: 20.12.2024"), source_dir)


@pytest.mark.parametrize("name, printed", [("tildelingsbrev-2025.txt", 2025), ("prop-1-s-2023-2024.txt", 2024)])
def test_manifest_year_that_contradicts_the_document_is_a_warning(source_dir, name, printed):
    from dataclasses import replace

    from generator.diagnostics import Diagnostics
    from generator.parsing.extract import extract_document

    entry = next(e for e in load_manifest(source_dir) if e.file == name)
    diags = Diagnostics()
    _, doc = extract_document(source_dir / name, diags, replace(entry, year=2031))
    mismatch = [d for d in diags.items if d.code == "year-mismatch"]
    assert doc.budget_year == 2031 and len(mismatch) == 1
    assert mismatch[0].format() == (f"source/{name}:1: warning[year-mismatch]: source/sources.yml gives budget "
                                    f"year 2031, but the {'letter' if 'brev' in name else 'proposition'} is for {printed}")
    diags = Diagnostics()
    extract_document(source_dir / name, diags, entry)
    assert not [d for d in diags.items if d.code == "year-mismatch"]
