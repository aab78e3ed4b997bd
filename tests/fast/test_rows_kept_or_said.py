"""A budget row is never lost silently (issue 25 item 4): when the table's head
row is gone (a mutation, an extraction that dropped it) no table rule reads
the rows under it, and each is said as `unclaimed-row` at its line: a row in
cells (tab or pipe: chapter and post, then an amount in a later cell, with a
comment after it), a "701.21 Title" row whose amount comes on a later line,
an indented " 70 Tilskudd 6 000 6 400" under its chapter's first row."""
from __future__ import annotations

from generator.diagnostics import Diagnostics
from generator.parsing import parse_document
from generator.read.source_text import read_text
from generator.read.sources import load_manifest


def _without(source_dir, file, line):
    """The letter with one physical line deleted: its rows and the lines the diagnostics name."""
    entry = next(e for e in load_manifest(source_dir) if e.file == file)
    lines = (source_dir / file).read_text(encoding="utf-8").split("\n")
    if line:
        lines = lines[:line - 1] + lines[line:]
    diags = Diagnostics()
    doc = parse_document(read_text("\n".join(lines), f"source/{file}"), entry, diags, entry.kind)
    return doc, {d.line for d in diags.items if d.code == "unclaimed-row"}


def test_a_tab_table_without_its_head_keeps_its_rows_as_text_and_says_so(source_dir):
    whole, _ = _without(source_dir, "tildelingsbrev-2024.txt", 0)
    doc, said = _without(source_dir, "tildelingsbrev-2024.txt", 1130)  # "Kap.\tPost\tNavn på post\t..."
    kept = {(r.kap, r.post, r.amounts) for r in doc.budget_rows}
    table = [r for r in whole.budget_rows if 1131 <= r.line <= 1231 and r.read_from == "table"]
    assert len(table) == 82
    # Lines after the deleted one are one less. "701\t21\tSpesielle driftsutgifter\t20 000\tTilskudd til ..."
    assert 1130 in said
    silent = [r for r in table if (r.kap, r.post, r.amounts) not in kept and r.line - 1 not in said]
    # Only rows printing no amount cell at all (702.71 "Avvikles og overføres til 732.") go unsaid.
    # Not yet said: a row with an empty amount cell and a comment after it, which without the head
    # is not told from a line of text in cells ("\t71\tTilskudd ...\t\tAvvikles og overføres til 732.",
    # "732\t21\t\t\t1 mill. kr er satt av ...").
    assert [(r.kap, r.post) for r in silent] == [(702, "71"), (732, "21")]


def test_dotted_rows_without_their_head_are_said(source_dir):
    doc, said = _without(source_dir, "tildelingsbrev-2025.txt", 3092)
    # "701.21 Spesielle" / "driftsutgifter" / "30 000" (l. 3098-3102 before the deletion)
    assert 3097 in said


def test_an_indented_row_no_table_reads_is_said():
    import _paths

    entry = next(e for e in load_manifest(_paths.SOURCE) if e.file == "tildelingsbrev-2018.txt")
    diags = Diagnostics()
    text = read_text((_paths.SOURCE / entry.file).read_text(encoding="utf-8"), "source/tildelingsbrev-2018.txt")
    parse_document(text, entry, diags, entry.kind)
    # Kap. 751's " 70 Tilskudd 6 000 6 400": its table's head is printed cell by cell, the row not read.
    assert [d.line for d in diags.items if d.code == "unclaimed-row"] == [2551]
