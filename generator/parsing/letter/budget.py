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
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.diagnostics import Diagnostics
from generator.model import BudgetRow, Section
from generator.parsing.letter.sections import Part
from generator.parsing.blocks import is_table_row
from generator.parsing.tokens.amounts import KRONER_LINE, UNIT_LINE, parse_amount, split_amounts, table_unit
from generator.parsing.tokens.kap_post import chapter_type, is_folketrygd_chapter
from generator.read.source_text import Line, SourceText, join_wrapped
from generator.lexicon import SIGN_OFF_START

_HEADER = re.compile(r"^\s*(?:Kap\.?\s*/\s*post|Kap\.?\s+Post|Kap\.?\t+Post|Post\s+Betegnelse|Post\tBetegnelse)\b", re.I)
_CHAPTER_HEADER = re.compile(r"^\s*(?P<kap>\d{3,4})\s+(?P<title>[A-ZÆØÅ][^\d\t]*?)\s+(?P<col>Beløp)\s*$")
_CONTEXT_KAP = re.compile(r"^\s*Kap\.?\s*(?P<kap>\d{3,4})\s+(?P<title>[A-ZÆØÅ].*)$")
_DOTTED = re.compile(r"^\s*(?P<kap>\d{3,4})\.(?P<post>\d{2})(?![\d,])\s*(?P<rest>.*)$")
_KAP_POST = re.compile(r"^\s*(?P<kap>\d{3,4})[ \t]+(?P<post>\d{2})(?![\d,.])[ \t]*(?P<rest>.*)$")
_POST_ONLY = re.compile(r"^\s*(?P<post>\d{2})[ \t]+(?P<rest>[A-ZÆØÅ].*)$")
_SUM = re.compile(r"^\s*Sum\b\s*(?:kap(?:ittel)?\.?\s*(?P<kap>\d{3,4}))?(?P<rest>.*)$", re.I)
_LIST_ITEM = re.compile(r"^\s*[-•–*]\s+\S")
_CLOSING = SIGN_OFF_START
_LABELS = {"postnavn", "betegnelse", "benevnelse", "formål", "navn", "postbetegnelse", "tekst"}
_COMMENT_WORDS = {"kommentarer", "kommentar", "merknad", "merknader", "omtale"}
_COLUMN_WORDS = {"saldert", "regnskap", "bevilgning", "tildeling", "forslag", "beløp", "tildelt", "vedtatt", "endring"}
_AMOUNT_START = re.compile(r"^\s*(?P<amt>\d{1,3}(?:[ \u00a0]\d{3})+|\d{1,3})(?=$|\s{2,}|\s+[A-ZÆØÅ0-9«\-–•])(?P<rest>.*)$")
_INLINE_AMOUNT = re.compile(r"(?<![\d,.])(?P<amt>\d{1,3}(?:[ \u00a0]\d{3})+|\d{1,3})(?=$|\s+[A-ZÆØÅ0-9«\-–•]|\s{2,})")


@dataclass
class _Table:
    columns: list[str]
    unit: str
    comments: bool
    kap: int | None = None
    type_hint: str | None = None
    header_cells: list[str] | None = None  # a tab-separated header: cells by position


@dataclass
class _Row:
    kap: int
    post: str
    title: list[str]
    amounts: list[int | None] | None
    line: int
    end_line: int
    comment: list[str] = field(default_factory=list)
    amount_at_end: bool = False
    tabbed: bool = False  # read from one tab-separated line (a pipe table's row): its cells are all it has
    rules: list[str] = field(default_factory=list)  # the rules that read it, its row rule first


def _columns(header: str) -> tuple[list[str], bool, bool]:
    """Column headings of the amount columns, whether a comment column
    follows, and whether this is a fullmakt (limit) table."""
    cells = [c.strip() for c in header.split("\t")] if "\t" in header else None
    text = re.sub(r"\([^)]*\)", " ", header)
    text = re.sub(r"^\s*(?:Kap\.?\s*/\s*post|Kap\.?|Post)\b\.?", " ", text, flags=re.I)
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


