"""The proposed decisions (romertallsvedtak) at the end of a Prop. 1 S.

Decision I lists every kap/post with its amount in kroner, the last post of a
chapter followed by the chapter total ("43 225 000 550 920 000"). The other
decisions (II, III, ...) are kept as text blocks with their headings.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.parsing.blocks import lines_to_blocks
from generator.parsing.prop.lines import groupings, numeric_tail
from generator.parsing.tokens import kap_post
from generator.read.source_text import Line, join_two

ROMAN = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV)$")
# "I Utgifter:" on one line: an export that ran the decision's number into its first heading.
ROMAN_WITH_HEAD = re.compile(r"^(I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV)\s+(?=(?:Utgifter|Inntekter)\b)")


def _decision_number(text: str) -> str | None:
    m = ROMAN.match(text) or ROMAN_WITH_HEAD.match(text)
    return m.group(1) if m else None
DECISIONS_START = re.compile(r"^(?:t ?i ?l ?r ?å ?r\s*:|Forslag$|Forslag til vedtak\b)")
KAP = re.compile(rf"^({kap_post.KAP})\s+(\D.*)$")
POST = re.compile(rf"^({kap_post.POST})\s+(\S.*)$")
SUM = re.compile(r"^Sum\s+(.+)$")
# A decision's title (above its "Vedtak nr.") is printed on one to three lines.
TITLE_LINES_MAX = 3
# A complete row ends in an amount, at least two tokens: its text and "36 073 000".
ROW_MIN_TOKENS = 2
# A post's numeric tail splits into its amount and, maybe, the chapter's running total.
POST_AND_TOTAL = 2
# "... post 21 36 073 000": the tail's first number goes to the title's "post"
# only when more than two groups stay for the amount.
TAIL_GROUPS_KEPT = 2
# Decision I prints kroner: a post's amount is up to four groups ("76 032 508 000"), a sum's up to five.
AMOUNT_GROUPS_MAX = 4
SUM_GROUPS_MAX = 5


@dataclass
class DecisionPost:
    kap: int
    post: str
    title: str
    amount: int | None
    line: int


@dataclass
class DecisionChapter:
    kap: int
    title: str
    line: int
    type: str
    posts: list[DecisionPost] = field(default_factory=list)
    total: int | None = None


@dataclass
class Decisions:
    start_line: int = 0
    chapters: list[DecisionChapter] = field(default_factory=list)
    sums: list[dict] = field(default_factory=list)  # {"title", "amount", "line", "type"}
    others: list[dict] = field(default_factory=list)  # {"number", "title", "line", "end_line", "blocks"}

    def forslag(self) -> dict[tuple[int, str], int | None]:
        return {(c.kap, p.post): p.amount for c in self.chapters for p in c.posts}


# Decision I's "Utgifter" follows its "I" within three lines.
EXPENSES_AFTER_I = 4
# The "tilrår"/"Forslag" line stands within 40 lines above decision I.
START_LOOKBACK = 40


def find_start(lines: list[Line]) -> int | None:
    """Index of the line that opens the proposed decisions (searched from the end)."""
    for i in range(len(lines) - 1, -1, -1):
        t = lines[i].text
        if (t == "I" and any(lines[j].text.startswith("Utgifter") for j in range(i + 1, min(i + EXPENSES_AFTER_I, len(lines))))
                or re.match(r"^I\s+Utgifter\b", t)):
            # back up to the "tilrår"/"Forslag" line when it is close
            for j in range(i, max(i - START_LOOKBACK, -1), -1):
                if DECISIONS_START.match(lines[j].text):
                    return j
            return i
    return None


def _amount_split(tail: list[str], running: int) -> tuple[int | None, int | None]:
    """(post amount, chapter total or None) from a row's numeric tail."""
    options = groupings(tail, POST_AND_TOTAL, AMOUNT_GROUPS_MAX)
    for values, _ in options:
        if len(values) == POST_AND_TOTAL and values[1] == running + values[0]:
            return values[0], values[1]
    singles = [v for v, _ in options if len(v) == 1]
    if singles:
        return singles[0][0], None
    if options:
        best = min(options, key=lambda o: o[1])[0]
        return best[0], (best[1] if len(best) > 1 else None)
    return None, None


