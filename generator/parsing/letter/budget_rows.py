"""Budget-table rows: the ordered row rules (`ROW_RULES`) that read a table
line by line, the rules that fire within a row (`CELL_RULES`), and the check
of a printed total. The cells' readers: `budget_cells.py`; a row's type and
unit, and the rows as the model keeps them: `budget_row_types.py`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics
from generator.model import BudgetRow
from generator.parsing.blocks import is_table_row
from generator.parsing.letter.budget_cells import (
    _CLOSING, _LIST_ITEM, _Row, _Table, _positional_row, _split_line_amounts, _tab_row, _take_amount_line, _take_rest,
)
from generator.parsing.letter.budget_row_types import _finish_rows
from generator.parsing.tokens.amounts import UNIT_LINE
from generator.read.layout.layout_limits import ROW_MIN_CELLS, TAB_STOP
from generator.read.layout.aligned_columns import COLUMN_SLACK, cells_of
from generator.read.source_text import Line, SourceText
# A line of 80 characters or more before a row's amounts is prose, not its title wrapped.
WRAPPED_TITLE_LINE_MAX = 80
_DOTTED = re.compile(r"^\s*(?P<kap>\d{3,4})\.(?P<post>\d{2})(?![\d,])\s*(?P<rest>.*)$")
_KAP_POST = re.compile(r"^\s*(?P<kap>\d{3,4})[ \t]+(?P<post>\d{2})(?![\d,.])[ \t]*(?P<rest>.*)$")
_POST_ONLY = re.compile(r"^\s*(?P<post>\d{2})[ \t]+(?P<rest>[A-ZÆØÅ].*)$")
_SUM = re.compile(r"^\s*Sum\b\s*(?:kap(?:ittel)?\.?\s*(?P<kap>\d{3,4}))?(?P<rest>.*)$", re.I)


def _is_row_start(t: str, comments: bool) -> bool:
    if _DOTTED.match(t) or _SUM.match(t) and re.search(r"\d", t):
        return True
    m = _KAP_POST.match(t)
    if m and not re.match(r"\s*\d{3,4}\s+\d{2}\s*(?:mill|kr|prosent|pst)", t):
        return True
    return not comments and bool(_POST_ONLY.match(t))


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
        _check_post_order(self, row)
        self.cur = row
        self.kap = row.kap
        self.gap = False


def _check_post_order(st: _TableScan, row: _Row) -> None:
    """Rule post_order: a table prints a chapter's posts in rising order, its
    number on the first row only. A row that prints no chapter number and
    whose post is lower than the row before it in the chapter it would
    inherit starts another chapter whose first row is lost: it is kept under
    the chapter above, and said."""
    if _PRINTS_KAP.match(st.text.line_text(row.line)):
        st.doubt = ""
        return
    prev = st.done[-1] if st.done else None
    if (prev is not None and prev.kap == row.kap and prev.post.isdigit() and row.post.isdigit()
            and int(row.post) < int(prev.post)):
        st.doubt = f"post {row.post} follows post {prev.post} of kap. {row.kap}"
    if not st.doubt:
        return
    # The rows after it that print no chapter number are in the same doubt, until one prints its chapter.
    row.rules.append("post_order")
    st.diags.warn(st.text.file, row.line, "row-chapter",
                  f"kap. {row.kap} post {row.post} prints no chapter number and {st.doubt}: its own chapter's "
                  f"first row may be lost; kept under kap. {row.kap}")


# A row that prints its chapter's number first ("761 60", "761.60", "761\t60", "| 761 |").
_PRINTS_KAP = re.compile(r"^[\s|]*(?:\*\*)?\d{3,4}(?!\d)")


def _rule_tab_by_heading(st: _TableScan, i: int) -> bool:
    """A tab-separated row (a pipe table's) under a tab-separated head: each
    cell read by its column's heading ("Kap./post" "3740.02", "Kap" and
    "Post" in two cells, an empty comment cell)."""
    t = st.text.lines[i].text
    row = _positional_row(t, st.table, st.kap) if "\t" in t and st.table.header_cells else None
    if row is None:
        return False
    row.line = row.end_line = st.text.lines[i].lineno  # a tab-separated row is one line
    row.tabbed = True
    st.start(row, "tab_by_heading")
    return True


def _rule_tab_cells(st: _TableScan, i: int) -> bool:
    """A tab-separated row read cell by cell: kap.post or kap and post, the
    title, the amounts (two in one cell split), the rest a comment."""
    t = st.text.lines[i].text
    row = _tab_row(t, st.table, st.kap) if "\t" in t else None
    if row is None:
        return False
    row.line = row.end_line = st.text.lines[i].lineno
    row.tabbed = True
    st.start(row, "tab_cells")
    return True


def _rule_sum_row(st: _TableScan, i: int) -> bool:
    """"Sum kap. 0575 ...": a printed total, checked against its rows."""
    ln = st.text.lines[i]
    sm = _SUM.match(ln.text)
    if not sm or not re.search(r"\d", sm.group("rest") or ""):
        return False
    st.close()
    _check_sum(st.text, ln, sm, st.group, st.table, st.diags)
    if st.trace is not None:
        st.trace.append(("sum_row", ln.lineno))
    st.group = []
    st.gap = False
    return True


def _start_row(st: _TableScan, i: int, m: re.Match, rule: str, kap: int | None) -> bool:
    ln = st.text.lines[i]
    if kap is not None and st.kap is not None and kap != st.kap:
        st.close()
        st.group = []
    if kap is not None:
        st.kap = kap
    if st.kap is None:
        st.close()
        st.diags.warn(st.text.file, ln.lineno, "unknown-shape", "budget row without a chapter number; kept as text")
        return True
    row = _Row(st.kap, m.group("post"), [], None, ln.lineno, ln.lineno)
    st.start(row, rule)
    _take_rest(row, m.group("rest"), st.table, first=True)
    return True


def _rule_dotted_kap_post(st: _TableScan, i: int) -> bool:
    """"701.21 Spesielle driftsutgifter 30 000 Comment": kap.post first."""
    t = st.text.lines[i].text
    m = _DOTTED.match(t) if _is_row_start(t, st.table.comments) else None
    return bool(m) and _start_row(st, i, m, "dotted_kap_post", int(m.group("kap")))


def _rule_kap_post(st: _TableScan, i: int) -> bool:
    """"740 01 Driftsutgifter 1 172 992": kap and post apart."""
    t = st.text.lines[i].text
    m = _KAP_POST.match(t) if _is_row_start(t, st.table.comments) else None
    return bool(m) and _start_row(st, i, m, "kap_post", int(m.group("kap")))


def _rule_post_only(st: _TableScan, i: int) -> bool:
    """" 21 Spesielle driftsutgifter 95 420": the chapter printed on its
    group's first row only (never in a table with a comment column)."""
    m = None if st.table.comments else _POST_ONLY.match(st.text.lines[i].text)
    return bool(m) and _start_row(st, i, m, "post_only", None)


