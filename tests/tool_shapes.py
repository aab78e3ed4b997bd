"""More shapes other tools give a document (beside tests/shapes.py and
tests/converter_shapes.py), each a rewrite of the word processor's Markdown
export (`shapes.markdown_from_golden`) or of the converter's export:

- `pandoc_markdown`: pandoc's default Markdown writer: Setext headings
  (`===` / `---` underlines) for levels 1 and 2, paragraphs and list items
  hard-wrapped at 72 columns, `-   ` bullets with continuation lines
  indented four spaces, and a wrapped line that would start a list or a
  heading escaped (`1\\.`, `\\-`, `\\#`);
- `bold_headings`: a word processor's export of a document whose headings
  were set by direct formatting, not styles: every heading a bold line
  (`**2.1 Folkehelse**`), no `#`;
- `rowspan_tables`: a PDF-to-HTML converter's tables: `<table>` pretty-printed
  over many lines, the head row in `<thead>` as `<th>`, a chapter's number
  cell spanning its posts' rows (`rowspan`), every cell a `<p>`;
- `flattened_tables`: a converter that lost the line breaks of whole tables:
  every pipe table of amounts on one line (`| Kap. | ... | |---|...| | 701 |
  21 | ... |`).

They work from the export's own marks, never from the parser's output.
"""
from __future__ import annotations

import re
import textwrap

_ATX = re.compile(r"^(#{1,6}) (.*)$")
_RULE_ROW = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_PIPE_ROW = re.compile(r"^\|.*\|\s*$")
# A wrapped line that Markdown would read as a block of its own: pandoc escapes it.
_BLOCK_START = re.compile(r"^(?:(\d{1,9})([.)])(?=\s|$)|([-+*])(?=\s|$)|(#{1,6})(?=\s|$)|(>))")
_AMOUNT_CELL = re.compile(r"^-?\d{1,3}(?: \d{3})+$|^-?\d{1,3}$")


def _escape_start(line: str) -> str:
    m = _BLOCK_START.match(line)
    if not m:
        return line
    if m.group(1):
        return f"{m.group(1)}\\{m.group(2)}{line[m.end():]}"
    return "\\" + line


def _wrap(text: str, first: str, rest: str, width: int = 72) -> list[str]:
    pieces = textwrap.wrap(text, width - len(rest), break_long_words=False, break_on_hyphens=False) or [""]
    return [first + pieces[0]] + [rest + _escape_start(p) for p in pieces[1:]]


def pandoc_markdown(markdown: str, width: int = 72) -> str:
    out: list[str] = []
    for ln in markdown.split("\n"):
        atx = _ATX.match(ln)
        if atx and len(atx.group(1)) <= 2 and "|" not in ln:
            title = atx.group(2)
            out += [title, ("=" if len(atx.group(1)) == 1 else "-") * max(3, len(title))]
            continue
        if not ln.strip() or atx or _PIPE_ROW.match(ln) or ln.startswith("<"):
            out.append(ln)
            continue
        item = re.match(r"^(- |\d{1,2}\. )(.*)$", ln)
        if item:
            marker = item.group(1).strip()
            out += _wrap(item.group(2), marker.ljust(4), " " * 4, width)
            continue
        out += _wrap(ln, "", "", width)
    return "\n".join(out)


def bold_headings(markdown: str) -> str:
    out = []
    for ln in markdown.split("\n"):
        atx = _ATX.match(ln)
        if atx and "|" not in ln:
            title = re.sub(r"^\*\*(.*)\*\*$", r"\1", atx.group(2).strip())
            if out and out[-1].strip():
                out.append("")  # a paragraph of its own, as the exporter writes every paragraph
            ln = f"**{title}**"
        out.append(ln)
    return "\n".join(out)


def _pipe_cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip()[1:-1])]


def _is_amount_table(rows: list[list[str]]) -> bool:
    return sum(1 for r in rows if any(_AMOUNT_CELL.match(c) for c in r[1:])) >= 2


def _pipe_blocks(markdown: str):
    """(kind, lines): runs of pipe rows ("table") and everything else ("text")."""
    kind, block = None, []
    for ln in markdown.split("\n"):
        k = "table" if _PIPE_ROW.match(ln) else "text"
        if k != kind and block:
            yield kind, block
            block = []
        kind = k
        block.append(ln)
    if block:
        yield kind, block


def _html_rows(rows: list[list[str]], head: bool) -> list[str]:
    """A table's rows as indented HTML, the first cell spanning the rows
    under it that leave it empty (a chapter's number over its posts)."""
    out = ["<table>"]
    body = rows[1:] if head else rows
    if head:
        out += ["  <thead>", "    <tr>"] + [f"      <th>{c}</th>" for c in rows[0]] + ["    </tr>", "  </thead>"]
    out.append("  <tbody>")
    k = 0
    while k < len(body):
        row = body[k]
        span = 1
        if row and row[0]:
            while k + span < len(body) and body[k + span] and not body[k + span][0] and len(body[k + span]) > 2:
                span += 1
        out.append("    <tr>")
        for j, c in enumerate(row):
            if j == 0 and not c and k > 0 and _spanned(body, k):
                continue
            attr = f' rowspan="{span}"' if j == 0 and span > 1 else ""
            out.append(f"      <td{attr}><p>{c}</p></td>" if c else f"      <td{attr}></td>")
        out.append("    </tr>")
        k += 1
    out += ["  </tbody>", "</table>"]
    return out


def _spanned(body: list[list[str]], k: int) -> bool:
    """Whether row k's empty first cell lies under a chapter cell's rowspan."""
    j = k - 1
    while j >= 0 and body[j] and not body[j][0] and len(body[j]) > 2:
        j -= 1
    return j >= 0 and bool(body[j]) and bool(body[j][0]) and len(body[k]) > 2


def rowspan_tables(markdown: str) -> str:
    out: list[str] = []
    for kind, block in _pipe_blocks(markdown):
        if kind != "table":
            out += block
            continue
        head = len(block) > 1 and _RULE_ROW.match(block[1]) is not None
        rows = [_pipe_cells(r) for r in block if not _RULE_ROW.match(r)]
        if not _is_amount_table(rows):
            out += block
            continue
        out += _html_rows(rows, head)
    return "\n".join(out)


def flattened_tables(markdown: str) -> str:
    out: list[str] = []
    for kind, block in _pipe_blocks(markdown):
        rows = [_pipe_cells(r) for r in block if not _RULE_ROW.match(r)]
        if kind != "table" or not _is_amount_table(rows):
            out += block
            continue
        out.append(" ".join(r.strip() for r in block))
    return "\n".join(out)
