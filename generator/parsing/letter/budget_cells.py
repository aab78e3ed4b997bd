"""Budget-table cells: a table and a row being read, and the readers of a
row's cells (a tab-separated row by its head's columns or cell by cell, the
text after kap and post, an amount line, two amounts in one cell). The row
rules that use them: `budget_rows.py`; finding the tables: `budget.py`."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from generator.lexicon import AND, SIGN_OFF_START, words_alternation
from generator.parsing.tokens.kap_post import KAP, KAP_WORD_LOOSE, POST
from generator.parsing.tokens.amounts import GROUPED_AMOUNT, parse_amount, several_amounts, split_amounts


# A row's columns hold amounts of one size: one twenty times another is a
# title's number read as a column (tried again with one column fewer).
COLUMN_RATIO_MAX = 20


# A row's title printed before amounts on a line of their own is short; a
# longer text before them is a sentence that ends in a number.
TITLE_BEFORE_AMOUNTS_MAX = 60


_LIST_ITEM = re.compile(r"^\s*[-•–*]\s+\S")


_CLOSING = SIGN_OFF_START


_LABELS = {"postnavn", "betegnelse", "benevnelse", "formål", "navn", "postbetegnelse", "tekst"}


_COMMENT_WORDS = {"kommentarer", "kommentar", "merknad", "merknader", "omtale"}


_AMOUNT_START = re.compile(rf"^\s*(?P<amt>{GROUPED_AMOUNT}|\d{{1,3}})(?=$|\s{{2,}}|\s+[A-ZÆØÅ0-9«\-–•])(?P<rest>.*)$")


_INLINE_AMOUNT = re.compile(rf"(?<![\d,.])(?P<amt>{GROUPED_AMOUNT}|\d{{1,3}})(?=$|\s+[A-ZÆØÅ0-9«\-–•]|\s{{2,}})")


@dataclass
class _Table:
    columns: list[str]
    unit: str
    comments: bool
    kap: int | None = None
    own_kap: int | None = None  # the chapter whose own table this is (under its "Kap. 2711 ..." heading)
    type_hint: str | None = None
    header_cells: list[str] | None = None  # a tab-separated header: cells by position
    unit_rule: str = "unit_thousand_kroner"  # the rule of tokens/amounts.UNIT_RULES that read `unit`


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


# A word before a row's trailing numbers that makes the first of them a post
# number of the title ("kan nyttes under post 21", "postene 21 og 70").
_BEFORE_A_POST_NUMBER = re.compile(rf"(?:post(?:ene)?|{words_alternation(AND)}|,)", re.I)


def _split_line_amounts(text: str, k: int) -> tuple[str, list[int | None]] | None:
    """Trailing amounts of a row line -> (text before, amounts) or None."""
    tokens = text.split()
    n = 0
    while n < len(tokens) and re.fullmatch(r"\d+", tokens[len(tokens) - 1 - n]):
        n += 1
    if n == 0:
        return None
    tail = tokens[len(tokens) - n:]
    if len(tokens) > n and _BEFORE_A_POST_NUMBER.fullmatch(tokens[len(tokens) - n - 1]) and n > 1:
        tail = tail[1:]  # "kan nyttes under post 21": the 21 belongs to the title
        n -= 1
    res = split_amounts(tail, k)
    if res is not None:
        vals, used = res
        big = [abs(v) for v in vals if v]
        if k > 1 and big and min(big) > 0 and max(big) / max(min(big), 1) > COLUMN_RATIO_MAX:
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


def _amount_line(cur: _Row, t: str, table: _Table) -> tuple[str, list[int | None], str] | None:
    """What an amount line gives a row whose amounts are still missing (the
    title's rest before them, the amounts, a comment after them), or None;
    reads, changes nothing."""
    prev = " ".join(cur.title)
    if re.search(r"\bpost(?:ene)?\s*$|\bunder\s*$", prev, re.I) and re.match(r"^\s*\d{1,2}\b", t):
        return None  # "kan nyttes under post" / "79": part of the title
    if table.comments:
        m = _AMOUNT_START.match(t)
        if not m:
            return None
        return "", [parse_amount(m.group("amt"))] + [None] * (len(table.columns) - 1), m.group("rest").strip()
    split = _split_line_amounts(t, len(table.columns))
    if split is None or (split[0] and (not re.search(r"\d \d{3}\s*$", t) or len(split[0]) > TITLE_BEFORE_AMOUNTS_MAX)):
        return None
    return split[0], split[1], ""


def _take_amount_line(cur: _Row, t: str, table: _Table) -> bool:
    """An amount line for a row whose amounts are still missing."""
    read = _amount_line(cur, t, table)
    if read is None:
        return False
    title, cur.amounts, comment = read
    if title:
        cur.title.append(title)
    if comment:
        cur.comment.append(comment)
    else:
        cur.amount_at_end = True
    return True


# "Kap./post", "Kap. post", "Kap.post": one column holding both ("770.70").
_KAP_POST_HEADING = re.compile(rf"{KAP_WORD_LOOSE}\s*/?\s*post")


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
    both = re.fullmatch(rf"({KAP})[.\s]\s*({POST})", post)
    if both and not kap_cell:
        kap_cell, post = both.group(1), both.group(2)  # "770.70" under "Kap. post"
    if not re.fullmatch(POST, post) or (kap_cell and not re.fullmatch(KAP, kap_cell)):
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
    return several_amounts(cell.split())


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
    m = re.fullmatch(rf"({KAP})\.({POST})", cells[0])
    if m:
        k_, post = int(m.group(1)), m.group(2)
        cells = cells[1:]
    elif re.fullmatch(KAP, cells[0]) and len(cells) > 1 and re.fullmatch(POST, cells[1]):
        k_, post = int(cells[0]), cells[1]
        cells = cells[2:]
    elif re.fullmatch(POST, cells[0]):
        post = cells[0]
        cells = cells[1:]
    if post is None or k_ is None:
        return None
    title = []
    while cells and parse_amount(cells[0]) is None and cells[0] not in ("", "-", "–") and not _holds_several(cells[0]):
        title.append(cells.pop(0))  # ("1 084 733 1 102 567": two columns' amounts, no title)
    amounts: list[int | None] = []
    fired: set[str] = set()
    while cells and len(amounts) < len(table.columns):
        c = cells.pop(0)
        amounts.extend(_read_amount_cell(c, len(table.columns) - len(amounts), fired))
    amounts += [None] * (len(table.columns) - len(amounts))
    row = _Row(k_, post, title, amounts[:len(table.columns)], 0, 0)
    row.comment = [c for c in cells if c]
    row.rules.extend(name for name, _ in CELL_RULES if name in fired)
    return row


def _rule_two_amounts_in_one_cell(cell: str, columns_left: int) -> list[int | None] | None:
    """"103 867 88 741": two columns' amounts in one cell (an edit made the
    two spaces between columns a tab, the one between two amounts not)."""
    split = _split_line_amounts(cell, columns_left) if _holds_several(cell) else None
    return split[1] if split and not split[0] else None


# The rules tried on an amount cell of a tab-separated row, in order: the
# first that reads the cell gives its amounts (named on the row); a cell none
# reads is one amount (`parse_amount`). Each a function (cell, columns left)
# -> the amounts, or None.
CELL_RULES = (
    ("two_amounts_in_one_cell", _rule_two_amounts_in_one_cell),
)


def _read_amount_cell(cell: str, columns_left: int, fired: set[str]) -> list[int | None]:
    """The amounts of one cell, by the first of `CELL_RULES` that reads it."""
    for name, rule in CELL_RULES:
        got = rule(cell, columns_left)
        if got is not None:
            fired.add(name)
            return list(got)
    return [parse_amount(cell)]


# A line of 80 characters or more before a row's amounts is prose, not its title wrapped.
WRAPPED_TITLE_LINE_MAX = 80


_DOTTED = re.compile(rf"^\s*(?P<kap>{KAP})\.(?P<post>{POST})(?![\d,])\s*(?P<rest>.*)$")


_KAP_POST = re.compile(rf"^\s*(?P<kap>{KAP})[ \t]+(?P<post>{POST})(?![\d,.])[ \t]*(?P<rest>.*)$")


_POST_ONLY = re.compile(rf"^\s*(?P<post>{POST})[ \t]+(?P<rest>[A-ZÆØÅ].*)$")


_SUM = re.compile(rf"^\s*Sum\b\s*(?:{KAP_WORD_LOOSE}\s*(?P<kap>{KAP}))?(?P<rest>.*)$", re.I)


def _is_row_start(t: str, comments: bool) -> bool:
    if _DOTTED.match(t) or _SUM.match(t) and re.search(r"\d", t):
        return True
    m = _KAP_POST.match(t)
    if m and not re.match(rf"\s*{KAP}\s+{POST}\s*(?:mill|kr|prosent|pst)", t):
        return True
    return not comments and bool(_POST_ONLY.match(t))
