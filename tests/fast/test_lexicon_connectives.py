"""The connectives live in the lexicon, once (issue 26 item 2: "One lexicon
for sign-offs, connectives, ..."); each reader builds its pattern from its
named part, and reads the words it always read."""
from __future__ import annotations

import re

from generator.lexicon import (
    AND, BEFORE_A_NUMBER, CONNECTIVES, HEADER_RUN_ON_WORDS, LIST_JOINERS, NAME_WRAP_CONNECTIVES,
    TITLE_WRAP_CONNECTIVES, words_alternation,
)
from generator.parsing.letter import header_fields, headers, sections
from generator.parsing.tokens import kap_post
from generator.read.source_text import Line


def test_the_connective_parts_are_connectives():
    for part in (AND, LIST_JOINERS, TITLE_WRAP_CONNECTIVES, NAME_WRAP_CONNECTIVES):
        assert set(part) <= set(CONNECTIVES), part
    # The two lists that also name a reference ("jf.", "punkt") add no other connective.
    assert set(HEADER_RUN_ON_WORDS) - set(CONNECTIVES) == {"jf", "jfr", "se", "nr", "oppdrag", "oppdraget",
                                                          "oppdragene", "ref", "viser"}
    assert {w.rstrip(".") for w in BEFORE_A_NUMBER} - set(CONNECTIVES) == {"punkt", "pkt", "kap", "kapittel",
                                                                          "avsnitt", "jf", "jfr", "se", "nr"}


def test_words_alternation_escapes_each_word_in_order():
    assert words_alternation(("pkt.", "og")) == r"pkt\.|og"
    assert re.fullmatch(words_alternation(BEFORE_A_NUMBER), "pktx") is None  # the dot is a dot


def test_the_readers_patterns_are_the_ones_they_read_before():
    """Each pattern built from the lexicon is, character for character, the one written out before."""
    assert sections._CONNECTOR_END.pattern == r"(?:\s(?:og|av|i|for|til|mellom|med|om|på|ved|mot|fra|innen|samt)|[-–,])$"
    assert sections._MID_SENTENCE_END.pattern == \
        r"(?:\b(?:punkt|pkt\.|kap\.|kapittel|avsnitt|jf\.|jfr\.|se|i|og|under|til|av|nr\.)|[,(])\s*$"
    assert headers._CONTINUES_SENTENCE.pattern == (
        r"(?:\b(?:jf|jfr|se|og|i|til|av|om|med|nr|oppdrag|oppdraget|oppdragene|ref|under|fra|viser|eller|samt)\.?"
        r"|\bID\s*:|[,(\-–])\s*$")
    assert header_fields._TITLE_JOIN_END.pattern == \
        r"(?:\s(?:og|av|i|for|til|mellom|med|om|på|ved|mot|fra|innen|samt|NOU)|[-–,/])$"
    assert kap_post._CHAPTER_SEP.pattern == r"(?<!\s)(?:\s*+,\s*+|\s++(?:og|samt)\s++)"
    assert kap_post._POST_SEP.pattern == r"(?<!\s)(?:\s*+,\s*+|\s++(?:og|samt)\s++)(?:post\s*+)?"


def test_the_readers_on_real_lines():
    # tildelingsbrev-2026.md: "som omtalt i punkt" / "4.4 om frister": a number the wrap put first.
    lines = (Line("som omtalt i punkt", 1), Line("4.4 om frister for rapportering", 2))
    assert sections._inside_sentence(lines, 1)
    assert not sections._inside_sentence((Line("Helsedirektoratet skal rapportere.", 1), lines[1]), 1)
    assert headers._CONTINUES_SENTENCE.search("Se også oppdraget i tildelingsbrevet for 2023, jf.")
    assert kap_post.find_kap_refs("kapitlene 761 og 762") and len(kap_post.find_kap_refs("kapitlene 761 og 762")) == 2


def test_the_readers_hoisted_patterns_read_the_same_words():
    """Patterns once written inline, now built once from the lexicon: the same words in the same order."""
    from generator.parsing.letter import assignments, budget_cells

    assert assignments._ENDS_IN_CONNECTIVE.pattern == \
        r"\b(?:for|og|i|til|av|med|om|på|ved|fra|mot|etter|under|samt|eller|som|at)$"
    assert budget_cells._BEFORE_A_POST_NUMBER.pattern == r"(?:post(?:ene)?|og|,)"
    assert header_fields._ENDS_JOINED.pattern == r"(?:[/,;&]|\b(?:og))\s*$"  # was (?:[/,;&]|\bog)\s*$
    assert header_fields._STARTS_JOINED.pattern == r"(?<!\s)\s*(?:og|[/,;&])"
    assert header_fields._STARTS_JOINED.match("  og KTA") and not header_fields._STARTS_JOINED.match("dialog")
    # TB2024 header cells: "FHA/KTA og" wraps onto "SHA"; a cell ending in "dialog" does not.
    assert header_fields._ENDS_JOINED.search("FHA/KTA og") and not header_fields._ENDS_JOINED.search("FHA dialog")


def test_the_department_codes_and_a_cut_letter_read_the_same_words():
    from generator.parsing.letter import letter_parser

    assert header_fields._DEPT_SEP.pattern == r"(?<!\s)\s*(?:[/,;&]|\b(?:og)\b)\s*"  # was \bog\b
    assert header_fields._DEPT_ONLY.pattern == \
        r"(?<!\s)\s*(?:(?:og|[/,;&])\s*)?[A-ZÆØÅ]{2,5}(?:\s*(?:[/,;&]|og)\s*[A-ZÆØÅ]{2,5})*\s*(?:[/,;&]|og)?\s*"
    assert header_fields._dept_only("og SHA") and not header_fields._dept_only("og Helsedirektoratet")
    assert letter_parser._CUT_END.pattern == \
        r"(?:[,;(–-]|\b(?:og|i|til|av|for|på|med|som|at|den|det|de|en|et|\d{1,2}))\s*$"
    assert letter_parser._CUT_END.search("Helsedirektoratet skal følge opp og") \
        and not letter_parser._CUT_END.search("Med hilsen")