# The row rules, tried in this order at each line of a table; the first that
# takes the line starts a row (or reads a total). A line none takes goes on
# with the current row (`_continue_row`: its wrapped title, its amounts, the
# last digits of an amount, `amount_split_over_lines`, its comment) or, after
# `paragraph_ends_table`, ends the table.
ROW_RULES = (
    ("tab_by_heading", _rule_tab_by_heading),
    ("tab_cells", _rule_tab_cells),
    ("sum_row", _rule_sum_row),
    ("dotted_kap_post", _rule_dotted_kap_post),
    ("kap_post", _rule_kap_post),
    ("post_only", _rule_post_only),
)


def _end_paragraph_outside_columns(st: _TableScan, i: int) -> bool:
    """After an empty line, a line that starts left of the open row's last
    column (a space-aligned table's) is a paragraph after the table, unless
    a page break stands between or the table's rows go on after it."""
    cur, text = st.cur, st.text
    lineno = text.lines[i].lineno
    return bool(cur.tabbed and st.gap and _left_of_last_column(text.line_text(cur.line), text.line_text(lineno))
                and not _page_break_between(text, cur.end_line, lineno)
                and not _table_goes_on(text, i, st.last, st.heads))


def _end_paragraph_ends_table(st: _TableScan, i: int) -> bool:
    """After an empty line, in a table with a comment column, a paragraph
    that reads as new text is no comment of the open row: the table ends."""
    cur, text = st.cur, st.text
    return bool(cur.tabbed and st.gap and st.table.comments
                and _new_paragraph(cur, text.lines[i].text, text.line_text(text.lines[i].lineno))
                and not _table_goes_on(text, i, st.last, st.heads))


