"""Allocation changes printed by a supplementary letter, from tables and prose.

A supplementary letter changes allocations post by post, each under its own
heading "Kap. 714, post 21" (a heading "... – Presisering" clarifies how money
already given is to be used and changes nothing). Under the heading the change
is printed as a table row "Kap. post | Tidligere tildeling | Ny tildeling |
Sum tildeling" (read by the budget-table rules into the document's
budget_rows), in prose, or both:

- a table row is the change; the prose under it explains it, and its amounts
  are compared with the row's (a prose total that disagrees beyond the
  rounding of "1,5 mill. kroner" is a diagnostic naming the line);
- without a table, the ordered rule lists of `change_prose.py` read the
  prose (PAIR_RULES a correction over two sentences, PROSE_RULES a
  sentence, ITEM_RULES a list item), each piece by the first rule that
  takes it; outside every heading, OUTSIDE_RULES read a sentence that names
  its own post.

Amounts are in 1 000 kr like the tables ("500 000 kroner" is 500,
"0,401 mill. kroner" is 401). Nothing here reads a line number or a file
name; a heading's body ends at the next heading (`change_sections.py`).
"""
from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.model import AllocationChange, BudgetRow, Document
from generator.parsing.letter.change_prose import allocates, outside_change, prose_changes
from generator.parsing.letter.change_sections import ChangeSection, change_sections, paragraphs, split_sentences

# A change table's row prints three amounts: Tidligere, Ny and Sum tildeling.
CHANGE_AMOUNTS = 3


def table_change(row: BudgetRow) -> tuple[int | None, int, int | None] | None:
    """(Tidligere tildeling, Ny tildeling, Sum tildeling) of a change-table row:
    by the column headings, or else by the one order of three printed amounts
    that adds up (previous + new = sum)."""
    values = [v for _, v in row.amounts if v is not None]
    if len(values) == CHANGE_AMOUNTS and values[0] + values[1] == values[2]:
        return values[0], values[1], values[2]
    named: dict[str, int] = {}
    for heading, value in row.amounts:
        h = heading.lower()
        key = "previous" if "tidligere" in h else "new" if h.startswith("ny") else "total" if "sum" in h else ""
        if key and value is not None:
            named[key] = value
    if len(named) == CHANGE_AMOUNTS and named["previous"] + named["new"] == named["total"]:
        return named["previous"], named["new"], named["total"]
    return None


def _is_change_row(row: BudgetRow) -> bool:
    return any("tidligere" in h.lower() or h.lower().startswith("ny tildel") for h, _ in row.amounts) or \
        table_change(row) is not None


def read_allocation_changes(doc: Document, lines, raw_lines: tuple[str, ...], file: str,
                            diags: Diagnostics) -> tuple[AllocationChange, ...]:
    """Every allocation change the letter prints, in the letter's order."""
    rows = [r for r in doc.budget_rows if _is_change_row(r)]
    used: set[int] = set()
    out: list[AllocationChange] = []
    sections = change_sections(lines, raw_lines)
    out += changes_outside_headings(lines, sections, file, diags)
    for section in sections:
        inside = [r for r in rows if section.line <= r.line <= section.end_line]
        used.update(id(r) for r in inside)
        if "presiser" in section.note.lower():
            continue  # a clarification of money already given
        out += _section_changes(section, inside, file, diags)
    for row in rows:
        if id(row) not in used:  # a change table outside any kap/post heading
            out += _table_changes(None, [row], file, diags)
    return tuple(sorted(out, key=lambda c: c.line))


def changes_outside_headings(lines, sections: list[ChangeSection], file: str,
                             diags: Diagnostics) -> list[AllocationChange]:
    """Money allocated outside every "Kap. NNN, post NN" heading (in an
    assignment's text, say): a sentence that names its own post ("tildeles 1
    mill. kroner på kap. 714, post 21") is a change on that post; one that
    names none ("Helsedirektoratet tildeles 2 mill. kroner til oppfølgingen")
    is not counted, and said so."""
    inside = {n for sec in sections for n in range(sec.line, sec.end_line + 1)}
    outside = [ln for ln in lines if ln.lineno not in inside]
    out: list[AllocationChange] = []
    for par in paragraphs(outside):
        for sentence in split_sentences(par.text):
            on_post = outside_change(sentence)  # change_prose.OUTSIDE_RULES
            if on_post:
                kap, post, c = on_post
                out.append(AllocationChange(kap, post, c.amount, "prose", c.rule, c.text, *par.lines_of(sentence),
                                            tolerance=c.tolerance))
            elif allocates(sentence):  # a change PROSE_RULES read, its post not named
                diags.warn(file, par.line, "change-outside",
                           f"'{sentence[:70]}' allocates an amount outside any 'Kap. NNN, post NN' heading; "
                           "no heading names its post, so it is not counted as a change")
    return out


def _table_changes(section: ChangeSection | None, rows: list[BudgetRow], file: str,
                   diags: Diagnostics) -> list[AllocationChange]:
    words = " ".join(p.text for p in section.paragraphs if not p.item) if section else ""
    out = []
    for row in rows:
        read = table_change(row)
        if read is None:
            diags.warn(file, row.line, "change-table",
                       f"kap. {row.kap}, post {row.post}: the change table's amounts do not add up "
                       "(Tidligere tildeling + Ny tildeling = Sum tildeling); not counted")
            continue
        previous, new, total = read
        out.append(AllocationChange(row.kap, row.post, new, "table", "table_row", words, row.line,
                                    row.end_line or row.line, previous=previous, total=total))
    return out


def _section_changes(section: ChangeSection, rows: list[BudgetRow], file: str,
                     diags: Diagnostics) -> list[AllocationChange]:
    prose = prose_changes(section)
    changes = [(p, c) for p, c in prose if c.kind == "change"]
    totals = [c for _, c in prose if c.kind == "total"]
    if rows:
        out = _table_changes(section, rows, file, diags)
        printed = sum(c.amount for c in out if (c.kap, c.post) == (section.kap, section.post))
        said, tol = sum(c.amount for _, c in changes), sum(c.tolerance for _, c in changes)
        if changes and out and abs(said - printed) > tol:
            diags.warn(file, section.line, "change-prose",
                       f"kap. {section.kap}, post {section.post}: the table gives Ny tildeling {_kr(printed)}, "
                       f"the prose under it {_kr(said)} (1 000 kr); the table is counted")
        return out
    if not changes:
        diags.warn(file, section.line, "change-unread",
                   f"'{section.heading[:60]}' heads an allocation change, but no table row or sentence "
                   "under it states one; kept as text")
        return []
    out = [AllocationChange(section.kap, section.post, c.amount, "prose", c.rule, c.text, *p.lines_of(c.text),
                            tolerance=c.tolerance, corrects=c.corrects) for p, c in changes]
    if totals:
        last = out[-1]
        out[-1] = AllocationChange(last.kap, last.post, last.amount, last.how, last.rule, last.text, last.line,
                                   last.end_line, total=totals[-1].amount, tolerance=last.tolerance,
                                   corrects=last.corrects)
    return out


def _kr(value: int) -> str:
    return f"{value:,}".replace(",", " ")
