"""Every way a manifest's supplementary letters can be wrong is one line
naming the manifest, the entry and its file (issue 23, item 4): no main
letter for the year, a number given twice, a date before the main letter or
before a lower number, a number that is no number, a supplement that is no
allocation letter. The build stops on the first with that one line."""
from __future__ import annotations

import pytest

from _small_project import SMALL_LETTER, make_project, run_cli
from generator.diagnostics import InputError
from generator.read.sources import parse_manifest

ENTRY = """  - file: {file}
    kind: {kind}
    year: {year}
    title: T
    issuer: HOD
    recipient: Hdir
"""


def entry(file: str, year: int = 2030, kind: str = "tildelingsbrev", supplement: object = None,
          date: str | None = None) -> str:
    text = ENTRY.format(file=file, kind=kind, year=year)
    if supplement is not None:
        text += f"    supplement: {supplement}\n"
    if date:
        text += f"    date: {date}\n"
    return text


MAIN = entry("main.txt", date="2030-01-20")
FILES = ("main.txt", "s1.txt", "s2.txt", "s3.txt", "other.txt")


@pytest.fixture
def folder(tmp_path):
    for name in FILES:
        (tmp_path / name).write_text(SMALL_LETTER, encoding="utf-8")
    return tmp_path


def _error(text: str, folder) -> str:
    with pytest.raises(InputError) as err:
        parse_manifest("documents:\n" + text, folder)
    message = str(err.value)
    assert "\n" not in message and message.startswith("source/sources.yml: error: entry ")
    return message


def test_a_year_of_letters_is_accepted(folder):
    entries = parse_manifest("documents:\n" + MAIN + entry("s2.txt", supplement=2, date="2030-04-16")
                             + entry("s1.txt", supplement=1, date="2030-02-27"), folder)
    assert [(e.file, e.supplement) for e in entries] == [("main.txt", None), ("s2.txt", 2), ("s1.txt", 1)]


@pytest.mark.parametrize("text, message", [
    (entry("s1.txt", supplement=1, date="2030-03-01"),
     "entry 1 (s1.txt): supplement 1 for 2030, but no main allocation letter for 2030"),
    (MAIN + entry("s1.txt", year=2031, supplement=1),
     "entry 2 (s1.txt): supplement 1 for 2031, but no main allocation letter for 2031"),
    (MAIN + entry("s1.txt", supplement=2) + entry("s2.txt", supplement=2),
     "entry 3 (s2.txt): supplement 2 for 2030 is given twice (also s1.txt)"),
    (MAIN + entry("s1.txt", supplement=1, date="2030-01-19"),
     "entry 2 (s1.txt): supplement 1 is dated 2030-01-19, before the main letter it amends (main.txt, 2030-01-20)"),
    (MAIN + entry("s2.txt", supplement=2, date="2030-03-01") + entry("s3.txt", supplement=3, date="2030-02-28"),
     "entry 3 (s3.txt): supplement 3 is dated 2030-02-28, before supplement 2 (s2.txt, 2030-03-01)"),
    (MAIN + entry("s3.txt", supplement=3, date="2030-02-28") + entry("s2.txt", supplement=2, date="2030-03-01"),
     "entry 2 (s3.txt): supplement 3 is dated 2030-02-28, before supplement 2 (s2.txt, 2030-03-01)"),
    (MAIN + entry("s1.txt", supplement=0), "entry 2 (s1.txt): bad supplement 0"),
    (MAIN + entry("s1.txt", supplement="nr. 1"), "entry 2 (s1.txt): bad supplement 'nr. 1'"),
    (MAIN + entry("s1.txt", supplement="true"), "entry 2 (s1.txt): bad supplement True"),
    (MAIN + entry("s1.txt", supplement="1.5"), "entry 2 (s1.txt): bad supplement 1.5"),
    (MAIN + entry("s1.txt", kind="prop1s", supplement=1),
     "entry 2 (s1.txt): supplement: is only for a supplementary allocation letter"),
    (MAIN + entry("other.txt"), "entry 2 (other.txt): a second tildelingsbrev for 2030"),
], ids=["no-main", "no-main-that-year", "twice", "before-main", "before-lower-number",
        "before-lower-number-listed-first", "zero", "words", "boolean", "fraction", "on-a-proposition",
        "second-main"])
def test_each_supplement_error_is_one_line(folder, text, message):
    assert message in _error(text, folder)


def test_a_supplement_error_stops_the_build_in_one_line(tmp_path):
    """Through the command line: exit 2, one line, no site written."""
    good = "documents:\n" + entry("tildelingsbrev-2030.txt", date="2030-01-20").replace("title: T", (
        "title: Tildelingsbrev til Helsedirektoratet for 2030"))
    root = make_project(tmp_path / "proj", {"tildelingsbrev-2030.txt": SMALL_LETTER,
                                            "supplerende-2030-nr-1.txt": SMALL_LETTER},
                        good + entry("supplerende-2030-nr-1.txt", supplement=1, date="2030-01-02"))
    result = run_cli(root, "build", "--quiet")
    lines = [ln for ln in result.stderr.splitlines() if ln.strip()]
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert lines == ["source/sources.yml: error: entry 2 (supplerende-2030-nr-1.txt): supplement 1 is dated "
                     "2030-01-02, before the main letter it amends (tildelingsbrev-2030.txt, 2030-01-20)"]
    assert not (root / "site").exists()
