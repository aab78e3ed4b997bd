"""The amount and kap/post grammars' named sub-patterns (tokens/amounts.py, tokens/kap_post.py),
each on real lines of the sources, and as properties (hypothesis)."""
from __future__ import annotations

import re

import _paths
from _grammar_guard import written_outside

from hypothesis import given, strategies as st

from generator.parsing.letter.change_sections import AMOUNT as CHANGE_AMOUNT, thousands
from generator.parsing.tokens import amounts, kap_post as kp


def _grouped(n: int, space: str = " ") -> str:
    return f"{n:,}".replace(",", space)


# --- amounts -----------------------------------------------------------------------------------

def test_amount_whole_and_grouped_on_letter_lines():
    # 2018 letter l. 2278: " 71 Helsetjenester i utlandet 445 000 485 000"
    # one run of groups: which columns it holds is split_amounts' question
    assert re.findall(amounts.GROUPED_AMOUNT, " 71 Helsetjenester i utlandet 445 000 485 000") == ["445 000 485 000"]
    assert re.fullmatch(amounts.AMOUNT, "500") and not re.fullmatch(amounts.GROUPED_AMOUNT, "500")
    assert re.fullmatch(amounts.AMOUNT, "15\u00a0569\u00a0000")  # a Markdown export's no-break spaces
    assert not re.fullmatch(amounts.AMOUNT, "15\u2009569")  # a thin space is no letter's group space


def test_decimal_amount_and_millions_on_real_lines():
    # supplement nr. 2 for 2026, l. 80: "Helsedirektoratet tildeles 56,601 mill. kroner."
    assert re.search(amounts.DECIMAL_AMOUNT, "Helsedirektoratet tildeles 56,601 mill. kroner.").group(0) == "56,601"
    # Prop. 1 S 2023-2024 l. 1365, the overview table in mill. kroner with one decimal
    line = "10.30 Spesialisthelsetjenester 200 629,9 215 802,4 7,6"
    assert re.findall(amounts.MILLIONS, line) == ["200 629,9", "215 802,4", "7,6"]
    assert re.search(amounts.MILLIONS, "10.10 Folkehelse mv. 2 965,3 1 274,7 -57,0").group(0) == "2 965,3"
    assert re.findall(amounts.MILLIONS, "-57,0") == ["-57,0"]


def test_amount_with_unit_on_supplements():
    # supplement nr. 1 for 2026, l. 71 and 84
    m = re.search(amounts.AMOUNT_WITH_UNIT, "Tildelingen på posten økes med 500 000 kroner.")
    assert (m.group("num"), m.group("unit")) == ("500 000", None) and thousands(m) == (500, 0)
    m = re.search(amounts.AMOUNT_WITH_UNIT, "Tildelingen på posten økes med 41,6 mill. kroner.")
    assert (m.group("num"), m.group("unit")) == ("41,6", "mill.") and thousands(m) == (41600, 50)
    m = CHANGE_AMOUNT.search("Helsedirektoratet tildeles 56,601 mill. kroner. Beløpet skal disponeres som følger:")
    assert thousands(m) == (56601, 0)  # three decimals: exact in 1 000 kr
    assert thousands(CHANGE_AMOUNT.search("bestillingsfullmakten på 1 mrd. kroner")) == (1_000_000, 500_000)
    assert not re.search(amounts.AMOUNT_WITH_UNIT, "post 79 (2,974 mill.)")  # no kroner, no amount


def test_kroner_unit_on_allocation_sentences():
    unit = re.compile(amounts.KRONER_UNIT, re.I)
    # 2025 letter l. 4255: "Det tildeles 92,2 mill. kroner."; 2022 l. 2659 "0,03 og 0,4 mill. kroner"
    assert unit.search("Det tildeles 92,2 mill. kroner.").group(0) == "mill. kroner"
    assert unit.search("bevilget hhv. 0,03 og 0,4 mill. kroner til hhv.").group(0) == "mill. kroner"
    assert unit.fullmatch("kr.") and unit.fullmatch("Mill kr")


