"""A budget row as the model keeps it: its type by the table it sits in
(`row_type`, the rules `TYPE_RULES`), its table's unit (read by
`tokens/amounts.UNIT_RULES`), its title and comment joined, and why it
prints no title; the rows a table's rules read (`budget_rows.py`) become
`BudgetRow`s here (`_finish_rows`)."""
from __future__ import annotations

import re
from typing import NamedTuple

from generator.diagnostics import Diagnostics
from generator.model import BudgetRow
from generator.parsing.letter.budget_cells import _Row, _Table, _cell_role, _word_ends_joined
from generator.parsing.tokens.kap_post import chapter_type, is_folketrygd_chapter
from generator.read.source_text import join_wrapped


# What a budget table's section heading says its rows are ("4.2. Inntekter",
# "4.3. Folketrygd- og aktivitetsbaserte poster"); None: it does not say.
_HEADING_KINDS = (("inntekt", re.compile(r"inntekt", re.I)), ("folketrygd", re.compile(r"folketrygd", re.I)))


class TypeSaid(NamedTuple):
    """What a type rule says of a row: its type, what to report where the
    table and the budget's numbering disagree, and whether only its
    chapter's number typed it (reported once per table by `_finish_rows`)."""

    kind: str
    disagreement: str | None = None
    by_number_only: bool = False


def _type_income_heading(kap: int, heading_kind: str | None, table_kap: int | None) -> TypeSaid | None:
    """Rows under an income heading ("4.2. Inntekter") are income."""
    return TypeSaid("inntekt") if heading_kind == "inntekt" else None


def _type_folketrygd_heading(kap: int, heading_kind: str | None, table_kap: int | None) -> TypeSaid | None:
    """Rows under a folketrygd heading ("4.3. Folketrygd- og aktivitetsbaserte
    poster") are folketrygd where their chapter is one of the folketrygd's
    (2500-2799), else their chapter's type, reported."""
    if heading_kind != "folketrygd":
        return None
    if is_folketrygd_chapter(kap):
        return TypeSaid("folketrygd")
    kind = chapter_type(kap)
    return TypeSaid(kind, f"printed in a table of folketrygd posts, but kap. {kap} is no folketrygd chapter "
                  f"(2500-2799); typed {kind}")


def _type_folketrygd_table(kap: int, heading_kind: str | None, table_kap: int | None) -> TypeSaid | None:
    """The rows of a folketrygd chapter's own table (under "Kap. 2711
    Spesialisthelsetjeneste mv.", the 2018 letter) are folketrygd."""
    return TypeSaid("folketrygd") if is_folketrygd_chapter(kap) and table_kap == kap else None


def _type_folketrygd_chapter(kap: int, heading_kind: str | None, table_kap: int | None) -> TypeSaid | None:
    """A folketrygd chapter's row in a table that says neither (the
    allocation tables of 2022-2025 print kap. 2711-2790 among the other
    chapters) is folketrygd by its number only, which `_finish_rows` reports
    once per table."""
    return TypeSaid("folketrygd", by_number_only=True) if is_folketrygd_chapter(kap) else None


def _type_chapter_number(kap: int, heading_kind: str | None, table_kap: int | None) -> TypeSaid | None:
    """Any other row has its chapter's type (3000-3999 and 5000-5999 income)."""
    return TypeSaid(chapter_type(kap))


# A row's type, by the first of these rules with a say, each over the row's
# chapter, what its table's heading says its rows are, and the chapter whose
# own table it is; the last always has a say.
TYPE_RULES = (
    ("income_heading", _type_income_heading),
    ("folketrygd_heading", _type_folketrygd_heading),
    ("folketrygd_table", _type_folketrygd_table),
    ("folketrygd_chapter", _type_folketrygd_chapter),
    ("chapter_number", _type_chapter_number),
)


def row_type(kap: int, heading_kind: str | None, table_kap: int | None = None) -> tuple[str, str | None, str]:
    """A budget row's type by the table it sits in (`TYPE_RULES`, in order)
    and, where the table and the budget's numbering disagree, what to report;
    the third value names the rule that decided. `heading_kind`: what the
    table's section heading says its rows are ("inntekt", "folketrygd" or
    None); `table_kap`: the chapter whose own table this is, if any."""
    said, name = _type_said(kap, heading_kind, table_kap)
    return said.kind, said.disagreement, name


def _type_said(kap: int, heading_kind: str | None, table_kap: int | None) -> tuple[TypeSaid, str]:
    """The first of `TYPE_RULES` with a say: what it says, and its name."""
    for name, rule in TYPE_RULES:
        said = rule(kap, heading_kind, table_kap)
        if said is not None:
            return said, name
    raise AssertionError("chapter_number always has a say")


def _finish_rows(done: list[_Row], table: _Table, file: str, diags: Diagnostics,
                 trace: list | None = None) -> list[BudgetRow]:
    """The rows read, as budget rows: title and comment joined, type from the
    chapter number (or the table's heading), unread figures reported."""
    k = len(table.columns)
    out: list[BudgetRow] = []
    by_number: list[_Row] = []  # folketrygd rows typed by their chapter number only (TypeSaid.by_number_only)
    for r in done:
        amounts = r.amounts if r.amounts is not None else [None] * k
        title = join_wrapped(_word_ends_joined(r.title))
        comment = "\n".join(join_wrapped(p.split("\n")) for p in "\n".join(r.comment).split("\n\n")) if r.comment else ""
        comment = re.sub(r"[ \t]+", " ", comment).strip()
        said, type_rule = _type_said(r.kap, table.type_hint, table.own_kap)
        rtype = said.kind
        if said.by_number_only:
            by_number.append(r)
        if said.disagreement:
            diags.warn(file, r.line, "row-type", f"kap. {r.kap} post {r.post}: {said.disagreement}")
        if all(a is None for a in amounts) and re.search(r"\d,\d", title):
            # Figures printed in another unit ("0,2 0,1", "12,9 mill. kroner") stay in
            # the title as text; say so rather than leave the cells silently empty.
            diags.warn(file, r.line, "amount-unread",
                       f"kap. {r.kap} post {r.post}: figures in '{title[-40:]}' are not whole amounts in "
                       f"{table.unit}; kept as text, amounts left empty")
        out.append(BudgetRow(r.kap, r.post, title, tuple(zip(table.columns, amounts)), table.unit, rtype,
                             r.line, comment, r.end_line, title_note="" if title else _no_title(table)))
        if trace is not None:
            trace.append((r.rules + [type_rule, table.unit_rule], out[-1]))
    if by_number:
        kaps = ", ".join(dict.fromkeys(str(r.kap) for r in by_number))
        diags.warn(file, by_number[0].line, "row-type",
                   f"{len(by_number)} rows of kap. {kaps} typed folketrygd by their chapter numbers only "
                   "(2500-2799): their table has no folketrygd heading and is no folketrygd chapter's own table")
    return out


def _no_title(table: _Table) -> str:
    """Why a row of this table prints no title: the table has no title column
    (a supplement's change table: "Kap. post | Tidligere tildeling | Ny
    tildeling | Sum tildeling"), or the row left its title cell empty."""
    if table.header_cells and "title" not in {_cell_role(c) for c in table.header_cells}:
        heads = " | ".join(c for c in table.header_cells if c)
        return f"the table prints no title column ({heads}); the post's title is not printed with it"
    return "the row's title cell is empty in the letter"
