"""Patterns fixed for backtracking still recognise what they did (their
growth on long lines is tests/slow/test_regex_linear.py)."""
from __future__ import annotations


def test_the_fixed_patterns_still_recognise_what_they_did():
    from generator.parsing.tokens.amounts import UNIT_LINE as _UNIT_LINE
    from generator.parsing.prop.vedtak import STATUS_END
    from generator.parsing.recognisers import TOC_TAIL_RE

    assert TOC_TAIL_RE.search("3.2 Folkehelse ........ 12") and TOC_TAIL_RE.search("Innledning\t\t4")
    assert TOC_TAIL_RE.search("Mål . . . . 7") and TOC_TAIL_RE.search("Oppdrag ____ 9")
    assert not TOC_TAIL_RE.search("3.2 Folkehelse 12") and not TOC_TAIL_RE.search("\t" * 50)
    assert _UNIT_LINE.match("(Alle tall i 1 000 kroner)") and _UNIT_LINE.match("  Beløp i mill. kroner")
    assert not _UNIT_LINE.match("(Alle tall i 1 000 kroner) og mer)") and not _UNIT_LINE.match(" " * 50)
    m = STATUS_END.match("Akuttilbud til personer med rus   Nei ")
    assert m and m.groups() == ("Akuttilbud til personer med rus", "Nei")
    assert STATUS_END.match("Ja").groups() == ("", "Ja") and not STATUS_END.match("Jaja")
