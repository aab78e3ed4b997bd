"""The Norwegian words the generator reads and writes, kept once: month
names, the sign-offs that end a letter, the connectives a wrapped line ends
in, the ministry's department codes.

A leaf module (it imports nothing of the generator), so that the parser's
recognisers and the pages that print these words share one list.
"""
from __future__ import annotations

import re

MONTH_NAMES = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
               "oktober", "november", "desember")



def norwegian_date(iso: str) -> str:
    """"2024-01-30" -> "30. januar 2024"."""
    y, m, d = iso.split("-")
    return f"{int(d)}. {MONTH_NAMES[int(m) - 1]} {y}"


def month_label(iso_month: str) -> str:
    """"2025-05" (or a whole ISO date) -> "mai 2025"."""
    y, m = iso_month.split("-")[:2]
    return f"{MONTH_NAMES[int(m) - 1]} {y}"


# Words after a line-final hyphen that show the hyphen is real ("helse- og
# omsorgstjenesten", "lege- eller"): the first part of a compound whose
# second part follows, never a word the line wrap broke. Every join of
# wrapped text reads them here (source_text, layout's cells and <br>).
KEEP_HYPHEN_BEFORE = frozenset({"og", "eller", "samt"})


def words_alternation(words) -> str:
    """The words as a regex alternation, each escaped, in their order
    (("og", "pkt.") -> "og|pkt\\."): a caller wraps it in its own group and
    boundaries, so its pattern reads the words it always read."""
    return "|".join(re.escape(w) for w in words)


# Connectives: the small words (conjunctions and prepositions) a line ends in
# when its sentence, title or list goes on on the next line. Each reader uses
# the named part below that it needs, so that it reads the words it always
# read; the parts of connectives only are subsets of these, two parts add
# the words that name a reference (tests/fast/test_lexicon_connectives.py).
CONNECTIVES = ("og", "eller", "samt", "i", "av", "for", "til", "mellom", "med", "om", "på", "ved", "mot", "fra",
               "innen", "etter", "under", "som", "at")

# A list of codes or numbers goes on after "og": "FHA/KTA og" / "SHA", "postene 21 og 70".
AND = ("og",)

# Kap/post lists and ranges joined by these: "kapitlene 761 og 762", "post 21 samt 70".
LIST_JOINERS = ("og", "samt")

# A numbered heading's title that ends in one of these wraps onto the next
# line ("Samarbeid med" / "kommunene ..."): parsing/letter/sections.py and
# header_fields.py (an assignment title's wrap).
TITLE_WRAP_CONNECTIVES = ("og", "av", "i", "for", "til", "mellom", "med", "om", "på", "ved", "mot", "fra", "innen",
                          "samt")

# A line before an assignment's header that ends in one of these goes on
# into it, capital or not: a wrap before a name ("årsrapport for" / "Omsorg 2020").
NAME_WRAP_CONNECTIVES = ("for", "og", "i", "til", "av", "med", "om", "på", "ved", "fra", "mot", "etter", "under",
                         "samt", "eller", "som", "at")

# A line of an assignment's header that ends in one of these (a dot may
# follow) runs on into the next: connectives and the words that name a
# reference ("jf.", "se", "nr.", "oppdraget", "viser"), "... jf. oppdrag" / "TB2024-12".
HEADER_RUN_ON_WORDS = ("jf", "jfr", "se", "og", "i", "til", "av", "om", "med", "nr", "oppdrag", "oppdraget",
                       "oppdragene", "ref", "under", "fra", "viser", "eller", "samt")

# A line that ends in one of these stops mid-sentence before a number the wrap
# put first ("som omtalt i punkt" / "4.4 om frister"): the number is no heading.
BEFORE_A_NUMBER = ("punkt", "pkt.", "kap.", "kapittel", "avsnitt", "jf.", "jfr.", "se", "i", "og", "under", "til",
                   "av", "nr.")

# A letter whose text ends in one of these (or a comma, a dash, a day's
# number) stops mid-sentence: the file was cut short ("... og" as its last
# word; the `truncated` warning). Connectives and the articles a noun follows.
TRUNCATED_AFTER = ("og", "i", "til", "av", "for", "på", "med", "som", "at", "den", "det", "de", "en", "et")


# Month by name, as documents print them: in full and abbreviated ("okt.", "sept.").
MONTH_NUMBERS = {
    **{name: n for n, name in enumerate(MONTH_NAMES, start=1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sept": 9, "sep": 9, "okt": 10, "nov": 11, "des": 12,
}

# How a letter signs off ("Med hilsen", "Med vennlig hilsen", "Vennlig hilsen"):
# the end of a letter's text, of its last budget table, of an assignment.
SIGN_OFF = r"(?:Med\s+(?:vennlig\s+)?hilsen|Vennlig\s+hilsen)"
SIGN_OFF_START = re.compile(rf"^\s*{SIGN_OFF}\b", re.I)  # a line that starts with one
SIGN_OFF_LINE = re.compile(rf"^\s*{SIGN_OFF}\s*$", re.I)  # a line that is one

# The ministry's departments (avdelinger i HOD) by the code letters print.
DEPARTMENT_NAMES = {
    "FHA": "Folkehelseavdelingen", "KTA": "Kommunetjenesteavdelingen",
    "SHA": "Spesialisthelsetjenesteavdelingen", "DIG": "Digitaliseringsavdelingen",
    "HRA": "Helserettsavdelingen", "ADA": "Administrasjonsavdelingen",
}

# The state budget's programme areas (programområder) that hold the health
# budget, as the proposition names them ("Programområde 10 Helse og omsorg",
# l. 1362 of Prop. 1 S 2023-2024): the chapter index names a category's area
# in every year, also in a year whose sources print no proposition.
PROGRAMME_AREA_NAMES = {"10": "Programområde 10 Helse og omsorg", "30": "Programområde 30 Helsetjenester, folketrygden"}

# The words the site labels model values with, one wording for every page.
CHAPTER_KIND_LABEL = {"utgift": "Utgiftskapittel", "inntekt": "Inntektskapittel"}  # Chapter.type
ASSIGNMENT_STATUS_LABEL = {"new": "Nytt oppdrag", "carried_over": "Videreført oppdrag"}  # Assignment.status
