"""Per chapter and post, each series' figure: what the letter allocates (its
lines added up, in 1 000 kr, its folketrygd posts), the proposition's
proposal, and where a year has both, the letter's share of the whole post."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.derive.coverage import PostFigure
from generator.link.graph import ChapterInfo, YearModel
from generator.parsing.tokens.amounts import MILLION_IN_THOUSANDS, MILLION_NOK, NOK, THOUSAND_NOK


def letter_allocation(pairs) -> int | None:
    """A letter row's allocation for its year: the last amount column printed
    (tables print earlier years first: "Saldert 2017 | 2018")."""
    values = [v for _, v in pairs if v is not None]
    return values[-1] if values else None


_THOUSANDS_PER_UNIT = {THOUSAND_NOK: 1, MILLION_NOK: MILLION_IN_THOUSANDS}


def in_thousands(value: int, unit: str) -> int:
    """An amount in the unit its table states, in 1 000 kr (the unit the
    site's letter figures are in); whole kroner are rounded to thousands."""
    if unit in _THOUSANDS_PER_UNIT:
        return value * _THOUSANDS_PER_UNIT[unit]
    if unit == NOK:
        return round(value / 1000)
    raise ValueError(f"unknown amount unit {unit!r}")


def letter_posts(info: ChapterInfo) -> dict[str, int]:
    """Allocation per post in 1 000 kr, adding up the letter's lines for the
    same post (the 2025 letter splits 701.21 over five lines). A post that a
    second table of the letter prints again with the same amount under
    another column heading is one allocation, not two (the 2026 letter prints
    732.77, 4 615 595, in its expense table and in its table of folketrygd
    posts)."""
    out: dict[str, int] = {}
    printed: dict[tuple[str, int], str] = {}  # (post, amount) -> the column heading it was counted under
    for _, row in info.letter_rows:
        v = letter_allocation(row.amounts)
        if v is None:
            continue
        heading = next((h for h, x in reversed(row.amounts) if x is not None), "")
        if printed.get((row.post, v), heading) != heading:
            continue  # the same allocation printed again in another table
        printed[(row.post, v)] = heading
        # post "": a chapter allocated as a whole ("Helsedirektoratet tildeles 75 321 000 kr")
        out[row.post] = out.get(row.post, 0) + in_thousands(v, row.unit)
    return out


def letter_figures(info: ChapterInfo, whole: dict[str, int | None] | None = None) -> dict[str, PostFigure]:
    """Per post what the letter allocates (1 000 kr), whether it was read from
    prose, and its share of the whole post where `whole` gives the post."""
    out: dict[str, PostFigure] = {}
    amounts = letter_posts(info)
    for post, v in amounts.items():
        rows = [r for _, r in info.letter_rows if r.post == post]
        title = next((r.title for r in rows if r.title), "")
        w = (whole or {}).get(post)
        out[post] = PostFigure(info.kap, post, title, v, info.type, any(r.read_from == "prose" for r in rows),
                               v / w * 100 if w else None, any(r.type == "folketrygd" for r in rows))
    return out


def has_letter(model: YearModel) -> bool:
    return any(d.kind == "tildelingsbrev" for d in model.documents)


def has_proposition(model: YearModel) -> bool:
    return any(d.kind == "prop1s" for d in model.documents)


def column_year(label: str, default: int = 0) -> int:
    m = re.search(r"(19|20)\d\d", label)
    return int(m.group(0)) if m else default


def proposal_amount(pairs) -> int | None:
    return pairs[-1][1] if pairs else None


def allocations(model: YearModel) -> dict[int, dict[str, int]]:
    """The letter's allocation per chapter and post (1 000 kr); chapters without one left out."""
    out = {}
    for kap, info in sorted(model.chapters.items()):
        posts = letter_posts(info)
        if posts:
            out[kap] = posts
    return out


def letter_folketrygd(info: ChapterInfo) -> int:
    """Of a chapter's allocation (1 000 kr), its posts the letter types folketrygd."""
    kinds = {r.post for _, r in info.letter_rows if r.type == "folketrygd"}
    return sum(v for post, v in letter_posts(info).items() if post in kinds)


@dataclass(frozen=True)
class PostShare:
    post: str
    title: str
    whole: int | None  # the proposition's Forslag for the post
    allocated: int | None  # what the letter makes available to Helsedirektoratet
    note: str = ""  # why the share is over 100 %, where it is

    @property
    def share(self) -> float | None:
        if self.whole and self.allocated is not None:
            return self.allocated / self.whole * 100
        return None


def post_shares(info: ChapterInfo) -> tuple[str, tuple[PostShare, ...]]:
    """Where a year has both documents: per post the whole post (the
    proposition's proposal column), the part the letter allocates, and the share.
    Returns (the proposal column's label, rows); empty without both."""
    if not info.prop or not info.letter_rows:
        return "", ()
    allocated = letter_posts(info)
    posts = info.prop[1].posts
    column = posts[-1].amounts[-1][0] if posts and posts[-1].amounts else "Forslag"
    rows = [PostShare(p.post, p.title, proposal_amount(p.amounts), allocated.get(p.post),
                      _over_note(info, p.post, proposal_amount(p.amounts), allocated.get(p.post))) for p in posts]
    known = {p.post for p in posts}
    for post, v in sorted(allocated.items()):
        if post not in known:
            title = next((r.title for _, r in info.letter_rows if r.post == post), "")
            rows.append(PostShare(post, title, None, v))
    return column, tuple(rows)


_ADOPTED = re.compile(r"Innst\.\s*11\s*S[^.]*", re.I)


def _over_note(info: ChapterInfo, post: str, whole: int | None, allocated: int | None) -> str:
    """Why a letter gives more than the proposal: it follows the budget the
    Storting adopted (Innst. 11 S), which the sources do not print as figures."""
    if not whole or allocated is None or allocated <= whole:
        return ""
    said = next((m.group(0).strip() for _, r in info.letter_rows if r.post == post
                 for m in [_ADOPTED.search(r.comment)] if m), "")
    note = ("Brevet tildeler mer enn regjeringens forslag: tildelingsbrevet følger budsjettet Stortinget vedtok, "
            "som kan avvike fra forslaget; det vedtatte beløpet for posten står ikke i kildene her.")
    return note + (f" Brevet viser selv til «{said}»." if said else "")


def main_letter_posts(model: YearModel) -> dict[tuple[int, str], tuple[int, str]]:
    """(kap, post) -> (allocation in 1 000 kr, title) as the main letter gives it."""
    out: dict[tuple[int, str], tuple[int, str]] = {}
    for kap, info in model.chapters.items():
        for post, value in letter_posts(info).items():
            title = next((r.title for _, r in info.letter_rows if r.post == post), "")
            out[(kap, post)] = (value, title)
    return out


def post_figures(model: YearModel) -> dict[int, dict[str, PostFigure]]:
    """The letter per chapter and post as PostFigures; shares where the year's
    proposition gives the whole post."""
    out = {}
    for kap, info in sorted(model.chapters.items()):
        whole = {p.post: proposal_amount(p.amounts) for p in info.prop[1].posts} if info.prop else None
        figs = letter_figures(info, whole)
        if figs:
            out[kap] = figs
    return out
