"""Chapter and post references, and a chapter's kind by the state budget's numbering.

The grammar of a reference as the documents print it (one reference is one
match; every chapter and post it names is one `FoundKap`):

    reference := KAP chapters [ [,.] POSTS posts ]
    KAP       := "kap." | "kap" | "kapittel" | "kapitlene" | "kapitler"
    chapters  := chapter ( ("," | "og" | "samt") chapter )*
    chapter   := NNN[N] [ "." NN ]         "kap. 760.21", "kap. 740.60, 740.70, 3740"
               | NNN[N] "–" NNN[N]         a range: its two ends only ("kapitlene 700–783")
    POSTS     := "post" | "postene" | "poster"
    posts     := NN ( ("," | "og" | "samt") ["post"] NN | "–" NN )*
                                           "post 01 og 21", "postene 72, 73, 74 og 75", "post 72–75"

The posts belong to the last chapter of the list ("kap. 740 og 745, post 01"
names kap. 740 and kap. 745 post 01). A number that goes on as an amount
("kap. 740 2 000", "post 21 og 10 mill. kroner", "post 21 og 70 000 kroner")
ends the list before it; a post range is expanded (at most 20 posts), a
chapter range is not (its ends are what the text prints). Without the word,
a dotted "701.21" is a reference when its chapter is in 500-5999.

The list is read by a loop of `match(text, pos)`, one item at a time; the
patterns' quantifiers are possessive and a separator never starts inside a
run of spaces, so each runs in linear time (tests/test_regex_linear.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.lexicon import LIST_JOINERS, words_alternation


# The income chapters in the state budget's numbering (see chapter_type).
INCOME_CHAPTERS = (range(3000, 4000), range(5000, 6000))
# A dotted "701.21" without the word "kap." is a reference only inside the
# budget's chapter numbers (a date or a decimal number is not one).
DOTTED_KAP_FIRST = 500
DOTTED_KAP_LAST = 5999


def chapter_type(kap: int) -> str:
    """Income or expense, by the state budget's numbering: 3000-3999 are the
    income chapters of the ministries' expense chapters, 5000-5999 other
    income; the rest are expenses (0001-2999 and folketrygd 2xxx among them)."""
    return "inntekt" if any(kap in chapters for chapters in INCOME_CHAPTERS) else "utgift"


# The folketrygd's chapters in the state budget's numbering (2500-2799: HOD's
# programme area 30 "Helsetjenester, folketrygden", 2711-2790, among them).
FOLKETRYGD_CHAPTERS = range(2500, 2800)


def is_folketrygd_chapter(kap: int) -> bool:
    return kap in FOLKETRYGD_CHAPTERS


# --- a reference's parts as regex source, for the recognisers to compose (rf-strings) ----------
# Each part is written once here; a caller keeps its own edges (what stands
# before and after) and compiles case-blind (re.I) or not, as it did.

# A chapter number, three or four digits: "770" in "Kap. 770, post 70"; "2711".
KAP = r"\d{3,4}"
# A post number, two digits: "70" in "Kap. 770, post 70"; "01" in "740.01".
POST = r"\d{2}"
# The abbreviated word before a chapter, its full stop optional: "Kap. 740 Helsedirektoratet", "Kap 734 Særskilte tilskudd".
KAP_ABBR = r"Kap\.?"
# The same or written out (compiled case-blind): "Kapittel 575", "Kap. 575 Ressurskrevende tjenester".
KAP_WORD = r"Kap(?:ittel|\.)?"
# The word as a table's head cell or total row prints it (compiled case-blind): "Kap./post", "Sum kapittel 740".
KAP_WORD_LOOSE = r"kap(?:ittel)?\.?"
# A total row's lead, "kap" in lower case as the proposition prints it: "Sum kap. 701 722 423 368 772 550 920".
SUM_KAP_LEAD = r"Sum kap\.?"
# Between the chapter and the word "post" in a post's heading: a comma or nothing, spaces around.
HEADING_BETWEEN = r"\s*+,?\s*+"


def kap_post_heading(between: str = HEADING_BETWEEN) -> str:
    """Regex source of a post's heading in a supplementary letter, "Kap. 770,
    post 70" (groups kap and post; compile case-blind); `between` is what may
    stand between the chapter's number and the word "post"."""
    return rf"{KAP_ABBR}\s*+(?P<kap>{KAP}){between}post\s*+(?P<post>{POST})\b"


# A post's heading: "Kap. 770, post 70", "Kap. 714 post 21" (supplement nr. 2 for 2026, l. 78: "#### **Kap. 701, post 21**").
KAP_POST_HEADING = kap_post_heading()
# The same, a full stop also where the comma stands: "Kap. 762. post 60 Forebyggende helsetjenester" (2018 letter l. 1079).
KAP_POST_HEADING_DOT = kap_post_heading(r"\s*+[,.]?\s*+")


