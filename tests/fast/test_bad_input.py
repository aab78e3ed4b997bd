"""Bad input to `extract`: one clear line naming file (and line), a non-zero
exit, no traceback. The cases run `generator.cli.main` in-process; the same
inputs given to `build` are in tests/slow/test_bad_input_build.py."""
from __future__ import annotations

import json
import re

import pytest

from _small_project import SMALL_LETTER
from generator import cli

LETTER = "tildelingsbrev-2030.txt"


# --- extract: in-process --------------------------------------------------------

def _extract(capsys, path, strict=False):
    code = cli.main(["extract", *(["--strict"] if strict else []), str(path)])
    out, err = capsys.readouterr()
    return code, out, err


def _one_error_line(err: str) -> str:
    assert "Traceback" not in err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, lines
    return lines[0]


def _write(tmp_path, data: bytes, name: str = LETTER):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file(tmp_path, capsys):
    code, out, err = _extract(capsys, _write(tmp_path, b""))
    assert code == 2 and out == ""
    assert _one_error_line(err) == f"{tmp_path / LETTER}: error: the file is empty"


def test_whitespace_only_file_is_empty(tmp_path, capsys):
    code, _, err = _extract(capsys, _write(tmp_path, b" \r\n\n\t\n"))
    assert code == 2 and _one_error_line(err).endswith("error: the file is empty")


def test_binary_file(tmp_path, capsys):
    data = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\xff\xfe"
    code, out, err = _extract(capsys, _write(tmp_path, data))
    assert code == 2 and out == ""
    assert _one_error_line(err).endswith(
        "error: this is a binary file, not extracted text (save it as UTF-8 text)")


PDF_MESSAGE = "error: this is a PDF file, not its text (convert it to text or Markdown first)"


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\x00\x00<< /Type /Catalog >>\x00\xff\xfe",
    # a PDF of text objects only: no NUL, no byte that is not ASCII
    b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\nBT /F1 12 Tf (Tildelingsbrev 2026) Tj ET\n%%EOF\n",
], ids=["binary", "ascii-only"])
def test_pdf_saved_with_a_markdown_name(tmp_path, capsys, data):
    path = _write(tmp_path, data, "tildelingsbrev-2026.md")
    code, out, err = _extract(capsys, path)
    assert code == 2 and out == ""
    assert _one_error_line(err) == f"{path}: {PDF_MESSAGE}"


NOT_A_LETTER = "no allocation letter found: no numbered heading, no assignment, no budget table (is this the right file?)"


@pytest.mark.parametrize("name, text", [
    ("two-lines-of-prose.txt", "Hei og hå.\nDette er bare tekst uten struktur.\n"),
    ("empty-table.md", "| Kap./post | Benevnelse | Tildeling |\n|---|---|---|\n"),
    ("empty-table-with-year.md", "Tildelingsbrev 2026\n\n| Kap./post | Benevnelse | Tildeling |\n|---|---|---|\n|  |  |  |\n"),
    ("no-heading-no-table.md", "Bare tekst uten overskrift, for budsjettåret 2026.\n\nEn linje til med *kursiv* og "
                               "<b>fet</b> tekst.\n\n- et punkt\n- et punkt til\n"),
    ("front-matter-only.md", "---\ntitle: Tildelingsbrev til Helsedirektoratet for 2026\n---\n\n"),
    ("image-only.md", "![Logo](logo.jpg)\n\nThe logo of the ministry is centered at the top.\n"),
])
def test_no_letter_and_no_proposition_is_one_error(tmp_path, capsys, name, text):
    """Today's 'Tildelingsbrev for 0' with exit 0 is a one-line error naming the file."""
    path = _write(tmp_path, text.encode(), name)
    code, out, err = _extract(capsys, path)
    assert code == 2 and out == ""
    assert _one_error_line(err) == f"{path}: error: {NOT_A_LETTER}"


