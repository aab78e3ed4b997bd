"""The Norwegian words the generator reads and writes, kept once: month names.

A leaf module (it imports nothing of the generator), so that the parser's date
recognisers and the pages that print dates share one list.
"""
from __future__ import annotations

MONTH_NAMES = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
               "oktober", "november", "desember")

# Month by name, as documents print them: in full and abbreviated ("okt.", "sept.").
MONTH_NUMBERS = {
    **{name: n for n, name in enumerate(MONTH_NAMES, start=1)},
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sept": 9, "sep": 9, "okt": 10, "nov": 11, "des": 12,
}
