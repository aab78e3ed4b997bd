"""How many assignments a budget year gives, and which it only continues.

A year's letters print the year's own assignments (status "new") and
assignments given in an earlier year that they carry over or add to
(status "carried_over": 2024's table of unfinished assignments, TB2025-115
presised in 2026's supplementary letter nr. 3). Every page and file that
counts the year's assignments counts them from here, the two kinds apart.
"""
from __future__ import annotations

from dataclasses import dataclass

from generator.link.graph import YearModel
from generator.parsing.tokens.assignment_id import id_year



@dataclass(frozen=True)
class AssignmentCount:
    own: int  # given in this year's letters
    continued: tuple[str, ...]  # page IDs of those given in an earlier year, in the letters' order
    continued_years: tuple[int, ...]  # the earlier years their IDs name, oldest first; () if an ID names none

    @property
    def total(self) -> int:
        return self.own + len(self.continued)


def assignment_count(model: YearModel) -> AssignmentCount:
    items = sorted(model.assignments.values(), key=lambda da: (da[0].supplement or 0, da[1].line))
    continued = [a for _, a in items if a.status == "carried_over"]
    years = set()
    for a in continued:
        year = id_year(a.id)
        years.add(year if year is not None and year < model.year else None)
    return AssignmentCount(len(items) - len(continued), tuple(a.page_id for a in continued),
                           tuple(sorted(years)) if None not in years else ())
