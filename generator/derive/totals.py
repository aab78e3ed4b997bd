"""A year's totals per series and type (expense totals with their folketrygd
part) and its expense per programme category."""
from __future__ import annotations

from dataclasses import dataclass

from generator.derive.post_figures import column_year, has_proposition, letter_folketrygd, letter_posts, proposal_amount
from generator.derive.series import LETTER_SERIES, PROP_SERIES
from generator.link.graph import SiteGraph, YearModel


@dataclass(frozen=True)
class Total:
    series: str  # PROP_SERIES | LETTER_SERIES
    type: str  # "utgift" | "inntekt"
    column: str  # the proposition's column as printed, or LETTER_SERIES + year
    amount: int
    folketrygd: int = 0  # of `amount`, the folketrygd's posts (an expense total includes them; pages say so)


def year_totals(model: YearModel) -> list[Total]:
    """Expense and income totals per series, never mixed. An expense total
    includes the folketrygd's posts, as it always has, and says how much of
    it they are (`Total.folketrygd`)."""
    out: list[Total] = []
    for kind in ("utgift", "inntekt"):
        infos = [i for i in model.chapters.values() if i.type == kind]
        sums: dict[str, int] = {}
        trygd: dict[str, int] = {}
        for info in infos:
            if info.prop:
                for p in info.prop[1].posts:
                    for k, v in p.amounts:
                        if v is not None:
                            sums[k] = sums.get(k, 0) + v
                            if info.folketrygd:
                                trygd[k] = trygd.get(k, 0) + v
        for k in sorted(sums, key=lambda c: (column_year(c), c)):
            out.append(Total(PROP_SERIES, kind, k, sums[k], trygd.get(k, 0)))
        if any(i.letter_rows for i in infos):
            allocated = sum(sum(letter_posts(i).values()) for i in infos)
            out.append(Total(LETTER_SERIES, kind, f"{LETTER_SERIES} {model.year}", allocated,
                             sum(letter_folketrygd(i) for i in infos)))
    return out


@dataclass(frozen=True)
class CategoryFigures:
    series: str
    items: tuple[tuple[str, int], ...]  # ("10.30 Spesialisthelsetjenesten", amount)
    left_out: tuple[tuple[int, str, int], ...]  # (kap, title, amount) without a programme category
    total: int  # items + left_out = the year's expense total in this series


def category_totals(model: YearModel, titles: dict[str, str]) -> CategoryFigures | None:
    """Expense per programme category: the proposition's proposal, or in a
    letter-only year what the letter allocates (its chapters placed by the
    proposition's category tables). Chapters with no category in any source
    are listed as left out, so that the parts add up to the total shown."""
    prop = has_proposition(model)
    series = PROP_SERIES if prop else LETTER_SERIES
    sums: dict[str, int] = {}
    left_out: list[tuple[int, str, int]] = []
    for kap, info in sorted(model.chapters.items()):
        if info.type != "utgift":
            continue
        if prop:
            v = sum((proposal_amount(p.amounts) or 0) for p in info.prop[1].posts) if info.prop else 0
        else:
            v = sum(letter_posts(info).values())
        if not v:
            continue
        if info.programme_category:
            sums[info.programme_category] = sums.get(info.programme_category, 0) + v
        else:
            left_out.append((kap, info.title, v))
    if not sums:
        return None
    items = tuple((f"{code} {titles.get(code, '')}".strip(), sums[code]) for code in sorted(sums))
    total = sum(sums.values()) + sum(v for _, _, v in left_out)
    return CategoryFigures(series, items, tuple(left_out), total)


def category_titles(graph: SiteGraph) -> dict[str, str]:
    """Programme category names from every year's proposition (code -> title)."""
    return {c.code: c.title for m in graph.years.values() for d in m.documents for c in d.programme_categories}
