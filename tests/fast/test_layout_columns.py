"""Two-column pages (a layout-preserving PDF-to-text of the proposition,
which is set in two columns) are read left column first, then right."""
from __future__ import annotations

import _paths

from generator.read.layout.columns import two_column_pages

PROP = (_paths.SOURCE / "prop-1-s-2023-2024.txt").read_text(encoding="utf-8")


def _page(left: list[str], right: list[str], width: int = 56) -> list[str]:
    rows = []
    for k in range(max(len(left), len(right))):
        a = left[k] if k < len(left) else ""
        b = right[k] if k < len(right) else ""
        rows.append((a.ljust(width) + "    " + b).rstrip() if b else a)
    return rows


def test_two_columns_of_the_proposition_read_in_order():
    lines = PROP.split("\n")[599:639]  # 40 real lines of prose (lines 600-639)
    left, right = lines[:20], lines[20:]
    page = list(enumerate(_page(left, right), start=1))
    got = [t.strip() for _, t in two_column_pages(page, ())]
    assert got == [t.strip() for t in lines]


def test_a_table_across_the_page_ends_the_band_above_it():
    lines = PROP.split("\n")[599:623]
    left, right = lines[:12], lines[12:24]
    table = "Post  Betegnelse                          Regnskap 2022   Saldert budsjett 2023   Forslag 2024"
    below = PROP.split("\n")[623:643]
    page = _page(left, right) + [table] + _page(below[:10], below[10:])
    got = [t.strip() for _, t in two_column_pages(list(enumerate(page, start=1)), ()) if t.strip()]
    assert got == [t.strip() for t in lines[:24] + [table] + below if t.strip()]
    # Every piece keeps the line it was printed on: the right column's first line is line 1.
    numbers = [n for n, _ in two_column_pages(list(enumerate(page, start=1)), ())]
    assert numbers[:13] == list(range(1, 13)) + [1]


def test_one_column_text_and_tables_are_left_as_they_are():
    # The 2024 letter's budget table in space-aligned columns is no two-column page.
    rows = ["Kap.   Post   Navn på post                     Tildeling 2024   Kommentar",
            "701    21     Spesielle driftsutgifter           20 000           Tilskudd til innføring av digital",
            "                                                                  samhandling",
            "       21     Spesielle driftsutgifter           21 400           Øvrige oppgaver innen digitalisering",
            "       21     Spesielle driftsutgifter           30 100           2,7 mill. kr er øremerket arbeidet med",
            "                                                                  standarder, hvorav 1 mill. kr skal gå",
            "                                                                  til Standard Norge og 1 mill. kr til",
            "                                                                  HL7 Norge."]
    page = list(enumerate(rows, start=1))
    assert two_column_pages(page, ()) == page
    prose = list(enumerate(PROP.split("\n")[599:660], start=1))
    assert two_column_pages(prose, ()) == prose


def test_a_row_with_its_figures_far_right_is_no_two_column_line():
    # "01 Driftsutgifter ... 276 840 275 587 299 351" across the page: the gap
    # covers the gutter, but the figures do not start at the right column's edge.
    lines = PROP.split("\n")[599:623]
    row = "01 Driftsutgifter".ljust(90) + "276 840    275 587    299 351"
    page = _page(lines[:12], lines[12:24]) + [row] + _page(lines[:6], lines[6:12])
    got = [t.strip() for _, t in two_column_pages(list(enumerate(page, start=1)), ()) if t.strip()]
    assert got == [t.strip() for t in lines[:24] + [row] + lines[:12] if t.strip()]
