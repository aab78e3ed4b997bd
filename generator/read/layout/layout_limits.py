"""Thresholds more than one layout rule (and the parsers' blocks) share, each
with the reason for its value (a threshold one rule alone uses stands named
beside that rule), and how a layout rule records that it fired."""
from __future__ import annotations

# A table row fills at least two cells: one filled cell is a line of text
# (a heading over the table, a paragraph a converter put in a cell).
ROW_MIN_CELLS = 2
# A table has at least two rows (or a head and a row): one row alone is a line.
TABLE_MIN_ROWS = 2
# A tab in a layout extraction stops at every eighth column, as pdftotext
# -layout and terminals print it: a cell's column is counted so.
TAB_STOP = 8


def record(fired: list[str] | None, rule: str) -> None:
    """Record that a layout rule fired: its name added to `fired` (the names in
    order of first firing, `SourceText.layout_rules`) unless it is there."""
    if fired is not None and rule not in fired:
        fired.append(rule)


def run_rules(rules, state, fired: list[str] | None) -> None:
    """A layout pass's rules, `(name, function)` pairs, tried in order on its
    state; each that returns True (it fired) is recorded in `fired`."""
    for name, rule in rules:
        if rule(state):
            record(fired, name)
