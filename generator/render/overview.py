"""The year's front page: totals, spending by category, biggest changes, counts, what is new."""
from __future__ import annotations

from collections import Counter

from generator.linking import PageRef, SiteGraph, YearModel, chapter_path, post_anchor
from generator.render.links import page_link
from generator.render.markdown import esc, format_amount, heading, rel, table

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]


def _first_amount(pairs) -> int | None:
    for _, v in pairs:
        if v is not None:
            return v
    return None


def _last_amount(pairs) -> int | None:
    return pairs[-1][1] if pairs else None


def year_totals(model: YearModel) -> list[list[str]]:
    """Expense and income totals per amount column, from the posts (never mixed)."""
    rows = []
    for kind, label in (("utgift", "Utgifter"), ("inntekt", "Inntekter")):
        sums: dict[str, int] = {}
        for info in model.chapters.values():
            if info.type != kind:
                continue
            if info.prop:
                for p in info.prop[1].posts:
                    for k, v in p.amounts:
                        if v is not None:
                            sums[k] = sums.get(k, 0) + v
            else:
                for _, row in info.letter_rows:
                    for k, v in row.amounts:
                        if v is not None and row.post:
                            sums[k] = sums.get(k, 0) + v
        for k, v in sums.items():
            rows.append([label, esc(k), format_amount(v)])
    return rows


def category_totals(model: YearModel) -> list[tuple[str, int]]:
    """Expense per programme category in the last (proposal) column, prop years only."""
    sums: dict[str, int] = {}
    titles = {c.code: c.title for d in model.documents for c in d.programme_categories}
    for info in model.chapters.values():
        if info.type != "utgift" or not info.prop or not info.programme_category:
            continue
        v = sum((_last_amount(p.amounts) or 0) for p in info.prop[1].posts)
        sums[info.programme_category] = sums.get(info.programme_category, 0) + v
    return [(f"{code} {titles.get(code, '')}".strip(), sums[code]) for code in sorted(sums)]


def post_changes(model: YearModel, graph: SiteGraph) -> tuple[list[tuple], list[tuple]]:
    """(changed posts sorted by size of change, new posts) in 1000 kr.

    Prop years compare the proposal with the saldert budget of the year before.
    Letter years compare the allocation with the previous letter's, by kap.post;
    a post that did not exist there is listed as new (it may be renumbered), not
    counted as a change.
    """
    changes, new = [], []
    prev_year = max((y for y in graph.years if y < model.year), default=None)
    prev = graph.years[prev_year] if prev_year else None
    for kap, info in sorted(model.chapters.items()):
        if info.prop:
            for p in info.prop[1].posts:
                amounts = dict(p.amounts)
                base = next((v for k, v in amounts.items() if k.lower().startswith("saldert")), None)
                new_v = _last_amount(p.amounts)
                if new_v is None:
                    continue
                if base is None:
                    new.append((kap, p.post, p.title, new_v, info.type))
                elif new_v != base:
                    changes.append((kap, p.post, p.title, new_v - base, info.type, base))
        elif prev is not None:
            before = {}
            if kap in prev.chapters:
                pinfo = prev.chapters[kap]
                for _, row in pinfo.letter_rows:
                    before[row.post] = _first_amount(row.amounts)
                if pinfo.prop:
                    for p in pinfo.prop[1].posts:
                        before.setdefault(p.post, _last_amount(p.amounts))
            for _, row in info.letter_rows:
                v = _first_amount(row.amounts)
                if not row.post or v is None:
                    continue
                if before.get(row.post) is None:
                    new.append((kap, row.post, row.title, v, info.type))
                elif v != before[row.post]:
                    changes.append((kap, row.post, row.title, v - before[row.post], info.type, before[row.post]))
    changes.sort(key=lambda c: (-abs(c[3]), c[0], c[1]))
    return changes, new


def _post_link(year: int, kap: int, post: str) -> str:
    return page_link(PageRef(year, "index.md"), PageRef(year, chapter_path(kap), post_anchor(post)), f"{kap}.{post}")


def render_overview(model: YearModel, graph: SiteGraph, chart_md: str, change_chart_md: str) -> list[str]:
    out: list[str] = []
    totals = year_totals(model)
    if totals:
        out += [heading(2, "Totalt", "totalt"),
                "Summen av postene i kildene, i 1 000 kr, nominelt. Utgifter og inntekter holdes hver for seg.",
                table(["", "Kolonne", "Beløp"], totals, ["l", "l", "r"])]
    if chart_md:
        out += [heading(2, "Utgifter etter programkategori", "kategorier"), chart_md]
    changes, new = post_changes(model, graph)
    if changes:
        rows = [[_post_link(model.year, k, p), esc(t), esc(kind), format_amount(base), format_amount(d),
                 f"{d / base * 100:+.1f} %".replace(".", ",") if base else ""]
                for k, p, t, d, kind, base in changes[:12]]
        out += [heading(2, "Største endringer fra året før", "endringer"),
                "Nye eller omnummererte poster er ikke regnet som endringer; de står under «Nytt i år».",
                table(["Post", "Betegnelse", "Type", "Før", "Endring", "%"], rows, ["l", "l", "l", "r", "r", "r"])]
        if change_chart_md:
            out.append(change_chart_md)
    out += _assignment_counts(model)
    news = []
    n_new = sum(1 for _, a in model.assignments.values() if a.status == "new")
    n_old = sum(1 for _, a in model.assignments.values() if a.status == "carried_over")
    if model.assignments:
        news.append(f"- {n_new} nye oppdrag og {n_old} videreførte oppdrag "
                    f"([alle oppdrag]({rel('index.md', 'oppdrag/index.md')}))")
    for k, p, t, v, kind in new[:15]:
        news.append(f"- Ny post {_post_link(model.year, k, p)} {esc(t)}: {format_amount(v)}")
    if len(new) > 15:
        news.append(f"- … og {len(new) - 15} andre nye poster")
    if news:
        out += [heading(2, "Nytt i år", "nytt"), "\n".join(news)]
    return out


def _assignment_counts(model: YearModel) -> list[str]:
    if not model.assignments:
        return []
    by_dep: Counter[str] = Counter()
    by_month: Counter[str] = Counter()
    for _, a in model.assignments.values():
        for d in a.departments or ("uten avdeling",):
            by_dep[d] += 1
        by_month[a.deadline[:7] if a.deadline else "uten dato"] += 1
    dep_rows = [[esc(d), str(n)] for d, n in sorted(by_dep.items(), key=lambda x: (-x[1], x[0]))]

    def month_label(key: str) -> str:
        if key == "uten dato":
            return key
        y, m = key.split("-")
        return f"{MONTHS[int(m) - 1]} {y}"

    month_rows = [[esc(month_label(k)), str(n)] for k, n in sorted(by_month.items(), key=lambda x: (x[0] == "uten dato", x[0]))]
    return [heading(2, "Oppdrag etter avdeling og frist", "oppdrag"),
            table(["Avdeling i HOD", "Oppdrag"], dep_rows, ["l", "r"]),
            table(["Frist (måned)", "Oppdrag"], month_rows, ["l", "r"])]
