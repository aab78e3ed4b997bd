"""Allocation and income tables of an allocation letter -> BudgetRow.

Table shapes handled (each found by its header line, "Kap. Post ..." or
"Kap./post ...", never by position):

- ``740 01 Driftsutgifter 1 172 992`` (kap, post, title, amounts); the kap
  may be printed on the first row of a group only (`` 21 Spesielle ...``);
- the title may wrap and the amounts may sit on a line of their own, also
  after a paragraph break;
- ``701.21 Spesielle`` / ``driftsutgifter`` / ``30 000  Comment ...``: kap.post,
  wrapped title, then the amount and the comment column (2025 letter), an
  amount may even be split over two lines (``15 104`` / ``900``);
- tab-separated rows (cells split by tabs);
- ``Sum kap. 0575 ...``: a printed total, checked against its rows per
  column (a mismatch is an `amount-sum` diagnostic, never "fixed").

Several amounts on one line without column separators ("38 014 37 665") are
split by `tokens.amounts.split_amounts`. Bestillingsfullmakt tables (a "ramme",
not an allocation) are left as text.

This module finds the tables (their columns, unit and kind) and records
each with its printed head (`budget_heads.py`, `model.BudgetTable`); the row
rules that read a table line by line are in `budget_rows.py`, the readers of
a row's cells in `budget_cells.py`.
"""
from __future__ import annotations

import re

from generator.diagnostics import Diagnostics
from generator.model import BudgetRow, BudgetTable, Section
from generator.parsing.letter.budget_heads import CONTEXT_KAP, POST_HEADING, budget_table, read_head
from generator.parsing.letter.budget_cells import _COMMENT_WORDS, _KAP_POST_HEADING, _LABELS, _Table, _cell_role
from generator.parsing.letter.budget_row_types import TYPE_RULES, _HEADING_KINDS, row_type  # noqa: F401
from generator.parsing.tokens.amounts import UNIT_RULES  # noqa: F401
from generator.parsing.letter.budget_cells import _DOTTED, _KAP_POST, _is_row_start
from generator.parsing.letter.budget_cells import CELL_RULES  # noqa: F401 - re-exported with parse_budget
from generator.parsing.letter.budget_rows import ROW_RULES, _read_table  # noqa: F401 - re-exported
from generator.parsing.letter.budget_scan import START_RULES  # noqa: F401 - re-exported with parse_budget
from generator.parsing.letter.budget_table_ends import LINE_RULES  # noqa: F401 - re-exported with parse_budget
from generator.parsing.letter.sections import Part
from generator.parsing.tokens.amounts import KRONER_LINE, UNIT_LINE, read_unit
from generator.parsing.tokens.kap_post import KAP, KAP_ABBR, POST
from generator.read.source_text import SourceText


# A budget table's head row starts with its key columns: "Kap. Post", "Kap./post", "Post Betegnelse".
KAP_POST_HEAD = re.compile(rf"^\s*(?:{KAP_ABBR}\s*/\s*post|{KAP_ABBR}\s+Post|{KAP_ABBR}\t+Post|Post\s+Betegnelse|Post\tBetegnelse)\b", re.I)
_CHAPTER_HEADER = re.compile(rf"^\s*(?P<kap>{KAP})\s+(?P<title>[A-ZÆØÅ][^\d\t]*?)\s+(?P<col>Beløp)\s*$")
# A table's head is at most ten lines (its first and nine more) above its first row.
HEAD_LINES_MAX = 10
# A line that starts with a number other than a year ("133 796 129 051", "30 000  Tilskudd
# til ...", a bare post number "79", "19, kan overføres") is no head line: the rest of a row
# whose first line is lost.
_AMOUNTS_FIRST = re.compile(r"^\s*(?!\d{4}\b)\d")
_COLUMN_WORDS = {"saldert", "regnskap", "bevilgning", "tildeling", "forslag", "beløp", "tildelt", "vedtatt", "endring"}


