"""The document model: frozen dataclasses, each entity with its source span.

Parsers build these; the linker and renderers only read them. Amounts are
integers in the unit the source table states (usually 1000 NOK); a missing
cell is None, never 0. `contract.to_contract` turns a Document into the
JSON of docs/contract.md.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Block:
    """A piece of running text, ready to render.

    kind: "paragraph" (text), "heading" (text, level), "lead" (a run-in
    heading printed as a short line above a paragraph), "list" (items),
    "table" (rows: first row is the header when `header` is True), "pre" (text).
    A document's `text_blocks` also hold "section", "budget_table" and
    "decision_table" (see `parsing/text_blocks.py`).
    """

    kind: str
    line: int
    end_line: int
    text: str = ""
    level: int = 0
    items: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    header: bool = False


@dataclass(frozen=True)
class Section:
    number: str  # "3.1.3"; "" for an unnumbered part heading
    title: str
    level: int
    line: int
    end_line: int
    blocks: tuple[Block, ...] = ()
    page: int | None = None  # printed page of the first line, where the extraction shows pages
    heading_end: int = 0  # last line of the heading as printed (a wrapped title); 0: `line` alone


@dataclass(frozen=True)
class Reference:
    """A mention of another entity inside a text, typed by the parser that read
    it, so that the linker never parses `target` back: an assignment (`target`
    is its ID), a chapter or post (`kap`, `post`), a decision (`session`,
    `nr`) or a letter (`year`). `target` is the same thing as one string, for
    the extraction JSON."""

    kind: str  # "assignment" | "kap" | "vedtak" | "letter"
    target: str  # "TB2023-30", "740" or "740.21", "2022–2023:831", "tildelingsbrev-2022"
    text: str  # as printed
    line: int
    kap: int | None = None
    post: str | None = None
    session: str | None = None
    nr: str | None = None
    year: int | None = None


def assignment_reference(assignment_id: str, text: str, line: int) -> Reference:
    return Reference("assignment", assignment_id, text, line)


def kap_reference(kap: int, post: str | None, text: str, line: int) -> Reference:
    return Reference("kap", f"{kap}.{post}" if post else str(kap), text, line, kap=kap, post=post)


def vedtak_reference(session: str | None, nr: str, text: str, line: int) -> Reference:
    return Reference("vedtak", f"{session}:{nr}" if session else nr, text, line, session=session, nr=nr)


def letter_reference(year: int, text: str, line: int) -> Reference:
    return Reference("letter", f"tildelingsbrev-{year}", text, line, year=year)


@dataclass(frozen=True)
class Deadline:
    """One deadline of an assignment. A period ("første halvår 2025") is dated
    at its last day and marked approximate, its first day and kind kept as
    the parser read them (parsing/tokens/periods.py); "avtales nærmere" has
    no date."""

    date: str | None  # ISO date; a period's last day
    text: str  # the words as printed
    approximate: bool = False
    agreed_later: bool = False
    first: str | None = None  # a period's first day (ISO); None for a printed date
    period: str = ""  # a period's kind: quarter, half, month, month_end, year_end (periods.py)


@dataclass(frozen=True)
class Assignment:
    id: str
    printed_id: str | None
    title: str
    departments: tuple[str, ...]
    deadline: str | None  # ISO date
    deadline_text: str | None
    section: str
    letter: str  # "hovedbrev" | "tillegg-1" | ...
    status: str  # "new" | "carried_over"
    line: int
    end_line: int
    body: tuple[Block, ...] = ()
    references: tuple[Reference, ...] = ()
    aliases: tuple[str, ...] = ()  # the other IDs printed on the same row ("TB2021-01, TB2021-31")
    deadlines: tuple[Deadline, ...] = ()  # every deadline printed, in order; `deadline` is the first dated one
    deadline_approximate: bool = False  # `deadline` is the end of a period, not a printed date
    department_remark: str = ""  # printed with the department codes: "SHA og KTA (pkt. 1)"
    # The same ID printed again for a different assignment (another title): the
    # second printing gets its own page, "TB2021-43-2"; "" for the first.
    page_slug: str = ""
    header_end: int = 0  # last line of its header (ID, departments, a wrapped title) as the rule read it; 0: `line`

    @property
    def page_id(self) -> str:
        """What the assignment's page is named by: its ID, or its printing's slug."""
        return self.page_slug or self.id
    page: int | None = None  # printed page of the header, where the extraction shows pages


@dataclass(frozen=True)
class BudgetRow:
    kap: int
    post: str  # "21"; "" for a chapter-level row
    title: str
    amounts: tuple[tuple[str, int | None], ...]  # (column heading as printed, amount)
    unit: str
    type: str  # "utgift" | "inntekt" | "folketrygd" (an expense of the folketrygd: `budget_side` "utgift")
    line: int
    comment: str = ""
    end_line: int = 0
    page: int | None = None  # printed page of the first line, where the extraction shows pages
    read_from: str = "table"  # "table" | "prose" (an allocation given in running text)
    # Why `title` is "": the row prints no title (a change table has no title column; a title cell left empty).
    title_note: str = ""


ROW_TYPES = ("utgift", "inntekt", "folketrygd")


def budget_side(row_type: str) -> str:
    """The side of the budget a row's type is on: a folketrygd row is an
    expense (its chapter an expense chapter), so a chapter, and every total
    of expenses, counts it with "utgift"; pages say where a total includes it."""
    return "inntekt" if row_type == "inntekt" else "utgift"


@dataclass(frozen=True)
class ChapterHeading:
    """A chapter named by a letter's own heading ("Kap. 575 Ressurskrevende
    tjenester"), with the section heading it stands under (a ministry's:
    "4.3 Kommunal- og moderniseringsdepartementet")."""
    kap: int
    title: str
    line: int
    under: str = ""


@dataclass(frozen=True)
class AllocationChange:
    """A change to one post's allocation printed by a supplementary letter:
    a row of a change table ("Tidligere tildeling | Ny tildeling | Sum
    tildeling") or a sentence ("Tildelingen på posten økes med 500 000
    kroner"). `amount` is signed, in 1 000 kr; `text` is the letter's words."""

    kap: int
    post: str
    amount: int
    how: str  # "table" | "prose"
    rule: str  # the rule that read it (parsing/allocation_changes.py)
    text: str
    line: int
    end_line: int
    previous: int | None = None  # "Tidligere tildeling" as printed
    total: int | None = None  # "Sum tildeling", or "Korrekt tildeling ... skal være", as printed
    tolerance: int = 0  # the rounding of prose amounts ("1,5 mill. kroner": 50)
    corrects: int | None = None  # the supplementary letter whose amount this corrects


@dataclass(frozen=True)
class VedtakRef:
    nr: str
    session: str | None  # "2021–2022" (en dash)
    date: str | None
    line: int
    text: str = ""  # as printed: "anmodningsvedtak nr. 831", "Vedtak 929"
    page: int | None = None  # printed page of the first line, where the extraction shows pages


@dataclass(frozen=True)
class DatedItem:
    """A reporting deadline (reporting calendar, annual report requirements)."""

    date: str  # ISO
    date_text: str
    title: str
    section: str
    line: int
    page: int | None = None  # printed page of the first line, where the extraction shows pages


@dataclass(frozen=True)
class Post:
    post: str
    title: str
    amounts: tuple[tuple[str, int | None], ...]
    line: int
    page: int | None = None  # printed page of the first line, where the extraction shows pages


@dataclass(frozen=True)
class Chapter:
    kap: int
    title: str
    type: str  # "utgift" | "inntekt"
    programme_category: str | None
    line: int
    posts: tuple[Post, ...]
    end_line: int = 0
    blocks: tuple[Block, ...] = ()
    printed_sum: tuple[tuple[str, int | None], ...] = ()
    page: int | None = None  # printed page of the first line, where the extraction shows pages


@dataclass(frozen=True)
class Vedtak:
    session: str  # "2022–2023"
    nr: str
    date: str | None
    title: str
    reporting_closed: bool | None
    line: int
    end_line: int = 0
    followup: tuple[Block, ...] = ()
    references: tuple[Reference, ...] = ()
    text_line: int = 0  # first line of the decision's own text (its title above "Vedtak nr. ..."); 0: none
    page: int | None = None  # printed page of `line` (the overview row), where the extraction shows pages
    text_page: int | None = None  # printed page of `text_line`, where a citation of the decision starts
    row_end_line: int = 0  # last line of its row in the follow-up table (the wrapped title, "Ja"/"Nei")


@dataclass(frozen=True)
class DecisionTable:
    """The anmodningsvedtak follow-up table as the parser read it: its
    printed head (caption, column heads, session) and its rows, each from
    its "2022–2023 137" start to its end (a wrapped title, the "Ja"/"Nei").
    A table printed over several pages is one table while only empty lines
    and its head printed again stand between its rows."""

    line: int  # first line: its head's, or its first row's when no head is printed above it
    head_end: int  # last line of the head above the first row; 0: no head printed
    rows: tuple[int, ...]  # each row's first line, in order
    row_ends: tuple[int, ...]  # each row's last line
    end_line: int  # the last row's last line


@dataclass(frozen=True)
class BudgetTable:
    """A budget table of a letter as its parser read it: its printed head
    (the lines above its first row that name its columns and their unit,
    "(i 1000 kr)" / "Kap. Post Postnavn" / "Saldert" / "budsjett", and the
    chapter a caption names, "Kap. 2752 Refusjon av egenbetaling"), its
    first row and its last row's end (parsing/letter/budget_heads.py)."""

    line: int  # first line: its head's, or its first row's when no head is printed above it
    head_end: int  # last line of the head above the first row; 0: no head printed
    first_row: int  # the first row's first line
    end_line: int  # the last row's last line


@dataclass(frozen=True)
class ProgrammeCategory:
    code: str  # "10.30"
    title: str
    line: int
    area: str  # "10"
    chapters: tuple[int, ...] = ()
    totals: tuple[tuple[str, int | None], ...] = ()


@dataclass(frozen=True)
class Document:
    source: str  # file name, "tildelingsbrev-2025.txt"
    path: str  # display path, "source/tildelingsbrev-2025.txt"
    kind: str  # "tildelingsbrev" | "prop1s"
    budget_year: int
    title: str
    date: str | None = None
    reference: str | None = None
    sections: tuple[Section, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    budget_rows: tuple[BudgetRow, ...] = ()
    vedtak_refs: tuple[VedtakRef, ...] = ()
    dated_items: tuple[DatedItem, ...] = ()
    chapters: tuple[Chapter, ...] = ()
    vedtak: tuple[Vedtak, ...] = ()
    programme_categories: tuple[ProgrammeCategory, ...] = ()
    references: tuple[Reference, ...] = ()
    chapter_headings: tuple[ChapterHeading, ...] = ()  # letters: "Kap. 575 Ressurskrevende tjenester" lines
    # The whole running text as blocks, read once by the parse stage: what the
    # full-text pages show (parsing/text_blocks.py).
    text_blocks: tuple[Block, ...] = ()
    # A supplementary letter's number as its title prints it ("Supplerende
    # tildelingsbrev nr. 2"); None for a main letter or a proposition.
    supplement_number: int | None = None
    # A supplementary allocation letter's number (sources.yml `supplement:`):
    # it amends the year's main letter; None for a main letter or a proposition.
    supplement: int | None = None
    allocation_changes: tuple[AllocationChange, ...] = ()  # a supplementary letter's, in order
    decision_tables: tuple[DecisionTable, ...] = ()  # the proposition's follow-up tables, with their spans
    budget_tables: tuple[BudgetTable, ...] = ()  # a letter's budget tables, each with its printed head's span
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)


@dataclass(frozen=True)
class Letter:
    """One allocation letter of a budget year, in the year's order: the main
    letter (number 0), then its supplementary letters. A supplementary letter
    is its own file (sources.yml `supplement: N`) or, in 2022's file, a part
    after the main letter ("Tillegg til tildelingsbrev", numbered in file order)."""

    number: int  # 0: the main letter
    label: str  # "hovedbrev" | "supplerende-nr-2" | "tillegg-1" (an assignment's `letter` in one file)
    name: str  # "tildelingsbrevet" | "supplerende tildelingsbrev nr. 2" | "tillegg 1 til tildelingsbrevet"
    title: str
    date: str | None  # ISO, as the manifest or the letter gives it; None: not printed in the source
    source: str  # file name
    path: str  # display path, "source/..."
    line: int
    end_line: int  # 0: to the end of the file


def letter_sequence(documents: list[Document] | tuple[Document, ...]) -> tuple[Letter, ...]:
    """A year's allocation letters in order: the main letter, the supplements
    bound into its file, then the supplementary letters by number."""
    letters = [d for d in documents if d.kind == "tildelingsbrev"]
    mains = [d for d in letters if d.supplement is None]
    out: list[Letter] = []
    for doc in mains[:1]:
        parts = [s for s in doc.sections if not s.number and s.title.endswith(")") and "(tillegg-" in s.title]
        first_part = min((s.line for s in parts), default=0)
        out.append(Letter(0, "hovedbrev", "tildelingsbrevet", doc.title, doc.date, doc.source, doc.path, 1,
                          first_part - 1 if first_part else 0))
        for n, s in enumerate(parts, start=1):
            out.append(Letter(n, f"tillegg-{n}", f"tillegg {n} til tildelingsbrevet", s.title, None, doc.source,
                              doc.path, s.line, s.end_line))
    for doc in sorted((d for d in letters if d.supplement is not None), key=lambda d: d.supplement or 0):
        out.append(Letter(doc.supplement or 0, f"supplerende-nr-{doc.supplement}",
                          f"supplerende tildelingsbrev nr. {doc.supplement}", doc.title, doc.date, doc.source,
                          doc.path, 1, 0))
    return tuple(out)
