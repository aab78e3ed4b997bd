"""Allocation changes printed by a supplementary letter, from tables and prose.

A supplementary letter changes allocations post by post, each under its own
heading "Kap. 714, post 21" (a heading "... – Presisering" clarifies how money
already given is to be used and changes nothing). Under the heading the change
is printed as a table row "Kap. post | Tidligere tildeling | Ny tildeling |
Sum tildeling" (read by the budget-table rules into the document's
budget_rows), in prose, or both:

- a table row is the change; the prose under it explains it, and its amounts
  are compared with the row's (a prose total that disagrees beyond the
  rounding of "1,5 mill. kroner" is a diagnostic naming the line);
- without a table, the ordered PROSE_RULES below read the prose, each
  sentence by the first rule that takes it.

Amounts are in 1 000 kr like the tables ("500 000 kroner" is 500,
"0,401 mill. kroner" is 401). Nothing here reads a line number or a file
name; a heading's body ends at the next heading.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from generator.diagnostics import Diagnostics
from generator.model import AllocationChange, BudgetRow, Document
from generator.lexicon import SIGN_OFF_START

# --- tokens ------------------------------------------------------------------------------------

# An amount starts after no digit (so that a run of digits is tried once: linear time).
_NUMBER = r"(?<![\d,])(?:\d{1,3}(?:[ \u00a0]\d{3})++(?:,\d++)?|\d++(?:,\d++)?)"
AMOUNT = re.compile(rf"(?P<num>{_NUMBER})\s*+(?P<unit>mill\.|millioner|mrd\.|milliarder)?\s*+(?:kroner|kr\b)")
_HEADING = re.compile(
    r"^[#*\s]*+(?:\d++(?:\.\d++)*+\.?\s++)?[#*\s]*+Kap\.?\s*+(?P<kap>\d{3,4})\s*+[,.]?\s*+post\s*+(?P<post>\d{2})\b"
    r"[*\s]*+(?:[–-]\s*+(?P<note>[^*]+?))?[*\s]*+$", re.I)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}\s|\*\*[^*].*\*\*\s*$)")
_SIGN_OFF = SIGN_OFF_START
_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÆØÅ«])")


# Amounts listed in one sentence ("1 mill. kroner til A, 2 mill. kroner til
# B og ...") stand at most 200 characters apart; a wider gap is another sentence.
ENUMERATION_GAP_MAX = 200
# "1,234 mill. kroner" (three decimals) is exact in 1 000 kr; fewer decimals are rounded.
MILL_EXACT_DECIMALS = 3
# A change table's row prints three amounts: Tidligere, Ny and Sum tildeling.
CHANGE_AMOUNTS = 3


def thousands(match: re.Match) -> tuple[int, int]:
    """An AMOUNT match in 1 000 kr, and the rounding it was printed with
    (in 1 000 kr: "1,5 mill." is exact to 50, "500 000 kroner" to 0)."""
    num = match.group("num").replace("\u00a0", " ").replace(" ", "")
    unit = (match.group("unit") or "").lower()
    whole, _, decimals = num.partition(",")
    value = float(f"{whole}.{decimals or 0}")
    if unit.startswith("mill"):
        return round(value * 1000), (500 // 10 ** len(decimals) if decimals else 500) if len(decimals) < MILL_EXACT_DECIMALS else 0
    if unit.startswith(("mrd", "milliard")):
        return round(value * 1_000_000), 500_000 // 10 ** len(decimals) if decimals else 500_000
    return round(value / 1000), 0


# --- a heading and its body -------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int
    end_line: int
    item: bool  # a list item
    # (offset in `text`, line number) where each of its lines starts: a
    # sentence's own lines are cited, not its whole paragraph's
    starts: tuple[tuple[int, int], ...] = ()

    def lines_of(self, words: str) -> tuple[int, int]:
        """The first and last line of `words` (a sentence of the paragraph's
        text); the paragraph's lines where they are not found whole."""
        at = self.text.find(words)
        if at < 0 or not self.starts:
            return self.line, self.end_line
        on = [line for offset, line in self.starts if offset <= at]
        upto = [line for offset, line in self.starts if offset < at + len(words)]
        return (on[-1] if on else self.line), (upto[-1] if upto else self.end_line)


@dataclass(frozen=True)
class ChangeSection:
    kap: int
    post: str
    heading: str
    note: str  # "Presisering", or ""
    line: int
    end_line: int
    paragraphs: tuple[Paragraph, ...]


