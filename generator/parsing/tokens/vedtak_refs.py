"""References to the Storting's decisions and its sessions: 'vedtak nr. 831
(2021–2022)', 'anmodningsvedtak nr. 123, 456', 'Innst. 490 S (2022–2023),
Vedtak 929'; a session '(2023–2024)' and the session a date falls in."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.parsing.tokens.dates import WORD_DATE_PARTS, find_dates

# A session's second year printed short: "(2023–24)".
SHORT_YEAR_DIGITS = 2
# A four-digit number among decision numbers that starts 19/20 is a year.
YEAR_DIGITS = 4


def _session_years(dashes: str, second: str, groups: bool = False) -> str:
    """A session's two years (regex source): four digits, a dash of `dashes`,
    the second year as `second`; each year a group when `groups`."""
    first, last = (r"(\d{4})", f"({second})") if groups else (r"\d{4}", second)
    return rf"{first}\s*[{dashes}]\s*{last}"


# Any dash a session is printed with (hyphen, en dash, em dash); the proposition's
# hyphen or en dash; a second year printed short or whole, or whole only.
_ANY_DASH = r"-\u2013\u2014"
_PROP_DASH = "–-"
_SHORT_OR_WHOLE = r"\d{2,4}"
_WHOLE = r"\d{4}"
# A letter's session: "2021–2022", "2023–24".
SESSION_YEARS = _session_years(_ANY_DASH, _SHORT_OR_WHOLE)
# That session in brackets, its years in groups: "vedtak nr. 417 (2021–2022)" (Prop. 1 S 2023–2024 l. 808).
SESSION = rf"\({_session_years(_ANY_DASH, _SHORT_OR_WHOLE, groups=True)}\)"
# The proposition's session: "2022–2023 1 Ideelle tilbud rusomsorgen Nei" (Prop. 1 S 2023–2024 l. 1954).
PROP_SESSION = _session_years(_PROP_DASH, _WHOLE)
# The same, its years in groups: "Prop. 1 S (2023–2024)".
PROP_SESSION_PAIR = _session_years(_PROP_DASH, _WHOLE, groups=True)
# Two whole years, any dash, in groups: what `session_text` reads ("2022 - 2023").
_WHOLE_SESSION = re.compile(_session_years(_ANY_DASH, _WHOLE, groups=True))

SESSION_RE = re.compile(SESSION)
VEDTAK_RE = re.compile(
    r"(?:anmodnings)?vedtak(?:ene)?\s*(?:nr\.?|nummer)?\s*(?P<nrs>\d{1,4}(?:\s*(?:,|og|\s)\s*(?:nr\.?\s*)?\d{1,4}(?![\d.]))*)"
    rf"(?P<tail>\s*\({SESSION_YEARS}\))?",
    re.I,
)
# The proposition's stricter reading of a reference: "nr." required, one number,
# then its session (PROP_SESSION) or its date: "vedtak nr. 417 (2021–2022)"
# (Prop. 1 S 2023–2024 l. 808), "Vedtak nr. 1, 5. oktober 2022" (l. 2068).
PROP_REF_RE = re.compile(
    r"\b(?:anmodnings|utrednings)?[Vv]edtak(?:et|ene)?\s+nr\.?\s*(\d{1,4})"
    rf"(?:\s*\(({PROP_SESSION})\))?"
    rf"(?:\s*,\s*{WORD_DATE_PARTS})?"
)


@dataclass(frozen=True)
class FoundVedtak:
    nr: str
    session: str | None
    text: str
    end: int = 0  # offset just after the reference in the searched text
    start: int = 0  # offset of the reference in the searched text


def norm_session(a: str, b: str) -> str:
    if len(b) == SHORT_YEAR_DIGITS:
        b = a[:2] + b
    return f"{a}\u2013{b}"


def session_text(text: str) -> str:
    """'2022-2023' / '2022 – 2023' -> '2022–2023' (en dash); other text as it is."""
    m = _WHOLE_SESSION.match(text)
    return norm_session(m.group(1), m.group(2)) if m else text


_INNST_RE = re.compile(rf"\bInnst\.\s*\d{{1,4}}\s*[SLE]\s*{SESSION}")
_DECISION_DATE_RE = re.compile(r"^\s*(?:av|fra|den)\s+")


# "vedtak" or "anmodningsvedtak" starts a reference: its word is in its first 20 characters.
REF_WORD_CHARS = 20
# The "Innst. 387 S (2023–2024)" that gives a reference's session stands within 80 characters
# before it; a date within 60 characters before it gives the session instead.
INNST_BEFORE = 80
DATE_BEFORE = 60
# The "jf. Innst. 387 S (2023–2024)" after a reference is looked for to the
# end of its sentence, at most 240 characters on (three lines of a letter):
# farther on it cites something else.
INNST_AFTER = 240


def find_vedtak(text: str) -> list[FoundVedtak]:
    """'vedtak nr. 831 (2021–2022)', 'anmodningsvedtak nr. 123, 456',
    'anmodningsvedtak 687', 'Innst. 490 S (2022–2023), Vedtak 929' -> one entry
    per number, session when printed next to it.

    A plain "vedtak 929" is a Storting decision only where the sentence cites
    the Innstilling it was made on; its session is that Innstilling's."""
    out: list[FoundVedtak] = []
    for m in VEDTAK_RE.finditer(text):
        word = text[m.start():m.start() + REF_WORD_CHARS].lower()
        innst_before = list(_INNST_RE.finditer(text, max(0, m.start() - INNST_BEFORE), m.start()))
        if not word.startswith("anmodningsvedtak") and "nr" not in m.group(0)[:REF_WORD_CHARS].lower() and not innst_before:
            continue
        session = None
        s = SESSION_RE.match(m.group("tail").lstrip()) if m.group("tail") else None
        if s:
            session = norm_session(s.group(1), s.group(2))
        elif innst_before:
            session = norm_session(*innst_before[-1].groups())
        elif not find_dates(text[max(0, m.start() - DATE_BEFORE):m.start()], None):
            # "..., jf. Innst. 387 S (2023–2024)" later in the same sentence; a
            # date printed before the reference ("fattet 17. juni 2022") wins.
            after = _INNST_RE.search(text, m.end(), _sentence_end(text, m.end(), INNST_AFTER))
            if after and not VEDTAK_RE.search(text, m.end(), after.start()):
                session = norm_session(*after.groups())
        for nr in re.findall(r"\d{1,4}", m.group("nrs")):
            if len(nr) == YEAR_DIGITS and nr.startswith(("19", "20")):
                continue
            out.append(FoundVedtak(nr, session, m.group(0).strip(), m.end(), m.start()))
    return out


