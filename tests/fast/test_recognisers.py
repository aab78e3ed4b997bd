from hypothesis import given, settings, strategies as st

from generator.parsing.recognisers import heading_candidate
from generator.parsing.tokens.amounts import parse_amount, split_amounts
from generator.parsing.tokens.assignment_id import find_ids, id_year
from generator.parsing.tokens.dates import find_dates
from generator.parsing.tokens.kap_post import find_kap_refs
from generator.parsing.tokens.vedtak_refs import find_vedtak


def _fmt(n: int, sep: str = " ") -> str:
    s = f"{n:,}".replace(",", sep)
    return s


@given(st.integers(0, 10**10), st.sampled_from([" ", "\u00a0", "\u202f", "\u2009"]))
def test_amount_roundtrip(n, sep):
    assert parse_amount(_fmt(n, sep)) == n
    assert parse_amount("-" + _fmt(n, sep)) == -n


@given(st.text(max_size=30))
def test_amount_never_raises(s):
    parse_amount(s)


@settings(max_examples=200)
@given(st.lists(st.integers(1000, 10**8), min_size=1, max_size=3))
def test_split_amounts_recovers_columns_of_similar_size(values):
    values = [values[0]] * len(values)  # columns of one row are of the same order
    tokens = " ".join(_fmt(v) for v in values).split()
    res = split_amounts(tokens, len(values))
    assert res is not None and res[0] == values


def test_split_amounts_examples():
    assert split_amounts("38 014 37 665".split(), 2)[0] == [38014, 37665]
    assert split_amounts("1 5000000 5098200".split(), 2) == ([5000000, 5098200], 2)


@given(st.integers(2000, 2099), st.integers(1, 12), st.integers(1, 28))
def test_dates_numeric_and_words(y, m, d):
    assert find_dates(f"Frist: {d}.{m}.{y}", None)[0].iso == f"{y}-{m:02d}-{d:02d}"
    months = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august",
              "september", "oktober", "november", "desember"]
    assert find_dates(f"innen {d}. {months[m - 1]}", y)[0].iso == f"{y}-{m:02d}-{d:02d}"


@given(st.text(max_size=60))
def test_dates_never_raise(s):
    find_dates(s, 2025, short_ok=True)


@given(st.sampled_from(["TB", "TTB"]), st.integers(2000, 2099), st.integers(1, 199),
       st.sampled_from(["-", "–", " - ", "-\n", " – "]))
def test_id_repair(prefix, year, num, dash):
    found = find_ids(f"jf. {prefix}{year}{dash}{num} og mer")
    assert found and found[0].canonical == f"{prefix}{year}-{num}"


def test_id_letter_o_and_misprints():
    assert find_ids("TB2O22-O1")[0].canonical == "TB2022-01"
    assert find_ids("TB-2021-29")[0].canonical == "TB2021-29"
    assert [f.canonical for f in find_ids("TB2019-\n7/TTB2019-38")] == ["TB2019-7", "TTB2019-38"]


def test_vedtak_and_kap():
    v = find_vedtak("anmodningsvedtak nr. 123, 456 (2021–2022) og vedtak nr. 831")
    assert [(x.nr, x.session) for x in v] == [("123", "2021–2022"), ("456", "2021–2022"), ("831", None)]
    assert [k.target for k in find_kap_refs("kap. 740, post 21 og 701.21")] == ["740.21", "701.21"]


def test_headings():
    assert heading_candidate("3.1.3. Oppdrag").number == (3, 1, 3)
    assert heading_candidate("1 Innledning\t3") is None  # table of contents
    assert heading_candidate("2.1 Folkehelse ........ 12") is None
    assert heading_candidate(" 03 Gebyrinntekter 42 635") is None


@given(st.text(max_size=80))
def test_recognisers_never_raise(s):
    find_ids(s), find_vedtak(s), find_kap_refs(s), heading_candidate(s)


def test_title_cell_tail_takes_the_rest_of_a_wrapped_title_only():
    # Real lines of the 2022 letter: a title wrapped in its narrow cell goes on
    # with a year, an acronym, a parenthesis or Title Case words ...
    from generator.parsing.letter.header_fields import _TITLE_TAIL
    for tail in ["2022", "IPS- samarbeidet", "Global Patient Safety Action Plan", "(innslagspunkt 7), med omfattende"]:
        assert _TITLE_TAIL.match(tail), tail
    # ... never with a sentence of the body or a sub-heading.
    for body in ["Videreføres uten endringer.", "Bakgrunn", "Helsedirektoratet skal etablere programmet."]:
        assert not _TITLE_TAIL.match(body), body


def test_decision_number_run_into_its_heading():
    from generator.parsing.prop.decisions import _decision_number
    assert _decision_number("I") == "I"
    assert _decision_number("I Utgifter:") == "I"
    assert _decision_number("II Inntekter:") == "II"
    assert _decision_number("I Prop. 1 S (2023–2024) om statsbudsjettet") is None


def test_decision_table_rows_run_together_are_split():
    # The Prop. 1 S table of decisions, rows 929 and 938 as one paragraph of an export.
    from generator.parsing.prop.vedtak import JOINED_ROWS
    m = JOINED_ROWS.match("området – Folketrygdstønad Nei 2022–2023 938 Utvidelse av rettigheter for psykisk syke")
    assert m.group(1) == "området – Folketrygdstønad Nei"
    assert m.group(2).startswith("2022–2023 938 Utvidelse")
    assert not JOINED_ROWS.match("Alternative behandlere -fritak fra merverdiavgiftsloven Ja")