_AMOUNT_AFTER = r"(?!\d|[.,]\d|\s++\d|\s*+(?:mill|mrd|milliard|million|kr\b|kroner|prosent|%))"
KAP_WORD_RE = re.compile(r"\bkap(?:itlene|itler|ittel|\.|\b)\s*+(?=\d)", re.I)
_CHAPTER = re.compile(rf"(?<!\d)(?P<kap>{KAP})(?:\.(?P<post>{POST})(?!\d|,\d|\.\d)|\s*+[–-]\s*+(?P<to>{KAP})(?!\d))?"
                      + r"(?!\d|,\d|\s++\d)")
_CHAPTER_SEP = re.compile(rf"(?<!\s)(?:\s*+,\s*+|\s++(?:{words_alternation(LIST_JOINERS)})\s++)")
_POST_WORD = re.compile(r"(?<!\s)\s*+(?:[,.]\s*+)?post(?:ene|er)?\s*+(?=\d)", re.I)
_POST = re.compile(rf"(?P<post>{POST})" + _AMOUNT_AFTER)
_POST_SEP = re.compile(rf"(?<!\s)(?:\s*+,\s*+|\s++(?:{words_alternation(LIST_JOINERS)})\s++)(?:post\s*+)?", re.I)
_POST_RANGE = re.compile(rf"(?<!\s)\s*+[–-]\s*+(?P<to>{POST})" + _AMOUNT_AFTER)
DOTTED_KAP_POST_RE = re.compile(rf"(?<![\d.,])(?P<kap>{KAP})\.(?P<post>{POST})(?!\d|,\d|\.\d)")
# "postene 72–75" lists the posts between; the widest such range in the sources
# spans 10 ("kap. 732 ... postene 70–80", the proposition l. 9246). A wider one
# names a class of posts of the state's accounts ("poster 01-29", the operating
# posts, in 2025 and 2026; 50-89 the transfers), not a list: its two ends are
# kept, nothing between. 20 lies between the two.
MAX_POST_RANGE = 20

@dataclass(frozen=True)
class FoundKap:
    kap: int
    post: str | None
    text: str
    start: int = 0  # where the reference starts in the text searched

    @property
    def target(self) -> str:
        return f"{self.kap}.{self.post}" if self.post else str(self.kap)


def _chapters(text: str, pos: int) -> tuple[list[tuple[int, str | None]], int]:
    """The chapter list from `pos`: [(kap, dotted post or None)], and where it ends."""
    out: list[tuple[int, str | None]] = []
    while True:
        m = _CHAPTER.match(text, pos)
        if not m:
            break
        out.append((int(m.group("kap")), m.group("post")))
        if m.group("to"):
            out.append((int(m.group("to")), None))
        pos = m.end()
        sep = _CHAPTER_SEP.match(text, pos)
        if not sep or not _CHAPTER.match(text, sep.end()):
            break
        pos = sep.end()
    return out, pos


def _posts(text: str, pos: int) -> tuple[list[str], int]:
    """The post list from `pos` (after the word "post"), ranges expanded."""
    out: list[str] = []
    m = _POST.match(text, pos)
    while m:
        out.append(m.group("post"))
        pos = m.end()
        rng = _POST_RANGE.match(text, pos)
        if rng:
            lo, hi = int(out[-1]), int(rng.group("to"))
            if lo < hi <= lo + MAX_POST_RANGE:
                out.extend(f"{p:02d}" for p in range(lo + 1, hi + 1))
            elif hi != lo:
                out.append(rng.group("to"))
            pos = rng.end()
        sep = _POST_SEP.match(text, pos)
        m = _POST.match(text, sep.end()) if sep else None
    return out, pos


def _worded(text: str) -> list[FoundKap]:
    out: list[FoundKap] = []
    pos = 0
    while (w := KAP_WORD_RE.search(text, pos)) is not None:
        chapters, end = _chapters(text, w.end())
        if not chapters:
            pos = w.end()
            continue
        posts: list[str] = []
        word = _POST_WORD.match(text, end)
        if word and chapters[-1][1] is None:
            posts, post_end = _posts(text, word.end())
            if posts:
                end = post_end
        printed = text[w.start():end]
        for kap, dotted in chapters[:-1] if posts else chapters:
            out.append(FoundKap(kap, dotted, printed, w.start()))
        out.extend(FoundKap(chapters[-1][0], p, printed, w.start()) for p in posts)
        pos = end
    return out


_ANY_DIGIT = re.compile(r"\d")


def find_kap_refs(text: str) -> list[FoundKap]:
    """'kap. 740, post 21', 'kap. 714 post 70 og 79', 'kapitlene 761 og 762',
    'kap. 732, post 72–75', 'kap. 760.21', and '701.21' without the word."""
    if not _ANY_DIGIT.search(text):  # every reference holds a chapter number
        return []
    # Cheap tests before the searches: the word holds "kap" ("K", the Kelvin
    # sign, lower-cases to "k" as the case-blind pattern folds it), a dotted
    # reference a full stop.
    out = _worded(text) if "kap" in text.lower() else []
    if "." not in text:
        return out
    spans = [(f.start, f.start + len(f.text)) for f in out]
    for m in DOTTED_KAP_POST_RE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        kap = int(m.group("kap"))
        if DOTTED_KAP_FIRST <= kap <= DOTTED_KAP_LAST:
            out.append(FoundKap(kap, m.group("post"), m.group(0), m.start()))
    return out
