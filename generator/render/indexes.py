"""Index pages of a year: all chapters, all assignments (filterable), all decisions."""
from __future__ import annotations

import html
from collections import defaultdict

from generator.parsing.tokens.assignment_id import sort_key as id_sort_key
from generator.derive.assignment_count import assignment_count
from generator.derive.deadlines import assignment_due, human_date
from generator.derive.series import LETTER_SERIES, MISSING_NAME, WITH_FOLKETRYGD
from generator.link.graph import YearModel, assignment_path, chapter_path, vedtak_path
from generator.render.assignment_page import STATUS_LABEL
from generator.render.entity_parts import letter_label
from generator.render.letters import continued_text, later_letters_text, letter_key
from generator.render.markdown import esc, format_amount, front_matter, heading, rel, table

AREA_NAMES = {"10": "Programområde 10 Helse og omsorg", "30": "Programområde 30 Helsetjenester, folketrygden"}


def chapter_amount(info, column_prefix: str) -> int | None:
    if info.prop:
        sums = dict(info.prop[1].printed_sum)
        for k, v in sums.items():
            if k.startswith(column_prefix):
                return v
    return None


def render_chapter_index(model: YearModel, allocations: dict[int, dict[str, int]], download: str) -> str:
    path = "kapittel/index.md"
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
                esc(AREA_NAMES.get(area, "")),
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


def _month(iso: str | None) -> str:
    return iso[:7] if iso else ""


def render_assignment_index(model: YearModel, download: str) -> str:
    """A table with filters (department, status, deadline month, letter) and sortable columns.

    The filtering and sorting are done by site_overrides/assets/javascripts/tables.js;
    without JavaScript the full table is still there.
    """
    path = "oppdrag/index.md"
    # in the letters' order: the main letter, then each supplementary letter (2026's are files of their own)
    items = sorted(model.assignments.values(),
                   key=lambda da: (da[0].supplement or 0, da[1].line, id_sort_key(da[1].id)))
    rows = []
    for doc, a in items:
        due = assignment_due(a, model.year)
        due_text = due.label if due.kind != "none" else "uten fast dato"
        attrs = {
            "data-avdeling": " ".join(a.departments),
            "data-status": a.status,
            "data-maaned": _month(due.end or None),
            "data-brev": letter_key(doc, a),
        }
        attr = " ".join(f'{k}="{html.escape(v, quote=True)}"' for k, v in attrs.items())
        href = html.escape(rel(path, assignment_path(a.page_id)).replace("index.md", ""), quote=True)
        rows.append(
            f"<tr {attr}><td><a href=\"{href}\">{html.escape(a.id)}</a>"
            + ("" if a.printed_id else '<sup title="ID laget av nettstedet, ikke trykt i brevet">*</sup>')
            + "</td>"
            f"<td>{html.escape(a.title)}</td><td>{html.escape(', '.join(a.departments) or '–')}</td>"
            f"<td data-sort=\"{due.end or '9999'}\">{html.escape(due_text)}</td>"
            f"<td>{html.escape(STATUS_LABEL.get(a.status, a.status))}</td>"
            f"<td>{html.escape(letter_label(a.letter, doc))}</td></tr>"
        )
    out = [front_matter(title="Oppdrag"), heading(1, "Oppdrag"), _count_sentence(model)
           + ("IDer merket * er laget av nettstedet (brevet trykker ingen ID for dem). "
              if any(not a.printed_id for _, a in items) else "")
           + "Velg i listene for å filtrere, "
           f"og klikk på en kolonneoverskrift for å sortere. {download}. "
           f"Oppdragene er også ordnet etter [stikkord]({rel(path, 'oppdrag/stikkord.md')}).",
           '<div class="filtertabell" markdown="0">\n'
           '<table class="sorterbar">\n<thead><tr><th scope="col">ID</th><th scope="col">Tittel</th>'
           '<th scope="col">Avdeling</th><th scope="col">Frist</th><th scope="col">Status</th>'
           '<th scope="col">Brev</th></tr></thead>\n<tbody>\n' + "\n".join(rows) + "\n</tbody></table>\n</div>"]
    if not items:
        out[-1] = "Det er ingen oppdrag i kildene for dette året."
    return "\n\n".join(out) + "\n"


def _count_sentence(model: YearModel) -> str:
    """"98 oppdrag gitt i brevene for 2026, og 1 oppdrag fra 2025 som
    videreføres (TB2025-115). ": the year's own and the ones it continues apart."""
    count = assignment_count(model)
    out = f"{count.own} oppdrag gitt i tildelingsbrevet for {model.year}"
    if len(model.letters) > 1:
        out = f"{count.own} oppdrag gitt i brevene for {model.year} (tildelingsbrevet og " \
              f"{later_letters_text(model.letters)})"
    others = continued_text(count)
    if others:
        named = ", ".join(f"[{esc(i)}]({rel('oppdrag/index.md', assignment_path(i))})" for i in count.continued)
        out += f", og {others}" + (f" ({named})" if len(count.continued) <= 5 else "")
    return out + ". "


def render_tags_page() -> str:
    return front_matter(title="Oppdrag etter stikkord") + "# Oppdrag etter stikkord\n\n" \
        "Hvert oppdrag er merket med eieravdelingen i departementet og med status.\n\n<!-- material/tags -->\n"


def render_vedtak_index(model: YearModel, download: str) -> str:
    path = "vedtak/index.md"
    items = sorted(model.vedtak.values(), key=lambda dv: (dv[1].session, int(dv[1].nr) if dv[1].nr.isdigit() else 0))
    closed = {True: "Ja", False: "Nei", None: "–"}
    rows = [[esc(v.session), f"[{esc(v.nr)}]({rel(path, vedtak_path(v.session, v.nr))})", esc(human_date(v.date) if v.date else "–"),
             esc(v.title), closed[v.reporting_closed]] for _, v in items]
    done = sum(1 for _, v in items if v.reporting_closed)
    out = [front_matter(title="Anmodningsvedtak"), heading(1, "Anmodningsvedtak"),
           f"{len(items)} anmodningsvedtak er omtalt i oppfølgingstabellen; regjeringen foreslår å avslutte "
           f"rapporteringen for {done} av dem. {download}.",
           table(["Sesjon", "Nr.", "Dato", "Stikkord", "Rapportering avsluttes"], rows)]
    return "\n\n".join(out) + "\n"
