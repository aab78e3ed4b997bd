"""The year's front page: totals, spending by category, biggest changes, counts, what is new."""
from __future__ import annotations

from collections import Counter

from generator.linking import PageRef, SiteGraph, YearModel, chapter_path, post_anchor
from generator.render.links import page_link
from generator.render.markdown import esc, format_amount, heading, rel, table

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember"]


def _last_amount(pairs) -> int | None:
    return pairs[-1][1] if pairs else None


def letter_allocation(pairs) -> int | None:
    """A letter row's allocation for its year: the last amount column printed
    (tables print earlier years first: "Saldert 2017 | 2018")."""
    values = [v for _, v in pairs if v is not None]
    return values[-1] if values else None


def letter_posts(info) -> dict[str, int]:
    """Allocation per post, adding up the letter's lines for the same post
    (the 2025 letter splits 701.21 over five lines)."""
    out: dict[str, int] = {}
    for _, row in info.letter_rows:
        v = letter_allocation(row.amounts)
        if row.post and v is not None:
            out[row.post] = out.get(row.post, 0) + v
    return out


def year_totals(model: YearModel) -> list[list[str]]:
    """Expense and income totals, never mixed: per amount column of the
    proposition's post tables, or the letter's allocations (each row's last
    column, whatever the table calls it)."""
    rows = []
    for kind, label in (("utgift", "Utgifter"), ("inntekt", "Inntekter")):
        infos = [i for i in model.chapters.values() if i.type == kind]
        sums: dict[str, int] = {}
        for info in infos:
            if info.prop:
                for p in info.prop[1].posts:
                    for k, v in p.amounts:
                        if v is not None:
                            sums[k] = sums.get(k, 0) + v
        letter = sum(sum(letter_posts(i).values()) for i in infos if not i.prop)
        for k in sorted(sums, key=_column_order):
            rows.append([label, esc(k), format_amount(sums[k])])
        if any(not i.prop and i.letter_rows for i in infos):
            rows.append([label, "Tildelt i brevet", format_amount(letter)])
    return rows


def _column_order(label: str) -> tuple:
    import re

    m = re.search(r"(19|20)\d\d", label)
    return (int(m.group(0)) if m else 0, label)


def category_totals(model: YearModel, titles: dict[str, str] | None = None) -> list[tuple[str, int]]:
    """Expense per programme category: the proposal column of a proposition,
    or what the letter allocates (its chapters placed by the proposition's
    category tables)."""
    sums: dict[str, int] = {}
    titles = titles or {c.code: c.title for d in model.documents for c in d.programme_categories}
    for info in model.chapters.values():
        if info.type != "utgift" or not info.programme_category:
            continue
        if info.prop:
            v = sum((_last_amount(p.amounts) or 0) for p in info.prop[1].posts)
        else:
            v = sum(letter_posts(info).values())
        if v:
            sums[info.programme_category] = sums.get(info.programme_category, 0) + v
    return [(f"{code} {titles.get(code, '')}".strip(), sums[code]) for code in sorted(sums)]


def category_titles(graph: SiteGraph) -> dict[str, str]:
    return {c.code: c.title for m in graph.years.values() for d in m.documents for c in d.programme_categories}


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
            before: dict[str, int | None] = {}
            if kap in prev.chapters:
                pinfo = prev.chapters[kap]
                before.update(letter_posts(pinfo))
                if pinfo.prop:
                    for p in pinfo.prop[1].posts:
                        before.setdefault(p.post, _last_amount(p.amounts))
            for post, v in sorted(letter_posts(info).items()):
                title = next((r.title for _, r in info.letter_rows if r.post == post), "")
                if before.get(post) is None:
                    new.append((kap, post, title, v, info.type))
                elif v != before[post]:
                    changes.append((kap, post, title, v - before[post], info.type, before[post]))
    changes.sort(key=lambda c: (-abs(c[3]), c[0], c[1]))
    return changes, new


def comparison_note(model: YearModel, graph: SiteGraph) -> str:
    if any(i.prop for i in model.chapters.values()):
        return "Forslaget for året sammenlignet med saldert budsjett året før, post for post."
    prev_year = max((y for y in graph.years if y < model.year), default=None)
    if prev_year is None:
        return ""
    prev = graph.years[prev_year]
    kind = "forslaget i Prop. 1 S" if any(i.prop for i in prev.chapters.values()) else "tildelingen i brevet"
    return (f"Tildelingen i brevet for {model.year} (summen av brevets linjer per post) sammenlignet med "
            f"{kind} for {prev_year}.")


def _post_link(year: int, kap: int, post: str) -> str:
    return page_link(PageRef(year, "index.md"), PageRef(year, chapter_path(kap), post_anchor(post)), f"{kap}.{post}")


def render_overview(model: YearModel, graph: SiteGraph, chart_md: str, change_chart_md: str) -> list[str]:
    out: list[str] = []
    totals = year_totals(model)
    if totals:
        out += [heading(2, "Totalt", "totalt"),
                "Summen av postene i kildene, i 1 000 kr, nominelt. Utgifter og inntekter holdes hver for seg.",
                table(["Type", "Grunnlag", "Beløp"], totals, ["l", "l", "r"])]
    if chart_md:
        basis = ("Forslaget i proposisjonen" if any(i.prop for i in model.chapters.values())
                 else "Det brevet tildeler, med kapitlene plassert etter proposisjonens programkategorier")
        out += [heading(2, "Utgifter etter programkategori", "kategorier"), esc(basis) + ".", chart_md]
    changes, new = post_changes(model, graph)
    if changes:
        rows = [[_post_link(model.year, k, p), esc(t), esc(kind), format_amount(base), format_amount(d),
                 f"{d / base * 100:+.1f} %".replace(".", ",").replace("-", "−") if base else ""]
                for k, p, t, d, kind, base in changes[:12]]
        out += [heading(2, "Største endringer fra året før", "endringer"),
                esc(comparison_note(model, graph)) + " Nye eller omnummererte poster er ikke regnet som "
                "endringer; de står under «Nytt i år». Beløp i 1 000 kr.",
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
