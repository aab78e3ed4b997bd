"""The join rule: two pieces of a line or a cell broken in two, joined back.

A break (a hard wrap, a cell wrapping in its column, a ``<br>`` in a cell)
may fall inside a word or a number, or between words. `join_pieces` reads
the break by one ordered grammar of cases, the first that applies deciding
(a space, when none does):

1. `number_across_break`: a number broken at its hyphen or dash is whole
   again ("(2020–" / "2021)", "(TB2020-" / "57/2)");
2. `number_compound`: a number's compound keeps its hyphen and loses the
   break's space ("(i 1000-" / "kroner)", "24-" / "åringer");
3. `hyphen_before_connective`: a hyphen before "og", "eller", "samt" is real
   ("Helse-" / "og omsorgsdepartementet"): a space;
4. `capital_compound`: an abbreviation's compound keeps its hyphen ("IKT-" /
   "systemer");
5. `broken_word`: a word broken at its hyphen is whole again ("uavhen-" /
   "gig", "Lege-" / "erklæringer");
6. `after_slash`: "og/" / "eller" is "og/eller";
7. `word_rest`: a piece that can only be a word's rest (one letter, or two
   consonants no word starts with) joins the word before it
   ("forbruksmateriel" / "l", "Kiropraktorbeha" / "ndling").

The three places that join read different cases of it (`JoinCases`); their
differences are kept as they were (tests/fast/test_join_cases.py holds a
table of real breaks and each place's result):

- `PARAGRAPH` (paragraphs of wrapped lines: `source_text.join_wrapped`,
  `join_two`): cases 1-5, the connective read as its letters;
- `CELL` (space-aligned and grid cells: `join_cell`): cases 3, 5 and 6, the
  connective read up to the next space ("Av-" / "og-til," is "Avog-til,");
- `HTML_BREAK` (a ``<br>`` in a Markdown cell: `html_cells.join_broken`):
  cases 3, 5 and 7, the connective read up to the next space.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.lexicon import KEEP_HYPHEN_BEFORE


@dataclass(frozen=True)
class JoinCases:
    """Which cases of the join rule a place reads, beside cases 3 and 5
    (`hyphen_before_connective`, `broken_word`), which every place reads.
    Each flag is a difference the three joins had before they were one,
    kept so that no output changed."""
    numbers: bool = False  # cases 1 and 2: a number broken at a hyphen or dash
    capital_compound: bool = False  # case 4: else "IKT-" / "systemer" is "IKTsystemer", a broken word
    connective_letters: bool = False  # case 3 reads the connective as its letters ("og-til," -> "og"), else up to a space
    after_slash: bool = False  # case 6
    word_rest: bool = False  # case 7


PARAGRAPH = JoinCases(numbers=True, capital_compound=True, connective_letters=True)
CELL = JoinCases(after_slash=True)
HTML_BREAK = JoinCases(word_rest=True)

_FIRST_WORD = re.compile(r"[\wæøå]+")


def _before_last(text: str) -> str:
    """The character before a piece's last (its final hyphen's letter or digit)."""
    return text[-2:-1]


def _is_connective(right: str, letters: bool) -> bool:
    """Whether `right` starts with a word before which a hyphen is real
    ("og", "eller", "samt"): its first word read as its letters, or as the
    text up to the first space. A piece with no letters first counts as one
    (the hyphen stays, with the space)."""
    if letters:
        m = _FIRST_WORD.match(right)
        return m is None or m.group(0) in KEEP_HYPHEN_BEFORE
    return right.split(" ", 1)[0] in KEEP_HYPHEN_BEFORE


def word_across_break(left: str, right: str, cases: JoinCases) -> str | None:
    """`left` and `right` as one piece when a case of the join rule joins
    them without a space, else None (a space joins them)."""
    last = left[-1:]
    before = _before_last(left)
    if last in ("-", "–"):
        if cases.numbers and before.isdigit():
            if right[:1].isdigit():
                return left + right  # 1 number_across_break
            if last == "-" and right[:1].islower() and not _is_connective(right, True):
                return left + right  # 2 number_compound
        if last == "-" and before.isalpha() and right[:1].islower():
            if _is_connective(right, cases.connective_letters):
                return None  # 3 hyphen_before_connective
            if cases.capital_compound and before.isupper():
                return left + right  # 4 capital_compound
            return left[:-1] + right  # 5 broken_word
        return None
    if last == "/" and cases.after_slash:
        return left + right  # 6 after_slash
    if cases.word_rest and last.isalpha() and last.islower() and _word_goes_on(right.split(" ", 1)[0]):
        return left + right  # 7 word_rest
    return None


def join_pieces(left: str, right: str, cases: JoinCases) -> str:
    """Two pieces of a broken line or cell as one (`word_across_break`, else a space)."""
    word = word_across_break(left, right, cases)
    return f"{left} {right}" if word is None else word


def join_cell(left: str, right: str) -> str:
    """A cell's text wrapped onto a following line, joined back: a word broken
    at its hyphen is whole again, "helse-" / "og omsorg" keeps its hyphen."""
    return join_pieces(left, right, CELL)


_VOWELS = set("aeiouyæøåéè")
# Two consonants a Norwegian (or borrowed) word may start with.
_WORD_STARTS = frozenset(
    "bl br dr fl fr gl gn gr kl kn kr kv pl pr sk sl sm sn sp st sv tr tv sj kj gj hj hv dv fj bj pj mj nj lj "
    "vr ch th ph ps sc sh tj dj rh wh".split())
# Words of one letter: a piece "i", "å" or "o" after a break is a word, not a word's rest.
_ONE_LETTER_WORDS = ("i", "å", "o")


def _word_goes_on(word: str) -> bool:
    """Whether a piece after a break can only be a word's rest: one letter
    ("l", but not the words "i", "å", "o"), or two consonants no word starts
    with ("ndling")."""
    if not word[:1].isalpha() or not word[:1].islower():
        return False
    if len(word) == 1:
        return word not in _ONE_LETTER_WORDS
    a, b = word[0], word[1]
    return a not in _VOWELS and b.isalpha() and b not in _VOWELS and a + b not in _WORD_STARTS
