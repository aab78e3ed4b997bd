"""The built site's shared root files and cross-year sections."""
from __future__ import annotations

import json



def test_ids_json_at_the_root_next_to_versions_json(built_site):
    assert (built_site / "versions.json").is_file()
    index = json.loads((built_site / "ids.json").read_text(encoding="utf-8"))
    for entry in index["ids"].values():
        for year, path, *_ in entry["in"]:
            page, _, anchor = path.partition("#")
            html = (built_site / page / "index.html").read_text(encoding="utf-8")
            assert not anchor or f'id="{anchor}"' in html, path


def test_every_year_has_a_finnes_ikke_page_out_of_search(built_site):
    for year in (2018, 2022, 2024, 2025):
        html = (built_site / str(year) / "finnes-ikke" / "index.html").read_text(encoding="utf-8")
        assert f"Finnes ikke i {year}" in html and 'id="finnes-ikke-melding"' in html
        search = json.loads((built_site / str(year) / "search" / "search_index.json").read_text(encoding="utf-8"))
        assert not any(d["location"].startswith("finnes-ikke/") for d in search["docs"])


def test_history_on_both_years_pages(built_site):
    for year, other in ((2022, 2024), (2024, 2022)):
        html = (built_site / str(year) / "oppdrag" / "tb2022-25" / "index.html").read_text(encoding="utf-8")
        assert 'id="historikk"' in html
        assert f'href="../../../{other}/oppdrag/tb2022-25/"' in html
        assert "<del><span class=\"skjult\">slettet: </span>L. Kiellandulykken" in html


def test_each_year_lists_its_pages_for_the_version_switch(built_site):
    pages = json.loads((built_site / "2022" / "sider.json").read_text(encoding="utf-8"))
    assert "" in pages and "oppdrag/tb2022-04/" in pages and "finnes-ikke/" in pages
    assert all((built_site / "2022" / p / "index.html").is_file() for p in pages)
    assert "kilde/tildelingsbrev-2025/" not in pages


def test_feeds_llms_txt_and_last_updated_in_the_built_site(built_site):
    for name in ("feed.xml", "llms.txt", "ids.json"):
        assert (built_site / name).is_file()
    for year in (2018, 2022, 2024, 2025):
        assert (built_site / str(year) / "feed.xml").is_file()
        page = (built_site / str(year) / "om" / "index.html").read_text(encoding="utf-8")
        assert 'type="application/atom+xml"' in page
        assert 'class="hb-oppdatert">Sist oppdatert <time datetime="' in page
