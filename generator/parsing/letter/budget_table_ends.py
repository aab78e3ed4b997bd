"""Where a budget table's row goes on and where the table ends: the lines no
row rule took, each decided by `LINE_RULES` (dispatched by
`budget_rows._read_table` through `line_verdict`): a paragraph after the
table ends it, the last digits of an amount go on with the row, a few lines
that start no row are said and kept as text (`row_fragment`), and a line no
rule has a say on goes on with the open row (`_continue_row`: its wrapped
title, its amounts on a line of their own, its comment) or ends the table."""
from __future__ import annotations

import re

from generator.parsing.blocks import is_table_row
from generator.parsing.letter.budget_cells import (
    WRAPPED_TITLE_LINE_MAX, _CLOSING, _DOTTED, _KAP_POST, _LIST_ITEM, _POST_ONLY, _Row, _SUM, _Table,
    _amount_line, _is_row_start, _positional_row, _take_amount_line,
)
from generator.parsing.letter.budget_scan import _TableScan
from generator.parsing.tokens.amounts import AMOUNT, UNIT_LINE
from generator.read.layout.aligned_columns import COLUMN_SLACK, cells_of
from generator.read.layout.layout_limits import ROW_MIN_CELLS, TAB_STOP
from generator.read.source_text import SourceText


# What becomes of a line no row rule took: a line rule's verdict (None: the rule has no say).
END = "end"  # the table ends before the line
TAKEN = "taken"  # the open row takes the line
RESUME = "resume"  # the line and those after it up to `st.resume` are kept as text; the table goes on there


def _end_paragraph_outside_columns(st: _TableScan, i: int) -> str | None:
    """After an empty line, a line that starts left of the open row's last
    column (a space-aligned table's) is a paragraph after the table, unless
    a page break stands between or the table's rows go on after it."""
    cur, text = st.cur, st.text
    if cur is None:
        return None
    lineno = text.lines[i].lineno
    return END if (cur.tabbed and st.gap and _left_of_last_column(text.line_text(cur.line), text.line_text(lineno))
                   and not _page_break_between(text, cur.end_line, lineno)
                   and not _table_goes_on(text, i, st.last, st.heads)) else None


def _end_paragraph_ends_table(st: _TableScan, i: int) -> str | None:
    """After an empty line, in a table with a comment column, a paragraph
    that reads as new text is no comment of the open row: the table ends."""
    cur, text = st.cur, st.text
    if cur is None:
        return None
    return END if (cur.tabbed and st.gap and st.table.comments
                   and _new_paragraph(cur, text.lines[i].text, text.line_text(text.lines[i].lineno))
                   and not _table_goes_on(text, i, st.last, st.heads)) else None


def _amount_split_over_lines(st: _TableScan, i: int) -> str | None:
    """The last digits of the open row's last amount on a line of their own
    ("15 104" / "900"): they join the amount."""
    cur, ln = st.cur, st.text.lines[i]
    if not (cur is not None and cur.amount_at_end and re.fullmatch(r"\s*\d{3}\s*", ln.text)
            and cur.amounts and cur.amounts[-1] is not None):
        return None
    cur.amounts[-1] = cur.amounts[-1] * 1000 + int(ln.text)
    cur.rules.append("amount_split_over_lines")
    cur.amount_at_end = False
    cur.end_line = ln.lineno
    return TAKEN


def _row_fragment(st: _TableScan, i: int) -> str | None:
    """A line the open row does not take (or with no row open) that starts a
    fragment (`_skip_fragment`): skip to the row after it."""
    if st.cur is not None and _row_takes(st, i):
        return None  # the open row takes it (`_continue_row`)
    return RESUME if _skip_fragment(st, i) else None


# The rules for a line no row rule took, in order (`line_verdict`): the first
# with a say decides what becomes of the line (END, TAKEN or RESUME), named
# in the trace when it ends the table or skips lines. A line no rule has a
# say on goes to the default, `_continue_row`: the open row takes it, or the
# table ends there (unnamed).
LINE_RULES = (
    ("paragraph_outside_columns", _end_paragraph_outside_columns),
    ("paragraph_ends_table", _end_paragraph_ends_table),
    ("amount_split_over_lines", _amount_split_over_lines),
    ("row_fragment", _row_fragment),
)


def line_verdict(st: _TableScan, i: int) -> str:
    """What becomes of line i, which no row rule took: the verdict of the
    first of `LINE_RULES` with a say, else `_continue_row`'s."""
    for name, rule in LINE_RULES:
        verdict = rule(st, i)
        if verdict is not None:
            if verdict != TAKEN and st.trace is not None:
                st.trace.append((name, st.text.lines[i].lineno))
            return verdict
    return _continue_row(st, i)


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


# "3 042 3 042": a line that starts with an amount.
_STARTS_WITH_AMOUNT = re.compile(rf"^\s*{AMOUNT}(?:\s|$)")


def _amounts_next(lines, k: int, last: int) -> bool:
    """Whether the next line with text starts with an amount: a title's rest
    ending in an abbreviation ("lidelse mv." / "3 042 3 042") goes on there."""
    nxt = next((lines[j].text for j in range(k + 1, min(last, k + FRAGMENT_LINES_MAX) + 1) if lines[j].text.strip()), "")
    return bool(_STARTS_WITH_AMOUNT.match(nxt))


def _row_takes(st: _TableScan, i: int) -> bool:
    """Whether line i goes on with the open row: its wrapped title or its
    amounts (a row without them yet), or, in a table with a comment column,
    its comment (not the letter's closing, nor a list after the table)."""
    cur, t = st.cur, st.text.lines[i].text
    if cur.amounts is None:
        return not (st.gap or len(t) >= WRAPPED_TITLE_LINE_MAX) or _amount_line(cur, t, st.table) is not None
    if not st.table.comments:
        return False
    return not (_CLOSING.match(t) or (st.gap and _LIST_ITEM.match(t) and not _rows_follow(st.text.lines, i, st.last)))


def _continue_row(st: _TableScan, i: int) -> str:
    """The default of `LINE_RULES`: the open row takes the line (TAKEN), or
    the table ends there (END; also with no row open)."""
    cur, ln = st.cur, st.text.lines[i]
    if cur is None or not _row_takes(st, i):
        return END
    t = ln.text
    if cur.amounts is None:
        if not _take_amount_line(cur, t, st.table):
            cur.title.append(t.strip())  # the title wraps before the amounts come
    else:
        cur.comment.append(t.strip() if not st.gap else "\n" + t.strip())
        cur.amount_at_end = False
    cur.end_line = ln.lineno
    return TAKEN


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