def _is_break(raw: str, text: str) -> bool:
    """A line that ends a heading's body: another heading (a Markdown one that
    states no amount: "### Tildelingen ... økes med 8,55 mill. kroner:" is
    body), a kap/post heading, or the sign-off."""
    if _HEADING.match(text) or _SIGN_OFF.match(text):
        return True
    return bool(_MARKDOWN_HEADING.match(raw)) and not AMOUNT.search(text)


def change_sections(lines, raw_lines: tuple[str, ...]) -> list[ChangeSection]:
    """Every "Kap. NNN, post NN" heading with the paragraphs under it."""
    out: list[ChangeSection] = []
    i = 0
    while i < len(lines):
        m = _HEADING.match(lines[i].text)
        if not m or _BULLET.match(lines[i].text):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not _is_break(_raw(raw_lines, lines[j].lineno), lines[j].text):
            j += 1
        body = lines[i + 1:j]
        end = body[-1].lineno if body else lines[i].lineno
        out.append(ChangeSection(int(m.group("kap")), m.group("post"), lines[i].text.strip(" #*"),
                                 (m.group("note") or "").strip(), lines[i].lineno, end, _paragraphs(body)))
        i = j
    return out


def _raw(raw_lines: tuple[str, ...], lineno: int) -> str:
    return raw_lines[lineno - 1] if 0 < lineno <= len(raw_lines) else ""


_SPACES = re.compile(r"\s+")


def _paragraphs(body) -> tuple[Paragraph, ...]:
    """Wrapped lines joined into paragraphs; a list item is its own; table
    rows (tab-separated cells) are left to the budget-table rules."""
    out: list[Paragraph] = []
    current: list = []

    def flush() -> None:
        if current:
            text, starts = "", []
            for ln in current:
                part = _SPACES.sub(" ", ln.text.strip(" #*")).strip()
                if part:
                    text += " " if text else ""
                    starts.append((len(text), ln.lineno))
                    text += part
            out.append(Paragraph(text, current[0].lineno, current[-1].lineno, bool(_BULLET.match(current[0].text)),
                                 tuple(starts)))
            current.clear()

    for ln in body:
        if not ln.text.strip() or "\t" in ln.text:
            flush()
            continue
        if _BULLET.match(ln.text):
            flush()
        current.append(ln)
    flush()
    return tuple(out)


# --- the prose rules --------------------------------------------------------------------------

@dataclass(frozen=True)
class ProseChange:
    amount: int  # 1 000 kr, signed
    tolerance: int  # the rounding of the printed amounts
    rule: str
    text: str
    kind: str = "change"  # "change" | "total" (a stated allocation after the change)
    corrects: int | None = None  # the supplementary letter a correction names


_SUBJECT = (r"(?:Helsedirektoratets?\s+)?(?:tildeling(?:en)?|bevilgning(?:en)?)(?:\s+på\s+posten)?"
            r"(?:\s+er)?(?:\s+videre)?")
_UP = r"økes|økt|øket"
_DOWN = r"reduseres|redusert|satt\s+ned|settes\s+ned"
_CHANGE_VERB = re.compile(
    rf"(?:\b{_SUBJECT}\s+(?P<v1>{_UP}|{_DOWN})|\b(?P<v2>{_UP}|{_DOWN})\s+tildelingen(?:\s+på\s+posten)?)\s+med\s+",
    re.I)
_GRANT = re.compile(r"\btildeles\s+(?:Helsedirektoratet\s+)?(?:ytterl\w*\s+|til\s+sammen\s+)?(?=\d)", re.I)
# "Helsedirektoratet tildeles 1 mill. kroner på kap. 714, post 21 for 2022": the
# Directorate (or the impersonal "Det tildeles") is given the amount, and the
# post it is given on follows the amount at once. "Det tildeles 1 mill. kroner
# som tilskudd til Trøndelag fylkeskommune" names no post: not this.
_GRANT_ON_POST = re.compile(
    r"\b(?:Helsedirektoratet\s+tildeles|tildeles\s+Helsedirektoratet|Det\s+tildeles)\s+"
    r"(?:ytterl\w*\s+|til\s+sammen\s+)?(?=\d)", re.I)
