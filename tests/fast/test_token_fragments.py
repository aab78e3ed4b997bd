"""The named sub-patterns of the token grammars (generator/parsing/tokens/),
each on real lines of the sources, and guards that no module outside the
grammar writes an ID's or a session's shape of its own again."""
from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from _grammar_guard import written_outside
from generator.parsing.tokens import assignment_id as aid, dates, vedtak_refs as vr


def _full(fragment: str, text: str) -> bool:
    return re.fullmatch(fragment, text) is not None


def test_heading_start_opens_an_id_heading_hyphen_only():
    # 2026 supplement nr. 3 l. 43, nr. 2 l. 316; a dash is not a heading's hyphen here.
    assert re.match(aid.HEADING_START, "TB2026-71 Utrede hensiktsmessig oppgavedeling")
    assert re.match(aid.HEADING_START, "TB 2026-67 Utfasing av dispensasjonsordning")
    assert not re.match(aid.HEADING_START, "TB2026–32 (1,5 mill. kroner)")
    assert not re.match(aid.HEADING_START, "Tilskudd 2026-71")


def test_bold_head_id_takes_a_hyphen_or_an_en_dash():
    assert re.match(aid.BOLD_HEAD_ID, "TB 2026-67 Utfasing av dispensasjonsordning").group(0) == "TB 2026-67"
    assert re.match(aid.BOLD_HEAD_ID, "TB2026–32 (1,5 mill. kroner)").group(0) == "TB2026–32"
    assert not re.match(aid.BOLD_HEAD_ID, "TB2026—32")


def test_printed_any_length_reads_a_supplementary_header():
    # 2022 letter l. 3067 and l. 3224.
    assert re.match(aid.PRINTED_ANY_LENGTH, "TTB2022-3 Spesifisering av oppdrag").group(0) == "TTB2022-3"
    assert re.match(aid.PRINTED_ANY_LENGTH, "TTB2022-5 Spesifisering av oppdrag TB2022-16").group(0) == "TTB2022-5"
    assert re.match(aid.PRINTED_ANY_LENGTH, "TB2022-1234 ").group(0) == "TB2022-1234"


def test_any_prefix_compact_reads_a_column_of_ids():
    assert _full(aid.ANY_PREFIX_COMPACT, "TB2024-38")  # 2024 letter l. 485
    assert _full(aid.ANY_PREFIX_COMPACT, "TTB2021-65")
    assert not _full(aid.ANY_PREFIX_COMPACT, "TB 2024-38")


def test_fragment_reads_an_id_broken_over_lines():
    # 2022 letter l. 1943-1944: " TB2019-" / "78/TTB2021-65"; l. 505 "7/TTB2019-38".
    for piece in ("TB2019-", "78/TTB2021-65", "7/TTB2019-38", "42"):
        assert _full(aid.FRAGMENT, piece), piece
    assert not _full(aid.FRAGMENT, "Eieravdeling HOD: SHA")


def test_dash_repairs():
    # 2026 letter l. 1281; 2022 letter l. 1943-1944 joined.
    assert aid.restore_hyphen("Bo og tjenestetilbud til ROP-pasienter, TB2026–32 (1,5 mill. kroner)") \
        == "Bo og tjenestetilbud til ROP-pasienter, TB2026-32 (1,5 mill. kroner)"
    assert aid.restore_hyphen("TB2026-32") == "TB2026-32"
    assert aid.join_broken("TB2019- 78/TTB2021-65") == "TB2019-78/TTB2021-65"
    assert [f.canonical for f in aid.find_ids(aid.join_broken("TB2019- 78/TTB2021-65"))] \
        == ["TB2019-78", "TTB2021-65"]


@settings(max_examples=60)
@given(st.sampled_from(["TB", "TTB", "RTB"]), st.integers(2000, 2099), st.integers(1, 999),
       st.sampled_from(["", " "]), st.sampled_from(["\u2013", "\u2011", "\u2212"]))
def test_every_reading_of_an_id_agrees_with_the_grammar(prefix, year, num, space, dash):
    # Printed with a space after the year and a dash: the readers that allow it
    # see an ID, and restore_hyphen gives the compact form find_ids reads.
    printed = f"{prefix}{year}{space}{dash}{num}"
    compact = f"{prefix}{year}-{num}"
    assert re.match(aid.PRINTED_ANY_LENGTH, printed) and re.match(aid.HEADING_START, compact)
    assert _full(aid.ANY_PREFIX_COMPACT, compact) and _full(aid.FRAGMENT, compact)
    assert aid.restore_hyphen(printed) == compact
    assert [f.canonical for f in aid.find_ids(aid.join_broken(f"{prefix}{year}- {num}"))] == [compact]
    assert bool(re.match(aid.BOLD_HEAD_ID, printed)) == (dash == "\u2013")


# An ID's own shape written in a regex: a prefix ("TB", "{PREFIX}", "[A-ZÆØÅ]{1,4}")
# right before a digit, a space or a year ("\d{4}").
_ID_SHAPE = re.compile(
    r"TB(?:\\s[?*]?)?\\d|TB\[\\w|\{PREFIX\}|\{1,4\}\}?\\d\{\{?4")


def test_no_module_writes_an_id_shape_outside_the_grammar():
    assert written_outside(_ID_SHAPE, lambda p: p.name == "assignment_id.py" and p.parent.name == "tokens") == []


def test_the_guard_sees_the_old_patterns():
    # The shapes the grammar replaced (aligned_columns, source_text, headings, headers).
    for old in (r'r"^(?:[A-ZÆØÅ]{1,4}\d{4}-\d+[,/ ]*)+$"', r'rf"(TB\d{{4}})\s?(?!-)"',
                r'rf"^\W*{PREFIX}\s?\d{{4}}\s?-\s?\d"', r'(?:/T?TB[\w\-–. ]*)?'):
        assert _ID_SHAPE.search(old), old


