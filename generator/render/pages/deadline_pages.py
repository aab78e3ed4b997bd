"""Frister: the page type and its renderer. Every deadline of the year in
date order (frister/) and its calendar files (.ics: the year's, one per
department and one per assignment)."""
from __future__ import annotations

from dataclasses import dataclass

from generator.derive.deadlines import assignment_due, assignment_dues, event_title, human_date, month_label
from generator.link.graph import YearModel
from generator.link.urls import (
    DEADLINES_PAGE, addition_anchor, assignment_calendar, assignment_path, source_anchor, source_page_for, url_of,
)
from generator.parsing.tokens.assignment_id import sort_key as id_sort_key
from generator.render.formats.serialise import CalendarEvent, ics_calendar
from generator.render.markdown import esc, front_matter, heading, rel, table
from generator.render.pages.base import PageSet, YearContext, split_files
from generator.settings import Settings


def pages(ctx: YearContext) -> PageSet:
    return split_files(render_deadlines(ctx.model, ctx.inp.settings), [{"Frister": DEADLINES_PAGE}])


@dataclass(frozen=True)
class Deadline:
    date: str  # ISO first day
    end: str  # ISO last day (= date for an exact deadline)
    approximate: bool
    label: str  # "31. desember 2025", "mars 2025 (omtrentlig)"
    what: str  # "Oppdrag" | "Rapportering"
    title: str  # the calendar title: the assignment's ID and title, or the reporting item
    page: str  # docs path
    anchor: str
    uid: str
    departments: tuple[str, ...] = ()
    detail: str = ""  # the reporting item's full text (with a meeting's clock time)


def _sort_key(d: Deadline) -> tuple:
    return (d.end, d.what, id_sort_key(d.title))


def collect_deadlines(model: YearModel) -> tuple[list[Deadline], list[tuple]]:
    """(every dated deadline: exact and approximate, by date; the assignments without a fixed date)."""
    items: list[Deadline] = []
    undated: list[tuple] = []
    for _, a in model.assignments.values():
        dues = assignment_dues(a)
        if not dues:
            undated.append((a, assignment_due(a).label))
            continue
        for n, due in enumerate(dues):  # every dated deadline the assignment prints
            key = a.page_id.lower()
            uid = f"{key}@helsebudsjett" if n == 0 else f"{key}-{n + 1}@helsebudsjett"
            items.append(Deadline(due.start, due.end, due.kind == "approximate", due.label, "Oppdrag",
                                  f"{a.id} {a.title}".strip(), assignment_path(a.page_id), "", uid,
                                  tuple(a.departments)))
    items += _addition_deadlines(model)
    for doc in model.documents:
        for i, d in enumerate(doc.dated_items):
            items.append(Deadline(d.date, d.date, False, human_date(d.date), "Rapportering", event_title(d.title),
                                  source_page_for(doc, d.line), source_anchor(d.line),
                                  f"{doc.source.rsplit('.', 1)[0]}-{d.line}-{i}@helsebudsjett",
                                  detail=f"{d.date_text}: {d.title}".strip()))
    items.sort(key=_sort_key)
    undated.sort(key=lambda au: id_sort_key(au[0].id))
    return items, undated


def _addition_deadlines(model: YearModel) -> list[Deadline]:
    """The deadlines of a later letter's additions to an assignment (anchored at
    the addition on the assignment's page)."""
    items = []
    for key, additions in sorted(model.extensions.items()):
        given = model.assignments.get(key)
        if given is None:
            continue
        a = given[1]
        for k, (_, ext) in enumerate(additions, start=1):
            for n, due in enumerate(assignment_dues(ext), start=1):
                items.append(Deadline(due.start, due.end, due.kind == "approximate", due.label, "Oppdrag",
                                      f"{a.id} {a.title} (tillegg {k})".strip(), assignment_path(a.page_id),
                                      addition_anchor(k), f"{key}-tillegg-{k}-{n}@helsebudsjett", tuple(a.departments)))
    return items


def _event(settings: Settings, year: int, d: Deadline) -> CalendarEvent:
    description = f"{d.what}, frist {d.label}" + (" – perioden fristen gjelder" if d.approximate else "")
    if d.detail:
        description += f"\n{d.detail}"
    url = settings.page_url(year, url_of(d.page))
    url = (url + (f"#{d.anchor}" if d.anchor else "")) if url else ""
    return CalendarEvent(d.uid, d.date, d.title, description, url, d.end if d.end != d.date else "")


def render_deadlines(model: YearModel, settings: Settings) -> dict[str, str]:
    path = DEADLINES_PAGE
    items, undated = collect_deadlines(model)
    departments = sorted({dep for d in items for dep in d.departments})
    feeds = ", ".join(f"[{esc(dep)}](frister-{dep}.ics)" for dep in departments)
    n_exact = sum(1 for d in items if d.what == "Oppdrag" and not d.approximate)
    n_approx = sum(1 for d in items if d.approximate)
    out = [front_matter(title="Frister"), heading(1, f"Frister {model.year}"),
           f"Alle frister i kildene for {model.year}, i datorekkefølge: {n_exact} oppdragsfrister med dato, "
           f"{n_approx} omtrentlige oppdragsfrister (en måned, et kvartal, et halvår eller årets slutt; "
           "merket «omtrentlig», i kalenderen som hele perioden; et oppdrag kan ha flere frister), "
           f"{len(items) - n_exact - n_approx} rapporteringsfrister, og til slutt {len(undated)} oppdrag uten "
           "fast dato. [Abonner på kalenderen (frister.ics)](frister.ics) eller last den ned"
           + (f"; bare én avdelings oppdrag: {feeds}." if feeds else ".")]
    month = ""
    rows: list[list[str]] = []

    def flush() -> None:
        if rows:
            out.append(table(["Frist", "Type", "Hva"], rows))
            rows.clear()

    for d in items:
        key = d.end[:7]
        if key != month:
            flush()
            month = key
            out.append(heading(2, month_label(key).capitalize(), f"m-{key}"))
        label = f"**{esc(d.label)}**" if d.approximate else esc(d.label)
        rows.append([label, d.what, f"[{esc(d.title)}]({rel(path, d.page, d.anchor)})"])
    flush()
    if not items:
        out.append("Det er ingen daterte frister i kildene for dette året.")
    if undated:
        out += [heading(2, "Uten fast dato", "uten-fast-dato"),
                "Oppdrag der fristen avtales senere eller ikke er oppgitt; teksten er brevets egen.",
                table(["Oppdrag", "Frist i brevet"],
                      [[f"[{esc(a.id)} {esc(a.title)}]({rel(path, assignment_path(a.page_id))})",
                        esc(text) or "ikke oppgitt"] for a, text in undated])]
    name = f"Helsebudsjettet {model.year}: frister"
    files = {path: "\n\n".join(out) + "\n",
             "frister/frister.ics": ics_calendar([_event(settings, model.year, d) for d in items], name)}
    for dep in departments:
        files[f"frister/frister-{dep}.ics"] = ics_calendar(
            [_event(settings, model.year, d) for d in items if dep in d.departments], f"{name} ({dep})")
    per_assignment: dict[str, list[Deadline]] = {}
    for d in items:
        if d.what == "Oppdrag":
            per_assignment.setdefault(d.page, []).append(d)
    for page, own in per_assignment.items():
        files[assignment_calendar(page)] = ics_calendar(
            [_event(settings, model.year, d) for d in own], own[0].title)
    return files
