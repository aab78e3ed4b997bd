"""The period grammar (parsing/tokens/periods.py): every way a letter prints
a quarter, a half-year, a month or a year's end is one period with its first
and last day, parsed once; the deadlines page and the calendars take these
dates from the model and never read the words again."""
from __future__ import annotations

import calendar

from hypothesis import given, strategies as st

from generator.derive.deadlines import assignment_dues
from generator.lexicon import MONTH_NAMES
from generator.model import Assignment
from generator.parsing.due_dates import deadlines_and_skipped
from generator.parsing.tokens.periods import (
    HALF, MONTH, MONTH_END, QUARTER, YEAR_END, find_periods, period_label,
)


def _one(text: str, year: int = 2026):
    found = [(p.first, p.last, p.kind, p.text) for p in find_periods(text, year)]
    assert len(found) == 1, found
    return found[0]


def test_every_way_of_printing_the_third_quarter_is_one_period():
    for text in ("tredje kvartal", "3. kvartal", "3.kvartal", "Tredje kvartal 2026", "3. kvartal 2026"):
        first, last, kind, _ = _one(f"Rapporten leveres i {text}.")
        assert (first, last, kind) == ("2026-07-01", "2026-09-30", QUARTER), text
    assert period_label(QUARTER, "2026-07-01", "2026-09-30") == "3. kvartal 2026"


def test_half_years_months_and_year_ends():
    assert _one("i løpet av første halvår 2022", 2022)[:3] == ("2022-01-01", "2022-06-30", HALF)
    assert _one("andre halvåret")[:3] == ("2026-07-01", "2026-12-31", HALF)
    assert _one("innen utgangen av mars")[:3] == ("2026-03-01", "2026-03-31", MONTH_END)
    assert _one("i løpet av mai 2025")[:3] == ("2025-05-01", "2025-05-31", MONTH)
    assert _one("Frist: februar 2027")[:3] == ("2027-02-01", "2027-02-28", MONTH)
    assert _one("innen utgangen av året", 2024)[:3] == ("2024-12-31", "2024-12-31", YEAR_END)
    assert _one("ved årsskiftet", 2025)[:3] == ("2025-12-31", "2025-12-31", YEAR_END)
    assert _one("i løpet av 2018")[:3] == ("2018-12-31", "2018-12-31", YEAR_END)


def test_a_span_of_years_is_no_year_end():
    assert find_periods("i løpet av 2021–2025", 2024) == []


# Real lines of the letters, with what the deadlines page shows for them.

def _dues(text: str, year: int) -> list[tuple[str, str, str]]:
    deadlines, _ = deadlines_and_skipped([text], year)
    a = Assignment("TB0000-1", None, "x", (), None, None, "1", "hovedbrev", "new", 1, 1, deadlines=deadlines)
    return [(d.start, d.end, d.label) for d in assignment_dues(a)]


def test_real_lines_get_the_whole_period():
    # tildelingsbrev-2025.txt l. 2931 (TB2025-69)
    assert _dues("Frist: Det skal gis en foreløpig tilbakemelding på arbeidet innen utgangen av mai 2025.", 2025) \
        == [("2025-05-01", "2025-05-31", "innen utgangen av mai 2025 (omtrentlig)")]
    # tildelingsbrev-2022.txt l. 633 (TB2021-09)
    assert _dues("Helsedirektoratet skal i løpet av første halvår avgi en oppdatert statusrapport "
                 "for den nasjonale koordineringen.", 2022) \
        == [("2022-01-01", "2022-06-30", "første halvår 2022 (omtrentlig)")]
    # tildelingsbrev-2025.txt l. 1892 (TB2025-42): "i 2025" after "Frist" is the year's end
    assert _dues("Frist: Undersøkelsen må gjennomføres i 2025 for å kunne følge med på om regjeringens "
                 "mål nås.", 2025) == [("2025-12-31", "2025-12-31", "innen utgangen av 2025 (omtrentlig)")]


def test_a_quarter_in_words_is_the_same_deadline_as_in_digits():
    words = _dues("Frist: tredje kvartal 2026.", 2026)
    digits = _dues("Frist: 3. kvartal 2026.", 2026)
    assert words == digits == [("2026-07-01", "2026-09-30", "3. kvartal 2026 (omtrentlig)")]


_ORDINAL_WORDS = ("første", "andre", "tredje", "fjerde")


@given(st.integers(1, 4), st.booleans(), st.integers(2000, 2099), st.sampled_from(("", "Frist: ", "innen ")))
def test_any_quarter_spans_its_three_months(q, in_words, year, lead):
    printed = f"{_ORDINAL_WORDS[q - 1] if in_words else f'{q}.'} kvartal {year}"
    first, last, kind, text = _one(f"{lead}{printed}", 1999)
    last_day = calendar.monthrange(year, 3 * q)[1]
    assert (first, last, kind, text) == (f"{year}-{3 * q - 2:02d}-01", f"{year}-{3 * q:02d}-{last_day}", QUARTER, printed)
    assert period_label(kind, first, last) == f"{q}. kvartal {year}"


@given(st.integers(1, 12), st.integers(2000, 2099),
       st.sampled_from(("i", "innen", "i løpet av", "innen utgangen av", "medio", "ultimo")))
def test_any_month_spans_the_month(month, year, lead):
    first, last, kind, _ = _one(f"{lead} {MONTH_NAMES[month - 1]} {year}", 1999)
    assert first == f"{year}-{month:02d}-01" and last[:8] == f"{year}-{month:02d}-"
    assert int(last[8:]) == calendar.monthrange(year, month)[1]
    assert kind == (MONTH_END if lead.endswith("utgangen av") else MONTH)


@given(st.text(alphabet="abc kvartalhvåreinutgangsv12.3 ", max_size=60), st.integers(2000, 2099))
def test_periods_are_ordered_days_inside_their_text(text, year):
    for p in find_periods(text, year):
        assert p.first <= p.last and text[p.start:p.end] == p.text
