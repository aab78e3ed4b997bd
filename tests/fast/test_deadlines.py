"""Deadlines: exact, approximate (a period), or without a fixed date; IDs sort as numbers."""
from __future__ import annotations


import pytest

from generator.derive.deadlines import event_title, human_date
from generator.parsing.tokens.assignment_id import sort_key as id_sort_key
from generator.parsing.tokens.periods import find_periods, period_label


def approximate_period(text: str, budget_year: int) -> tuple[str, str, str] | None:
    """(first day, last day, label) of the first period the grammar finds in `text`."""
    found = sorted(find_periods(text, budget_year), key=lambda p: p.start)
    return (found[0].first, found[0].last, period_label(found[0].kind, found[0].first, found[0].last)) \
        if found else None


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