# The rules that end a table at a line no row rule took while a row is open,
# in order; the first that fires ends it (named in the trace with the line).
END_RULES = (
    ("paragraph_outside_columns", _end_paragraph_outside_columns),
    ("paragraph_ends_table", _end_paragraph_ends_table),
)
# Checks named on the row where they fire, each a function called at its one
# place in the reading of a row: `two_amounts_in_one_cell` (budget_cells:
# a cell's amounts split), `amount_split_over_lines` (`_continue_row`),
# `row_fragment` (`_skip_fragment`) and `post_order` (`_check_post_order`).
CELL_RULES = ("two_amounts_in_one_cell", "amount_split_over_lines", "row_fragment", "post_order")


def _read_table(text: SourceText, i: int, last: int, heads: set[int], table: _Table,
                diags: Diagnostics, trace: list | None = None) -> tuple[list[BudgetRow], int]:
    lines = text.lines
    st = _TableScan(text, table, last, heads, diags, table.kap, trace=trace)
    while i <= last:
        ln = lines[i]
        t = ln.text
        if i in heads or ln.lineno in text.headings:
            break  # a section, or any explicit heading of a Markdown source, ends the table
        if not t.strip():
            st.gap = True
            i += 1
            continue
        if UNIT_LINE.match(t):
            i += 1
            continue
        if any(rule(st, i) for _, rule in ROW_RULES):
            i += 1
            continue
        cur = st.cur
        if cur is None:
            if _skip_fragment(st, i):
                i = st.resume
                continue
            break
        end = next((name for name, rule in END_RULES if rule(st, i)), None)
        if end is not None:
            if trace is not None:
                trace.append((end, ln.lineno))
            break
        if not _continue_row(cur, ln, table, st.gap, lines, i, last):
            if _skip_fragment(st, i):
                i = st.resume
                continue
            break
        st.gap = False
        i += 1
    st.close()
    return _finish_rows(st.done, table, text.file, diags, trace), i


# A table's head ("Kap. Post ...", "Post Betegnelse") or a chapter's heading ("Kap. 2756 Andre ..."): never a fragment.
_HEAD_OR_CHAPTER = re.compile(r"^\s*(?:Kap(?:ittel)?\b|Post\s+[A-ZÆØÅ])", re.I)
# A fragment between two rows is at most four lines (a wrapped title's
# rest and a line of amounts), none a sentence's end; in a table with a
# comment column twelve, sentences included (a comment's paragraphs).
FRAGMENT_LINES_MAX = 4
COMMENT_FRAGMENT_LINES_MAX = 12