def test_thousands_per_unit():
    assert amounts.thousands_per_unit("mill.") == amounts.thousands_per_unit("millioner") == 1000
    assert amounts.thousands_per_unit("mrd.") == 1_000_000
    assert amounts.thousands_per_unit("kroner") is None and amounts.thousands_per_unit("") is None


@given(st.integers(0, 10**9), st.sampled_from([" ", "\u00a0"]), st.integers(0, 999))
def test_amount_reads_any_grouped_number(n, space, dec):
    text = _grouped(n, space)
    assert re.fullmatch(amounts.AMOUNT, text)
    assert bool(re.fullmatch(amounts.GROUPED_AMOUNT, text)) == (n >= 1000)
    assert re.fullmatch(amounts.DECIMAL_AMOUNT, f"{text},{dec}")
    assert re.fullmatch(amounts.MILLIONS, f"-{_grouped(n)},{dec % 10}")
    m = re.fullmatch(amounts.AMOUNT_WITH_UNIT, f"{text},{dec} mill. kroner")
    assert m and m.group("num") == f"{text},{dec}" and m.group("unit") == "mill."


@given(st.text(max_size=40))
def test_amount_fragments_never_match_without_a_digit(s):
    s = re.sub(r"\d", "", s)
    for frag in (amounts.AMOUNT, amounts.GROUPED_AMOUNT, amounts.DECIMAL_AMOUNT, amounts.MILLIONS,
                 amounts.AMOUNT_WITH_UNIT):
        assert not re.search(frag, s)


# --- kap/post ----------------------------------------------------------------------------------

def test_kap_and_post_numbers_on_a_dotted_cell():
    # 2026 letter l. 1273: "| 760.21 | Spesielle driftsutgifter | 335 550 | ..."
    m = re.fullmatch(rf"({kp.KAP})\.({kp.POST})", "760.21")
    assert m.groups() == ("760", "21")
    assert re.fullmatch(kp.KAP, "2711") and not re.fullmatch(kp.KAP, "27") and not re.fullmatch(kp.POST, "021")


def test_kap_words_on_chapter_headings():
    # 2018 letter l. 1454 "Kap 734 Særskilte tilskudd ..."; l. 2838 "Kap. 575 Ressurskrevende tjenester"
    assert re.match(rf"{kp.KAP_ABBR}\s*({kp.KAP})", "Kap 734 Særskilte tilskudd til psykisk helse").group(1) == "734"
    assert re.match(rf"{kp.KAP_WORD}\s*({kp.KAP})", "Kap. 575 Ressurskrevende tjenester").group(1) == "575"
    assert re.match(rf"{kp.KAP_WORD}\s*({kp.KAP})", "Kapittel 575 Ressurskrevende tjenester", re.I)
    assert not re.match(rf"{kp.KAP_ABBR}\s*({kp.KAP})", "Kapittel 575")
    # Prop. 1 S 2023-2024 l. 4389
    assert re.match(rf"{kp.SUM_KAP_LEAD} ?({kp.KAP})", "Sum kap. 701 722 423 368 772 550 920").group(1) == "701"


def test_kap_post_heading_on_supplements():
    heading = re.compile(kp.KAP_POST_HEADING, re.I)
    # supplement nr. 2 for 2026, l. 78: "#### **Kap. 701, post 21**"
    m = heading.search("#### **Kap. 701, post 21**")
    assert (m.group("kap"), m.group("post")) == ("701", "21")
    # supplement nr. 1 for 2026, l. 75, and the 2022 letter l. 5007, in sentences
    assert heading.search("Korrekt tildeling på Kap. 765, post 21 skal være 186,6 mill. kroner.").group("kap") == "765"
    assert heading.search("tildeles 1 mill. kroner på kap. 714, post 21 for 2022").group("post") == "21"
    assert heading.fullmatch("Kap. 714 post 70")
    # 2018 letter l. 1079: a full stop where the comma stands, read by the DOT variant only
    line = "Kap. 762. post 60 Forebyggende helsetjenester"
    assert not heading.match(line)
    assert re.match(kp.KAP_POST_HEADING_DOT, line, re.I).group("post") == "60"
    # the stated total's rule: no space before the comma
    tight = re.compile(kp.kap_post_heading(between=r",?\s*+"), re.I)
    assert tight.fullmatch("kap. 765, post 21") and not tight.fullmatch("kap. 765 , post 21")
    assert heading.fullmatch("kap. 765 , post 21")


