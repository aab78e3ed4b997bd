"""The deadline rules on the letters' own sentences: a deadline is a date the
text asks something to be done by; other dates in the same sentence are not."""
from __future__ import annotations

import _paths
import json

from hypothesis import given, strategies as st

from generator.parsing.due_dates import deadlines_and_skipped

GOLDEN = _paths.GOLDEN


def _dates(text: str, year: int) -> list[tuple[str, str]]:
    found, _ = deadlines_and_skipped([text], year)
    return [(d.date, d.text) for d in found]


def test_a_letters_date_is_no_deadline_but_the_new_deadline_is():
    text = ("Under henvisning til Helsedirektoratets brev av 18. februar godkjennes ny frist "
            "1. april 2022 for dette oppdraget.")  # 2022 l. 3309
    found, skipped = deadlines_and_skipped([text], 2022)
    assert [(d.date, d.text) for d in found] == [("2022-04-01", "1. april 2022")]
    assert [s.text for s in skipped] == ["18. februar"]


def test_a_transfer_date_after_innen_the_field_is_no_deadline():
    text = ("Helsedirektoratet, inkludert fagmiljøet innen amming som overføres til Helsedirektoratet "
            "fra FHI per 01.01.24, skal invitere til et samarbeid")  # TB2024-01
    assert _dates(text, 2024) == []


def test_a_consultations_deadline_is_a_diagnostic():
    found, skipped = deadlines_and_skipped(
        ["Strategien er sendt på offentlig høring, med frist i januar 2024. Helsedirektoratet skal bistå."], 2024)
    assert found == () and "høringsfrist" in skipped[0].reason


def test_completed_in_a_period_is_a_deadline():
    assert _dates("Helsedirektoratet leder arbeidet, som ferdigstilles i første halvår 2022.", 2022) == [
        ("2022-06-30", "første halvår 2022")]


def test_a_quarter_and_a_month_ending_the_same_day_are_two_deadlines():
    found, _ = deadlines_and_skipped(["Frist: mars 2025", "Frist: 1. juli.", "Frist: 1. kvartal 2025"], 2025)
    assert [d.text for d in found] == ["mars 2025", "1. juli", "1. kvartal 2025"]


def test_tb2025_61_keeps_all_eight_deadlines():
    a = next(a for a in json.loads((GOLDEN / "tildelingsbrev-2025.json").read_text())["assignments"]
             if a["id"] == "TB2025-61")
    assert [d["date"] for d in a["deadlines"]] == [
        "2025-03-31", "2025-07-01", "2025-03-31", "2025-09-15", "2025-06-01", "2025-09-01", "2025-10-01",
        "2025-11-01"]
    assert "1. kvartal 2025" in [d["text"] for d in a["deadlines"]]


_WORDS = st.sampled_from(["Helsedirektoratet", "skal", "arbeide", "med", "saken", "i", "2025", "fra", "per",
                          "1. mars", "01.01.25", "mai", "juni 2025", "møtet", "brev", "av", "overføres"])


@given(st.lists(_WORDS, min_size=1, max_size=14))
def test_no_deadline_without_a_deadline_word(words):
    """Property: a sentence with none of the deadline words (frist, innen,
    senest, i løpet av, ferdigstilles ...) gives no dated deadline."""
    assert _dates(" ".join(words) + ".", 2025) == []


def test_a_date_that_is_no_day_of_the_calendar_is_said_so():
    # The 2026 letter, TB2026-39 and TB2026-40 (l. 833, 835): "Frist: 31.6.2026".
    found, skipped = deadlines_and_skipped(["Frist: 31.6.2026"], 2026)
    assert found == ()
    assert [(s.text, s.reason) for s in skipped] == [("31.6.2026", "no day of the calendar (a misprint in the letter?)")]
    # A real day in the same sentence shape is a deadline.
    assert _dates("Frist: 30.6.2026", 2026) == [("2026-06-30", "30.6.2026")]


@given(st.integers(1, 31), st.integers(1, 12), st.integers(2018, 2030))
def test_a_numeric_frist_is_a_deadline_or_said_to_be_no_day(day, month, year):
    import datetime as dt

    text = f"Frist: {day}.{month}.{year}"
    found, skipped = deadlines_and_skipped([text], year)
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        assert found == () and skipped[0].text == f"{day}.{month}.{year}"
    else:
        assert [d.date for d in found] == [iso] and skipped == ()
