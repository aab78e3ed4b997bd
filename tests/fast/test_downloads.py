"""The Norwegian CSV downloads: one table definition gives the standard file,
the Excel variant and the data dictionary."""
from __future__ import annotations

import csv
import io

from generator.link.graph import ChapterInfo
from generator.model import BudgetRow, Chapter, Document, Post
from generator.render.downloads import letter_allocations, post_share_table, proposition_posts, to_csv

PROP = Document(source="prop.txt", path="source/prop.txt", kind="prop1s", budget_year=2024, title="Prop. 1 S")
LETTER = Document(source="tb.txt", path="source/tb.txt", kind="tildelingsbrev", budget_year=2024, title="TB 2024")
CHAPTER = Chapter(740, "Helsedirektoratet", "utgift", "10.40", 812, (
    Post("01", "Driftsutgifter", (("Saldert budsjett 2023", 1_305_832), ("Forslag 2024", 1_538_891)), 815),
    Post("21", "=HYPERLINK(\"x\")", (("Saldert budsjett 2023", None), ("Forslag 2024", 200_000)), 816),
))
ROWS = [(LETTER, BudgetRow(740, "01", "Driftsutgifter", (("Tildeling 2024", 1_538_891),), "1000 NOK", "utgift", 40)),
        (LETTER, BudgetRow(740, "21", "Spesielle driftsutgifter", (("Tildeling 2024", 20_000),), "1000 NOK", "utgift", 41)),
        (LETTER, BudgetRow(740, "21", "Spesielle driftsutgifter", (("Tildeling 2024", 30_000),), "1000 NOK", "utgift", 42))]
INFO = ChapterInfo(740, "Helsedirektoratet", "utgift", "10.40", (PROP, CHAPTER), list(ROWS))


def test_proposition_posts_have_norwegian_headers_with_units_and_empty_for_missing():
    table = proposition_posts([INFO], 2024)
    rows = list(csv.DictReader(io.StringIO(to_csv(table))))
    assert list(rows[0]) == ["år", "kap", "kapittelnavn", "type", "programkategori", "post", "postnavn",
                             "Saldert budsjett 2023 (1 000 kr)", "Forslag 2024 (1 000 kr)", "linje"]
    assert rows[0]["Forslag 2024 (1 000 kr)"] == "1538891"
    assert rows[1]["Saldert budsjett 2023 (1 000 kr)"] == ""  # no figure in the source, never 0
    assert rows[1]["postnavn"] == "'=HYPERLINK(\"x\")"  # a formula stays text in a spreadsheet


def test_letter_lines_and_the_share_of_the_whole_post():
    rows = list(csv.DictReader(io.StringIO(to_csv(letter_allocations([INFO], 2024)))))
    assert [r["Tildelt Helsedirektoratet (1 000 kr)"] for r in rows] == ["1538891", "20000", "30000"]
    share = post_share_table(INFO)
    assert [r[2:] for r in share.rows] == [(1_538_891, 1_538_891, 100.0, ""), (200_000, 50_000, 25.0, "")]


def test_excel_variant_semicolons_decimal_comma_bom_crlf():
    text = to_csv(post_share_table(INFO), excel=True)
    assert text.startswith("\ufeffpost;postnavn;Hele posten, Forslag 2024 (1 000 kr);")
    assert "\r\n21;\"'=HYPERLINK(\"\"x\"\")\";200000;50000;25,0;\r\n" in text
    assert to_csv(post_share_table(INFO)).splitlines()[2].endswith(",25.0,")
