"""Settings are read once: SITE_URL from the environment, else mkdocs.yml; no fake host."""
from __future__ import annotations

from generator.render.pages.deadline_pages import render_deadlines
from generator.settings import Settings, load_settings, site_url_from_config


def test_environment_wins_and_gets_a_trailing_slash(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_url: https://written.example/\n", encoding="utf-8")
    assert load_settings(tmp_path, {"SITE_URL": "https://owner.github.io/repo"}).site_url == \
        "https://owner.github.io/repo/"
    assert load_settings(tmp_path, {}).site_url == "https://written.example/"


def test_project_config_has_no_address_of_its_own(root):
    # mkdocs.yml names only the variable: without SITE_URL there is no address at all.
    assert load_settings(root, {}).site_url is None
    assert load_settings(root, {"SITE_URL": "https://a.github.io/b/"}).site_url == "https://a.github.io/b/"


def test_env_tag_rules_as_mkdocs_reads_them():
    assert site_url_from_config("site_url: !ENV [SITE_URL]\n", {}) is None
    assert site_url_from_config("site_url: !ENV [SITE_URL, 'https://d.example/']\n", {}) == "https://d.example/"
    assert site_url_from_config("site_url: !ENV SITE_URL\n", {"SITE_URL": "https://e.example"}) == "https://e.example/"
    assert site_url_from_config("site_url: ''\n", {}) is None


def test_calendar_events_carry_a_url_only_with_an_address(parsed):
    from generator.link.linker import build_graph

    docs = [d for e, _, d in parsed if e.year == 2025]
    model = build_graph({2025: docs}).years[2025]
    without = render_deadlines(model, Settings())["frister/frister.ics"]
    with_url = render_deadlines(model, Settings("https://a.github.io/b/"))["frister/frister.ics"]
    assert "URL:" not in without
    assert "URL:https://a.github.io/b/2025/oppdrag/tb2025-12/" in with_url.replace("\r\n ", "")
