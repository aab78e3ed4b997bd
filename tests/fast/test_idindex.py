"""The ID index (ids.json at the site root): contents from the real documents."""
from __future__ import annotations

import json

import pytest

from generator.derive.id_index import id_index, id_index_json


@pytest.fixture(scope="module")
def index(graph):
    return id_index(graph)


def test_carried_over_assignment_in_both_years_newest_first(index):
    entry = index["ids"]["tb2022-04"]
    assert entry["type"] == "oppdrag" and entry["id"] == "TB2022-04"
    assert entry["title"].startswith("TB2022-04 PFS-345 Fyrtårnprosjektet")
    # 2022 printed the title without the project number: its own title rides along
    assert entry["in"] == [[2024, "2024/oppdrag/tb2022-04/"],
                           [2022, "2022/oppdrag/tb2022-04/",
                            "TB2022-04 Fyrtårnprosjektet (2022-2024/26) for registrering, analyse og bruk av skadedata"]]
    assert index["ids"]["tb2019-05"]["in"] == [[2022, "2022/oppdrag/tb2019-05/"]]


def test_chapters_posts_and_decisions(index):
    assert [pair[0] for pair in index["ids"]["740"]["in"]] == [2026, 2025, 2024, 2022, 2018]
    assert [pair[:2] for pair in index["ids"]["740.21"]["in"][:2]] == [[2026, "2026/kapittel/740/#post-21"],
                                                                    [2025, "2025/kapittel/740/#post-21"]]
    assert index["ids"]["2751"]["title"] == "Kap. 2751 Legemidler mv."
    assert index["aliases"]["vedtak-1114"] == "2020-2021-1114"
    assert index["ids"]["2020-2021-1114"]["in"] == [[2024, "2024/vedtak/2020-2021-1114/"]]
    assert index["years"] == [2026, 2025, 2024, 2022, 2018]


def test_every_page_in_the_index_is_one_the_year_has(graph, index):
    assignments = sum(len(m.assignments) for m in graph.years.values())
    listed = sum(len(e["in"]) for e in index["ids"].values() if e["type"] == "oppdrag")
    assert listed == assignments
    counts = {}
    for e in index["ids"].values():
        counts[e["type"]] = counts.get(e["type"], 0) + 1
    # One entry per printed ID: an ID the letter uses for two assignments (TB2021-43)
    # lists both pages of its year.
    assert counts["oppdrag"] == len({a.id.lower() for m in graph.years.values() for _, a in m.assignments.values()})
    assert [pair[1] for pair in index["ids"]["tb2021-43"]["in"] if pair[0] == 2022] == [
        "2022/oppdrag/tb2021-43/", "2022/oppdrag/tb2021-43-2/"]
    assert counts["vedtak"] == 71


def test_json_is_compact_documented_and_reproducible(graph):
    text = id_index_json(graph)
    assert text == id_index_json(graph)
    data = json.loads(text)
    assert data["format"] == 1 and "ID-indeks" in data["om"] and set(data["felt"]) == {"type", "id", "title", "in"}
    assert len(text.encode()) < 200_000