# (?<!\s): matched right after an amount (which ends in "kroner" or "kr"); a
# search would otherwise start again at every space of a run (quadratic).
_ON_POST = re.compile(r"(?<!\s)\s*+(?:ekstra\s+)?på\s+kap\.?\s*+(?P<kap>\d{3,4})\s*+,?\s*+post\s*+(?P<post>\d{2})\b", re.I)
_INKURIE = re.compile(r"\binkurie\b.*?\bsupplerende\s+tildelingsbrev\s+nr\.\s*(?P<nr>\d+)(?P<mid>.*?)"
                      r"\bKorrekt\s+tildeling\s+skulle\s+vært\s+", re.I | re.S)
_STATED_TOTAL = re.compile(r"\bKorrekt\s+tildeling\s+på\s+kap\.?\s*\d{3,4},?\s*post\s*\d{2}\s+skal\s+være\s+", re.I)


def _enumeration_tail(gap: str) -> int | None:
    """Where ", ", ", og " or " og " ends the text between two amounts (the
    next amount continues an enumeration), else None."""
    head = gap.rstrip()
    if head == "og" or head.endswith(" og"):
        head = head[:-2].rstrip()
        return len(head) - 1 if head.endswith(",") else len(head)
    return len(head) - 1 if head.endswith(",") else None


def _amounts_from(text: str, start: int) -> list[re.Match]:
    """The amount at `start` and those enumerated after it ("0,5 mill. kroner
    til X, og 4,176 mill. kroner til Y"): each next one follows a comma or "og"."""
    first = AMOUNT.match(text, start)
    if not first:
        return []
    found = [first]
    pos = first.end()
    while True:
        nxt = AMOUNT.search(text, pos)
        if not nxt:
            return found
        gap = text[pos:nxt.start()]
        tail = _enumeration_tail(gap) if len(gap) <= ENUMERATION_GAP_MAX else None
        if tail is None or re.search(r"[.;:(]", gap[:tail]):
            return found
        found.append(nxt)
        pos = nxt.end()


def rule_correction(sentence: str, section: ChangeSection) -> ProseChange | None:
    """"Ved en inkurie ble det i supplerende tildelingsbrev nr. 2 ... tildelt
    9,5 mill. kroner ... Korrekt tildeling skulle vært 23 mill. kroner": the
    difference is the change."""
    m = _INKURIE.search(sentence)
    given = re.search(r"\btildelt\s+", m.group("mid")) if m else None
    was = AMOUNT.match(m.group("mid"), given.end()) if given else None
    right = AMOUNT.match(sentence, m.end()) if was else None
    if not right:
        return None
    (a, ta), (b, tb) = thousands(was), thousands(right)
    return ProseChange(b - a, ta + tb, "correction", sentence, corrects=int(m.group("nr")))


def rule_stated_total(sentence: str, section: ChangeSection) -> ProseChange | None:
    """"Korrekt tildeling på kap. 765, post 21 skal være 186,6 mill. kroner": the
    allocation after the change, checked against the running total."""
    m = _STATED_TOTAL.search(sentence)
    amount = AMOUNT.match(sentence, m.end()) if m else None
    if not amount:
        return None
    value, tol = thousands(amount)
    return ProseChange(value, tol, "stated_total", sentence, kind="total")


def rule_increase_or_decrease(sentence: str, section: ChangeSection) -> ProseChange | None:
    """"Tildelingen på posten økes med 500 000 kroner", "... reduseres med 3,4
    mill. kroner", "Helsedirektoratets tildeling er videre satt ned med ...";
    amounts enumerated after the verb are added up."""
    m = _CHANGE_VERB.search(sentence)
    if not m:
        return None
    start = m.end()
    sums = re.match(r"til\s+sammen\s+", sentence[start:], re.I)
    amounts = _amounts_from(sentence, start + (sums.end() if sums else 0))
    if not amounts:
        return None
    values = [thousands(a) for a in amounts]
    sign = 1 if re.match(_UP, m.group("v1") or m.group("v2"), re.I) else -1
    return ProseChange(sign * sum(v for v, _ in values), sum(t for _, t in values), "increase_or_decrease", sentence)


def rule_grant(sentence: str, section: ChangeSection) -> ProseChange | None:
    """"Helsedirektoratet tildeles 1,7 mill. kroner knyttet til ...", "I
    tillegg tildeles Helsedirektoratet til sammen 15,1 mill. kroner": one amount."""
    m = _GRANT.search(sentence)
    amount = AMOUNT.match(sentence, m.end()) if m else None
    if not amount:
        return None
    value, tol = thousands(amount)
    return ProseChange(value, tol, "grant", sentence)


