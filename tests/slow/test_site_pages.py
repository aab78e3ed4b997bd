"""The cross-linked pages, checked on real entities of the built site."""
from __future__ import annotations

import csv
import io
import json
import re


def _html(site, path):
    return (site / path).read_text(encoding="utf-8")


def _section(html: str, anchor: str) -> str:
    """The HTML from the heading with this id to the next h2."""
    start = html.index(f'id="{anchor}"')
    end = html.find("<h2", start)
    return html[start:end if end > 0 else None]


def test_assignment_links_to_its_post_and_the_chapter_links_back(built_site):
    # TB2022-19 (2022 letter) names "kap. 762, post 61".
    page = _html(built_site, "2022/oppdrag/tb2022-19/index.html")
    assert 'href="../../kapittel/762/#post-61"' in page
    chapter = _html(built_site, "2022/kapittel/762/index.html")
    assert 'href="../../oppdrag/tb2022-19/"' in _section(chapter, "oppdrag")
    assert 'id="post-61"' in chapter


def test_chapter_page_lists_the_decisions_its_text_names(built_site):
    # Kap. 701's text in Prop. 1 S (2023–2024) cites vedtak nr. 89 (2021–2022).
    chapter = _html(built_site, "2024/kapittel/701/index.html")
    assert 'href="../../vedtak/2021-2022-89/"' in _section(chapter, "vedtak")
    vedtak = _html(built_site, "2024/vedtak/2021-2022-89/index.html")
    assert 'href="../../kapittel/701/"' in _section(vedtak, "referert-fra")


def test_chapter_740_post_table_and_change(built_site):
    page = _html(built_site, "2024/kapittel/740/index.html")
    assert re.search(r"<h1[^>]*>Kap\. 740 Helsedirektoratet", page)
    # Post 01: Saldert 2023 1 305 832, Forslag 2024 1 538 891 (1000 kr): change 233 059 (1000 kr), +17,8 %.
    assert "1\u00a0305\u00a0832" in page and "1\u00a0538\u00a0891" in page
    assert "233\u00a0059<" in page and "+17,8 %" in page
    assert 'id="post-21"' in page
    # The history chart: an SVG beside the page, alt text with numbers, data table.
    assert re.search(r'<img src="poster\.svg" alt="[^"]*\d', page)
    assert (built_site / "2024/kapittel/740/poster.svg").read_text(encoding="utf-8").lstrip().startswith("<svg")


def test_same_chapter_in_other_years_is_linked_across_versions(built_site):
    page = _html(built_site, "2025/kapittel/740/index.html")
    assert 'href="../../../2024/kapittel/740/"' in page
    assert (built_site / "2024/kapittel/740/index.html").is_file()


def test_decision_page_facts(built_site):
    page = _html(built_site, "2024/vedtak/2022-2023-1/index.html")
    assert "Ideelle tilbud rusomsorgen" in page and "5. oktober 2022" in page
    assert "Nei, rapporteringen fortsetter" in page
    assert 'href="../../kilde/prop-1-s-2023-2024/del-1/#L1954"' in page  # its row in the overview table


def test_indexes_link_every_row(built_site):
    index = _html(built_site, "2025/oppdrag/index.html")
    assert len(re.findall(r'<tr data-avdeling=', index)) == 72  # TB2025-1 .. TB2025-72
    for n in (1, 12, 72):
        assert f'href="../oppdrag/tb2025-{n}/"' in index or f'href="tb2025-{n}/"' in index
    vedtak = _html(built_site, "2024/vedtak/index.html")
    assert len(re.findall(r'href="2\d{3}-2\d{3}-\d+/"', vedtak)) == 71
    chapters = _html(built_site, "2024/kapittel/index.html")
    # 53 from the proposition and the letter's tables, and kap. 500, 575, 660 allocated in the letter's prose.
    assert len(set(re.findall(r'href="(\d{3,4})/"', chapters))) == 56