@given(st.text(max_size=120))
def test_header_recognisers_never_raise(s):
    from generator.parsing.letter.header_fields import _TITLE_TAIL
    from generator.parsing.letter.headers import _IDS_THEN_EIER
    from generator.parsing.prop.vedtak import JOINED_ROWS
    for rx in (_TITLE_TAIL, _IDS_THEN_EIER, JOINED_ROWS):
        rx.match(s)


def test_title_line_under_its_column_after_a_tab_row():
    # The 2024 letter's TB2023-03 as a layout copy whose column gaps became tabs.
    from generator.parsing.letter.header_fields import _UNDER_ITS_COLUMN
    assert _UNDER_ITS_COLUMN.match("                            Advarselsmerking av alkoholholdig")
    assert not _UNDER_ITS_COLUMN.match("Advarselsmerking av alkoholholdig")
    assert not _UNDER_ITS_COLUMN.match("                701   21   Spesielle driftsutgifter")


def test_owner_in_brackets_after_a_title():
    from generator.parsing.letter.headers import _DEPT_IN_BRACKETS
    m = _DEPT_IN_BRACKETS.search("Bedre pasientforløp (Avd. HOD: SHA)")
    assert m.group(1) == "SHA" and m.start() == len("Bedre pasientforløp")
    assert _DEPT_IN_BRACKETS.search("Legevakt (Ansvarlig avdeling: KTA og FHA)").group(1) == "KTA og FHA"
    # A title's own brackets are no owner: TB2024-60's remark, "(NNR) 2022".
    assert not _DEPT_IN_BRACKETS.search("Nordiske næringsstoffanbefalinger (NNR) 2022")
    assert not _DEPT_IN_BRACKETS.search("Legenes spesialistutdanning (pkt. 1)")


def test_assignment_table_head_names_its_columns():
    from generator.parsing.letter.headers import _table_columns
    from generator.read.source_text import Line
    lines = (Line("ID\tOppdrag\tAnsvarlig avdeling\tFrist", 1), Line("TB2026-01\tSykdomsbyrde\tFHA\t31.12.2026", 2))
    assert _table_columns(lines, 1, 0) == {"id": 0, "title": 1, "departments": 2, "deadline": 3}
    # The 2024 letter's budget table head names no ID column: no table of assignments.
    budget = (Line("Kap.\tPost\tNavn på post\tTildeling 2024\tKommentar", 1), Line("701\t21\tSpesielle\t20 000\t", 2))
    assert _table_columns(budget, 1, 0) is None


def test_budget_table_unit_from_its_head():
    from generator.parsing.tokens.amounts import table_unit as _unit
    assert _unit("(alle tall i 1 000 kroner) Kap./post Benevnelse Tildeling") == "1000 NOK"
    assert _unit("Kap.\tPost\tNavn på post\tTildeling 2024\tKommentar") == "1000 NOK"  # named nowhere: letters print 1 000 kr
    assert _unit("Beløp i mill. kroner Kap. Post") == "mill. NOK"
    assert _unit("Kap.\tPost\tBetegnelse\tBeløp (kr)") == "NOK"
    assert _unit("Beløp i kroner Kap. Post Betegnelse") == "NOK"


def test_letter_amounts_in_thousands_for_the_site():
    import pytest
    from generator.derive.post_figures import in_thousands
    assert in_thousands(1538891, "1000 NOK") == 1538891
    assert in_thousands(1538891000, "NOK") == 1538891
    assert in_thousands(12, "mill. NOK") == 12000
    with pytest.raises(ValueError):
        in_thousands(1, "EUR")


def test_numbered_heading_is_no_title_tail():
    # A page break took the empty line between TTB2023-50's title and the next heading.
    from generator.parsing.letter.header_fields import _rest_of_title_cell
    from generator.read.source_text import Line
    lines = (Line("2.2 Helse- og omsorgstjenester", 1), Line("", 2))
    assert not _rest_of_title_cell(lines, 0, 2)
    assert _rest_of_title_cell((Line("2021-2025", 1), Line("", 2)), 0, 2)


def test_cell_holding_two_columns_amounts():
    # The 2018 letter's "765  21  Spesielle driftsutgifter  103 867 88 741" with its gaps made tabs.
    from generator.parsing.letter.budget_cells import _holds_several, _split_line_amounts
    assert _holds_several("103 867 88 741") and _holds_several("401 976 401 976")
    assert not _holds_several("1 172 992") and not _holds_several("30 576") and not _holds_several("Driftsutgifter")
    assert _split_line_amounts("103 867 88 741", 2) == ("", [103867, 88741])


def test_one_id_grammar_reads_every_form():
    # Printed, synthesized and reprinted IDs share one year; a sort puts 2 before 10.
    from generator.parsing.tokens.assignment_id import sort_key
    assert [id_year(i) for i in ("TB2025-12", "TTB2022-3", "RTB2020-17", "TB2022-U2.2.3-1", "TB2021-43-2")] \
        == [2025, 2022, 2020, 2022, 2021]
    assert id_year("kap. 740") is None and id_year("TB2025-") is None
    assert sorted(["TB2025-10", "TB2025-2"], key=sort_key) == ["TB2025-2", "TB2025-10"]