def rule_grant_on_post(sentence: str) -> tuple[int, str, ProseChange] | None:
    """"Helsedirektoratet tildeles 1 mill. kroner på kap. 714, post 21 for
    2022" outside any kap/post heading (in an assignment's text): the sentence
    names its own post. (kap, post, the change), or None."""
    m = _GRANT_ON_POST.search(sentence)
    amount = AMOUNT.match(sentence, m.end()) if m else None
    post = _ON_POST.match(sentence, amount.end()) if amount else None
    if not post:
        return None
    value, tol = thousands(amount)
    return int(post.group("kap")), post.group("post"), ProseChange(value, tol, "grant_on_post", sentence)


# Ordered: the first rule that reads a sentence takes it.
PROSE_RULES: tuple[tuple[str, Callable[[str, ChangeSection], ProseChange | None]], ...] = (
    ("correction", rule_correction),
    ("stated_total", rule_stated_total),
    ("increase_or_decrease", rule_increase_or_decrease),
    ("grant", rule_grant),
)
_LIST_FOLLOWS = re.compile(r"\bmed\s+følgende\s*:?\s*$", re.I)


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]


def prose_changes(section: ChangeSection) -> list[tuple[Paragraph, ProseChange]]:
    """What the prose under one heading says, paragraph by paragraph.

    A list item only explains the amount of the sentence it hangs from
    ("tildeles 7,9 mill. kroner til følgende tiltak:"), except after a
    sentence that names no amount ("Videre økes tildelingen på posten med
    følgende:"): then each item's first amount is a change."""
    found: list[tuple[Paragraph, ProseChange]] = []
    if "presiser" in section.note.lower():
        return found  # a clarification of money already given changes nothing
    listed = 0  # the sign of a lead "... med følgende:" the items belong to; 0: none
    for par in section.paragraphs:
        if par.item:
            amount = AMOUNT.search(par.text) if listed else None
            if amount:
                value, tol = thousands(amount)
                found.append((par, ProseChange(listed * value, tol, "listed", par.text)))
            continue
        listed = 0
        sentences = _sentences(par.text)
        k = 0
        while k < len(sentences):
            pair = " ".join(sentences[k:k + 2])  # a correction names the old amount, then the right one
            correction = rule_correction(pair, section)
            if correction:
                found.append((par, correction))
                k += 2
                continue
            change, listed = _read_sentence(sentences[k], section)
            if change:
                found.append((par, change))
            k += 1
    return found


def _read_sentence(sentence: str, section: ChangeSection) -> tuple[ProseChange | None, int]:
    """The first rule's reading of one sentence; or, for a lead naming no
    amount ("... økes tildelingen på posten med følgende:"), the sign its list
    items take."""
    for _, rule in PROSE_RULES[1:]:
        change = rule(sentence, section)
        if change:
            return change, 0
    lead = _CHANGE_VERB.search(sentence + " 0 kroner") if _LIST_FOLLOWS.search(sentence) else None
    if lead:
        return None, 1 if re.match(_UP, lead.group("v1") or lead.group("v2"), re.I) else -1
    return None, 0


def table_change(row: BudgetRow) -> tuple[int | None, int, int | None] | None:
    """(Tidligere tildeling, Ny tildeling, Sum tildeling) of a change-table row:
    by the column headings, or else by the one order of three printed amounts
    that adds up (previous + new = sum)."""
    values = [v for _, v in row.amounts if v is not None]
    if len(values) == CHANGE_AMOUNTS and values[0] + values[1] == values[2]:
        return values[0], values[1], values[2]
    named: dict[str, int] = {}
    for heading, value in row.amounts:
        h = heading.lower()
        key = "previous" if "tidligere" in h else "new" if h.startswith("ny") else "total" if "sum" in h else ""
        if key and value is not None:
            named[key] = value
    if len(named) == CHANGE_AMOUNTS and named["previous"] + named["new"] == named["total"]:
        return named["previous"], named["new"], named["total"]
    return None


def _is_change_row(row: BudgetRow) -> bool:
    return any("tidligere" in h.lower() or h.lower().startswith("ny tildel") for h, _ in row.amounts) or \
        table_change(row) is not None