def _split_line_amounts(text: str, k: int) -> tuple[str, list[int | None]] | None:
    """Trailing amounts of a row line -> (text before, amounts) or None."""
    tokens = text.split()
    n = 0
    while n < len(tokens) and re.fullmatch(r"\d+", tokens[len(tokens) - 1 - n]):
        n += 1
    if n == 0:
        return None
    tail = tokens[len(tokens) - n:]
    if len(tokens) > n and re.fullmatch(r"(?:post(?:ene)?|og|,)", tokens[len(tokens) - n - 1], re.I) and n > 1:
        tail = tail[1:]  # "kan nyttes under post 21": the 21 belongs to the title
        n -= 1
    res = split_amounts(tail, k)
    if res is not None:
        vals, used = res
        big = [abs(v) for v in vals if v]
        if k > 1 and big and min(big) > 0 and max(big) / max(min(big), 1) > 20:
            alt = split_amounts(tail, k - 1)
            if alt is not None and alt[1] >= used - 1:
                vals2, used2 = alt
                return " ".join(tokens[: len(tokens) - used2]), [None] * (k - len(vals2)) + list(vals2)
        return " ".join(tokens[: len(tokens) - used]), list(vals)
    for kk in range(k - 1, 0, -1):
        alt = split_amounts(tail, kk)
        if alt is not None:
            vals2, used2 = alt
            return " ".join(tokens[: len(tokens) - used2]), [None] * (k - kk) + list(vals2)
    return None


def parse_budget(text: SourceText, sections: list[Section], section_idx: list[int], main: Part,
                 diags: Diagnostics, trace: list | None = None) -> list[BudgetRow]:
    """Every budget table's rows; `trace` (a list) gets, per row, the rules
    that read it and the row, and (rule, line) for totals and table ends."""
    lines = text.lines
    heads = set(section_idx)
    rows: list[BudgetRow] = []
    last_table: _Table | None = None
    i = main.first
    while i <= main.last:
        ln = lines[i]
        hm = _HEADER.match(ln.text)
        cm = _CHAPTER_HEADER.match(ln.text) if not hm else None
        if not hm and not cm:
            if UNIT_LINE.match(ln.text) and last_table is not None:
                nxt = next((k for k in range(i + 1, min(main.last, i + 3) + 1) if lines[k].text.strip()), None)
                if nxt is not None and (_DOTTED.match(lines[nxt].text) or _KAP_POST.match(lines[nxt].text)):
                    table = _Table(last_table.columns, table_unit(ln.text), last_table.comments)
                    table.type_hint = _heading_kind(sections, section_idx, i)
                    new_rows, i = _read_table(text, nxt, main.last, heads, table, diags, trace)
                    rows.extend(new_rows)
                    continue
            i += 1
            continue
        # Header lines run until the first row.
        j = i + 1
        header_parts = [ln.text]
        while (j <= main.last and j - i < 10 and not _is_row_start(lines[j].text, False) and j not in heads
               and lines[j].lineno not in text.headings
               and (lines[j].text == ln.text or not _HEADER.match(lines[j].text))):
            # (a heading, or another table's head, ends a head whose rows are gone)
            if lines[j].text != ln.text:  # the head printed twice (a line duplicated): once
                header_parts.append(lines[j].text)
            j += 1
        header = "\t".join(header_parts) if "\t" in ln.text else " ".join(header_parts)
        if cm:
            names, comments, limit = [cm.group("col")], False, False
        else:
            names, comments, limit = _columns(header)
        context = " ".join(x.text for x in lines[max(main.first, i - 3): i]
                           if UNIT_LINE.match(x.text) or KRONER_LINE.match(x.text)) + " " + header
        table = _Table(names, table_unit(context), comments)
        if "\t" in ln.text and len(header_parts) == 1:
            table.header_cells = [c.strip() for c in ln.text.strip("\n").split("\t")]
            table.columns = [c for c in table.header_cells if _cell_role(c) == "amount"] or names
        if cm:
            table.kap = int(cm.group("kap"))
        else:
            for k in range(i - 1, max(main.first, i - 5) - 1, -1):
                c = _CONTEXT_KAP.match(lines[k].text)
                if c:
                    table.kap = int(c.group("kap"))
                    break
        table.type_hint = _heading_kind(sections, section_idx, i)
        if limit:
            i = j
            continue
        new_rows, i = _read_table(text, j, main.last, heads, table, diags, trace)
        last_table = table
        rows.extend(new_rows)
    return rows


# What a budget table's section heading says its rows are ("4.2. Inntekter",
# "4.3. Folketrygd- og aktivitetsbaserte poster"); None: it does not say.
_HEADING_KINDS = (("inntekt", re.compile(r"inntekt", re.I)), ("folketrygd", re.compile(r"folketrygd", re.I)))


