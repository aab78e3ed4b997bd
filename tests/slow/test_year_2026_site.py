"""Budget year 2026 on the built site: the year as amended letter by letter
(the session's one full build, `built_site`)."""
from __future__ import annotations

import csv
import io
import re


def _html(site, path):
    return (site / path).read_text(encoding="utf-8")


def _text(html: str) -> str:
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\u00a0", " ")
    return re.sub(r" ([;.,)])", r"\1", text)


def test_front_page_says_as_of_the_latest_letter_and_shows_the_letters(built_site):
    page = _text(_html(built_site, "2026/index.html"))
    assert "Tallene står per 3. september 2026 (supplerende tildelingsbrev nr. 6)" in page
    assert "Brevene gjennom året" in page
    for when in ("dato ikke trykt i kilden", "27. februar 2026", "16. april 2026", "28. mai 2026",
                 "7. juli 2026", "3. september 2026"):
        assert when in page


def test_changes_page_lists_every_change_letter_by_letter(built_site):
    html = _html(built_site, "2026/endringer/index.html")
    page = _text(html)
    assert "Endringer i løpet av året 2026" in page
    for anchor in ("hovedbrev", "supplerende-nr-1", "supplerende-nr-2", "supplerende-nr-3", "supplerende-nr-4",
                   "supplerende-nr-6"):
        assert f'id="{anchor}"' in html
    # 714.21 in nr. 2 and nr. 3, each linked to the post's changes on the chapter page
    assert html.count('href="../kapittel/714/#endring-21"') == 3
    assert "102 700 +4 676 107 376" in page and "107 376 +500 107 876" in page
    # 2756.70: a post the letters start to allocate is coverage, not an increase
    assert "posten tildeles fra dette brevet (ny i tildelingen, ikke en økning)" in page


def test_chapter_714_shows_post_21_from_first_allocation_to_now(built_site):
    page = _text(_html(built_site, "2026/kapittel/714/index.html"))
    start = page.index("Post 21 Spesielle driftsutgifter")
    chain = page[start:page.index("Post 22", start)]
    assert re.search(r"Tildelingsbrevet dato ikke trykt i kilden 102 700 tabell", chain)
    assert "16. april 2026 102 700 +4 676 107 376 tabell" in chain
    assert "28. mai 2026 107 376 +500 107 876 tabell" in chain
    assert "7. juli 2026 107 876 +8 874 116 750 tekst" in chain
    assert "Nå 3. september 2026 116 750" in chain
    assert (built_site / "2026/kapittel/714/tildelt-gjennom-aret.svg").is_file()


def test_changes_csv_carries_letter_and_date(built_site):
    rows = list(csv.DictReader(io.StringIO(_html(built_site, "2026/data/endringer-i-aret.csv"))))
    post = [(r["brev_nr"], r["dato"], r["endring (1 000 kr)"], r["etter (1 000 kr)"], r["lest_fra"])
            for r in rows if (r["kap"], r["post"]) == ("714", "21")]
    assert post == [("2", "2026-04-16", "4676", "107376", "tabell"), ("3", "2026-05-28", "500", "107876", "tabell"),
                    ("4", "2026-07-07", "8874", "116750", "tekst")]
    assert {r["art"] for r in rows if (r["kap"], r["post"]) == ("2756", "70")} == {"dekning"}
    assert sum(r["lest_fra"] == "tabell" for r in rows) == 14


def test_year_feed_has_an_entry_per_letter(built_site):
    feed = _html(built_site, "2026/feed.xml")
    for n, date in ((1, "2026-02-27"), (2, "2026-04-16"), (3, "2026-05-28"), (4, "2026-07-07"), (6, "2026-09-03")):
        entry = feed[feed.index(f"<title>Supplerende tildelingsbrev nr. {n}"):]
        assert entry.index(f"<updated>{date}T00:00:00Z</updated>") < entry.index("</entry>")
    assert "<title>Tildelingsbrevet" in feed


def test_other_years_have_no_changes_page(built_site):
    assert not (built_site / "2025/endringer").exists()
    assert not (built_site / "2024/endringer").exists()


def test_assignment_pages_say_which_letter_gave_them(built_site):
    tb71 = _text(_html(built_site, "2026/oppdrag/tb2026-71/index.html"))
    assert "Gitt i supplerende tildelingsbrev nr. 3 av 28. mai 2026" in tb71
    assert "Varslet i supplerende tildelingsbrev nr. 2 av 16. april 2026" in tb71
    for n, letter in ((61, "nr. 1 av 27. februar 2026"), (70, "nr. 2 av 16. april 2026"),
                      (77, "nr. 3 av 28. mai 2026"), (98, "nr. 4 av 7. juli 2026")):
        page = _text(_html(built_site, f"2026/oppdrag/tb2026-{n}/index.html"))
        assert f"Gitt i supplerende tildelingsbrev {letter}" in page
        assert "Oppdraget er unntatt offentlighet" in page
    assert len(list((built_site / "2026/oppdrag").glob("tb2026-*/index.html"))) == 98


def test_tb2026_17_shows_its_dated_additions_and_their_deadlines(built_site):
    page = _text(_html(built_site, "2026/oppdrag/tb2026-17/index.html"))
    assert ("Tillegg supplerende tildelingsbrev nr. 2 av 16. april 2026; "
            "supplerende tildelingsbrev nr. 6 av 3. september 2026") in page
    additions = page[page.index("Tillegg i løpet av året"):]
    assert additions.index("Supplerende tildelingsbrev nr. 2 – 16. april 2026") < \
        additions.index("Supplerende tildelingsbrev nr. 6 – 3. september 2026")
    assert "Frister i tillegget: 1. juni 2026; 15. juni 2026; 1. oktober 2026; 1. november 2026" in additions
    deadlines = _text(_html(built_site, "2026/frister/index.html"))
    assert "TB2026-17 Digital førstelinje (tillegg 2)" in deadlines
    assert "tb2026-17-tillegg-2-1@helsebudsjett" in _html(built_site, "2026/frister/frister.ics")