def read_allocation_changes(doc: Document, lines, raw_lines: tuple[str, ...], file: str,
                            diags: Diagnostics) -> tuple[AllocationChange, ...]:
    """Every allocation change the letter prints, in the letter's order."""
    rows = [r for r in doc.budget_rows if _is_change_row(r)]
    used: set[int] = set()
    out: list[AllocationChange] = []
    sections = change_sections(lines, raw_lines)
    out += changes_outside_headings(lines, sections, file, diags)
    for section in sections:
        inside = [r for r in rows if section.line <= r.line <= section.end_line]
        used.update(id(r) for r in inside)
        if "presiser" in section.note.lower():
            continue  # a clarification of money already given
        out += _section_changes(section, inside, file, diags)
    for row in rows:
        if id(row) not in used:  # a change table outside any kap/post heading
            out += _table_changes(None, [row], file, diags)
    return tuple(sorted(out, key=lambda c: c.line))


def changes_outside_headings(lines, sections: list[ChangeSection], file: str,
                             diags: Diagnostics) -> list[AllocationChange]:
    """Money allocated outside every "Kap. NNN, post NN" heading (in an
    assignment's text, say): a sentence that names its own post ("tildeles 1
    mill. kroner på kap. 714, post 21") is a change on that post; one that
    names none ("Helsedirektoratet tildeles 2 mill. kroner til oppfølgingen")
    is not counted, and said so."""
    inside = {n for sec in sections for n in range(sec.line, sec.end_line + 1)}
    outside = [ln for ln in lines if ln.lineno not in inside]
    out: list[AllocationChange] = []
    for par in _paragraphs(outside):
        for sentence in _sentences(par.text):
            on_post = rule_grant_on_post(sentence)
            if on_post:
                kap, post, c = on_post
                out.append(AllocationChange(kap, post, c.amount, "prose", c.rule, c.text, *par.lines_of(sentence),
                                            tolerance=c.tolerance))
            elif rule_grant(sentence, None) or rule_increase_or_decrease(sentence, None):
                diags.warn(file, par.line, "change-outside",
                           f"'{sentence[:70]}' allocates an amount outside any 'Kap. NNN, post NN' heading; "
                           "no heading names its post, so it is not counted as a change")
    return out


def _table_changes(section: ChangeSection | None, rows: list[BudgetRow], file: str,
                   diags: Diagnostics) -> list[AllocationChange]:
    words = " ".join(p.text for p in section.paragraphs if not p.item) if section else ""
    out = []
    for row in rows:
        read = table_change(row)
        if read is None:
            diags.warn(file, row.line, "change-table",
                       f"kap. {row.kap}, post {row.post}: the change table's amounts do not add up "
                       "(Tidligere tildeling + Ny tildeling = Sum tildeling); not counted")
            continue
        previous, new, total = read
        out.append(AllocationChange(row.kap, row.post, new, "table", "table_row", words, row.line,
                                    row.end_line or row.line, previous=previous, total=total))
    return out


def _section_changes(section: ChangeSection, rows: list[BudgetRow], file: str,
                     diags: Diagnostics) -> list[AllocationChange]:
    prose = prose_changes(section)
    changes = [(p, c) for p, c in prose if c.kind == "change"]
    totals = [c for _, c in prose if c.kind == "total"]
    if rows:
        out = _table_changes(section, rows, file, diags)
        printed = sum(c.amount for c in out if (c.kap, c.post) == (section.kap, section.post))
        said, tol = sum(c.amount for _, c in changes), sum(c.tolerance for _, c in changes)
        if changes and out and abs(said - printed) > tol:
            diags.warn(file, section.line, "change-prose",
                       f"kap. {section.kap}, post {section.post}: the table gives Ny tildeling {_kr(printed)}, "
                       f"the prose under it {_kr(said)} (1 000 kr); the table is counted")
        return out
    if not changes:
        diags.warn(file, section.line, "change-unread",
                   f"'{section.heading[:60]}' heads an allocation change, but no table row or sentence "
                   "under it states one; kept as text")
        return []
    out = [AllocationChange(section.kap, section.post, c.amount, "prose", c.rule, c.text, *p.lines_of(c.text),
                            tolerance=c.tolerance, corrects=c.corrects) for p, c in changes]
    if totals:
        last = out[-1]
        out[-1] = AllocationChange(last.kap, last.post, last.amount, last.how, last.rule, last.text, last.line,
                                   last.end_line, total=totals[-1].amount, tolerance=last.tolerance,
                                   corrects=last.corrects)
    return out


def _kr(value: int) -> str:
    return f"{value:,}".replace(",", " ")
