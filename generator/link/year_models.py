"""link: each year's model: its chapters (named by the proposition, else by a
letter's own heading, and the ministry a letter prints them under), its
assignments (a supplement's additions, announcements and reprints apart) and
its decisions, from that year's parsed documents.
"""
from __future__ import annotations

from generator.model import Assignment, ChapterHeading, Document, budget_side, letter_sequence
from generator.link.graph import ChapterInfo, SiteGraph, YearModel, years_by_preference
from generator.link.urls import assignment_key, vedtak_key

def build_year_model(year: int, documents: list[Document], chapter_names: dict[int, tuple[str, str, str | None]],
                     headings: dict[int, tuple[Document, ChapterHeading]] | None = None) -> YearModel:
    """`headings`: a letter's own chapter headings from every year, the
    nearest year's first; this year's letter wins over them."""
    model = YearModel(year, documents, letters=letter_sequence(documents))
    own = {h.kap: (doc, h) for doc in documents for h in reversed(doc.chapter_headings) if h.title}
    headings = {**(headings or {}), **own}

    def new_chapter(kap: int, kind: str) -> ChapterInfo:
        named = own.get(kap) or (None if kap in chapter_names else headings.get(kap))
        title, ckind, category = chapter_names.get(kap, ("", kind, None))
        return ChapterInfo(kap, named[1].title if named and (kap in own or not title) else title,
                           ckind or kind, category, named_by=named or headings.get(kap))

    for doc in documents:
        for ch in doc.chapters:
            model.chapters[ch.kap] = ChapterInfo(ch.kap, ch.title, ch.type, ch.programme_category, (doc, ch),
                                                 named_by=own.get(ch.kap))
    for doc in sorted(documents, key=lambda d: d.supplement or 0):
        if doc.supplement is not None:  # a supplement's rows are changes (derive/amended), not allocations
            _add_supplement(model, doc, new_chapter)
            continue
        for row in doc.budget_rows:
            info = model.chapters.get(row.kap)
            if info is None:
                info = new_chapter(row.kap, budget_side(row.type))
                model.chapters[row.kap] = info
            info.letter_rows.append((doc, row))
        for change in doc.allocation_changes:  # a supplement bound into the file changes it
            if change.kap not in model.chapters:
                model.chapters[change.kap] = new_chapter(change.kap, "utgift")
        for a in doc.assignments:
            key = assignment_key(a.page_id)
            if key not in model.assignments:
                model.assignments[key] = (doc, a)
            else:  # reported by the parser; the page shows every printing
                model.reprints.setdefault(key, []).append((doc, a))
        for v in doc.vedtak:
            model.vedtak.setdefault(vedtak_key(v.session, v.nr), (doc, v))
    return model


def letter_headings(documents_by_year: dict[int, list[Document]], year: int
                     ) -> dict[int, tuple[Document, ChapterHeading]]:
    """Every chapter heading the letters print, the one from the year nearest `year` kept."""
    out: dict[int, tuple[Document, ChapterHeading]] = {}
    for y in years_by_preference(documents_by_year, year):
        for doc in documents_by_year[y]:
            for h in doc.chapter_headings:
                if h.title:
                    out.setdefault(h.kap, (doc, h))
    return out


def is_exempt(a: Assignment) -> bool:
    """An assignment "unntatt offentlighet": the letter prints its ID and that
    it is exempt, no text (an assignment whose text mentions the words is not)."""
    text = " ".join(b.text for b in a.body)
    return "unntatt offentlighet" in a.title.lower() or (len(text) < 200 and "unntatt offentlighet" in text.lower())


def is_announcement(a: Assignment) -> bool:
    """A printing that only announces the assignment ("Ettersendes")."""
    return is_exempt(a) and "ettersendes" in f"{a.title} {' '.join(b.text for b in a.body)}".lower()


def _add_supplement(model: YearModel, doc: Document, new_chapter) -> None:
    """A supplementary letter's assignments: a new ID is a new assignment; an
    ID an earlier letter gave is an addition to it (or, where the earlier
    printing only announced it, the assignment given)."""
    for row in doc.budget_rows:  # a change table names the chapter: it has a page
        if row.kap not in model.chapters:
            model.chapters[row.kap] = new_chapter(row.kap, budget_side(row.type))
    for change in doc.allocation_changes:
        if change.kap not in model.chapters:
            model.chapters[change.kap] = new_chapter(change.kap, "utgift")
    for a in doc.assignments:
        key = assignment_key(a.page_id)
        first = model.assignments.get(key)
        if first is None:
            model.assignments[key] = (doc, a)
        elif is_announcement(first[1]) and not is_exempt(a):
            model.announced[key] = first
            model.assignments[key] = (doc, a)
        elif is_exempt(a):  # listed again as exempt: a repeat, not an addition
            model.reprints.setdefault(key, []).append((doc, a))
        else:
            model.extensions.setdefault(key, []).append((doc, a))


def with_ministries(graph: SiteGraph, documents_by_year: dict[int, list[Document]]) -> None:
    """Each chapter named by a letter heading that stands under no ministry's
    heading gets the nearest letter that prints it under one."""
    for year, model in graph.years.items():
        for info in model.chapters.values():
            if info.named_by and "departement" in info.named_by[1].under.lower():
                continue
            info.ministry = next(((doc, h) for y in years_by_preference(documents_by_year, year)
                                  for doc in documents_by_year[y] for h in doc.chapter_headings
                                  if h.kap == info.kap and "departement" in h.under.lower()), None)
