"""Small named recognisers shared by the parsers.

Each recogniser is a pure function on one string, so that it can be
property-tested on its own: numbered headings (and a cheap case-blind test).
The documents' tokens (IDs, amounts, dates, references) have one grammar each
in `parsing/tokens/`. None of them raises on odd input; they return None
instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.parsing.tokens.amounts import PLAIN_GROUP_SPACE, grouped_digits


def case_folded(text: str) -> str:
    """The text lower-cased so that every character a case-blind (re.I)
    pattern letter matches becomes that letter: the Kelvin sign "k" already
    does, and "ſ" (s), "ı" and "İ" (i) are made to. A word `in` it is a cheap
    test that a line can match a case-blind pattern holding that word, to run
    before the search itself, which is slow (it cannot skip ahead to a literal)."""
    return text.lower().replace("ſ", "s").replace("ı", "i").replace("i\u0307", "i")



# --- headings -------------------------------------------------------------------------------

HEADING_RE = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2}){0,4})\.?(?:[ \t]+|(?=[A-ZÆØÅ]))(?P<title>\S.*?)\s*$")
# Each leader starts only where its run starts and is possessive, so a search
# over a long run of dots or tabs is linear (it was cubic on 2 000 tabs).
# A heading is a name: past 200 characters, or past 150 with a sentence
# break inside ("... tjenestene. Det ..."), the "title" is a numbered paragraph.
HEADING_TITLE_MAX = 200
HEADING_TITLE_WITH_SENTENCES = 150
TOC_TAIL_RE = re.compile(r"(?:(?<!\.)\.{3,}+|(?<!…)…++|(?<!\t)\t++|(?<!\s\.)(?:\s\.){3,}+|(?<!_)_{3,}+)\s*+\d{1,3}\s*$")


@dataclass(frozen=True)
class HeadingCandidate:
    number: tuple[int, ...]
    title: str


def is_toc_line(text: str) -> bool:
    """A numbered line of a table of contents: a leader (dots, a tab) before
    its page number ("4.3. Folketrygd- og aktivitetsbaserte poster ..... 65")."""
    return bool(HEADING_RE.match(text)) and text.rstrip()[-1:].isdecimal() and bool(TOC_TAIL_RE.search(text))


def heading_candidate(text: str) -> HeadingCandidate | None:
    """A line shaped like a numbered heading ('3.1.3. Oppdrag', '1 Innledning').
    Table-of-contents lines (leaders or a tab before a page number) are not."""
    # The anchored match first: most lines fail it at once, while the leader
    # search scans the whole line, and only a line ending in a digit can end
    # in a leader and a page number.
    first = text[:1]
    if not (first.isdigit() or first.isspace()):
        return None  # most lines: the pattern's "^\s*\d" fails at once, told without the regex
    m = HEADING_RE.match(text)
    if not m or (text.rstrip()[-1:].isdecimal() and TOC_TAIL_RE.search(text)):
        return None
    title = m.group("title").strip()
    if not title[:1].isalpha() or not (title[:1].isupper() or "." in m.group("num")):
        return None
    if "\t" in title:
        return None
    if any(len(x) > 1 and x.startswith("0") for x in m.group("num").split(".")):
        return None  # "03 Gebyrinntekter": a post number, not a heading
    if _AMOUNT_END.search(title):
        return None  # a table row ending in an amount
    number = tuple(int(x) for x in m.group("num").split("."))
    if number[0] == 0 or any(n == 0 for n in number):
        return None
    if len(title) > HEADING_TITLE_MAX or (len(title) > HEADING_TITLE_WITH_SENTENCES and _SENTENCE_INSIDE.search(title)):
        return None  # a paragraph, not a heading (a heading on one line may be long)
    return HeadingCandidate(number, _SPACES.sub(" ", title))


_AMOUNT_END = re.compile(rf"{grouped_digits('+', PLAIN_GROUP_SPACE)}$")
_SENTENCE_INSIDE = re.compile(r"[a-zæøå][.:] [A-ZÆØÅ]")
_SPACES = re.compile(r"\s+")
