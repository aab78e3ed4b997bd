"""Input that used to hang, garble or crash: each is a one-line error or a
warning naming the line, never a traceback or a silent loss.

Manifest problems (an impossible date, not UTF-8, a YAML alias bomb, unknown
or duplicate keys), sources that cannot be read or are too large, a busy
port for `serve`, a UTF-8 letter with one stray Windows-1252 byte, CR-only
line ends, and a proposition parser that no longer turns its own bugs into
an empty document.
"""
from __future__ import annotations

import json
import socket

import pytest

from _small_project import SMALL_LETTER, letter_entry, make_project, manifest
from generator import cli
from generator.diagnostics import Diagnostics, InputError
from generator.read.sources import MAX_SOURCE_BYTES, load_manifest, parse_manifest

LETTER = "tildelingsbrev-2030.txt"


@pytest.fixture
def source_dir(tmp_path):
    src = tmp_path / "source"
    src.mkdir()
    (src / LETTER).write_text(SMALL_LETTER, encoding="utf-8")
    return src


def _error(text: str, source_dir, **kw) -> str:
    with pytest.raises(InputError) as err:
        parse_manifest(text, source_dir, **kw)
    message = str(err.value)
    assert "\n" not in message and message.startswith("source/sources.yml")
    return message


def test_impossible_manifest_date_is_one_line(source_dir):
    text = manifest(letter_entry()) + "    date: 2025-02-30\n"
    assert _error(text, source_dir).endswith(f"entry 1 ({LETTER}): bad date '2025-02-30' (expected YYYY-MM-DD)")
    (entry,) = parse_manifest(manifest(letter_entry()) + "    date: 2030-01-15\n", source_dir)
    assert entry.date == "2030-01-15"


def test_manifest_that_is_not_utf8_is_one_line(source_dir):
    (source_dir / "sources.yml").write_bytes(manifest(letter_entry(title="Tildelingsbrev Sør")).encode("cp1252"))
    with pytest.raises(InputError) as err:
        load_manifest(source_dir)
    assert str(err.value) == "source/sources.yml:5: error: the manifest is not UTF-8 text (save it as UTF-8)"


def test_yaml_alias_bomb_is_refused_at_once(source_dir):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\n' + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{','.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9))
    message = _error(bomb + manifest(letter_entry()), source_dir)
    assert message == "source/sources.yml:2: error: not valid YAML: aliases (*name) are not allowed in the manifest"


def test_unknown_and_duplicate_manifest_keys_are_warnings(source_dir):
    text = manifest(letter_entry()) + "    dato: 2030-01-15\n    year: 2030\nversjon: 2\n"
    diags = Diagnostics()
    (entry,) = parse_manifest(text, source_dir, diags=diags)
    assert entry.date is None
    assert [d.format() for d in diags.items] == [
        "source/sources.yml:9: warning[manifest-key]: key 'year' appears twice in one entry; the last one counts",
        "source/sources.yml: warning[manifest-key]: unknown top-level key 'versjon' (only 'documents:' is read)",
        f"source/sources.yml: warning[manifest-key]: entry 1 ({LETTER}): unknown key 'dato' is ignored "
        "(known: file, kind, year, title, issuer, recipient, date, url, supplement)",
    ]


