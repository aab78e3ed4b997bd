"""Re-export a document the way the 2026 PDF-to-Markdown converter does.

The 2026 letters arrived as a converter's Markdown export: YAML front matter,
an image of the letterhead with a machine caption in English, `<a id>`
anchors before headings, assignment header rows as pipe-table rows whose
cells are `<b>`-bold, the assignment's text in one cell of the next row as
`<p>` paragraphs (the rest of it, after a page break, as plain paragraphs
under the table), some header tables flattened into one heading line
(`#### | | | | |---|---|---| | <b>TB...</b> | ... |`), and narrow cells of
budget tables broken with `<br>` (inside a title, a number, even a word).

`converter_shape` rewrites the Markdown export of `shapes.markdown_from_golden`
into that shape. It works from the reviewed golden extraction (where the
headers are, their IDs, departments and titles: what a converter reads off
the PDF's table), never from the parser's output on this text.
"""
from __future__ import annotations

import re

from shapes import map_pipe_tables

_BOLD_PARAGRAPH = re.compile(r"^\*\*(?P<text>.+)\*\*$")
_AMOUNT = re.compile(r"^\d{1,3}(?: \d{3})+$")
_BUDGET_ROW = re.compile(r"^\|\s*(?:\d{3,4}(?:\.\d{2})?|)\s*\|")


def _unescape(text: str) -> str:
    return re.sub(r"\\([\\*_\[\]|])", r"\1", text)


def _headers_by_id(golden: dict) -> dict[str, dict]:
    """Golden assignments with a printed ID, departments and no remark, by
    the ID as printed (the header rows this shape can print as a table)."""
    out: dict[str, dict] = {}
    for a in golden["assignments"]:
        if a.get("printed_id") and a["departments"] and not a.get("department_remark"):
            out.setdefault(a["printed_id"], a)
    return out


def _cells_row(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _header_table(a: dict, flattened: bool, broken: bool = False) -> list[str]:
    title = a["title"]
    words = title.split(" ")
    if broken and len(words) >= 4:
        title = " ".join(words[:2]) + "<br/>" + " ".join(words[2:])  # a title over two lines of its cell
    cells = [f"<b>{a['printed_id']}</b>", f"<b>Avd. HOD: {'/'.join(a['departments'])}</b>", f"<b>{title}</b>"]
    rule = "|" + "---|" * 3
    if flattened:
        return ["#### | | | " + rule + " " + _cells_row(cells) + " " + rule, ""]
    return ["| | | |", rule, _cells_row(cells)]


def _br_cell(cell: str, n: int) -> str:
    """A narrow cell broken with `<br>`: an amount between its digit groups,
    a title between its words or before a long word's last letter."""
    if _AMOUNT.match(cell) and n % 2 == 0:
        head, tail = cell.rsplit(" ", 1)
        return f"{head}<br>{tail}"
    words = cell.split(" ")
    if len(words) >= 2 and n % 3 == 0:
        return " ".join(words[:-1]) + "<br>" + words[-1]
    if len(words) == 1 and len(cell) > 12 and cell.isalpha() and cell[-1].islower() and n % 3 == 1:
        return cell[:-1] + "<br>" + cell[-1]
    return cell


def converter_shape(markdown: str, golden: dict) -> str:
    """The converter's export of a document, from its Markdown export and its
    golden extraction."""
    headers = _headers_by_id(golden)
    lines = markdown.split("\n")
    out = [
        "---",
        "id: ANNET-001",
        f"title: \"{golden['title']}\"",
        "document_type: directive_or_assignment",
        f"publication_date: {golden['budget_year']}-01-01",
        "metadata_confidence: medium",
        "---",
        "",
        "![Logo of the Ministry of Health and Care Services](logo_img.jpg)",
        "",
        "The logo of the ministry is centered at the top. It features a crown above the name of the ministry.",
        "",
        "Logo of the Ministry of Health and Care Services",
        "",
    ]
    n_header = 0
    n_row = 0
    i = 0
    while i < len(lines):
        ln = lines[i]
        if ln.startswith("#"):
            heading = re.match(r"^(#+) (.*)$", ln)
            if heading and i % 3 == 0:  # the converter bolds some headings
                ln = f"{heading.group(1)} **{heading.group(2)}**"
            out += [f'<a id="block-{i}-0"></a>', "", ln]
            i += 1
            continue
        bold = _BOLD_PARAGRAPH.match(ln)
        a = None
        if bold:
            text = _unescape(bold.group("text"))
            printed = next((p for p in headers if text.startswith(p) and not text[len(p):len(p) + 1].isdigit()), None)
            a = headers.get(printed) if printed else None
        if a is None:
            if (ln and ln[0].isalpha() and i % 5 == 0 and "<" not in ln and "\\" not in ln
                    and not re.match(r"(?:Frist|Ansvarlig|Med hilsen|Vedlegg)", ln)):
                ln = f"<p>{ln}</p>"  # a paragraph the converter wrote as HTML
            if _BUDGET_ROW.match(ln) and "---" not in ln:
                n_row += 1
                cells = [c.strip() for c in re.split(r"(?<!\\)\|", ln.strip()[1:-1])]
                ln = _cells_row([_br_cell(c, n_row + k) for k, c in enumerate(cells)])
            out.append(ln)
            i += 1
            continue
        n_header += 1
        out += _header_table(a, flattened=n_header % 4 == 0, broken=n_header % 5 == 2)
        i += 1
        # The body: its first paragraphs as <p> in one cell of the table's next
        # row, the rest (after a "page break") as plain paragraphs under it.
        body: list[str] = []
        j = i
        while j < len(lines) and not lines[j].startswith(("#", "|", "**")) and len(body) < 40:
            body.append(lines[j])
            j += 1
        paragraphs = [p for p in body if p.strip()]
        plain = all(not p.startswith(("- ", "1. ")) and "<" not in p for p in paragraphs[:2])
        if n_header % 4 != 0 and paragraphs and plain:
            inside = paragraphs[:2] if len(paragraphs) > 2 else paragraphs[:1]
            cell = " ".join(f"<p>{p}</p>" for p in inside)
            out += [_cells_row([cell, "", ""]), ""]
            rest = body[body.index(inside[-1]) + 1:]
            out += rest
        else:
            out += [""] + body
        i = j
    return "\n".join(out) + "\n"


def html_tables(markdown: str) -> str:
    """The export with every pipe table written as an HTML `<table>` (another
    converter's shape): a row per line, the head row in `<thead>`."""
    return map_pipe_tables(markdown, _html_table)


def _html_table(lines: list[str], head: bool, rows: list[list[str]]) -> list[str]:
    out = ["<table>"]
    for k, cells in enumerate(rows):
        tag = "th" if head and k == 0 else "td"
        html_row = "".join(f"<{tag}>{c}</{tag}>" for c in cells)
        out.append(f"<thead><tr>{html_row}</tr></thead>" if tag == "th" else f"<tr>{html_row}</tr>")
    return out + ["</table>"]


def numbered_lists(markdown: str) -> str:
    """The export with every top-level bullet list as a numbered list ("1. ",
    "2. ", ...), as a converter that reads the bullets' glyphs as numbers does."""
    out: list[str] = []
    n = 0
    for ln in markdown.split("\n"):
        if ln.startswith("- "):
            n += 1
            out.append(f"{n}. {ln[2:]}")
            continue
        if ln.strip():
            n = 0
        out.append(ln)
    return "\n".join(out)