def _heading_kind(sections: list[Section], section_idx: list[int], i: int) -> str | None:
    title = next((s.title for s, si in zip(reversed(sections), reversed(section_idx)) if si <= i), "")
    return next((kind for kind, pattern in _HEADING_KINDS if pattern.search(title)), None)


def row_type(kap: int, heading_kind: str | None) -> tuple[str, str | None, str]:
    """A budget row's type and, where the table's heading and the budget's
    numbering disagree, what to report. In order: rows under an income
    heading are income; rows under a folketrygd heading are folketrygd where
    their chapter is one of the folketrygd's (2500-2799), else their
    chapter's type, reported; in a table whose heading names neither, a
    folketrygd chapter's row is folketrygd (the older letters print kap.
    2711-2790 in their allocation tables with the other chapters), any other
    row its chapter's type (3000-3999 and 5000-5999 income). The third
    value names the rule of `TYPE_RULES` that decided."""
    if heading_kind == "inntekt":
        return "inntekt", None, "income_heading"
    if is_folketrygd_chapter(kap):
        return "folketrygd", None, "folketrygd_heading" if heading_kind == "folketrygd" else "folketrygd_chapter"
    kind = chapter_type(kap)
    if heading_kind == "folketrygd":
        return kind, (f"printed in a table of folketrygd posts, but kap. {kap} is no folketrygd chapter "
                      f"(2500-2799); typed {kind}"), "folketrygd_heading"
    return kind, None, "chapter_number"


# A row's type, in order (`row_type`); and its table's unit (`table_unit`), by the rule that read it.
TYPE_RULES = ("income_heading", "folketrygd_heading", "folketrygd_chapter", "chapter_number")
UNIT_RULES = {"1000 NOK": "unit_thousand_kroner", "NOK": "unit_kroner", "mill. NOK": "unit_million_kroner"}


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

    def close(self) -> None:
        if self.cur is not None:
            self.done.append(self.cur)
            self.group.append(self.cur)
            self.cur = None

    def start(self, row: _Row, rule: str) -> None:
        self.close()
        row.rules.insert(0, rule)
        self.cur = row
        self.kap = row.kap
        self.gap = False


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
# Rules that fire inside a row rule or on the lines after it, named on the row.
CELL_RULES = ("two_amounts_in_one_cell", "amount_split_over_lines", "paragraph_ends_table")


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
            break
        if (cur.tabbed and st.gap and table.comments and _new_paragraph(cur, t, text.line_text(ln.lineno))
                and not _table_goes_on(text, i, last, heads)):
            if trace is not None:
                trace.append(("paragraph_ends_table", ln.lineno))
            break  # rule paragraph_ends_table: a paragraph after the table is no comment
        if not _continue_row(cur, ln, table, st.gap, lines, i, last):
            break
        st.gap = False
        i += 1
    st.close()
    return _finish_rows(st.done, table, text.file, diags, trace), i


def _continue_row(cur: _Row, ln: Line, table: _Table, gap: bool, lines, i: int, last: int) -> bool:
    """Take a line that goes on with the current row: its wrapped title, its
    amounts on a line of their own, the last digits of an amount, or its
    comment. False when the line is not part of the row (the table ends)."""
    t = ln.text
    if cur.amounts is None:
        if not _take_amount_line(cur, t, table):
            if gap or len(t) >= 80:
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


# One-letter words of Norwegian: never the last letter of a word that a narrow cell wrapped.
_ONE_LETTER_WORDS = {"i", "å", "o", "e"}


def _word_ends_joined(pieces: list[str]) -> list[str]:
    """A word's last letter wrapped alone onto the next line of a narrow cell
    ("forbruksmateriel" / "l") is joined back to it."""
    out: list[str] = []
    for piece in pieces:
        p = piece.strip()
        if out and len(p) == 1 and p.islower() and p not in _ONE_LETTER_WORDS and out[-1].rstrip()[-1:].isalpha():
            out[-1] = out[-1].rstrip() + p
        else:
            out.append(piece)
    return out


