"""Normalisation and the map back to original line numbers, on real lines."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from generator.diagnostics import InputError
from generator.read.layout.page_furniture import is_page_furniture
from generator.read.layout.text_lines import is_interleaved, strip_markup
from generator.read.source_text import (
    decode_source,
    join_two,
    join_wrapped,
    normalise_line,
    read_text,
    split_physical_lines,
)
from tests.conftest import SOURCE, read_source


def test_no_break_space_in_prop_becomes_space():
    # prop line 230: "fra 50 til 40\xa0pst." (a no-break space before "pst.")
    raw = (SOURCE / "prop-1-s-2023-2024.txt").read_text(encoding="utf-8").split("\n")[229]
    assert "\u00a0" in raw
    assert normalise_line(raw) == "helsetjenesten redusert fra 50 til 40 pst. Gjennom"


def test_soft_hyphen_thin_space_private_use_and_cr():
    assert normalise_line("Helse\u00addirektoratet\r") == "Helsedirektoratet"
    assert normalise_line("30\u2009576") == "30 576"
    assert normalise_line("\uf0b7 Beregninger") == "• Beregninger"


def test_tabs_are_kept_for_tab_separated_tables():
    assert normalise_line("0740.21\tSpesielle driftsutgifter\t30 000") == "0740.21\tSpesielle driftsutgifter\t30 000"


def test_line_map_keeps_original_numbers_of_letter_2025():
    text = read_source("tildelingsbrev-2025.txt")
    # The 2025 letter puts an empty line after every text line; those vanish
    # from the logical lines but line numbers stay those of the file.
    first = text.lines[0]
    assert (first.text.strip(), first.lineno) == ("1. Innledning", 1)
    by_number = {ln.lineno: ln.text for ln in text.lines}
    assert by_number[3] == "I dette tildelingsbrevet meddeles Stortingets budsjettvedtak og Helse- og"
    assert 2 not in by_number  # the interleaved empty line
    assert len(text.raw_lines) == 5532


def test_whitespace_only_line_is_paragraph_break_in_interleaved_letter():
    text = read_source("tildelingsbrev-2025.txt")
    by_number = {ln.lineno: ln.text for ln in text.lines}
    assert by_number[11] == ""  # line 11 is " ": the real paragraph break


def test_page_number_of_2018_letter_is_furniture():
    text = read_source("tildelingsbrev-2018.txt")
    assert text.raw_lines[305] == "Side 7 "
    assert 306 in text.furniture
    assert all(ln.lineno != 306 for ln in text.lines)


def test_prop_is_not_interleaved_and_keeps_every_line():
    text = read_source("prop-1-s-2023-2024.txt")
    assert not text.furniture
    assert len(text.raw_lines) == 33677  # grep -c "" (the last line has no newline)
    assert text.lines[1].text == "1 Helse- og omsorgspolitikken" or text.lines[1].text == "1  Helse- og omsorgspolitikken"


def test_crlf_gives_same_logical_lines():
    data = (SOURCE / "tildelingsbrev-2022.txt").read_text(encoding="utf-8")
    plain = read_text(data, "x")
    crlf = read_text(data.replace("\n", "\r\n"), "x")
    assert plain.lines == crlf.lines


def test_markup_from_html_extraction_is_removed_but_unknown_tags_stay():
    assert strip_markup("<p>Helsedirektoratet skal <i>utrede</i> **ordningen**</p>") == [
        "Helsedirektoratet skal utrede ordningen"
    ]
    assert strip_markup("<ul><li>første</li><li>andre</li></ul>") == ["• første", "• andre"]
    assert strip_markup("<script>alert(1)</script>") == ["<script>alert(1)</script>"]


def test_dehyphenation_joins_broken_words_and_keeps_real_hyphens():
    # prop lines 24-26: "uavhen-" / "gig av sosial bakgrunn"
    assert join_two("1. God helse og mestring i befolkningen, uavhen-", "gig av sosial bakgrunn") == (
        "1. God helse og mestring i befolkningen, uavhengig av sosial bakgrunn"
    )
    assert join_two("Helse-", "og omsorgsdepartementet") == "Helse- og omsorgsdepartementet"
    assert join_wrapped(["fore-", "bygging av sykdom"]) == "forebygging av sykdom"


def test_page_furniture_recogniser():
    assert is_page_furniture("Side 21 ")
    assert is_page_furniture("Side 3 av 40")
    assert is_page_furniture("- 12 -")
    assert not is_page_furniture("70 ")  # a post number alone on a line (2025 letter)
    assert not is_page_furniture("4 000  Digitalt helsekort for gravide")


def test_decoding_cp1252_letter_and_refusing_binary():
    text, enc = decode_source("Tildelingsbrev for 2025 – Helsedirektoratet, Sør".encode("cp1252"), "x.txt")
    assert enc == "cp1252" and "Sør" in text
    with pytest.raises(InputError, match="binary"):
        decode_source(b"\x00\x01\x02PK", "x.txt")
    with pytest.raises(InputError, match="empty"):
        decode_source(b"  \n", "x.txt")


def test_split_physical_lines_counts_like_grep():
    assert split_physical_lines("a\r\nb\n\nc\n") == ["a", "b", "", "c"]


def test_interleaved_detection():
    assert is_interleaved(["x", ""] * 30)
    assert not is_interleaved(["x", "y", "", "z"] * 30)


@given(st.text(max_size=200))
def test_normalise_line_is_idempotent_and_single_line(s):
    once = normalise_line(s.replace("\n", " "))
    assert normalise_line(once) == once
    assert "\n" not in once and "\u00a0" not in once and "\u00ad" not in once


@given(st.lists(st.text(alphabet="abc -\t\u00a0<p>*", max_size=30), max_size=40))
def test_read_text_maps_every_logical_line_to_a_real_line(lines):
    text = read_text("\n".join(lines), "x")
    for ln in text.lines:
        assert 1 <= ln.lineno <= max(1, len(text.raw_lines))
    numbers = [ln.lineno for ln in text.lines]
    assert numbers == sorted(numbers)


@given(st.lists(st.text(alphabet="ab -\tøÅog", max_size=8), max_size=6))
def test_join_wrapped_equals_folding_join_two(lines):
    import re

    folded = ""
    for ln in lines:
        folded = join_two(folded, ln)
    assert join_wrapped(lines) == re.sub(r"[ \t]+", " ", folded).strip()


def test_joining_keeps_numbers_and_ids_whole():
    # Letter 2022: "(TB2020-" / "57/2)"; prop: "(2021–" / "2022)"; prop 2024: "der-" / "som".
    assert join_wrapped(["(TB2020-", "57/2)"]) == "(TB2020-57/2)"
    assert join_wrapped(["Innst. 11 S (2021–", "2022)"]) == "Innst. 11 S (2021–2022)"
    assert join_wrapped(["der-", "som det er behov"]) == "dersom det er behov"
    # A compound with a number keeps its hyphen and loses the wrap's space:
    # letter 2018 l. 1297-1299 "(i 1000-" / "kroner)", letter 2025 "79-" / "poster".
    assert join_wrapped(["(i 1000-", "kroner)"]) == "(i 1000-kroner)"
    assert join_wrapped(["for 79-", "poster (tilskudd)"]) == "for 79-poster (tilskudd)"
    assert join_wrapped(["2- og", "3-poster"]) == "2- og 3-poster"
    assert join_wrapped(["post 21-", "og 70"]) == "post 21- og 70"


def test_stray_page_footers_name_no_page():
    # Footers that count up page by page from 1 name their pages (nothing says
    # how many pages follow the last one); a jump (numbers the extraction lost)
    # makes every number a stray one, which does not say where its page began
    # or whether it stood at the page's foot or head. The 2025 letter keeps four
    # numbers of its PDF ("Side 37" at line 2411, ...): line 1 is not on page 37;
    # the 2018 letter keeps "Side 35" and "Side 36" among others.
    text = read_text("a\n\nSide 1\n\nb\n\nSide 2\n\nc\n", "source/x.txt")
    assert [text.page_of(n) for n in (1, 5, 9)] == [1, 2, None]
    text = read_text("a\n\nSide 1\n\nb\n\nSide 2\n\nc\n\nSide 5\n\nd\n", "source/x.txt")
    assert [text.page_of(n) for n in (1, 5, 9, 13)] == [None, None, None, None]
    assert read_source("tildelingsbrev-2018.txt").page_of(2810) is None  # between "Side 35" and "Side 36"
    letter = read_source("tildelingsbrev-2025.txt")
    assert [letter.page_of(n) for n in (1, 2411, 2412, 4700)] == [None, None, None, None]


def test_a_stray_page_number_does_not_rename_its_form_feed_page():
    # A layout extraction of a text that kept a stray "Side 37": the page's own footer wins.
    text = read_text("a\nSide 1 av 3\n\fb\nSide 37\nc\nSide 2 av 3\n\fd\nSide 3 av 3\n", "source/x.txt")
    assert [text.page_of(n) for n in (1, 3, 5, 7)] == [1, 2, 2, 3]


def test_columns_two_spaces_apart_are_cells():
    # Rows of the 2024 letter's budget table as a tight layout prints them.
    from generator.read.layout.aligned_columns import column_rows
    rows = ["     77  Laboratorie- og radiologiske            4 187 644",
            "         undersøkelser",
            "733  21  Spesielle driftsutgifter, kan nyttes",
            "         under post 79",
            "     79  Andre tilskudd, kan nyttes under post",
            "         21",
            "  22  Gebyrfinansierte ordninger  26 927"]
    got = [t for _, t in column_rows(list(enumerate(rows)))]
    assert got == ["\t77\tLaboratorie- og radiologiske undersøkelser\t4 187 644",
                   "733\t21\tSpesielle driftsutgifter, kan nyttes under post 79",
                   "\t79\tAndre tilskudd, kan nyttes under post 21",
                   "\t22\tGebyrfinansierte ordninger\t26 927"]


def test_double_space_in_prose_is_no_column():
    # 2018 letter, line 535: a sentence's double space; and amounts one space apart stay as printed.
    from generator.read.layout.aligned_columns import column_rows
    prose = ["og strategier innen skader og ulykker og bistå i arbeidet med ny NCD strategi.  Dette",
             "blir spesifisert i eget oppdrag.",
             "765  21  Spesielle driftsutgifter  103 867 88 741"]
    assert [t for _, t in column_rows(list(enumerate(prose)))] == prose


def test_pdf_ligatures_and_typographic_hyphens_are_plain_letters():
    # "finansieringsordningene" and a hyphen broken at a line end, as pdftotext may print them.
    from generator.read.source_text import normalise_line, normalise_line_block
    line = "EØS-\ufb01nansieringsordningene og helse\u2010 og omsorgstjenesten, TB2024\u201160"
    want = "EØS-finansieringsordningene og helse- og omsorgstjenesten, TB2024-60"
    assert normalise_line(line) == want
    assert normalise_line_block(line + "\n" + line) == want + "\n" + want


def test_grid_table_row_over_several_lines_is_one_pipe_row():
    from generator.read.layout.grid import grid_table_rows
    lines = ["+--------+---------------------+-----------+",
             "| 701.21 | Spesielle           | 30 000    |",
             "|        | driftsutgifter, kan |           |",
             "|        | overføres           |           |",
             "+--------+---------------------+-----------+",
             "Med hilsen"]
    assert grid_table_rows(lines) == [None, "| 701.21 | Spesielle driftsutgifter, kan overføres | 30 000 |",
                                      None, None, None, "Med hilsen"]


def test_wrapped_cell_keeps_the_hyphen_before_og():
    from generator.read.layout.joins import join_cell
    assert join_cell("Helhetlig og koordinert helse-", "og omsorgstjenestetilbud") == \
        "Helhetlig og koordinert helse- og omsorgstjenestetilbud"
    assert join_cell("Spesielle driftsut-", "gifter") == "Spesielle driftsutgifter"


def test_unnumbered_markdown_headings_are_counted_back():
    from generator.read.layout.headings import number_headings
    lines = ["# Tildelingsbrev til Helsedirektoratet for 2024", "# Innledning", "## Overordnede mål",
             "## Samfunnsoppdraget", "# Mål, styringsparametere og oppdrag", "## Folkehelse", "### Oppdrag", "tekst"]
    assert number_headings(lines) == [
        "# Tildelingsbrev til Helsedirektoratet for 2024", "# 1 Innledning", "## 1.1 Overordnede mål",
        "## 1.2 Samfunnsoppdraget", "# 2 Mål, styringsparametere og oppdrag", "## 2.1 Folkehelse",
        "### 2.1.1 Oppdrag", "tekst"]
    numbered = ["# 1 Innledning", "## Overordnede mål", "# 2 Oppdrag", "## 2.1 Folkehelse"]
    assert number_headings(numbered) == numbered  # the export kept its numbers: nothing is counted
