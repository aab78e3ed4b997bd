"""Small named recognisers shared by the parsers.

Each recogniser is a pure function on one string (or a few), so that it can be
property-tested on its own: amounts, Norwegian dates, assignment IDs, vedtak
references, kap/post references and numbered headings. None of them raises on
odd input; they return None (or an empty list) instead.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.lexicon import MONTH_NUMBERS

# --- amounts -------------------------------------------------------------------

# Spaces that may group thousands: normal, no-break, narrow no-break, thin, figure.
_GROUP_SPACE = "[ \u00a0\u202f\u2009\u2007]"
_MINUS = "[-\u2212\u2013]"
AMOUNT_RE = re.compile(
    rf"(?<![\d,.])(?P<neg>{_MINUS}\s?)?(?P<num>\d{{1,3}}(?:{_GROUP_SPACE}\d{{3}})+|\d+)(?![\d,]|\.\d)"
)


def parse_amount(text: str) -> int | None:
    """'30 576' -> 30576, '1 234 567' (any group space) -> 1234567, '-5 000' -> -5000.

    The whole string (stripped) must be one amount; anything else gives None.
    A lone dash or empty cell is None (a missing cell is never 0).
    """
    s = text.strip()
    if not s:
        return None
    m = AMOUNT_RE.fullmatch(s)
    if not m:
        return None
    value = int(re.sub(r"\D", "", m.group("num")))
    return -value if m.group("neg") else value


def _valid_number(tokens: list[str]) -> bool:
    first = tokens[0]
    if len(tokens) == 1:
        return first.isdigit() and (first == "0" or not first.startswith("0") or len(first) == 1)
    return (1 <= len(first) <= 3 and not (first.startswith("0"))
            and all(len(t) == 3 for t in tokens[1:]))


def split_amounts(tokens: list[str], count: int) -> tuple[list[int], int] | None:
    """Split trailing digit tokens into exactly `count` numbers.

    `tokens` are whitespace-separated digit groups ("1", "233", "356", ...),
    possibly preceded by digit tokens that belong to the title ("Egenandelstak
    2"). Returns (numbers, tokens used from the end) using as many tokens as
    possible; between equally long splits the one whose numbers are closest in
    size wins (columns of one table row are of the same order). None when no
    split exists.
    """
    n = len(tokens)
    if count <= 0 or n == 0 or n > 40:
        return None
    best: tuple[int, float, list[int]] | None = None
    # parts[i][k] = list of possible splits of tokens[i:] into k numbers
    from functools import lru_cache

    @lru_cache(maxsize=None)
    def splits(i: int, k: int) -> tuple[tuple[int, ...], ...]:
        if k == 0:
            return ((),) if i == n else ()
        out = []
        for j in range(i + 1, min(n, i + 5) + 1):
            if _valid_number(tokens[i:j]):
                for rest in splits(j, k - 1):
                    out.append((int("".join(tokens[i:j])),) + rest)
                    if len(out) > 64:
                        return tuple(out)
        return tuple(out)

    for start in range(0, n):
        for cand in splits(start, count):
            used = n - start
            vals = [abs(v) or 1 for v in cand]
            spread = max(vals) / min(vals)
            key = (used, -spread)
            if best is None or key > (best[0], -best[1]):
                best = (used, spread, list(cand))
        if best is not None:
            break
    if best is None:
        return None
    return best[2], best[0]


# --- dates -------------------------------------------------------------------------

MONTHS = MONTH_NUMBERS
_MONTH_ALT = "|".join(sorted(MONTHS, key=len, reverse=True))
NUMERIC_DATE_RE = re.compile(r"(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d])")
WORD_DATE_RE = re.compile(
    rf"(?<!\d)(\d{{1,2}})\.?\s*({_MONTH_ALT})\.?(?:\s+(\d{{4}}))?(?![a-zæøå])", re.I
)
SHORT_DATE_RE = re.compile(r"(?<![\d.,])(\d{1,2})\.(\d{1,2})(?![\d.,]|\.\d)")


@dataclass(frozen=True)
class FoundDate:
    iso: str
    text: str
    start: int
    end: int


def _make(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(text: str, year: int | None, short_ok: bool = False) -> list[FoundDate]:
    """Every Norwegian date in `text`, in order: '31.12.2025', '01.10.22',
    '1. mars 2025', '31.mai 2025', 'innen 1. mars' (year from `year`).
    `short_ok` also accepts '15.3' (day.month, calendar tables)."""
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for m in NUMERIC_DATE_RE.finditer(text):
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if y < 100:
            y += 2000
        iso = _make(y, mo, d)
        if iso:
            found.append(FoundDate(iso, m.group(0), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    for m in WORD_DATE_RE.finditer(text):
        if not free(m.start(), m.end()):
            continue
        d = int(m.group(1))
        mo = MONTHS[m.group(2).lower()]
        y = int(m.group(3)) if m.group(3) else year
        if y is None:
            continue
        iso = _make(y, mo, d)
        if iso:
            found.append(FoundDate(iso, m.group(0).strip(), m.start(), m.end()))
            taken.append((m.start(), m.end()))
    if short_ok and year:
        for m in SHORT_DATE_RE.finditer(text):
            if not free(m.start(), m.end()):
                continue
            iso = _make(year, int(m.group(2)), int(m.group(1)))
            if iso:
                found.append(FoundDate(iso, m.group(0), m.start(), m.end()))
                taken.append((m.start(), m.end()))
    found.sort(key=lambda f: f.start)
    return found


# --- assignment IDs ----------------------------------------------------------------------

_DASH = "[-\u2010\u2011\u2012\u2013\u2014\u2212]"
# Tolerant: spaces or line breaks inside, en dash, letter O for zero in the year/number.
ID_LOOSE_RE = re.compile(
    rf"(?<![A-Za-z])(?P<prefix>R?T?TB)\s*{_DASH}?\s*(?P<year>[2Oo0][0Oo][0-9Oo]{{2}})\s*{_DASH}\s*"
    rf"(?P<num>[0-9Oo]{{1,3}}(?:\.\d{{1,2}})?)(?![0-9])"
)
ID_STRICT_RE = re.compile(r"^(R?T?TB)(\d{4})-(\d{1,3}(?:\.\d{1,2})?)$")


@dataclass(frozen=True)
class FoundId:
    canonical: str
    printed: str
    repaired: bool
    start: int
    end: int


def _fix_digits(s: str) -> str:
    return s.replace("O", "0").replace("o", "0")


def find_ids(text: str) -> list[FoundId]:
    """Every assignment ID in `text` ('TB2025-12', 'TTB2022-3', 'TB 2022 – 01',
    'TB2O22-O1'), canonical form and whether it had to be repaired."""
    out: list[FoundId] = []
    for m in ID_LOOSE_RE.finditer(text):
        year = _fix_digits(m.group("year"))
        if not year.startswith("20"):
            continue
        canonical = f"{m.group('prefix')}{year}-{_fix_digits(m.group('num'))}"
        printed = m.group(0)
        repaired = printed != canonical
        out.append(FoundId(canonical, printed, repaired, m.start(), m.end()))
    return out


def id_year(canonical: str) -> int | None:
    m = ID_STRICT_RE.match(canonical)
    return int(m.group(2)) if m else None


# --- vedtak references ---------------------------------------------------------------------

SESSION_RE = re.compile(r"\((\d{4})\s*[-\u2013\u2014]\s*(\d{2,4})\)")
VEDTAK_RE = re.compile(
    r"(?:anmodnings)?vedtak(?:ene)?\s*(?:nr\.?|nummer)?\s*(?P<nrs>\d{1,4}(?:\s*(?:,|og|\s)\s*(?:nr\.?\s*)?\d{1,4}(?![\d.]))*)"
    r"(?P<tail>\s*\(\d{4}\s*[-\u2013\u2014]\s*\d{2,4}\))?",
    re.I,
)


@dataclass(frozen=True)
class FoundVedtak:
    nr: str
    session: str | None
    text: str
    end: int = 0  # offset just after the reference in the searched text
    start: int = 0  # offset of the reference in the searched text


def norm_session(a: str, b: str) -> str:
    if len(b) == 2:
        b = a[:2] + b
    return f"{a}\u2013{b}"


_INNST_RE = re.compile(r"\bInnst\.\s*\d{1,4}\s*[SLE]\s*\((\d{4})\s*[-\u2013\u2014]\s*(\d{2,4})\)")
_DECISION_DATE_RE = re.compile(r"^\s*(?:av|fra|den)\s+")


def find_vedtak(text: str) -> list[FoundVedtak]:
    """'vedtak nr. 831 (2021–2022)', 'anmodningsvedtak nr. 123, 456',
    'anmodningsvedtak 687', 'Innst. 490 S (2022–2023), Vedtak 929' -> one entry
    per number, session when printed next to it.

    A plain "vedtak 929" is a Storting decision only where the sentence cites
    the Innstilling it was made on; its session is that Innstilling's."""
    out: list[FoundVedtak] = []
    for m in VEDTAK_RE.finditer(text):
        word = text[m.start():m.start() + 20].lower()
        innst_before = list(_INNST_RE.finditer(text, max(0, m.start() - 80), m.start()))
        if not word.startswith("anmodningsvedtak") and "nr" not in m.group(0)[:20].lower() and not innst_before:
            continue
        session = None
        s = SESSION_RE.match(m.group("tail").lstrip()) if m.group("tail") else None
        if s:
            session = norm_session(s.group(1), s.group(2))
        elif innst_before:
            session = norm_session(*innst_before[-1].groups())
        elif not find_dates(text[max(0, m.start() - 60):m.start()], None):
            # "..., jf. Innst. 387 S (2023–2024)" later in the same sentence; a
            # date printed before the reference ("fattet 17. juni 2022") wins.
            after = _INNST_RE.search(text, m.end(), _sentence_end(text, m.end(), 240))
            if after and not VEDTAK_RE.search(text, m.end(), after.start()):
                session = norm_session(*after.groups())
        for nr in re.findall(r"\d{1,4}", m.group("nrs")):
            if len(nr) == 4 and nr.startswith(("19", "20")):
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


def decision_date_after(text: str, end: int) -> str | None:
    """The date printed right after a decision reference ("nr. 960 av 20. mai 2021")."""
    m = _DECISION_DATE_RE.match(text[end:end + 8])
    if not m:
        return None
    dates = find_dates(text[end + m.end(): end + m.end() + 24], None)
    return dates[0].iso if dates and dates[0].start == 0 else None


def session_for_date(iso: str) -> str:
    """The Storting session (October to September) of a date."""
    y, mo = int(iso[:4]), int(iso[5:7])
    start = y if mo >= 10 else y - 1
    return f"{start}\u2013{start + 1}"


# --- chapters ------------------------------------------------------------------------------

def chapter_type(kap: int) -> str:
    """Income or expense, by the state budget's numbering: 3000-3999 are the
    income chapters of the ministries' expense chapters, 5000-5999 other
    income; the rest are expenses (0001-2999 and folketrygd 2xxx among them)."""
    return "inntekt" if 3000 <= kap < 4000 or 5000 <= kap < 6000 else "utgift"


# --- kap/post references ----------------------------------------------------------------------

KAP_POST_RE = re.compile(
    r"\bkap(?:ittel|\.)?\s*(?P<kap>\d{3,4})(?:\s*[,.]?\s*(?:post(?:ene)?)\s*(?P<post>\d{2})"
    r"(?P<more>(?:\s*(?:,|og)\s*(?:post\s*)?\d{2}(?!\d))*))?",
    re.I,
)
DOTTED_KAP_POST_RE = re.compile(r"(?<![\d.,])(?P<kap>\d{3,4})\.(?P<post>\d{2})(?![\d,]|\.\d)")


@dataclass(frozen=True)
class FoundKap:
    kap: int
    post: str | None
    text: str

    @property
    def target(self) -> str:
        return f"{self.kap}.{self.post}" if self.post else str(self.kap)


def find_kap_refs(text: str) -> list[FoundKap]:
    """'kap. 740, post 21', 'kap. 714 post 70 og 79', 'kap. 740', '701.21'."""
    out: list[FoundKap] = []
    spans: list[tuple[int, int]] = []
    for m in KAP_POST_RE.finditer(text):
        kap = int(m.group("kap"))
        spans.append((m.start(), m.end()))
        if not m.group("post"):
            out.append(FoundKap(kap, None, m.group(0)))
            continue
        posts = [m.group("post")] + re.findall(r"\d{2}", m.group("more") or "")
        for p in posts:
            out.append(FoundKap(kap, p, m.group(0)))
    for m in DOTTED_KAP_POST_RE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        kap = int(m.group("kap"))
        if 500 <= kap <= 5999:
            out.append(FoundKap(kap, m.group("post"), m.group(0)))
    return out


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
TOC_TAIL_RE = re.compile(r"(?:(?<!\.)\.{3,}+|(?<!…)…++|(?<!\t)\t++|(?<!\s\.)(?:\s\.){3,}+|(?<!_)_{3,}+)\s*+\d{1,3}\s*$")


@dataclass(frozen=True)
class HeadingCandidate:
    number: tuple[int, ...]
    title: str


def heading_candidate(text: str) -> HeadingCandidate | None:
    """A line shaped like a numbered heading ('3.1.3. Oppdrag', '1 Innledning').
    Table-of-contents lines (leaders or a tab before a page number) are not."""
    # The anchored match first: most lines fail it at once, while the leader
    # search scans the whole line, and only a line ending in a digit can end
    # in a leader and a page number.
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
    if re.search(r"\d{1,3}(?: \d{3})+$", title):
        return None  # a table row ending in an amount
    number = tuple(int(x) for x in m.group("num").split("."))
    if number[0] == 0 or any(n == 0 for n in number):
        return None
    if len(title) > 200 or (len(title) > 150 and re.search(r"[a-zæøå][.:] [A-ZÆØÅ]", title)):
        return None  # a paragraph, not a heading (a heading on one line may be long)
    return HeadingCandidate(number, re.sub(r"\s+", " ", title))