def _finish_rows(done: list[_Row], table: _Table, file: str, diags: Diagnostics,
                 trace: list | None = None) -> list[BudgetRow]:
    """The rows read, as budget rows: title and comment joined, type from the
    chapter number (or the table's heading), unread figures reported."""
    k = len(table.columns)
    out: list[BudgetRow] = []
    for r in done:
        amounts = r.amounts if r.amounts is not None else [None] * k
        title = join_wrapped(_word_ends_joined(r.title))
        comment = "\n".join(join_wrapped(p.split("\n")) for p in "\n".join(r.comment).split("\n\n")) if r.comment else ""
        comment = re.sub(r"[ \t]+", " ", comment).strip()
        rtype, disagreement, type_rule = row_type(r.kap, table.type_hint)
        if disagreement:
            diags.warn(file, r.line, "row-type", f"kap. {r.kap} post {r.post}: {disagreement}")
        if all(a is None for a in amounts) and re.search(r"\d,\d", title):
            # Figures printed in another unit ("0,2 0,1", "12,9 mill. kroner") stay in
            # the title as text; say so rather than leave the cells silently empty.
            diags.warn(file, r.line, "amount-unread",
                       f"kap. {r.kap} post {r.post}: figures in '{title[-40:]}' are not whole amounts in "
                       f"{table.unit}; kept as text, amounts left empty")
        out.append(BudgetRow(r.kap, r.post, title, tuple(zip(table.columns, amounts)), table.unit, rtype,
                             r.line, comment, r.end_line))
        if trace is not None:
            trace.append((r.rules + [type_rule, UNIT_RULES[table.unit]], out[-1]))
    return out


def _table_goes_on(text: SourceText, i: int, last: int, heads: set[int]) -> bool:
    """Whether a table row comes after the paragraphs from line i on before
    any heading: a table broken at a page whose cell goes on as paragraphs
    and then in a new table (a converter's export), rather than its end."""
    lines = text.lines
    for k in range(i, min(last, i + 40) + 1):
        t = lines[k].text
        if k in heads or lines[k].lineno in text.headings or _CLOSING.match(t) or _SUM.match(t):
            return False
        if is_table_row(t):
            return True
    return False


def _rows_follow(lines, i: int, last: int) -> bool:
    """Whether the table goes on after the list that starts at line i (a list
    inside a comment cell) rather than ending before it."""
    for k in range(i, min(last, i + 40) + 1):
        t = lines[k].text
        if _CLOSING.match(t) or _SUM.match(t):
            return False
        if is_table_row(t) or _KAP_POST.match(t) or _POST_ONLY.match(t) or _DOTTED.match(t):
            return True
    return False


def _take_rest(cur: _Row, rest: str, table: _Table, first: bool) -> None:
    rest = rest.strip()
    if not rest:
        return
    if table.comments:
        m = _INLINE_AMOUNT.search(rest)
        if m and not re.search(r"\bpost\s*$", rest[: m.start()], re.I):
            cur.title.append(rest[: m.start()].strip())
            cur.amounts = [parse_amount(m.group("amt"))] + [None] * (len(table.columns) - 1)
            after = rest[m.end():].strip()
            if after:
                cur.comment.append(after)
            else:
                cur.amount_at_end = True
            return
        cur.title.append(rest)
        return
    split = _split_line_amounts(rest, len(table.columns))
    if split is not None:
        before, vals = split
        if before:
            cur.title.append(before)
        cur.amounts = vals
        cur.amount_at_end = True
        return
    cur.title.append(rest)


def _take_amount_line(cur: _Row, t: str, table: _Table) -> bool:
    """An amount line for a row whose amounts are still missing."""
    prev = " ".join(cur.title)
    if re.search(r"\bpost(?:ene)?\s*$|\bunder\s*$", prev, re.I) and re.match(r"^\s*\d{1,2}\b", t):
        return False  # "kan nyttes under post" / "79": part of the title
    if table.comments:
        m = _AMOUNT_START.match(t)
        if not m:
            return False
        cur.amounts = [parse_amount(m.group("amt"))] + [None] * (len(table.columns) - 1)
        rest = m.group("rest").strip()
        if rest:
            cur.comment.append(rest)
        else:
            cur.amount_at_end = True
        return True
    split = _split_line_amounts(t, len(table.columns))
    if split is None or (split[0] and (not re.search(r"\d \d{3}\s*$", t) or len(split[0]) > 60)):
        return False
    if split[0]:
        cur.title.append(split[0])
    cur.amounts = split[1]
    cur.amount_at_end = True
    return True


# "Kap./post", "Kap. post", "Kap.post": one column holding both ("770.70").
_KAP_POST_HEADING = re.compile(r"kap(?:ittel)?\.?\s*/?\s*post")