def _columns(header: str) -> tuple[list[str], bool, bool]:
    """Column headings of the amount columns, whether a comment column
    follows, and whether this is a fullmakt (limit) table."""
    cells = [c.strip() for c in header.split("\t")] if "\t" in header else None
    text = re.sub(r"\([^)]*\)", " ", header)
    text = re.sub(rf"^\s*(?:{KAP_ABBR}\s*/\s*post|{KAP_ABBR}|Post)\b\.?", " ", text, flags=re.I)
    text = re.sub(r"^\s*(?:Post)\b\.?", " ", text, flags=re.I)
    words = text.split()
    comments = any(w.lower().strip(".:") in _COMMENT_WORDS for w in words)
    limit = any("ramme" in w.lower() for w in words)
    if cells:
        names = [c for c in cells if c and c.lower().strip(".") not in {"kap", "post", "kap./post"}
                 and not _KAP_POST_HEADING.fullmatch(c.lower().strip(" .:"))
                 and c.lower() not in _LABELS and c.lower() not in _COMMENT_WORDS]
        return names or ["Beløp"], comments, limit
    words = [w for w in words if w.lower().strip(".:") not in _COMMENT_WORDS]
    if words and words[0].lower() in _LABELS:
        words = words[1:]
    groups: list[list[str]] = []
    for w in words:
        if re.fullmatch(r"\d{4}", w):
            if groups and not re.fullmatch(r"\d{4}", groups[-1][-1]):
                groups[-1].append(w)
            else:
                groups.append([w])
        elif w.lower() in _COLUMN_WORDS or not groups or re.fullmatch(r"\d{4}", groups[-1][-1]):
            groups.append([w])
        else:
            groups[-1].append(w)
    names = [" ".join(g) for g in groups] or ["Beløp"]
    return names, comments, limit


# A unit line ("(i 1 000 kr)") continues the last table when a row follows within three lines.
UNIT_ROW_LINES = 3
# The unit of a table is printed within the three lines above its head.
UNIT_CONTEXT_LINES = 3
# A "Kap. 740 Helsedirektoratet" line names the table's chapter within five lines above its head.
CHAPTER_CONTEXT_LINES = 5


def parse_budget(text: SourceText, sections: list[Section], section_idx: list[int], main: Part,
                 diags: Diagnostics, trace: list | None = None,
                 head_trace: list | None = None) -> tuple[list[BudgetRow], list[BudgetTable]]:
    """Every budget table's rows, and the tables, each with its printed head
    (`budget_heads.read_head`); `trace` (a list) gets, per row, the rules
    that read it and the row, and (rule, line) for totals and table ends;
    `head_trace` the head rules' decisions."""
    lines = text.lines
    heads = set(section_idx)
    headings = {lines[k].lineno for k in heads} | set(text.headings)
    rows: list[BudgetRow] = []
    tables: list[BudgetTable] = []

    def record(new_rows: list[BudgetRow], start: int, end: int, columns_from: int | None) -> None:
        """The table just read, its rows from lines[start] on, with its head."""
        if not new_rows:
            return
        first = next(k for k in range(start, end) if lines[k].lineno == new_rows[0].line)
        head = read_head(lines, first, columns_from, main.first, headings, head_trace)
        tables.append(budget_table(head, new_rows[0].line, max(max(r.line, r.end_line) for r in new_rows)))

    last_table: _Table | None = None
    i = main.first
    while i <= main.last:
        ln = lines[i]
        hm = KAP_POST_HEAD.match(ln.text)
        cm = _CHAPTER_HEADER.match(ln.text) if not hm else None
        if not hm and not cm:
            if UNIT_LINE.match(ln.text) and last_table is not None:
                nxt = next((k for k in range(i + 1, min(main.last, i + UNIT_ROW_LINES) + 1) if lines[k].text.strip()), None)
                if nxt is not None and (_DOTTED.match(lines[nxt].text) or _KAP_POST.match(lines[nxt].text)):
                    unit, unit_rule = read_unit(ln.text)
                    table = _Table(last_table.columns, unit, last_table.comments, unit_rule=unit_rule)
                    table.type_hint = _heading_kind(sections, section_idx, i)
                    new_rows, end = _read_table(text, nxt, main.last, heads, table, diags, trace)
                    record(new_rows, nxt, end, None)
                    rows.extend(new_rows)
                    i = end
                    continue
            i += 1
            continue
        # Header lines run until the first row.
        j = i + 1
        header_parts = [ln.text]
        while (j <= main.last and j - i < HEAD_LINES_MAX and not _is_row_start(lines[j].text, False) and j not in heads
               and not _AMOUNTS_FIRST.match(lines[j].text) and not _title_rest_before_amounts(lines, j, main.last)
               and lines[j].lineno not in text.headings
               and (lines[j].text == ln.text or not KAP_POST_HEAD.match(lines[j].text))):
            # (a heading, or another table's head, ends a head whose rows are gone)
            if lines[j].text != ln.text:  # the head printed twice (a line duplicated): once
                header_parts.append(lines[j].text)
            j += 1
        header = "\t".join(header_parts) if "\t" in ln.text else " ".join(header_parts)
        if cm:
            names, comments, limit = [cm.group("col")], False, False
        else:
            names, comments, limit = _columns(header)
        context = " ".join(x.text for x in lines[max(main.first, i - UNIT_CONTEXT_LINES): i]
                           if UNIT_LINE.match(x.text) or KRONER_LINE.match(x.text)) + " " + header
        unit, unit_rule = read_unit(context)
        table = _Table(names, unit, comments, unit_rule=unit_rule)
        if "\t" in ln.text and len(header_parts) == 1:
            table.header_cells = [c.strip() for c in ln.text.strip("\n").split("\t")]
            table.columns = [c for c in table.header_cells if _cell_role(c) == "amount"] or names
        _table_chapter(table, lines, i, main.first, cm)
        table.type_hint = _heading_kind(sections, section_idx, i)
        if limit:
            i = j
            continue
        new_rows, end = _read_table(text, j, main.last, heads, table, diags, trace)
        record(new_rows, j, end, i)
        last_table = table
        rows.extend(new_rows)
        i = end
    return rows, tables