# --- sessions and decision references (tokens/vedtak_refs.py) -------------------

def test_session_years_of_a_letter_any_dash_short_or_whole():
    assert _full(vr.SESSION_YEARS, "2021–2022") and _full(vr.SESSION_YEARS, "2023–24")
    assert _full(vr.SESSION_YEARS, "2023—2024") and not _full(vr.SESSION_YEARS, "2023–2")
    # Prop. 1 S 2023–2024 l. 808: the session in brackets, its years in groups.
    m = re.search(vr.SESSION, "vedtak nr. 417 (2021–2022)")
    assert m.groups() == ("2021", "2022")


def test_prop_session_whole_years_hyphen_or_en_dash():
    # Prop. 1 S 2023–2024 l. 1954: a decision table's row opens with its session.
    assert re.match(vr.PROP_SESSION, "2022–2023 1 Ideelle tilbud rusomsorgen Nei").group(0) == "2022–2023"
    assert not re.match(vr.PROP_SESSION, "2023–24") and not re.match(vr.PROP_SESSION, "2022—2023")
    assert re.search(vr.PROP_SESSION_PAIR, "i Prop. 1 S (2023–2024)").groups() == ("2023", "2024")


def test_session_text_normalises_whole_years_only():
    assert vr.session_text("2022-2023") == "2022–2023" and vr.session_text("2022 — 2023") == "2022–2023"
    assert vr.session_text("2022–23") == "2022–23"


def test_prop_ref_reads_session_or_date():
    m = vr.PROP_REF_RE.search("vedtak nr. 417 (2021–2022)")  # Prop. 1 S 2023–2024 l. 808
    assert m.group(1, 2) == ("417", "2021–2022")
    m = vr.PROP_REF_RE.search("Vedtak nr. 1, 5. oktober 2022")  # l. 2068
    assert m.group(1, 3, 4, 5) == ("1", "5", "oktober", "2022")
    # The letters' grammar reads the same reference with the same session.
    assert [(v.nr, v.session) for v in vr.find_vedtak("vedtak nr. 417 (2021–2022)")] == [("417", "2021–2022")]


# --- dates (tokens/dates.py) ----------------------------------------------------

def test_word_date_parts_feed_date_from_words():
    m = re.search(dates.WORD_DATE_PARTS, "Vedtak nr. 2, 5. oktober 2022")  # Prop. 1 S 2023–2024 l. 2133
    assert dates.date_from_words(*m.groups()) == "2022-10-05"


def test_date_start_opens_a_calendar_line():
    # 2018 letter l. 3226 and l. 891.
    assert re.match(dates.DATE_START, "31.12. skal direktoratet levere").group(0) == "31.12."
    assert re.match(dates.DATE_START, "1. mai påfølgende år").group(0) == "1. mai"
    assert not re.match(dates.DATE_START, "300. møte") and not re.match(dates.DATE_START, "8. mg")


# A session's shape ("\d{4}\s*[–-]"), a date's day before its month ("\d{1,2}\.\s",
# "\d{1,2}\.\d") or a month's name cut short ("jan|feb") written outside the token grammars.
_SESSION_OR_DATE_SHAPE = re.compile(
    r"\\d\{\{?4\}\}?\)?\\s\*\[|\\d\{\{?1,2\}\}?\)?\\\.\??\\[sd]|jan\|feb")


def test_no_module_writes_a_session_or_a_date_outside_the_grammar():
    assert written_outside(_SESSION_OR_DATE_SHAPE, lambda p: p.parent.name == "tokens") == []
    # The shapes the grammar replaced (prop/vedtak.py, letter/meta.py, blocks.py).
    for old in (r'TABLE_ROW = re.compile(r"^(\d{4}\s*[–-]\s*\d{4})\s+(\d{1,4})\s+(.*)$")',
                r'r"(?:\s*,\s*(\d{1,2})\.\s*([a-zæøå]+)\s+(\d{4}))?"',
                r'(\d{1,2}\.\s?(?:\d{1,2}\.?(?:\d{2,4})?|[A-Za-zæøå]{3,9}\.?)(?=\s|$))',
                r'_MONTH_WORD = r"(?:jan|feb|mar|apr|mai|jun|jul|aug|sep|okt|nov|des)[a-zæøå]*"'):
        assert _SESSION_OR_DATE_SHAPE.search(old), old


def test_month_word_keeps_a_wrapped_date_from_being_a_list_item():
    from generator.parsing.blocks import BULLET
    assert re.match(dates.MONTH_WORD, "mai 2018 gi en kort status").group(0) == "mai"  # 2018 letter l. 3116
    assert re.match(dates.MONTH_WORD, "okt. 2022").group(0) == "okt."
    assert not BULLET.match("1. mai 2018 gi en kort status for arbeidet.")
    assert BULLET.match("1. Mindre sosial ulikhet i helse")


def test_month_name_is_the_one_list_of_dates_and_periods():
    from generator.parsing.tokens import periods
    assert re.search(dates.MONTH_NAME, "Per 8. september 2023 har").group(0) == "september"  # Prop. l. 1113
    assert periods.MONTH_RE.pattern.count(dates.MONTH_NAME) == 1


def test_a_session_is_written_by_one_function():
    assert vr.budget_session(2024) == "2023–2024"  # "Prop. 1 S (2023–2024)", the proposition's title
    assert vr.session_for_date("2022-10-05") == "2022–2023" and vr.session_for_date("2022-05-12") == "2021–2022"