def test_windows_1252_letter_is_read_with_correct_letters(tmp_path, capsys):
    text = SMALL_LETTER.replace("for folkehelsen.", "for folkehelsen – «særlig» i Nord-Norge.")
    code, out, err = _extract(capsys, _write(tmp_path, text.encode("cp1252")))
    assert code == 0, err
    doc = json.loads(out)
    assert [a["title"] for a in doc["assignments"]] == ["Første oppdrag", "Andre oppdrag"]
    assert "– «særlig» i Nord-Norge" in doc["assignments"][0]["text"]
    assert doc["sections"][0]["title"] == "Innledning"
    assert doc["budget_year"] == 2030


def test_latin_1_letter_is_read_with_correct_letters(tmp_path, capsys):
    text = SMALL_LETTER.replace("for folkehelsen.", "for folkehelsen, § 3 og ½ årsverk.")
    code, out, err = _extract(capsys, _write(tmp_path, text.encode("latin-1")))
    assert code == 0, err
    doc = json.loads(out)
    assert doc["assignments"][0]["title"] == "Første oppdrag"
    assert "§ 3 og ½ årsverk" in doc["assignments"][0]["text"]


def test_undecodable_single_byte_file_is_refused_with_line_and_encoding(tmp_path, capsys):
    # 0x81 is unassigned in Windows-1252: neither UTF-8 nor a Norwegian code page.
    data = "Linje 1\nLinje 2 med æ\n".encode("cp1252") + b"Linje 3 \x81\n"
    code, out, err = _extract(capsys, _write(tmp_path, data))
    assert code == 2 and out == ""
    line = _one_error_line(err)
    # the first line that is not UTF-8 (the cp1252 'æ')
    assert line == f"{tmp_path / LETTER}:2: error: the file is not UTF-8 text (save it as UTF-8)"


def test_missing_file(tmp_path, capsys):
    code, _, err = _extract(capsys, tmp_path / "finnes-ikke.txt")
    assert code == 2 and _one_error_line(err).endswith("finnes-ikke.txt: error: no such file")


def test_directory_instead_of_file(tmp_path, capsys):
    (tmp_path / "mappe.txt").mkdir()
    code, _, err = _extract(capsys, tmp_path / "mappe.txt")
    assert code == 2 and _one_error_line(err).endswith("mappe.txt: error: is a directory, not a text file")


def test_letter_with_one_heading_is_a_letter(tmp_path, capsys):
    """The least a letter can be: a numbered heading (kept, with its warnings)."""
    path = _write(tmp_path, "1. Innledning\n\nDette er bare tekst.\n".encode())
    code, out, err = _extract(capsys, path)
    assert code == 0 and "Traceback" not in err
    assert [s["title"] for s in json.loads(out)["sections"]] == ["Innledning"]


def _strict_warning(tmp_path, capsys, printed: str, instead: str):
    """The small letter with `printed` changed to `instead`, extracted with
    --strict: exit code 3, and (path, JSON output, the one warning line)."""
    path = _write(tmp_path, SMALL_LETTER.replace(printed, instead).encode())
    code, out, err = _extract(capsys, path, strict=True)
    assert code == 3
    return path, out, _one_error_line(err)


def test_duplicate_assignment_ids(tmp_path, capsys):
    path, _, warning = _strict_warning(tmp_path, capsys, "TB2030-2", "TB2030-1")
    assert warning == (
        f"{path}:17: warning[duplicate-id]: assignment TB2030-1 is printed again for another assignment "
        "(first at line 11: 'Første oppdrag'); this one is kept as TB2030-1-2")
    code, _, _ = _extract(capsys, path)
    assert code == 0  # a warning, not an error, without --strict


def test_table_rows_do_not_add_up(tmp_path, capsys):
    path, out, warning = _strict_warning(tmp_path, capsys, "Sum kap. 740 1 500", "Sum kap. 740 1 600")
    assert warning == (
        f"{path}:28: warning[amount-sum]: printed total 1600 in column 'Helsedirektoratet 2030' "
        "but the rows add up to 1500")
    rows = json.loads(out)["budget_rows"]
    assert [(r["post"], r["amounts"]["Helsedirektoratet 2030"]) for r in rows] == [("01", 1000), ("21", 500)]