@given(st.integers(100, 9999), st.integers(0, 99), st.sampled_from(["Kap. ", "kap.", "Kap ", "KAP. "]),
       st.sampled_from([", ", " ", ",", " , "]))
def test_kap_post_heading_reads_any_chapter_and_post(kap, post, word, sep):
    text = f"{word}{kap}{sep}post {post:02d}"
    m = re.fullmatch(kp.KAP_POST_HEADING, text, re.I)
    assert m and (int(m.group("kap")), m.group("post")) == (kap, f"{post:02d}")
    assert re.fullmatch(kp.KAP_POST_HEADING_DOT, text.replace(",", "."), re.I)


def test_thousands_group_in_a_heading_rest():
    # 2025 letter: a "Kap. 701 ..." line whose rest prints an amount is a table's row, no heading
    assert re.search(rf"\d{amounts.THOUSANDS_GROUP}\b", "Spesielle driftsutgifter 15 569 000")
    assert not re.search(rf"\d{amounts.THOUSANDS_GROUP}\b", "Ressurskrevende tjenester")


# A chapter number ("\d{3,4}") or a thousands group ("[ \u00a0]\d{3}", "\d{{3}}" in an
# rf-string) written in a regex outside the token grammars.
_KAP_OR_GROUP_SHAPE = re.compile(r"\\d\{\{?3,4\}\}?|\\d\{\{?3\}\}?\)|\]\\d\{\{?3\}\}?")
# Another owner's file, left as it is: the row scan's "a line printing a chapter first".
_LEFT = {"generator/parsing/letter/budget_scan.py"}


def test_no_module_writes_a_chapter_or_a_thousands_group_outside_the_grammar():
    allowed = lambda p: p.parent.name == "tokens" or str(p.relative_to(_paths.ROOT)) in _LEFT  # noqa: E731
    assert written_outside(_KAP_OR_GROUP_SHAPE, allowed) == []
    # The shapes the grammar replaced (change_sections, prose_budget, budget_heads, prop/refs).
    for old in (r'_NUMBER = r"(?<![\d,])(?:\d{1,3}(?:[ \u00a0]\d{3})++(?:,\d++)?|\d++(?:,\d++)?)"',
                r'POST_HEADING = re.compile(r"^\s*Kap\.?\s*(?P<kap>\d{3,4})\s*,?\s*post\s*\d{2}\b", re.I)',
                r'MILL = r"-?\d{1,3}(?: \d{3})*,\d"',
                r're.search(r"\d[ \u00a0]\d{3}\b", m.group("rest"))'):
        assert _KAP_OR_GROUP_SHAPE.search(old), old


def test_loose_kap_word_in_head_cells_and_totals():
    # 2026 letter l. 1225: "| Kap./post | Benevnelse | Tildeling | Kommentarer |"
    assert re.fullmatch(rf"{kp.KAP_WORD_LOOSE}\s*/?\s*post", "kap./post")
    # 2018 letter l. 2865: " Sum kap. 0575 8 643 849 9 190 000 9 655 582"
    total = re.compile(rf"^\s*Sum\b\s*(?:{kp.KAP_WORD_LOOSE}\s*(?P<kap>{kp.KAP}))?", re.I)
    assert total.match(" Sum kap. 0575 8 643 849 9 190 000 9 655 582").group("kap") == "0575"
    assert total.match("Sum kapittel 740").group("kap") == "740"


def test_unit_names_are_one_each_from_the_head_to_the_figures():
    from generator.derive.post_figures import in_thousands

    assert amounts.read_unit("Beløp i mill. kroner") == (amounts.MILLION_NOK, "unit_million_kroner")
    assert amounts.table_unit("(i 1 000 kr)") == amounts.THOUSAND_NOK and amounts.table_unit("Beløp (kr)") == amounts.NOK
    assert in_thousands(12, amounts.MILLION_NOK) == 12_000 and in_thousands(500_000, amounts.NOK) == 500