def parse_decisions(lines: list[Line], raw_lines: list[Line]) -> Decisions:
    out = Decisions()
    start = find_start(lines)
    if start is None:
        return out
    out.start_line = lines[start].lineno
    romans = [i for i in range(start, len(lines)) if _decision_number(lines[i].text)]
    if not romans:
        return out
    first_end = romans[1] if len(romans) > 1 else len(lines)
    _parse_decision_one(lines[romans[0] + 1: first_end], out)
    for n, i in enumerate(romans[1:], start=1):
        end = romans[n + 1] if n + 1 < len(romans) else len(lines)
        body = raw_lines[i + 1: end]
        title_lines = []
        k = 0
        while k < len(body) and len(title_lines) < TITLE_LINES_MAX:
            t = body[k].text.strip()
            if t.startswith("Stortinget") or (title_lines and t[:1].isupper()):
                break
            if t:
                title_lines.append(t)
            k += 1
        out.others.append({
            "number": _decision_number(lines[i].text),
            "title": " ".join(title_lines),
            "line": lines[i].lineno,
            "end_line": lines[end - 1].lineno if end - 1 >= i else lines[i].lineno,
            "blocks": lines_to_blocks(body[k:]),
        })
    return out


def _parse_decision_one(lines: list[Line], out: Decisions) -> None:
    kind = "utgift"
    chapter: DecisionChapter | None = None
    pending: tuple[str, str, int] | None = None  # post row waiting for its amount
    pending_sum: tuple[str, int] | None = None
    for pl in lines:
        t = pl.text
        if pending_sum is not None and t:
            t = join_two(pending_sum[0], t)
            pl = Line(t, pending_sum[1])
            pending_sum = None
        if not t or t.startswith("Kap. Post") or t.startswith("Kap Post"):
            continue
        if t.startswith("Inntekter"):
            kind = "inntekt"
            continue
        if t.startswith("Utgifter"):
            continue
        if pending is not None:
            post, title, line = pending
            text = join_two(title, t)
            pending = _finish_post(chapter, post, text, line, out)
            continue
        m = SUM.match(t)
        if m:
            toks = m.group(1).split(" ")
            k = numeric_tail(toks)
            if k == 0:
                pending_sum = (t, pl.lineno)
                continue
            vals = groupings(toks[len(toks) - k:], 1, SUM_GROUPS_MAX) if k else []
            out.sums.append({"title": " ".join(toks[: len(toks) - k]), "amount": vals[0][0][0] if vals else None,
                             "line": pl.lineno, "type": kind})
            continue
        m = POST.match(t)
        if m and chapter is not None:
            pending = _finish_post(chapter, m.group(1), m.group(2), pl.lineno, out)
            continue
        m = KAP.match(t)
        if m:
            chapter = DecisionChapter(int(m.group(1)), m.group(2).strip(), pl.lineno, kind)
            out.chapters.append(chapter)
            continue
        if chapter is not None and chapter.posts == [] and pending is None and not t[:1].isupper():
            chapter.title = join_two(chapter.title, t)


def _finish_post(chapter: DecisionChapter | None, post: str, text: str, line: int, out: Decisions):
    toks = text.split(" ")
    k = numeric_tail(toks)
    # A row is complete when it ends in an amount in kroner ("... 36 073 000").
    if k < ROW_MIN_TOKENS or chapter is None:
        return (post, text, line)
    running = sum(p.amount or 0 for p in chapter.posts)
    tail = toks[len(toks) - k:]
    title_toks = toks[: len(toks) - k]
    if title_toks and title_toks[-1].lower() in ("post", "postene", "og") and len(tail) > TAIL_GROUPS_KEPT:
        title_toks.append(tail.pop(0))
    amount, total = _amount_split(tail, running)
    chapter.posts.append(DecisionPost(chapter.kap, post, " ".join(title_toks), amount, line))
    if total is not None:
        chapter.total = total
    return None