def test_ics_calendar_parses(built_site):
    text = (built_site / "2025/frister/frister.ics").read_bytes().decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    unfolded = re.sub(r"\r\n[ \t]", "", text)
    events = unfolded.split("BEGIN:VEVENT")[1:]
    extract = json.loads((built_site / "2025/data/tildelingsbrev-2025.json").read_text(encoding="utf-8"))
    dated = [d for a in extract["assignments"] for d in a["deadlines"] if d["date"]] + extract["dated_items"]
    assert len(events) == len(dated)  # every dated deadline, exact or approximate (tests/fast/test_deadlines.py)
    tb12 = next(e for e in events if "UID:tb2025-12@" in e)
    assert "DTSTART;VALUE=DATE:20250321" in tb12
    assert "URL:" not in tb12  # the session's build has no site address: no made-up URL
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_csv_sums_equal_the_extraction(built_site):
    rows = list(csv.DictReader(io.StringIO((built_site / "2024/data/poster.csv").read_text(encoding="utf-8"))))
    assert len(rows) == 161
    forslag = {"utgift": 0, "inntekt": 0}
    for r in rows:
        if r["Forslag 2024 (1 000 kr)"]:
            forslag[r["type"]] += int(r["Forslag 2024 (1 000 kr)"])
    # Decision I of Prop. 1 S (2023–2024): 277 572 188 000 kr expenses, 3 494 026 000 kr income.
    assert forslag == {"utgift": 277_572_188, "inntekt": 3_494_026}
    assignments = list(csv.DictReader(io.StringIO((built_site / "2025/data/oppdrag.csv").read_text(encoding="utf-8"))))
    assert len(assignments) == 72 and assignments[11]["id"] == "TB2025-12"
    # The letter-only year's "all posts" download is the letter's allocation lines: 37 614 105 in expenses
    # from its tables and 14 617 100 from its prose (kap. 575 posts 60 and 61, kap. 500 post 21); of the
    # table's, 22 897 312 on the folketrygd's chapters (2711, 2751, 2790), typed folketrygd.
    letter = list(csv.DictReader(io.StringIO((built_site / "2025/data/tildelinger.csv").read_text(encoding="utf-8"))))
    col = "Tildelt Helsedirektoratet (1 000 kr)"
    expenses = [r for r in letter if r[col] and r["type"] in ("utgift", "folketrygd")]
    assert sum(int(r[col]) for r in expenses) == 37_614_105 + 14_617_100
    assert sum(int(r[col]) for r in expenses if r["type"] == "folketrygd") == 22_897_312


def _csv_links(site):
    """(page, csv path) for every CSV a page of the site links to."""
    from urllib.parse import urljoin

    for page in site.glob("20*/**/*.html"):
        base = "http://x/" + page.relative_to(site).as_posix()
        for href in re.findall(r'href="([^"#]+\.csv)"', page.read_text(encoding="utf-8")):
            yield page, site / urljoin(base, href).removeprefix("http://x/")


def test_every_linked_csv_has_data_rows_and_an_excel_twin(built_site):
    seen = set()
    for page, target in _csv_links(built_site):
        if target in seen:
            continue
        seen.add(target)
        assert target.is_file(), (page, target)
        text = target.read_text(encoding="utf-8-sig")
        delimiter = ";" if target.name.endswith("-excel.csv") else ","
        rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        assert len(rows) >= 2, f"{target} linked from {page} has no data rows"
    assert len(seen) > 300  # chapter tables link their own files
    chapter = _html(built_site, "2025/kapittel/740/index.html")
    assert 'href="tildelt.csv"' in chapter and 'href="tildelt-excel.csv"' in chapter
    index = _html(built_site, "2025/kapittel/index.html")
    assert 'href="../data/tildelinger.csv"' in index  # a letter year's "all posts" are the letter's lines


