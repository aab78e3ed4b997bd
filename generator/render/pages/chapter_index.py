"""The chapter index (kapittel/): every chapter of the year by programme
area and category, with the proposition's and the letter's amounts; a part
of the chapter page type (`chapter_pages.py`)."""
from __future__ import annotations

from collections import defaultdict

from generator.derive.series import LETTER_SERIES, MISSING_NAME, WITH_FOLKETRYGD
from generator.lexicon import PROGRAMME_AREA_NAMES
from generator.link.graph import YearModel
from generator.link.urls import CHAPTER_INDEX, chapter_path
from generator.render.markdown import esc, format_amount, front_matter, heading, rel, table



def chapter_amount(info, column_prefix: str) -> int | None:
    if info.prop:
        sums = dict(info.prop[1].printed_sum)
        for k, v in sums.items():
            if k.startswith(column_prefix):
                return v
    return None


def render_chapter_index(model: YearModel, allocations: dict[int, dict[str, int]], download: str) -> str:
    path = CHAPTER_INDEX
    out = [front_matter(title="Kapitler"), heading(1, "Budsjettkapitler"),
           f"Alle kapitler med poster i kildene for {model.year}, gruppert etter programområde og "
           "programkategori. Beløp i 1 000 kr, nominelt. Proposisjonens kolonner er hele kapitler; "
           f"«{LETTER_SERIES}» er det tildelingsbrevet stiller til rådighet for direktoratet, ikke hele kapitlet. "
           + download]
    groups: dict[str, list] = defaultdict(list)
    for kap in sorted(model.chapters):
        info = model.chapters[kap]
        groups[info.programme_category or ""].append(info)
    cols = _index_columns(model)
    letter_col = f"{LETTER_SERIES} {model.year}"
    if any(i.letter_rows for i in model.chapters.values()):
        cols.append(letter_col)
    for category in sorted(groups, key=lambda c: (c == "", c)):
        infos = groups[category]
        area = category.split(".")[0] if category else ""
        title = f"Programkategori {category}" if category else "Uten programkategori i kildene"
        cat_title = _category_title(model, category)
        if cat_title:
            title += f" {cat_title}"
        rows = []
        totals = {kind: {c: 0 for c in cols} for kind in ("utgift", "inntekt")}
        for info in infos:
            amounts = [_amount(info, c, letter_col, allocations) for c in cols]
            for c, v in zip(cols, amounts):
                if v is not None and info.type in totals:
                    totals[info.type][c] += v
            rows.append([f"[{info.kap}]({rel(path, chapter_path(info.kap))})", esc(info.title or MISSING_NAME),
                         ("utgift (folketrygden)" if info.folketrygd else "utgift") if info.type == "utgift"
                         else "inntekt"] + [format_amount(v) for v in amounts])
        expense = "Sum utgifter" + (f" {WITH_FOLKETRYGD}" if any(i.folketrygd for i in infos) else "")
        for kind, label in (("utgift", expense), ("inntekt", "Sum inntekter")):
            if cols and any(i.type == kind for i in infos):  # never one sum of both
                rows.append(["", f"**{label}**", ""] + [f"**{format_amount(totals[kind][c])}**" for c in cols])
        out += [heading(2, esc(title), f"kategori-{category.replace('.', '-')}" if category else "uten-kategori"),
                esc(PROGRAMME_AREA_NAMES.get(area, "")),
                table(["Kap.", "Navn", "Type"] + [esc(c) for c in cols], rows, ["l", "l", "l"] + ["r"] * len(cols))]
    return "\n\n".join(p for p in out if p) + "\n"


def _amount(info, column: str, letter_col: str, allocations: dict[int, dict[str, int]]) -> int | None:
    if column == letter_col:
        allocated = allocations.get(info.kap)
        return sum(allocated.values()) if allocated else None
    return chapter_amount(info, column)


def _index_columns(model: YearModel) -> list[str]:
    cols: list[str] = []
    for info in model.chapters.values():
        if info.prop:
            for k, _ in info.prop[1].printed_sum:
                if k not in cols:
                    cols.append(k)
    return cols


def _category_title(model: YearModel, code: str) -> str:
    for doc in model.documents:
        for cat in doc.programme_categories:
            if cat.code == code:
                return cat.title
    return ""