@pytest.mark.parametrize("cut", [0.3, 0.55, 0.8, 0.97])
def test_truncated_real_letter_keeps_everything_before_the_cut(tmp_path, capsys, source_dir, cut):
    data = (source_dir / "tildelingsbrev-2025.txt").read_bytes()
    end = int(len(data) * cut)
    while (data[end] & 0xC0) == 0x80:  # do not cut inside a UTF-8 sequence (that is another test)
        end += 1
    truncated = data[:end]
    last_line = truncated.count(b"\n") + 1
    code, out, err = _extract(capsys, _write(tmp_path, truncated, "tildelingsbrev-2025.txt"))
    assert code == 0 and "Traceback" not in err
    code_full, out_full, _ = _extract(capsys, source_dir / "tildelingsbrev-2025.txt")
    full, part = json.loads(out_full), json.loads(out)
    # every assignment ending before the cut is found unchanged
    whole = [a for a in full["assignments"] if a["end_line"] < last_line - 1 and a["letter"] == "hovedbrev"]
    found = {a["id"]: a for a in part["assignments"]}
    for a in whole:
        assert a["id"] in found, a["id"]
        assert found[a["id"]]["title"] == a["title"]


def test_utf8_cut_inside_a_character(tmp_path, capsys):
    data = SMALL_LETTER.encode()
    cut = data.index("Første".encode()) + 2  # between the two bytes of 'ø'
    code, _, err = _extract(capsys, _write(tmp_path, data[:cut]))
    assert code == 2 and _one_error_line(err) == (
        f"{tmp_path / LETTER}:11: error: the file is not UTF-8 text (save it as UTF-8)")


def test_truncated_letter_is_reported(tmp_path, capsys, source_dir):
    data = (source_dir / "tildelingsbrev-2025.txt").read_bytes()
    data = data[: data.index("Frist: 31.12.2025".encode()) + 9]  # ends in "Frist: 31"
    code, _, err = _extract(capsys, _write(tmp_path, data, "tildelingsbrev-2025.txt"), strict=True)
    assert code == 3 and re.search(r"tildelingsbrev-2025\.txt:\d+: warning", err)


# --- build: subprocess on a temp project; site/ must stay as it was -----------------------
# --- a converter's front matter -------------------------------------------------

BOMB = ("---\na: &a [x, x, x, x, x, x, x, x, x]\n"
        + "".join(f"{chr(98 + k)}: &{chr(98 + k)} [{', '.join(['*' + chr(97 + k)] * 9)}]\n" for k in range(9))
        + "---\n\n")
MD_LETTER = "tildelingsbrev-2030.md"


def test_front_matter_bomb_in_extract_is_one_line(tmp_path, capsys):
    """A billion laughs (9^10 strings) is refused at its first alias, never expanded."""
    path = _write(tmp_path, (BOMB + SMALL_LETTER).encode(), MD_LETTER)
    code, out, err = _extract(capsys, path)
    assert code == 2 and out == ""
    assert _one_error_line(err) == (f"{path}:3: error: the front matter uses a YAML alias (*name); "
                                    "aliases are not allowed")


def test_front_matter_over_64_kb_in_extract_is_text_and_one_warning(tmp_path, capsys):
    """No closing fence within 64 KB: no front matter (parser, issue 25 item 7);
    the lines are read as text, with one warning on line 1."""
    path = _write(tmp_path, ("---\nnotes: \"" + "x" * 70_000 + "\"\n---\n\n" + SMALL_LETTER).encode(), MD_LETTER)
    code, out, err = _extract(capsys, path)
    assert code == 0 and out
    assert f"{path}:1: warning[front-matter]: line 1 '---' opens no front matter: no closing" in err


def test_front_matter_of_many_unknown_keys_is_eleven_warnings(tmp_path, capsys):
    keys = "".join(f"k{n}: {n}\n" for n in range(5000))
    path = _write(tmp_path, ("---\n" + keys + "---\n\n" + SMALL_LETTER).encode(), MD_LETTER)
    code, out, err = _extract(capsys, path)
    assert code == 0 and json.loads(out)["assignments"]
    warned = [ln for ln in err.splitlines() if "warning[front-matter]" in ln]
    assert len(warned) == 11 and warned[-1].endswith("4990 more unknown front matter keys; ignored")