def test_excel_variant_and_data_dictionary(built_site):
    raw = (built_site / "2024/kapittel/740/andel-excel.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == ("post;postnavn;Hele posten, Forslag 2024 (1 000 kr);"
                                    "Tildelt Helsedirektoratet (1 000 kr);andel av forslaget (prosent);merknad")
    assert "01;Driftsutgifter;1538891;1538891;100,0;" in text  # decimal comma
    data = _html(built_site, "2025/data/index.html")
    assert 'id="dataordbok"' in data and "frist_i_brevet" in data and "tildelinger-excel.csv" in data


def test_search_keys_for_direct_hits(built_site):
    keys = json.loads((built_site / "2025/data/sok.json").read_text(encoding="utf-8"))
    assert keys["tb2025-12"][0] == "oppdrag/tb2025-12/"
    keys = json.loads((built_site / "2024/data/sok.json").read_text(encoding="utf-8"))
    assert keys["740.21"][0] == "kapittel/740/#post-21" and keys["740"][0] == "kapittel/740/"
    assert keys["2022-2023-1"][0] == "vedtak/2022-2023-1/"


def test_front_page_of_prop_year_has_totals_chart_and_changes(built_site):
    page = _html(built_site, "2024/index.html")
    assert "277\u00a0572\u00a0188" in page  # expenses, Forslag 2024
    assert 'src="diagram/kategorier.svg"' in page
    assert 'id="endringer"' in page and 'id="nytt"' in page


def test_unresolved_reference_is_text_with_a_note(built_site):
    # TB2024-08 refers to TB2023-01: no letter among the sources prints it.
    page = _html(built_site, "2024/oppdrag/tb2024-08/index.html")
    assert "<li>TB2023-01 <em>(ikke i kildene på dette nettstedet)</em>" in page


def test_reference_to_carried_over_assignment_links_the_year_that_prints_it(built_site):
    # TB2025-3 refers to TB2023-30, printed in the 2024 letter's table of unfinished assignments.
    page = _html(built_site, "2025/oppdrag/tb2025-3/index.html")
    assert 'href="../../../2024/oppdrag/tb2023-30/"' in page


def test_one_id_for_two_assignments_gives_two_pages_that_name_each_other(built_site):
    # The 2022 letter prints TB2021-43 for two carried-over assignments (lines 1781
    # "Smittevern i heldøgns omsorgsplasser" and 1847 "Personell fra internasjonale
    # operasjoner"): the second is kept at tb2021-43-2, and each page names the other.
    first = _html(built_site, "2022/oppdrag/tb2021-43/index.html")
    second = _html(built_site, "2022/oppdrag/tb2021-43-2/index.html")
    assert "Smittevern i heldøgns omsorgsplasser" in first and "Samme ID" in first
    assert 'href="../tb2021-43-2/"' in first
    assert "<title>TB2021-43 Personell fra internasjonale operasjoner" in second
    assert 'href="../tb2021-43/"' in second
    assert 'href="../../kilde/tildelingsbrev-2022/#L1847' in second


def test_letter_year_front_page_has_category_chart_and_letter_totals(built_site):
    page = _html(built_site, "2025/index.html")
    assert 'src="diagram/kategorier.svg"' in page
    assert "Tildelt Helsedirektoratet 2025" in page  # totals named by their series


