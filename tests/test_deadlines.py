"""Deadlines: exact, approximate (a period), or without a fixed date; IDs sort as numbers."""
from __future__ import annotations

import re

import pytest

from generator.derive.deadlines import approximate_period, event_title, human_date
from generator.parsing.tokens.assignment_id import sort_key as id_sort_key


@pytest.mark.parametrize("text, expected", [
    ("mars 2025", ("2025-03-01", "2025-03-31", "mars 2025")),
    ("Det skal gis en foreløpig tilbakemelding på arbeidet innen utgangen av mai 2025.",
     ("2025-05-01", "2025-05-31", "innen utgangen av mai 2025")),
    ("innen utgangen av 2022.", ("2022-12-31", "2022-12-31", "innen utgangen av 2022")),
    ("Arbeidet skal være ferdigstilt i løpet av 2025.", ("2025-12-31", "2025-12-31", "innen utgangen av 2025")),
    ("innen 2. kvartal", ("2025-04-01", "2025-06-30", "2. kvartal 2025")),
    ("i første halvår 2026", ("2026-01-01", "2026-06-30", "første halvår 2026")),
    ("desember 2022 Ansvarlig avdeling i HOD: SHA", ("2022-12-01", "2022-12-31", "desember 2022")),
])
def test_approximate_periods(text, expected):
    assert approximate_period(text, 2025) == expected


@pytest.mark.parametrize("text", ["avklares i dialog mellom departementet og direktoratet.", "Frister:",
                                  "Som en del av direktoratets innspill til rammefordelingsforslaget for 2026-budsjettet.",
                                  ""])
def test_no_fixed_date(text):
    assert approximate_period(text, 2025) is None


def test_ids_sort_as_numbers_and_dates_read_in_norwegian():
    ids = ["TB2025-10", "TB2025-2", "TTB2022-1", "TB2025-1"]
    assert sorted(ids, key=id_sort_key) == ["TB2025-1", "TB2025-2", "TB2025-10", "TTB2022-1"]
    assert human_date("2025-12-31") == "31. desember 2025"


def test_calendar_titles_lose_clock_times_and_bullets():
    assert event_title("kl. 9:30-11:30. Etatsstyringsmøte I departementets lokaler, R6") == \
        "Etatsstyringsmøte I departementets lokaler, R6"
    assert event_title("• Eventuelle innspill til RNB-2022.") == "Eventuelle innspill til RNB-2022."
    long = event_title("Frist kan ikke fravikes. • Budsjett - og regnskapsrapport per 2. tertial (31.08) "
                       "• Eventuelle endringer i budsjettet for resten av året og mer tekst som fortsetter")
    assert long == "Budsjett - og regnskapsrapport per 2. tertial (31.08); Eventuelle endringer i budsjettet…"


def _events(ics: str) -> list[str]:
    return re.sub(r"\r\n[ \t]", "", ics).split("BEGIN:VEVENT")[1:]


@pytest.mark.slow
def test_calendar_holds_every_dated_and_approximate_deadline(built_site):
    import json

    for year, doc in ((2025, "tildelingsbrev-2025"), (2024, "tildelingsbrev-2024"),
                      (2022, "tildelingsbrev-2022"), (2018, "tildelingsbrev-2018")):
        extract = json.loads((built_site / f"{year}/data/{doc}.json").read_text(encoding="utf-8"))
        first = {}
        for a in extract["assignments"]:  # one page per assignment: a reprint of the same one shares it
            first.setdefault(a["page_id"].lower(), a)
        exact = sum(1 for a in first.values() for d in a["deadlines"] if d["date"] and not d["approximate"])
        approximate = sum(1 for a in first.values() for d in a["deadlines"] if d["date"] and d["approximate"])
        without = sum(1 for a in first.values() if not any(d["date"] for d in a["deadlines"]))
        events = _events((built_site / f"{year}/frister/frister.ics").read_text(encoding="utf-8"))
        assignments = [e for e in events if re.search(r"UID:t+b\d", e, re.I)]
        assert len(assignments) == exact + approximate, year
        assert len(events) - len(assignments) == len(extract["dated_items"])
        page = (built_site / f"{year}/frister/index.html").read_text(encoding="utf-8")
        assert f"{exact} oppdragsfrister med dato, {approximate} omtrentlige" in page
        if without:
            start = page.index('id="uten-fast-dato"')
            listed = page[start:page.index("</table>", start)]
            assert len(re.findall(r'<a href="\.\./oppdrag/', listed)) == without, year
        if year == 2025:
            assert approximate > 0
    tb69 = next(e for e in _events((built_site / "2025/frister/frister.ics").read_text(encoding="utf-8"))
                if "UID:tb2025-69@" in e)
    # "innen utgangen av mai 2025": the whole of May, marked approximate.
    assert "DTSTART;VALUE=DATE:20250501" in tb69 and "DTEND;VALUE=DATE:20250601" in tb69
    assert "SUMMARY:TB2025-69 Digital hjemmeoppfølging" in tb69 and "omtrentlig" in tb69
    sha = _events((built_site / "2025/frister/frister-SHA.ics").read_text(encoding="utf-8"))
    assert sha and all(re.search(r"UID:tb2025-[\d-]+@", e) for e in sha)
    page = (built_site / "2025/oppdrag/tb2025-12/index.html").read_text(encoding="utf-8")
    assert 'href="frist.ics"' in page and "21. mars 2025" in page
    assert "UID:tb2025-12@" in (built_site / "2025/oppdrag/tb2025-12/frist.ics").read_text(encoding="utf-8")
