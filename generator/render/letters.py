"""A year's letters as the pages name them: which letter, when, and where its text is.

The year's letters come from the linked model (`YearModel.letters`: the main
letter, then its supplements); an assignment's letter is the supplement
whose file holds it, or for a supplement bound into the main letter's file
its part (`Assignment.letter`, "tillegg-1").
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.derive.assignment_count import AssignmentCount
from generator.derive.deadlines import assignment_dues, human_date
from generator.parsing.tokens.assignment_id import id_year
from generator.parsing.tokens.assignment_id import sort_key as id_sort_key
from generator.link.graph import YearModel
from generator.link.urls import addition_anchor, assignment_key, letter_text_page
from generator.link.year_models import is_exempt
from generator.model import Assignment, Document, Letter
from generator.render.entity_parts import source_line_link
from generator.render.markdown import blocks_markdown, esc, heading, rel

NO_DATE = "dato ikke trykt i kilden"


def letter_date(letter: Letter) -> str:
    return human_date(letter.date) if letter.date else NO_DATE


def letter_title(letter: Letter) -> str:
    """"Supplerende tildelingsbrev nr. 2" / "Tildelingsbrevet"."""
    return letter.name[:1].upper() + letter.name[1:]


def letter_with_date(letter: Letter) -> str:
    """"supplerende tildelingsbrev nr. 2 av 16. april 2026"; the main letter
    without a printed date says so."""
    return f"{letter.name} av {human_date(letter.date)}" if letter.date else f"{letter.name} ({NO_DATE})"


def letter_of(model: YearModel, doc: Document, a: Assignment | None = None) -> Letter | None:
    """The letter that printed `a` (or the document's first letter)."""
    for letter in model.letters:
        if letter.source != doc.source:
            continue
        if doc.supplement is not None or a is None or a.letter == letter.label:
            return letter
    return next((x for x in model.letters if x.source == doc.source), None)


@dataclass(frozen=True)
class LetterAssignments:
    """What one letter did to the year's assignments."""
    letter: Letter
    new: tuple[tuple[Document, Assignment], ...]  # given by this letter
    announced: tuple[tuple[Document, Assignment], ...]  # announced, given by a later letter
    extended: tuple[tuple[Document, Assignment], ...]  # additions to an assignment an earlier letter gave
    repeated: tuple[tuple[Document, Assignment], ...]  # listed again (an exempt one), no new text


def earlier_years_assignment(model: YearModel, doc: Document, a: Assignment) -> bool:
    """A supplementary letter's addition to an assignment of an earlier year
    ("Presisering av tidligere oppdrag: TB2025-115"), not a new one."""
    year = id_year(a.id)
    return doc.supplement is not None and year is not None and year < model.year


def assignments_by_letter(model: YearModel) -> list[LetterAssignments]:
    out = []
    given = [(d, a) for d, a in model.assignments.values()
             if a.status == "new" or earlier_years_assignment(model, d, a)]
    for letter in model.letters:
        def mine(pairs):
            return tuple(sorted(((d, a) for d, a in pairs if letter_of(model, d, a) == letter),
                                key=lambda p: id_sort_key(p[1].id)))
        new = mine((d, a) for d, a in given if not earlier_years_assignment(model, d, a))
        earlier = mine((d, a) for d, a in given if earlier_years_assignment(model, d, a))
        out.append(LetterAssignments(
            letter, new, mine(model.announced.values()),
            earlier + mine(p for pairs in model.extensions.values() for p in pairs),
            mine(p for pairs in model.reprints.values() for p in pairs if is_exempt(p[1]))))
    return out


def assignment_letters(model: YearModel, a: Assignment) -> tuple[Letter | None, Letter | None]:
    """(the letter that announced it, if any; the letter that gave it)."""
    key = assignment_key(a.page_id)
    given = model.assignments.get(key)
    announced = model.announced.get(key)
    return (letter_of(model, *announced) if announced else None,
            letter_of(model, *given) if given else None)


def letter_key(doc: Document, a: Assignment) -> str:
    """The letter that printed `a`, for filters and CSV: "hovedbrev",
    "tillegg-3" (a part of the main letter's file, 2022), "supplerende-nr-3"."""
    return f"supplerende-nr-{doc.supplement}" if doc.supplement is not None else a.letter


def later_letters_text(letters: tuple[Letter, ...]) -> str:
    """What follows the main letter: "5 supplerende tildelingsbrev", "3 tillegg til tildelingsbrevet"."""
    later = letters[1:]
    bound = sum(1 for x in later if x.label.startswith("tillegg-"))
    parts = [f"{len(later) - bound} supplerende tildelingsbrev"] if len(later) > bound else []
    parts += [f"{bound} tillegg til tildelingsbrevet"] if bound else []
    return " og ".join(parts)


def continued_text(count: AssignmentCount) -> str:
    """"1 oppdrag fra 2025 som videreføres", "74 oppdrag fra tidligere år som
    videreføres"; "" when the year's letters continue none."""
    n = len(count.continued)
    if not n:
        return ""
    years = [str(y) for y in count.continued_years]
    when = (" og ".join(years) if 0 < len(years) <= 2 else "tidligere år")
    return f"{n} oppdrag fra {when} som videreføres"


__all__ = ["NO_DATE", "continued_text", "later_letters_text", "letter_key", "letter_date", "letter_title", "letter_with_date",
           "letter_of", "assignments_by_letter", "assignment_letters",
           "LetterAssignments"]


def assignment_through_year(model: YearModel, doc: Document, a: Assignment, page: str,
                            extensions: list[tuple[Document, Assignment]]) -> tuple[list, str, str]:
    """What an assignment page says in a year of several letters (2026's
    supplementary letters, 2022's tillegg bound into its letter's file): which
    letter gave it (or carried an earlier year's over) and when (and announced it, where one did), that it is
    exempt from public access, and every later letter's addition to it, dated,
    with its text and deadlines."""
    if len(model.letters) <= 1:
        return [], "", ""
    announced, given = assignment_letters(model, a)
    facts = []
    if given:
        target = letter_text_page(model.text_pages.get(given.source, []), given)
        label = esc(letter_with_date(given))
        what = "Presisert i" if earlier_years_assignment(model, doc, a) else \
            "Videreført i" if a.status == "carried_over" else "Gitt i"
        facts.append([what, f"[{label}]({rel(page, target)})" if target else label])
    if announced:
        first = model.announced[assignment_key(a.page_id)]
        facts.append(["Varslet i", f"{esc(letter_with_date(announced))}: «{esc(first[1].title)}» "
                                   f"({source_line_link(page, first[0], first[1].line, first[1].end_line)})"])
    added = [letter_of(model, d, x) for d, x in extensions]
    if added:
        facts.append(["Tillegg", "; ".join(
            f"[{esc(letter_with_date(x)) if x else esc(d.title)}](#{addition_anchor(n)})"
            for n, (x, (d, _)) in enumerate(zip(added, extensions), start=1))])
    notice = ""
    if earlier_years_assignment(model, doc, a):
        notice = (f"!!! note \"Et oppdrag fra et tidligere år\"\n    {esc(a.id)} ble gitt før {model.year}. "
                  f"{esc(letter_title(given) if given else doc.title)} presiserer det eller legger til en "
                  "delleveranse; teksten under er brevets tillegg, ikke hele oppdraget.")
    if is_exempt(a):
        notice = ("!!! note \"Unntatt offentlighet\"\n    Oppdraget er unntatt offentlighet: brevet gir bare "
                  "ID-en og viser til et eget vedlegg som ikke er offentlig. Det er likevel et oppdrag i året, "
                  "og det telles med.")
    parts = []
    for n, (ext_doc, ext) in enumerate(extensions, start=1):
        letter = letter_of(model, ext_doc, ext)
        dues = sorted(assignment_dues(ext), key=lambda d: (d.end, d.start))
        when = "; ".join(f"**{esc(d.label)}**" for d in dues) or "ingen fast dato"
        parts += [f'<span id="{addition_anchor(n)}"></span>',
                  heading(3, f"{letter_title(letter) if letter else ext_doc.title} – "
                             f"{letter_date(letter) if letter else ''}"),
                  f"Frister i tillegget: {when}. Kilde: {source_line_link(page, ext_doc, ext.line, ext.end_line)}.",
                  blocks_markdown(ext.body, base_level=4) or esc(ext.title)]
    additions = ""
    if parts:
        additions = "\n\n".join([heading(2, "Tillegg i løpet av året", "tillegg"),
                                 "Senere brev har lagt delleveranser eller presiseringer til oppdraget:", *parts])
    return facts, notice, additions
