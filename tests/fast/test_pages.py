"""Printed pages: every entity the parsers build names the page it was printed on.

A layout-preserving extraction (tests/shapes.layout_shape: "Side N av M"
footers and form feeds) says on which page each line stands; the page of an
entity is the page of its first line, checked here against the footer that
closes its page. The real source files keep only a few stray footers ("Side
37", "Side 40"), which say nothing about the lines far from them: there no
entity gets a page, rather than a wrong one.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

import shapes
from _small_project import SMALL_LETTER, small_prop
from generator.diagnostics import Diagnostics
from generator.parsing.extract import detect_kind
from generator.link.linker import build_graph
from generator.contract import to_contract
from generator.parsing import parse_document
from generator.render.year import YearInput, render_year
from generator.read.sources import SourceEntry
from generator.read.source_text import read_text
from tests.conftest import SOURCE

TITLE = "Helse- og omsorgsdepartementet"
PROP_URL = "https://www.regjeringen.no/no/dokumenter/prop.-1-s-20232024/id2997928/"
LETTERS_URL = "https://www.regjeringen.no/no/dokument/dep/hod/tildelingsbrev_hod/id748567/"


def _parse(raw: str, name: str, kind: str | None = None):
    st = read_text(raw, f"source/{name}")
    return st, parse_document(st, None, Diagnostics(), kind or detect_kind(st))


@lru_cache(maxsize=None)
def shaped(name: str):
    raw = shapes.layout_shape((SOURCE / name).read_text(encoding="utf-8"), TITLE, width=88, page_lines=52)
    return raw, _parse(raw, name)[1]


def footer_page(raw: str, line: int) -> int:
    """The page named by the first "Side N av M" footer at or after a physical line."""
    for text in raw.split("\n")[line - 1:]:
        m = re.search(r"Side (\d+) av \d+$", text)
        if m:
            return int(m.group(1))
    raise AssertionError(f"no footer after line {line}")


def entities(doc):
    """(what, line, page) of every entity with a line."""
    yield from (("section " + s.number, s.line, s.page) for s in doc.sections)
    yield from (("assignment " + a.id, a.line, a.page) for a in doc.assignments)
    yield from ((f"row {r.kap}.{r.post}", r.line, r.page) for r in doc.budget_rows)
    yield from ((f"vedtak ref {v.nr}", v.line, v.page) for v in doc.vedtak_refs)
    yield from ((f"dated {d.date}", d.line, d.page) for d in doc.dated_items)
    for c in doc.chapters:
        yield f"kap. {c.kap}", c.line, c.page
        yield from ((f"post {c.kap}.{p.post}", p.line, p.page) for p in c.posts)
    for v in doc.vedtak:
        yield f"vedtak {v.nr}", v.line, v.page
        if v.text_line:
            yield f"vedtak {v.nr} text", v.text_line, v.text_page


def test_layout_shaped_proposition_names_the_printed_page_of_chapters_posts_and_decisions():
    raw, doc = shaped("prop-1-s-2023-2024.txt")
    kap740 = next(c for c in doc.chapters if c.kap == 740)
    assert (kap740.title, kap740.page) == ("Helsedirektoratet", 246)
    assert {p.post: p.page for p in kap740.posts} == {"01": 246, "21": 246, "70": 246, "71": 246, "72": 246}
    v1114 = next(v for v in doc.vedtak if v.nr == "1114")
    # Its row in the overview table, and its own text 1 400 lines further on.
    assert (v1114.page, v1114.text_page) == (41, 68)
    assert raw.split("\n")[v1114.text_line - 1].startswith("Legemiddelloven")


@pytest.mark.parametrize("name", ["prop-1-s-2023-2024.txt", "tildelingsbrev-2025.txt", "tildelingsbrev-2022.txt"])
def test_every_entity_of_a_layout_shaped_document_has_the_page_its_footer_names(name):
    raw, doc = shaped(name)
    found = list(entities(doc))
    assert len(found) > 100
    wrong = [(what, line, page, footer_page(raw, line)) for what, line, page in found
             if page != footer_page(raw, line)]
    assert wrong == []


def test_contract_carries_the_pages():
    _, doc = shaped("prop-1-s-2023-2024.txt")
    c = to_contract(doc)
    kap = next(ch for ch in c["chapters"] if ch["kap"] == 740)
    assert kap["page"] == 246 and kap["posts"][0]["page"] == 246
    assert next((v["page"], v["text_page"]) for v in c["vedtak"] if v["nr"] == "1114") == (41, 68)
    assert all(s["page"] for s in c["sections"])


def test_real_letter_with_stray_footers_gives_no_pages():
    # The 2025 letter keeps four footers of its PDF (lines 2411, 2658, 4156,
    # 4626: "Side 37", "Side 40", "Side 57", "Side 63"); line 1 is not on page 37.
    _, doc = _parse((SOURCE / "tildelingsbrev-2025.txt").read_text(encoding="utf-8"), "tildelingsbrev-2025.txt")
    assert len(doc.assignments) == 72
    assert [what for what, _, page in entities(doc) if page is not None] == []


# --- on the pages ------------------------------------------------------------------


def _year_pages(text: str, file: str, kind: str, year: int, url: str, page_lines: int) -> dict:
    """The pages of one tiny year, extracted from a layout-shaped text with short pages."""
    raw = shapes.layout_shape(text, TITLE, width=88, page_lines=page_lines)
    st, doc = _parse(raw, file, kind)
    entry = SourceEntry(file, kind, year, doc.title, TITLE, "Helsedirektoratet", url=url)
    graph = build_graph({year: [doc]}, {doc.source: len(st.raw_lines)})
    pages = render_year(YearInput(year, ((entry, st, doc),), (year,)), graph).pages
    return {"raw": raw, "doc": doc, "pages": pages}


@lru_cache(maxsize=None)
def small_year_pages() -> dict:
    prop = small_prop(2031, ("Helsedirektoratet", "Statens helsetilsyn"), ("Tiltak A", "Tiltak B"))
    return _year_pages(prop, "prop-1-s-2030-2031.txt", "prop1s", 2031, PROP_URL, 14)


@lru_cache(maxsize=None)
def small_letter_pages() -> dict:
    return _year_pages(SMALL_LETTER, "tildelingsbrev-2030.txt", "tildelingsbrev", 2030, LETTERS_URL, 12)


def test_chapter_page_names_its_printed_page_in_the_citation():
    small = small_year_pages()
    ch = next(c for c in small["doc"].chapters if c.kap == 741)
    assert ch.page == footer_page(small["raw"], ch.line) and ch.page > 1
    md = small["pages"]["kapittel/741/index.md"].replace("\\", "")  # Markdown escapes off
    assert f"Trykt side i dokumentet: s. {ch.page}" in md
    cite = next(ln for ln in md.splitlines() if ln.startswith("**Slik siterer du:**"))
    assert f"kap. 741, s. {ch.page}, linje {ch.line}–{ch.end_line}" in cite
    assert f", trykt side {ch.page}" in md  # beside the source link of the post table


def test_decision_page_names_the_page_of_its_own_text():
    small = small_year_pages()
    v = next(v for v in small["doc"].vedtak if v.nr == "11")
    assert v.text_page == footer_page(small["raw"], v.text_line) != v.page
    md = next(text for path, text in small["pages"].items()
              if path.startswith("vedtak/") and "Vedtak nr. 11 " in text).replace("\\", "")
    assert f"Trykt side i dokumentet: s. {v.text_page}" in md
    assert f", s. {v.text_page}, linje {v.text_line}" in md


def test_every_entity_page_links_to_the_official_publication():
    pages = small_year_pages()["pages"]
    entity = [p for p in pages if re.match(r"(kapittel|vedtak|oppdrag)/[^/]+/index\.md$", p)]
    assert len(entity) == 4
    assert [p for p in entity if f'href="{PROP_URL}"' not in pages[p]] == []


def test_assignment_and_letter_chapter_pages_name_their_printed_page():
    small = small_letter_pages()
    a = next(a for a in small["doc"].assignments if a.id == "TB2030-2")
    row = next(r for r in small["doc"].budget_rows if r.post == "01")
    assert (a.page, row.page) == (footer_page(small["raw"], a.line), footer_page(small["raw"], row.line)) == (2, 3)
    md = small["pages"]["oppdrag/tb2030-2/index.md"].replace("\\", "")
    assert f"avsnitt 2.1, s. 2, linje {a.line}–{a.end_line}" in md
    assert "Trykt side i dokumentet: s. 2" in md
    chapter = small["pages"]["kapittel/740/index.md"].replace("\\", "")
    assert f"tildelingstabellen, kap. 740, s. 3, linje {row.line}" in chapter
    assert f"#L{row.line}), trykt side 3" in chapter  # the row's own source link in the table


def test_every_entity_page_of_a_letter_year_links_to_the_official_publication():
    pages = small_letter_pages()["pages"]
    entity = [p for p in pages if re.match(r"(kapittel|vedtak|oppdrag)/[^/]+/index\.md$", p)]
    assert len(entity) == 3
    assert [p for p in entity if f'href="{LETTERS_URL}"' not in pages[p]] == []
