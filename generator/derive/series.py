"""The names of the two series of figures, never mixed (derive/figures.py):
the proposition's whole post and what the letter allocates to Helsedirektoratet."""
from __future__ import annotations

LETTER_SERIES = "Tildelt Helsedirektoratet"
WITH_FOLKETRYGD = "inkl. folketrygden"  # what a page says after an expense total that counts folketrygd posts
PROP_SERIES = "Hele posten (Prop. 1 S)"
MISSING_NAME = "navn mangler i kildene"
