"""The ordered prose rules that read what a supplementary letter's sentences
under a "Kap. NNN, post NN" heading change, where no change table prints it
("Tildelingen på posten økes med 500 000 kroner"): a correction over two
sentences (PAIR_RULES), a sentence (PROSE_RULES), a list item (ITEM_RULES),
each piece by the first rule that takes it; and a sentence outside every
heading that names its post (OUTSIDE_RULES). Amounts in 1 000 kr, with their
rounding."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from generator.parsing.tokens.kap_post import KAP_POST_HEADING, kap_post_heading
from generator.parsing.letter.change_sections import AMOUNT, ChangeSection, Paragraph, split_sentences, thousands

# Amounts listed in one sentence ("1 mill. kroner til A, 2 mill. kroner til
# B og ...") stand at most 200 characters apart; a wider gap is another sentence.
ENUMERATION_GAP_MAX = 200


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
_ON_POST = re.compile(rf"(?<!\s)\s*+(?:ekstra\s+)?på\s+{KAP_POST_HEADING}", re.I)
_INKURIE = re.compile(r"\binkurie\b.*?\bsupplerende\s+tildelingsbrev\s+nr\.\s*(?P<nr>\d+)(?P<mid>.*?)"
                      r"\bKorrekt\s+tildeling\s+skulle\s+vært\s+", re.I | re.S)
# "kap. 714, post 21" with no space before its comma, as this rule always read it.
_KAP_POST_NO_SPACE = kap_post_heading(between=r",?\s*+")
_STATED_TOTAL = re.compile(rf"\bKorrekt\s+tildeling\s+på\s+{_KAP_POST_NO_SPACE}\s+skal\s+være\s+", re.I)


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


def rule_listed(item: str, listed: int) -> ProseChange | None:
    """A list item under a lead naming no amount ("Videre økes tildelingen på
    posten med følgende:"): its first amount is a change, with the lead's
    sign (`listed`: +1 or -1; 0: no such lead, the item only explains)."""
    amount = AMOUNT.search(item) if listed else None
    if not amount:
        return None
    value, tol = thousands(amount)
    return ProseChange(listed * value, tol, "listed", item)


# The phases of the prose under one heading (`prose_changes`), each an ordered
# list of (name, function) pairs, the first rule that reads its piece taking it.
# PAIR_RULES: a phase of its own, tried first at each sentence on it and the
# next read together (a correction names the old amount in one sentence and
# the right one in the next, "Ved en inkurie ... tildelt 9,5 mill. kroner ...
# Korrekt tildeling skulle vært 23 mill. kroner"), taking both.
PAIR_RULES: tuple[tuple[str, Callable[[str, ChangeSection], ProseChange | None]], ...] = (
    ("correction", rule_correction),
)
# PROSE_RULES: one sentence, where no pair rule took it.
PROSE_RULES: tuple[tuple[str, Callable[[str, ChangeSection], ProseChange | None]], ...] = (
    ("stated_total", rule_stated_total),
    ("increase_or_decrease", rule_increase_or_decrease),
    ("grant", rule_grant),
)
# ITEM_RULES: a list item, over its text and the sign of the lead it hangs from.
ITEM_RULES: tuple[tuple[str, Callable[[str, int], ProseChange | None]], ...] = (
    ("listed", rule_listed),
)
# OUTSIDE_RULES: a sentence outside every "Kap. NNN, post NN" heading
# (`allocation_changes.changes_outside_headings`), over the sentence alone:
# (kap, post, the change) where it names its own post.
OUTSIDE_RULES: tuple[tuple[str, Callable[[str], tuple[int, str, ProseChange] | None]], ...] = (
    ("grant_on_post", rule_grant_on_post),
)


def first_reading(rules, *piece):
    """What the first rule of `rules` that reads the piece gives, or None."""
    for _, rule in rules:
        got = rule(*piece)
        if got:
            return got
    return None


def outside_change(sentence: str) -> tuple[int, str, ProseChange] | None:
    """A sentence outside every heading that names its post: by `OUTSIDE_RULES`."""
    return first_reading(OUTSIDE_RULES, sentence)


def allocates(sentence: str) -> bool:
    """Whether a sentence states a change of an allocation (a rule of
    `PROSE_RULES` reads a change of it, not a stated total)."""
    return any((c := rule(sentence, None)) and c.kind == "change" for _, rule in PROSE_RULES)


_LIST_FOLLOWS = re.compile(r"\bmed\s+følgende\s*:?\s*$", re.I)


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
            change = first_reading(ITEM_RULES, par.text, listed)
            if change:
                found.append((par, change))
            continue
        listed = 0
        sentences = split_sentences(par.text)
        k = 0
        while k < len(sentences):
            pair = " ".join(sentences[k:k + 2])  # a correction names the old amount, then the right one
            change = first_reading(PAIR_RULES, pair, section)
            if change:
                found.append((par, change))
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
    change = first_reading(PROSE_RULES, sentence, section)
    if change:
        return change, 0
    lead = _CHANGE_VERB.search(sentence + " 0 kroner") if _LIST_FOLLOWS.search(sentence) else None
    if lead:
        return None, 1 if re.match(_UP, lead.group("v1") or lead.group("v2"), re.I) else -1
    return None, 0