def _table_chapter(table: _Table, lines, i: int, first: int, cm: re.Match | None) -> None:
    """The chapter of the table whose head row is lines[i]: the one its head
    row names ("714 Folkehelse Beløp"), else a "Kap. 740 Helsedirektoratet"
    line within five lines above it; a post's heading there ("Kap. 2756,
    post 70") makes it that post's own table."""
    if cm:
        table.kap = table.own_kap = int(cm.group("kap"))
        return
    for k in range(i - 1, max(first, i - CHAPTER_CONTEXT_LINES) - 1, -1):
        c = CONTEXT_KAP.match(lines[k].text)
        if c:
            table.kap = table.own_kap = int(c.group("kap"))
            return
        o = POST_HEADING.match(lines[k].text)
        if o:  # "Kap. 2756, post 70" above a supplement's change table: the post's own table
            table.own_kap = int(o.group("kap"))
            return


_POST_REST = re.compile(rf"^\s*(?:under\s+)?post(?:ene)?\s+{POST}\b")
# A row's title wraps over at most two lines before its amounts.
TITLE_REST_LINES = 2
_HEAD_WORDS = _COLUMN_WORDS | _LABELS | _COMMENT_WORDS | {"kap", "post", "budsjett", "hdir", "kr", "kroner"}


def _title_rest_before_amounts(lines, j: int, last: int) -> bool:
    """A line with no word of a head (no column's word, label or year) that
    an amount line follows within two lines is the rest of a row's title
    ("driftsutgifter" / "30 000  Tilskudd ...", "Fastlønnsordning
    fysioterapeuter, kan nyttes" / "under post 71" / "370000 380000"), never
    the head's."""
    if _POST_REST.match(lines[j].text):
        return True  # "post 70": the rest of "..., kan nyttes under" (a head prints "Post" without a number)
    words = re.findall(r"[\wæøåÆØÅ]+", lines[j].text.lower())
    if not words or any(w in _HEAD_WORDS or re.fullmatch(r"\d{4}", w) for w in words):
        return False
    seen = 0
    for k in range(j + 1, min(last, j + HEAD_LINES_MAX) + 1):
        t = lines[k].text
        if not t.strip():
            continue
        if _AMOUNTS_FIRST.match(t):
            return True
        seen += 1
        if seen >= TITLE_REST_LINES:
            return False
    return False


def _heading_kind(sections: list[Section], section_idx: list[int], i: int) -> str | None:
    title = next((s.title for s, si in zip(reversed(sections), reversed(section_idx)) if si <= i), "")
    return next((kind for kind, pattern in _HEADING_KINDS if pattern.search(title)), None)