def _skip_fragment(st: _TableScan, i: int) -> bool:
    """Rule row_fragment: a few short lines that start no row and go on with
    none (a row whose first line, with its chapter and post, is lost: its
    title's rest "undersøkelser" and its amounts "3 437 675 3 437 675"),
    followed by a row before any heading, are said and kept as text, and the
    table goes on with that row (`st.resume`): without this rule the table
    ended there and its later rows were lost without a word."""
    lines, text = st.text.lines, st.text
    seen = 0
    for k in range(i, min(st.last, i + 2 * max(FRAGMENT_LINES_MAX, COMMENT_FRAGMENT_LINES_MAX)) + 1):
        t = lines[k].text
        if k in st.heads or lines[k].lineno in text.headings:
            return False
        if not t.strip():
            continue
        if k > i and (_is_row_start(t, st.table.comments) and not _SUM.match(t)
                      or "\t" in t and st.table.header_cells and _positional_row(t, st.table, st.kap) is not None):
            st.close()
            st.group = []
            st.diags.warn(text.file, lines[i].lineno, "row-fragment",
                          f"'{' '.join(x.text.strip() for x in lines[i:k] if x.text.strip())[:60]}' in a budget "
                          "table starts no row and goes on with none (a row's first line lost?); kept as text, "
                          "the table goes on")
            if st.trace is not None:
                st.trace.append(("row_fragment", lines[i].lineno))
            st.resume, st.gap = k, False
            st.doubt = f"follows text that starts no row (l. {lines[i].lineno})"
            return True
        seen += 1
        if st.table.comments and seen <= COMMENT_FRAGMENT_LINES_MAX and not _CLOSING.match(t) \
                and not _HEAD_OR_CHAPTER.match(t) and not UNIT_LINE.match(t) and not _SUM.match(t):
            continue  # a comment's sentences, in a table with a comment column
        sentence_end = t.rstrip().endswith((".", ":")) and not _amounts_next(lines, k, st.last)
        if (seen > FRAGMENT_LINES_MAX or len(t) >= WRAPPED_TITLE_LINE_MAX or sentence_end
                or _CLOSING.match(t) or _SUM.match(t) or _LIST_ITEM.match(t) or UNIT_LINE.match(t)
                or _HEAD_OR_CHAPTER.match(t)):
            return False
    return False


def _amounts_next(lines, k: int, last: int) -> bool:
    """Whether the next line with text starts with an amount: a title's rest
    ending in an abbreviation ("lidelse mv." / "3 042 3 042") goes on there."""
    nxt = next((lines[j].text for j in range(k + 1, min(last, k + FRAGMENT_LINES_MAX) + 1) if lines[j].text.strip()), "")
    return bool(re.match(r"^\s*\d{1,3}(?:[ \u00a0]\d{3})*(?:\s|$)", nxt))


def _continue_row(cur: _Row, ln: Line, table: _Table, gap: bool, lines, i: int, last: int) -> bool:
    """Take a line that goes on with the current row: its wrapped title, its
    amounts on a line of their own, the last digits of an amount, or its
    comment. False when the line is not part of the row (the table ends)."""
    t = ln.text
    if cur.amounts is None:
        if not _take_amount_line(cur, t, table):
            if gap or len(t) >= WRAPPED_TITLE_LINE_MAX:
                return False
            cur.title.append(t.strip())  # the title wraps before the amounts come
        cur.end_line = ln.lineno
        return True
    if cur.amount_at_end and re.fullmatch(r"\s*\d{3}\s*", t) and cur.amounts and cur.amounts[-1] is not None:
        cur.amounts[-1] = cur.amounts[-1] * 1000 + int(t)  # rule amount_split_over_lines: "15 104" / "900"
        cur.rules.append("amount_split_over_lines")
        cur.amount_at_end = False
        cur.end_line = ln.lineno
        return True
    if not table.comments:
        return False
    if _CLOSING.match(t) or (gap and _LIST_ITEM.match(t) and not _rows_follow(lines, i, last)):
        return False  # the letter's closing, or a list after the table, is no comment
    cur.comment.append(t.strip() if not gap else "\n" + t.strip())
    cur.end_line = ln.lineno
    cur.amount_at_end = False
    return True


