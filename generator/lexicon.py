"""The Norwegian words the generator reads and writes, kept once: month
names, the sign-offs that end a letter, the ministry's department codes.

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
