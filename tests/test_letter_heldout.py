"""A letter in another text extraction, with a known answer.

The held-out letters arrive in other shapes: a letterhead, a table of contents
with tab leaders, whole paragraphs on one line, tab-separated tables, inline
HTML and **bold**, CRLF, no-break spaces in numbers. Here the 2025 letter is
written out again in that shape from what the parser read in the original
(headings, assignments, budget rows, paragraphs), and the rewritten letter
must give the same sections, assignments and budget rows.
"""
from __future__ import annotations

import pytest

from generator.diagnostics import Diagnostics
from generator.extract import extract_document
from generator.parsing.blocks import lines_to_blocks
from generator.parsing.letter import parse_letter
from generator.text import read_text
from tests.conftest import SOURCE

LETTERHEAD = [
    "Helse- og omsorgsdepartementet",
    "Helsedirektoratet",
    "Postboks 220 Skøyen",
    "0213 OSLO",
    "",
    "Deres ref\tVår ref\tDato",
    "\t24/4321-7\t19. desember 2024",
    "",
    "<p>**Tildelingsbrev til Helsedirektoratet for {year}**</p>",
    "",
    "Innhold",
]


def _nbsp_numbers(text: str) -> str:
    import re

    return re.sub(r"(?<=\d) (?=\d{3}\b)", "\u00a0", text)


def rewrite(name: str) -> tuple[str, object]:
    """The letter as another extraction would give it, and the original's parse."""
    diags = Diagnostics()
    text, doc = extract_document(SOURCE / name, diags)
    numbered = [s for s in doc.sections if s.number]
    toc = [f"{s.number}. {s.title}\t{'.' * 8}\t{3 + k}" for k, s in enumerate(numbered) if s.level == 1]
    out: list[str] = [ln.format(year=doc.budget_year) for ln in LETTERHEAD] + toc + [""]
    heading_at = {s.line: s for s in numbered}
    assignment_at = {a.line: a for a in doc.assignments}
    rows_by_line = {r.line: r for r in doc.budget_rows}
    skip_until = 0
    pending: list = []

    def flush() -> None:
        for b in lines_to_blocks(pending):
            if b.kind == "list":
                out.append("<ul>" + "".join(f"<li>{i}</li>" for i in b.items) + "</ul>")
            elif b.kind == "lead":
                out.append(f"**{b.text}**")
            else:
                out.append(f"<p>{b.text}</p>" if len(b.text) > 60 else b.text)
            out.append("")
        pending.clear()

    budget_open = False
    for ln in text.lines:
        if ln.lineno <= skip_until:
            continue
        if ln.lineno in heading_at:
            flush()
            s = heading_at[ln.lineno]
            out += [f"{s.number}. {s.title}", ""]
            skip_until = ln.lineno  # a wrapped title's tail is dropped below
            budget_open = False
            continue
        if ln.lineno in assignment_at:
            flush()
            a = assignment_at[ln.lineno]
            if a.printed_id is None:  # an unnumbered assignment: a bullet item, as printed
                item = " ".join(b.text if b.kind != "list" else " ".join(b.items) for b in a.body)
                out += [f"<ul><li>{item}</li></ul>", ""]
                skip_until = a.end_line
                continue
            out.append(f"**{a.id}** Avd. HOD: {'/'.join(a.departments)} {a.title}")
            for b in a.body:
                if b.kind == "list":
                    out += ["<ul>"] + [f"<li>{i}</li>" for i in b.items] + ["</ul>"]
                else:
                    out.append(b.text)
            out.append("")
            skip_until = a.end_line
            continue
        if ln.lineno in rows_by_line:
            flush()
            r = rows_by_line[ln.lineno]
            if not budget_open:
                cols = [k for k, _ in r.amounts]
                out.append("\t".join(["Kap./post", "Betegnelse"] + cols + ["Kommentar"]))
                budget_open = True
            amounts = ["" if v is None else f"{v:,}".replace(",", " ") for _, v in r.amounts]
            out.append("\t".join([f"{r.kap}.{r.post}", r.title] + amounts + [r.comment.replace("\n", " ")]))
            skip_until = max(r.line, r.end_line)
            continue
        if any(s.line < ln.lineno <= s.line + 2 and ln.text.strip() and ln.text.strip() in s.title
               for s in numbered):
            continue  # the second line of a wrapped heading
        budget_open = budget_open and not ln.text.strip() == ""
        pending.append(ln)
    flush()
    return _nbsp_numbers("\r\n".join(out) + "\r\n"), doc


@pytest.fixture(scope="module")
def rewritten_2025():
    new_text, original = rewrite("tildelingsbrev-2025.txt")
    diags = Diagnostics()
    doc = parse_letter(read_text(new_text, "source/tildelingsbrev-ny.txt"), None, diags)
    doc.extra["text"] = new_text
    return original, doc, diags


def test_year_title_and_reference_from_the_letterhead(rewritten_2025):
    _, doc, _ = rewritten_2025
    assert doc.budget_year == 2025
    assert doc.title == "Tildelingsbrev til Helsedirektoratet for 2025"
    assert doc.reference == "24/4321-7"
    assert doc.date == "2024-12-19"


def test_same_sections_without_the_table_of_contents(rewritten_2025):
    original, doc, _ = rewritten_2025
    assert [(s.number, s.title) for s in doc.sections if s.number] == \
        [(s.number, s.title) for s in original.sections if s.number]


def test_same_assignments(rewritten_2025):
    original, doc, _ = rewritten_2025
    want = [(a.id, a.title, a.departments, a.deadline) for a in original.assignments]
    got = [(a.id, a.title, a.departments, a.deadline) for a in doc.assignments]
    assert len(got) == 72
    assert got == want


def test_same_budget_rows_from_a_tab_separated_table(rewritten_2025):
    original, doc, diags = rewritten_2025
    want = [(r.kap, r.post, dict(r.amounts)) for r in original.budget_rows]
    got = [(r.kap, r.post, dict(r.amounts)) for r in doc.budget_rows]
    assert got == want, [d.format() for d in diags.items]


def test_rows_of_a_tab_separated_table_keep_their_lines(rewritten_2025):
    _, doc, _ = rewritten_2025
    physical = doc.extra["text"].split("\r\n")
    for r in doc.budget_rows:
        assert physical[r.line - 1].startswith(f"{r.kap}.{r.post}\t"), (r.kap, r.post, r.line)