def _cell_role(heading: str) -> str:
    """What a column of a tab-separated budget table holds, by its heading:
    "kap", "post", "title" ("Navn på post", "Betegnelse"), "comment" or
    "amount" ("Tildeling 2024", "Bevilgning 2022")."""
    h = heading.lower().strip(" .:")
    if h in ("kap", "kapittel"):
        return "kap"
    if h == "post" or _KAP_POST_HEADING.fullmatch(h):
        return "post"
    words = set(re.findall(r"[a-zæøå]+", h))
    if words & _COMMENT_WORDS:
        return "comment"
    if not h or words & _LABELS or h.endswith("på post"):
        return "title"
    return "amount"


def _positional_row(t: str, table: _Table, kap: int | None) -> _Row | None:
    """A row of a tab-separated table whose header is tab-separated too: each
    cell is read as what its column's heading says it is."""
    cells = [c.strip() for c in t.split("\t")]
    roles = [_cell_role(h) for h in table.header_cells]
    if len(cells) < len(roles) - 1 or "post" not in roles:
        return None
    values: dict[str, list[str]] = {"kap": [], "post": [], "title": [], "comment": []}
    amounts: list[int | None] = []
    for k, cell in enumerate(cells):
        role = roles[k] if k < len(roles) else "comment"
        if role == "amount":
            amounts.append(parse_amount(cell) if cell not in ("", "-", "–") else None)
        else:
            values[role].append(cell)
    kap_cell = "".join(values["kap"])
    post = "".join(values["post"])
    both = re.fullmatch(r"(\d{3,4})[.\s]\s*(\d{2})", post)
    if both and not kap_cell:
        kap_cell, post = both.group(1), both.group(2)  # "770.70" under "Kap. post"
    if not re.fullmatch(r"\d{2}", post) or (kap_cell and not re.fullmatch(r"\d{3,4}", kap_cell)):
        return None
    k_ = int(kap_cell) if kap_cell else kap
    if k_ is None:
        return None
    amounts += [None] * (len(table.columns) - len(amounts))  # empty cells at the end of the row
    row = _Row(k_, post, [c for c in values["title"] if c], amounts, 0, 0)
    row.comment = [c for c in values["comment"] if c]
    return row


def _holds_several(cell: str) -> bool:
    """"103 867 88 741": one cell holding amounts of several columns (an
    edit made the two spaces between columns a tab, the one between two
    amounts not); a single amount has at most three groups, each after the
    first of three digits."""
    tokens = cell.split()
    if len(tokens) < 2 or not all(t.isdigit() for t in tokens):
        return False
    return len(tokens) > 3 or any(len(t) != 3 for t in tokens[1:])


def _tab_row(t: str, table: _Table, kap: int | None) -> _Row | None:
    if table.header_cells:
        row = _positional_row(t, table, kap)
        if row is not None:
            return row
    cells = [c.strip() for c in t.split("\t")]
    while cells and not cells[0]:
        cells.pop(0)
    if not cells:
        return None
    k_ = kap
    post = None
    m = re.fullmatch(r"(\d{3,4})\.(\d{2})", cells[0])
    if m:
        k_, post = int(m.group(1)), m.group(2)
        cells = cells[1:]
    elif re.fullmatch(r"\d{3,4}", cells[0]) and len(cells) > 1 and re.fullmatch(r"\d{2}", cells[1]):
        k_, post = int(cells[0]), cells[1]
        cells = cells[2:]
    elif re.fullmatch(r"\d{2}", cells[0]):
        post = cells[0]
        cells = cells[1:]
    if post is None or k_ is None:
        return None
    title = []
    while cells and parse_amount(cells[0]) is None and cells[0] not in ("", "-", "–") and not _holds_several(cells[0]):
        title.append(cells.pop(0))  # ("1 084 733 1 102 567": two columns' amounts, no title)
    amounts: list[int | None] = []
    several = False
    while cells and len(amounts) < len(table.columns):
        c = cells.pop(0)
        split = _split_line_amounts(c, len(table.columns) - len(amounts)) if _holds_several(c) else None
        several = several or bool(split and not split[0])
        amounts.extend(split[1] if split and not split[0] else [parse_amount(c)])
    amounts += [None] * (len(table.columns) - len(amounts))
    row = _Row(k_, post, title, amounts[:len(table.columns)], 0, 0)
    row.comment = [c for c in cells if c]
    if several:
        row.rules.append("two_amounts_in_one_cell")  # "103 867 88 741": two columns' amounts in one cell
    return row


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