_SENTENCE_STOP = re.compile(
    r"(?<!\bjf)(?<!\bnr)(?<!\bSt)(?<!\bkap)(?<!\bInnst)(?<!\bref)(?<!\bMeld)(?<!\bProp)(?<!\bDok)(?<!\bpkt)"
    r"[.!?»](?=\s+[A-ZÆØÅ«])")


def _sentence_end(text: str, start: int, limit: int) -> int:
    """The end of the sentence that goes on at `start`, at most `limit` characters on."""
    m = _SENTENCE_STOP.search(text, start, start + limit)
    return m.end() if m else min(len(text), start + limit)


# "nr. 960 av 20. mai 2021": "av"/"fra"/"den" within 8 characters, then the date within 24.
DATE_WORD_AFTER = 8
DATE_AFTER = 24


def decision_date_after(text: str, end: int) -> str | None:
    """The date printed right after a decision reference ("nr. 960 av 20. mai 2021")."""
    m = _DECISION_DATE_RE.match(text[end:end + DATE_WORD_AFTER])
    if not m:
        return None
    dates = find_dates(text[end + m.end(): end + m.end() + DATE_AFTER], None)
    return dates[0].iso if dates and dates[0].start == 0 else None


SESSION_FIRST_MONTH = 10  # a Storting session opens in October


def session_for_date(iso: str) -> str:
    """The Storting session (October to September) of a date."""
    y, mo = int(iso[:4]), int(iso[5:7])
    start = y if mo >= SESSION_FIRST_MONTH else y - 1
    return budget_session(start + 1)


def budget_session(year: int) -> str:
    """The session that decides a budget year: 2024 -> '2023–2024' (the
    proposition's "Prop. 1 S (2023–2024)")."""
    return f"{year - 1}\u2013{year}"