def _page_break_between(text: SourceText, after: int, before: int) -> bool:
    """Whether page furniture (a page number, a running header) stands
    between two physical lines: the empty lines there are a page break."""
    return any(after < n < before for n in text.furniture)


def _left_of_last_column(row_raw: str, raw: str) -> bool:
    """Whether the physical line `raw`, after a row printed in space-aligned
    columns (`row_raw`, a layout-preserving PDF-to-text), starts left of the
    row's last column. The layout layer has joined every line of a wrapped
    cell into its cell (`read/layout/aligned_columns.column_rows`), so after an empty
    line that is no page break (a page may set its columns anew) a line left
    of the last column, at the margin or under the title, is the text after
    the table. False for a row in tabs, pipes or without column gaps."""
    if "\t" in row_raw or "|" in row_raw or "\t" in raw or "|" in raw:
        return False
    cells = cells_of(row_raw)
    if len(cells) < ROW_MIN_CELLS or not raw.strip():
        return False
    line = raw.expandtabs(TAB_STOP)
    return len(line) - len(line.lstrip()) + COLUMN_SLACK < cells[-1][0]


def _new_paragraph(cur: _Row, t: str, raw: str) -> bool:
    """After a row read from one tab-separated line (a pipe table's row) and
    an empty line: a line of running text (no cells: no tab) that starts a
    new sentence, where the row's last cell ends one, is the paragraph after
    the table. A cell broken at a page goes on mid-sentence ("... til
    ferdigstilling" / "av utprøvingen") or in its column (the physical line
    `raw` "\t\t\t\t<p>1,04 mill. kr ...", a pipe row)."""
    if "\t" in raw or "|" in raw:
        return False
    last = (cur.comment[-1] if cur.comment else " ".join(cur.title)).rstrip()
    start = t.lstrip()[:1]
    return (not last or last.endswith((".", ":", "!", "?", ")", "»"))) and (start.isupper() or start.isdigit())


# A table broken by paragraphs or a list (a cell's text) goes on within 40 lines, or it has ended.
TABLE_RESUMES_WITHIN = 40


def _table_goes_on(text: SourceText, i: int, last: int, heads: set[int]) -> bool:
    """Whether a table row comes after the paragraphs from line i on before
    any heading: a table broken at a page whose cell goes on as paragraphs
    and then in a new table (a converter's export), rather than its end."""
    lines = text.lines
    for k in range(i, min(last, i + TABLE_RESUMES_WITHIN) + 1):
        t = lines[k].text
        if k in heads or lines[k].lineno in text.headings or _CLOSING.match(t) or _SUM.match(t):
            return False
        if is_table_row(t):
            return True
    return False


def _rows_follow(lines, i: int, last: int) -> bool:
    """Whether the table goes on after the list that starts at line i (a list
    inside a comment cell) rather than ending before it."""
    for k in range(i, min(last, i + TABLE_RESUMES_WITHIN) + 1):
        t = lines[k].text
        if _CLOSING.match(t) or _SUM.match(t):
            return False
        if is_table_row(t) or _KAP_POST.match(t) or _POST_ONLY.match(t) or _DOTTED.match(t):
            return True
    return False


def _check_sum(text: SourceText, ln: Line, sm: re.Match, group: list[_Row], table: _Table,
               diags: Diagnostics) -> None:
    k = len(table.columns)
    split = _split_line_amounts(sm.group("rest") or "", k)
    if split is None:
        diags.warn(text.file, ln.lineno, "unknown-shape", "a total row whose amounts could not be read")
        return
    printed = split[1]
    rows = [r for r in group if sm.group("kap") is None or r.kap == int(sm.group("kap"))]
    for col, total in zip(range(k), printed):
        if total is None:
            continue
        s = sum((r.amounts[col] or 0) for r in rows if r.amounts and col < len(r.amounts))
        if s != total:
            diags.warn(text.file, ln.lineno, "amount-sum",
                       f"printed total {total} in column {table.columns[col]!r} but the rows add up to {s}")
