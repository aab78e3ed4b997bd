"""The small state the budget-table rules read and change while they read one
table (`_TableScan`): the open row, the rows done, the group a printed total
adds up, and why the rows that print no chapter number are in doubt (the
check `post_order` of `START_RULES`, made as each row starts)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics
from generator.parsing.letter.budget_cells import _Row, _Table
from generator.read.source_text import SourceText


@dataclass
class _TableScan:
    """What the row rules see and change while they read one table."""

    text: SourceText
    table: _Table
    last: int
    heads: set[int]
    diags: Diagnostics
    kap: int | None
    cur: _Row | None = None
    gap: bool = False
    group: list[_Row] = field(default_factory=list)  # the rows a printed total adds up
    done: list[_Row] = field(default_factory=list)
    trace: list | None = None  # (rule, line) of what is not a row: totals, the table's end
    resume: int = 0  # where the table goes on after a fragment (row_fragment)
    doubt: str = ""  # why the rows that print no chapter number may not be the chapter above's (post_order)

    def close(self) -> None:
        if self.cur is not None:
            self.done.append(self.cur)
            self.group.append(self.cur)
            self.cur = None

    def start(self, row: _Row, rule: str) -> None:
        self.close()
        row.rules.insert(0, rule)
        for name, check in START_RULES:
            if check(self, row):
                row.rules.append(name)
        self.cur = row
        self.kap = row.kap
        self.gap = False


def _check_post_order(st: _TableScan, row: _Row) -> bool:
    """Rule post_order: a table prints a chapter's posts in rising order, its
    number on the first row only. A row that prints no chapter number and
    whose post is lower than the row before it in the chapter it would
    inherit starts another chapter whose first row is lost: it is kept under
    the chapter above, and said."""
    if _PRINTS_KAP.match(st.text.line_text(row.line)):
        st.doubt = ""
        return False
    prev = st.done[-1] if st.done else None
    if (prev is not None and prev.kap == row.kap and prev.post.isdigit() and row.post.isdigit()
            and int(row.post) < int(prev.post)):
        st.doubt = f"post {row.post} follows post {prev.post} of kap. {row.kap}"
    if not st.doubt:
        return False
    # The rows after it that print no chapter number are in the same doubt, until one prints its chapter.
    st.diags.warn(st.text.file, row.line, "row-chapter",
                  f"kap. {row.kap} post {row.post} prints no chapter number and {st.doubt}: its own chapter's "
                  f"first row may be lost; kept under kap. {row.kap}")
    return True


# The checks made as each row starts (`_TableScan.start`), in order, each a
# function (table scan, the row) -> whether it fired; one that fires is
# named on the row.
START_RULES = (
    ("post_order", _check_post_order),
)


# A row that prints its chapter's number first ("761 60", "761.60", "761\t60", "| 761 |").
_PRINTS_KAP = re.compile(r"^[\s|]*(?:\*\*)?\d{3,4}(?!\d)")