def _row(html: str, post: str) -> list[str]:
    """The cells of the first table row whose first cell links to kap.post."""
    for tr in re.findall(r"<tr>(.*?)</tr>", html, re.S):
        if re.search(rf">{re.escape(post)}</a>", tr):
            return [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
    raise AssertionError(f"no row for {post}")


def test_2025_front_page_compares_letters_with_letters(built_site):
    page = _html(built_site, "2025/index.html")
    changes = _section(page, "endringer-brev")
    assert "Endringer fra 2024-brevet" in changes
    nb = "\u00a0"
    # By hand from the two letters: 701.21 is 20 000 + 21 400 + 30 100 + 4 000 + 58 000 = 133 500 in the
    # 2024 letter and 30 000 + 21 000 + 4 000 + 67 500 + 6 000 = 128 500 in 2025: -5 000, -3,7 %.
    assert _row(changes, "701.21")[3:] == [f"133{nb}500", f"128{nb}500", f"−5{nb}000", "−3,7 %"]
    # 770.21: 5 300 (2024 letter, 14,2 % of the post) -> 2 600 (2025 letter): the letters cover the post
    # differently (one gives more than 1,5 times the other), so it is a change in what is delegated,
    # listed under "Hva totalene dekker" with the shares, never as -50,9 %.
    assert "770.21" not in changes and "−50,9 %" not in page
    assert "14,2 %" in _section(page, "dekning-utgift")
    # The old comparison with Prop. 1 S 2024's whole posts showed cuts that did not happen.
    assert "−66,1 %" not in page and "−93,0 %" not in page
    assert 'id="endringer"' not in page  # no proposition this year: no Forslag-vs-Saldert section
    assert "ikke hele helsebudsjettet" in page  # the year says what its figures are
    # The table links exactly its data: every changed post, letter against letter.
    assert 'href="data/endringer-brev.csv"' in changes
    rows = list(csv.DictReader(io.StringIO((built_site / "2025/data/endringer-brev.csv").read_text(encoding="utf-8"))))
    row = next(r for r in rows if (r["kap"], r["post"]) == ("701", "21"))
    assert (row["Tildelt Helsedirektoratet 2024 (1 000 kr)"], row["Tildelt Helsedirektoratet 2025 (1 000 kr)"],
            row["endring (1 000 kr)"]) == ("133500", "128500", "-5000")


def test_new_posts_say_which_figure_and_unit(built_site):
    # 717.21 is new in the 2025 letter: 10 916 (1 000 kr) allocated; 701.60 is new in Prop. 1 S 2024.
    nb = "\u00a0"
    news = re.sub(r"<[^>]+>", "", _section(_html(built_site, "2025/index.html"), "nytt"))
    assert f"717.21 Spesielle driftsutgifter: tildelt 10{nb}916 (1 000 kr)" in news
    assert f"3740.02 Diverse inntekter: tildelt 35{nb}104 (1 000 kr, inntekt)" in news
    news = re.sub(r"<[^>]+>", "", _section(_html(built_site, "2024/index.html"), "nytt"))
    assert f"Ny post i proposisjonen 701.60 Tilskudd til helseteknologi i kommunal helse- og omsorgstjeneste: " \
           f"forslag 56{nb}700 (1 000 kr)" in news


def test_chart_captions_keep_the_directorate_capitalised(built_site):
    page = _html(built_site, "2025/kapittel/740/index.html")
    assert "Kap. 740 Helsedirektoratet: tildelt Helsedirektoratet." in page
    assert "tildelt helsedirektoratet" not in page  # caption and alt text alike


def test_post_table_source_link_covers_the_whole_table(built_site):
    # Kap. 732: heading at line 8893, its last post (86 Driftskreditter) at line 8928.
    page = _html(built_site, "2024/kapittel/732/index.html")
    assert "prop-1-s-2023-2024.txt, linje 8893–8928</a>" in page
    assert "#L8893-L8928" in page


def test_2024_keeps_the_two_series_apart(built_site):
    page = _html(built_site, "2024/index.html")
    assert 'id="totalt-proposisjon"' in page and 'id="totalt-tildelt"' in page
    assert "Endringer fra 2022-brevet" in page and 'id="endringer"' in page
    changes = _section(page, "endringer")
    assert '>Saldert 2023</th>' in changes and '>Forslag 2024</th>' in changes  # which year each column is
    # 740.01 in 2024: the whole post (Forslag 2024) 1 538 891 and the letter's allocation 1 538 891: 100 %.
    chapter = _html(built_site, "2024/kapittel/740/index.html")
    share = _section(chapter, "andel")
    assert "Tildelt Helsedirektoratet" in share and "100,0 %" in share


def test_chapter_name_missing_from_every_source_is_said(built_site):
    page = _html(built_site, "2025/kapittel/760/index.html")
    assert "navn mangler i kildene" in page
    index = _html(built_site, "2025/kapittel/index.html")
    assert "navn mangler i kildene" in index
    front = _html(built_site, "2025/index.html")
    assert "Ikke med i diagrammet" in front and "kap. 760" in front  # the category chart says what it leaves out


def test_decision_page_cites_its_own_text_not_the_overview_table(built_site):
    # Vedtak nr. 1114 (2020–2021): its row in the overview table is line 2090; its own text,
    # its title, "Vedtak nr. 1114, 3. juni 2021" and the follow-up, is lines 3466–3491.
    page = _html(built_site, "2024/vedtak/2020-2021-1114/index.html")
    assert 'href="../../kilde/prop-1-s-2023-2024/del-1/#L3466-L3491"' in page
    assert "linje 3466–3491 i kildeteksten" in page and "Slik siterer du" in page
    source = _html(built_site, "2024/kilde/prop-1-s-2023-2024/del-1/index.html")
    assert 'id="L3466"' in source and 'id="L3491"' in source


def test_entity_pages_link_the_official_publication_and_say_how_to_cite(built_site):
    official = {"2024/kapittel/740/index.html": "https://www.regjeringen.no/no/dokumenter/prop.-1-s-20232024/id2997928/",
                "2025/kapittel/760/index.html": "https://www.regjeringen.no/no/dokument/dep/hod/tildelingsbrev_hod/id748567/",
                "2025/oppdrag/tb2025-12/index.html": "https://www.regjeringen.no/no/dokument/dep/hod/tildelingsbrev_hod/id748567/"}
    for path, url in official.items():
        page = _html(built_site, path)
        assert f'href="{url}"' in page and "Slik siterer du" in page, path
    tb12 = _html(built_site, "2025/oppdrag/tb2025-12/index.html")
    # The 2025 letter's text keeps only four stray page numbers: no printed page is known.
    assert "Trykt side i dokumentet: ikke kjent" in tb12
    assert "linje 679–709 i kildeteksten" in tb12
    assert 'href="../../kilde/tildelingsbrev-2025/#L679-L709"' in tb12  # the whole cited range


def test_every_entity_page_of_every_year_links_its_official_publication(built_site):
    # Document level: the proposition's page for its chapters and decisions, the ministry's
    # list of letters for assignments and letter-only chapters (no ?ch=N: that number is not
    # in the sources and is never guessed).
    prop = 'href="https://www.regjeringen.no/no/dokumenter/prop.-1-s-20232024/id2997928/"'
    letters = 'href="https://www.regjeringen.no/no/dokument/dep/hod/tildelingsbrev_hod/id748567/"'
    # 2026: the converter's exports say web_published: false, and no address of an
    # official publication has been seen, so sources.yml gives none (never guessed).
    pages = [p for kind in ("kapittel", "oppdrag", "vedtak") for p in built_site.glob(f"20*/{kind}/*/index.html")
             if p.parent.name != "stikkord" and not p.relative_to(built_site).as_posix().startswith("2026/")]
    # 132 chapters (12 of them allocated only in a letter's prose), 496 assignment pages, 71 decisions
    assert len(pages) == 699
    missing = []
    for p in pages:
        html = p.read_text(encoding="utf-8")
        year, kind = p.relative_to(built_site).parts[:2]
        # A 2024 chapter cites the proposition; one only the letter names cites the letter.
        wanted = {"vedtak": (prop,), "oppdrag": (letters,)}.get(kind, (prop, letters) if year == "2024" else (letters,))
        if not any(w in html for w in wanted) or "Slik siterer du" not in html:
            missing.append(p.relative_to(built_site).as_posix())
    assert missing == []


def test_no_html_page_over_one_megabyte(built_site):
    sizes = {p: p.stat().st_size for p in built_site.rglob("*.html")}
    assert max(sizes.values()) < 1_000_000, max(sizes, key=sizes.get)
    parts = list((built_site / "2024/kilde/prop-1-s-2023-2024").glob("*/index.html"))
    assert len(parts) >= 5  # the proposition's source view is split by part and programme category