def test_oversized_source_is_refused_with_the_limit(source_dir, tmp_path, capsys):
    big = source_dir / LETTER
    with big.open("ab") as f:
        f.write(b"x" * (MAX_SOURCE_BYTES + 1))
    (source_dir / "sources.yml").write_text(manifest(letter_entry()), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_manifest(source_dir)
    assert str(err.value).endswith(f"file source/{LETTER} is 20.0 MB; the limit is 20 MB per document")
    assert cli.main(["extract", str(big)]) == 2
    out, errors = capsys.readouterr()
    assert out == "" and errors.strip().endswith("the limit is 20 MB per document") and "\n" not in errors.strip()


def test_unreadable_source_is_one_line(tmp_path, monkeypatch):
    from pathlib import Path

    from generator.build.inputs import document_keys

    root = make_project(tmp_path / "proj")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == LETTER:
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    with pytest.raises(InputError) as err:
        document_keys(root, "")
    assert str(err.value) == f"source/{LETTER}: error: cannot read the file: Permission denied"


def test_serve_on_a_busy_port_is_one_line(tmp_path, capsys):
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = cli.main(["--root", str(tmp_path), "serve", "--no-build", "--port", str(port)])
    _, err = capsys.readouterr()
    assert code == 2 and "Traceback" not in err
    assert err.strip() == (f"127.0.0.1:{port}: error: cannot serve here: Address already in use "
                           "(another program uses the port? choose one with --port)")


def _extract(capsys, path):
    code = cli.main(["extract", str(path)])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err, err
    return json.loads(out), err


def test_utf8_letter_with_one_stray_windows_1252_byte(tmp_path, capsys):
    stray = "–".encode("cp1252")  # b"\x96": a Windows-1252 dash pasted into a UTF-8 file
    data = SMALL_LETTER.encode("utf-8").replace("gjøre noe annet.".encode(), "gjøre noe annet ".encode() + stray + b" straks.")
    path = tmp_path / LETTER
    path.write_bytes(data)
    doc, err = _extract(capsys, path)
    assert err.strip() == (f"{path}:19: warning[encoding]: a byte here is not UTF-8 (another encoding, such as "
                           "Windows-1252); it is shown as \ufffd: check the character against the document")
    # Only that character is lost; every other letter reads as written.
    assert [a["title"] for a in doc["assignments"]] == ["Første oppdrag", "Andre oppdrag"]
    assert "gjøre noe annet \ufffd straks." in doc["assignments"][1]["text"]
    assert doc["sections"][0]["title"] == "Innledning"


def test_a_whole_windows_1252_letter_is_read_with_a_warning(tmp_path, capsys):
    path = tmp_path / LETTER
    path.write_bytes(SMALL_LETTER.encode("cp1252"))
    doc, err = _extract(capsys, path)
    assert err.strip() == (f"{path}:5: warning[encoding]: the file is Windows-1252, not UTF-8; "
                           "read as Windows-1252 (save it as UTF-8)")
    assert doc["assignments"][0]["title"] == "Første oppdrag"


def test_cr_only_line_ends_are_line_breaks(tmp_path, capsys):
    lf = tmp_path / "lf" / LETTER
    cr = tmp_path / "cr" / LETTER
    for path, text in ((lf, SMALL_LETTER), (cr, SMALL_LETTER.replace("\n", "\r"))):
        path.parent.mkdir()
        path.write_bytes(text.encode("utf-8"))
    expected, _ = _extract(capsys, lf)
    got, err = _extract(capsys, cr)
    assert got["assignments"] == expected["assignments"] and got["sections"] == expected["sections"]
    assert len(got["assignments"]) == 2 and got["budget_year"] == 2030


def test_nul_byte_after_the_first_64_kib_is_refused(tmp_path, capsys):
    path = tmp_path / LETTER
    path.write_bytes(SMALL_LETTER.encode() + b"x" * 70_000 + b"\x00\n")
    assert cli.main(["extract", str(path)]) == 2
    _, err = capsys.readouterr()
    assert err.strip().endswith("error: this is a binary file, not extracted text (save it as UTF-8 text)")


def test_a_bug_in_the_proposition_parser_is_not_an_empty_document(monkeypatch):
    from generator.parsing.prop import prop_parser as prop
    from generator.read.source_text import read_text

    def broken(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(prop, "parse_decisions", broken)
    with pytest.raises(ZeroDivisionError):
        prop.parse_prop(read_text("Prop. 1 S (2029–2030)\n", "source/p.txt"), None, Diagnostics())


def test_two_letters_for_one_year_are_refused(source_dir):
    (source_dir / "annet-2030.txt").write_text(SMALL_LETTER, encoding="utf-8")
    text = manifest(letter_entry(), letter_entry("annet-2030.txt"))
    assert _error(text, source_dir).endswith(
        "entry 2 (annet-2030.txt): a second tildelingsbrev for 2030 (entry 1 is one); "
        "a year has one letter (with its supplements) and one proposition")


def test_a_kind_the_text_contradicts_is_a_warning(tmp_path):
    from _small_project import small_prop
    from generator.parsing.extract import extract_document
    from generator.read.sources import SourceEntry

    def warnings(name, text, kind):
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        entry = SourceEntry(name, kind, 2030, "T", "HOD", "Helsedirektoratet", None, name[:-4])
        diags = Diagnostics()
        extract_document(path, diags, entry)
        return [d.message for d in diags.items if d.code == "kind-mismatch"]

    assert warnings("brev.txt", SMALL_LETTER, "prop1s") == [
        "sources.yml says kind: prop1s, but the text never names itself 'Prop. 1 S'"]
    prop = small_prop(2030, tuple(f"Direktorat {n}" for n in "ABCDEFGHIJKL"), ("Stikkord",))
    assert warnings("prop.txt", prop, "tildelingsbrev") == [
        "sources.yml says kind: tildelingsbrev, but the text prints the 'Sum kap.' rows of a Prop. 1 S"]
    assert warnings("brev2.txt", SMALL_LETTER, "tildelingsbrev") == []
    assert warnings("prop2.txt", prop, "prop1s") == []
