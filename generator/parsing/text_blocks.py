"""A document's running text as blocks, read once, for its full-text pages.

The renderer shows a document's text page by page without reading a line of
it: this pass groups the logical lines into paragraphs, lists and tables
(`blocks.lines_to_blocks`) between the structure the parsers found, each a
`Block` with its source span:

- "section": the heading of the section of `doc.sections` that starts at
  `line`, up to the heading's last line as the parser read it
  (`Section.heading_end`, a wrapped title);
- "budget_table": the rows of `doc.budget_rows` that start inside the span,
  which the page shows as a table instead of their flattened text; `text` is
  the table's printed head above its first row (the span's first lines), as
  the letter's parser read it with the table (`Document.budget_tables`:
  its columns, their unit, the chapter its caption names;
  `parsing/letter/budget_heads.HEAD_RULES`);
- "decision_table": the anmodningsvedtak of `doc.vedtak` inside the span
  (the follow-up table, each row linking to its decision's page): a table of
  `doc.decision_tables`, from its first row to its last row's end as the
  parser read them.

Where the parser keeps a span, it is merged here, never guessed again: a
budget table runs over its rows' spans (`BudgetRow.line`..`end_line`, and
the empty lines between), its head is the recorded one of the table whose
first row it starts with (none for rows that go on after a fragment of text).

The text is cut at every section heading and programme category, where a
full-text page may start, so that a page is a run of whole blocks.
"""
from __future__ import annotations

import bisect

from generator.model import Block, BudgetTable, Document, Section
from generator.parsing.blocks import lines_to_blocks
from generator.read.source_text import Line, join_wrapped


def document_blocks(doc: Document, lines: tuple[Line, ...]) -> tuple[Block, ...]:
    """Every logical line of the document with text in exactly one block, in order."""
    cuts = sorted({1} | {s.line for s in doc.sections} | {c.line for c in doc.programme_categories})
    segments: list[list[Line]] = [[] for _ in cuts]
    for ln in lines:
        segments[max(0, bisect.bisect_right(cuts, ln.lineno) - 1)].append(ln)
    out: list[Block] = []
    for k, segment in enumerate(segments):
        last = cuts[k + 1] - 1 if k + 1 < len(cuts) else (lines[-1].lineno if lines else 0)
        out += _segment_blocks(doc, segment, cuts[k], last)
    return tuple(out)


def _skip_heading_lines(lines: list[Line], start: int, sec: Section) -> int:
    """Index after a (possibly wrapped) heading whose first line is lines[start]:
    its lines up to the heading's end as the parser read it."""
    i = start + 1
    while i < len(lines) and lines[i].lineno <= sec.heading_end:
        i += 1
    return i


def _segment_blocks(doc: Document, lines: list[Line], first: int, last: int) -> list[Block]:
    """The blocks of lines first..last, between which no page starts."""
    subsections = {s.line: s for s in doc.sections if first <= s.line <= last}
    out: list[Block] = []
    body: list[Line] = []

    def flush() -> None:
        if body:
            out.extend(lines_to_blocks(body))
            body.clear()

    rows = [r for r in doc.budget_rows if first <= r.line <= last and r.read_from == "table"]
    covered = {n for r in rows for n in range(r.line, max(r.line, r.end_line) + 1)}
    decision_tables = _decision_table_spans(doc, first, last)
    budget_tables = {t.first_row: t for t in doc.budget_tables}
    i = 0
    while i < len(lines):
        ln = lines[i]
        span = decision_tables.get(ln.lineno)
        if span is not None:
            flush()
            out.append(Block("decision_table", ln.lineno, span))
            while i < len(lines) and lines[i].lineno <= span:
                i += 1
            continue
        if ln.lineno in covered and ln.lineno not in subsections:
            j = _table_end(lines, i, covered, subsections)
            table_rows = [r for r in rows if lines[i].lineno <= r.line <= lines[j - 1].lineno]
            if table_rows:
                header = _pop_head(body, budget_tables.get(table_rows[0].line))
                flush()
                start = header[0].lineno if header else ln.lineno
                out.append(Block("budget_table", start, lines[j - 1].lineno,
                                 text=join_wrapped([h.text for h in header])))
                i = j
                continue
        sec = subsections.pop(ln.lineno, None)
        if sec is not None:
            flush()
            i = _skip_heading_lines(lines, i, sec)
            out.append(Block("section", sec.line, lines[i - 1].lineno, text=sec.title, level=sec.level))
            continue
        body.append(ln)
        i += 1
    flush()
    return out


def _pop_head(body: list[Line], table: BudgetTable | None) -> list[Line]:
    """The lines of the table's recorded head (`BudgetTable.line`..`head_end`)
    that end the running text before its first row, taken off it (with the
    empty lines between); none for a table the parser read no head above."""
    if table is None or not table.head_end:
        return []
    k = len(body)
    while k and body[k - 1].lineno >= table.line:
        k -= 1
    head = [ln for ln in body[k:] if ln.text.strip()]
    del body[k:]
    return head


def _table_end(lines: list[Line], i: int, covered: set[int], subsections: dict[int, Section]) -> int:
    """Index after a budget table's lines (its rows and the empty lines between)."""
    j = i
    while j < len(lines) and (lines[j].lineno in covered or not lines[j].text.strip()) \
            and lines[j].lineno not in subsections:
        j += 1
    return j


def _decision_table_spans(doc: Document, first: int, last: int) -> dict[int, int]:
    """First line -> last line of each follow-up table's rows in lines
    first..last, as the parser read the table (`Document.decision_tables`):
    its first row's start to its last row's end. The table's printed head
    above its first row stays running text."""
    out: dict[int, int] = {}
    for table in doc.decision_tables:
        ends = [end for line, end in zip(table.rows, table.row_ends) if first <= line <= last]
        if ends:
            start = next(line for line in table.rows if first <= line <= last)
            out[start] = min(last, max(ends))
    return out
