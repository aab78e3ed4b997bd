"""Numbers people can quote, checked on the built site (the session's one full build):
totals reconciled, shares with their denominators, deadlines that are deadlines,
chapters named, chapters and assignments linked both ways."""
from __future__ import annotations

import html
import json
import re



def _page(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def _amount(cell: str) -> int:
    text = html.unescape(re.sub(r"<[^>]+>", "", cell)).replace("\u2212", "-").replace("+", "")
    return int(re.sub(r"[\s\u00a0\u202f]", "", text))


def _section(page: str, anchor: str) -> str:
    start = page.index(f'id="{anchor}"')
    return page[start: page.index("</table>", start)]


def test_the_2024_to_2025_reconciliation_adds_up_to_both_totals(built_site):
    page = _page(built_site, "2025/index.html")
    rows = re.findall(r"<tr>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*</tr>", _section(page, "dekning-utgift"), re.S)
    labels = [html.unescape(re.sub(r"<[^>]+>", "", label)) for label, _ in rows]
    amounts = [_amount(a) for _, a in rows]
    assert labels[0].startswith("Tildelt i 2024-brevet") and labels[-1].startswith("Tildelt i 2025-brevet")
    running = amounts[0]
    for label, amount in zip(labels[1:], amounts[1:]):
        if label.startswith(("=", "Tildelt")):
            assert amount == running, label  # every subtotal and the final total is the sum above it
        else:
            running += amount
    totals = {y: _amount(re.search(r"Tildelt Helsedirektoratet %d</td>\s*<td[^>]*>([^<]+)" % y,
                                   _page(built_site, f"{y}/index.html")).group(1)) for y in (2024, 2025)}
    assert (amounts[0], amounts[-1]) == (totals[2024], totals[2025])
    assert "kap. 760" in page and "Bare i 2024-brevet" in page and "2752.72" in page


def test_no_share_above_100_percent_without_its_note(built_site):
    over = 0
    for path in sorted((built_site / "2024/kapittel").glob("*/index.html")):
        page = path.read_text(encoding="utf-8")
        if 'id="andel"' not in page:
            continue
        for value in re.findall(r"(\d+,\d) %", _section(page, "andel")):
            if float(value.replace(",", ".")) > 100:
                over += 1
                assert "over forslaget, se merknad" in _section(page, "andel"), path
    assert over >= 2  # 761.75 and 762.70 (2024): the letter follows the adopted budget
    page = _page(built_site, "2024/kapittel/761/index.html")
    assert "123,5 % (over forslaget, se merknad)" in page and "Innst. 11 S" in _section(page, "andel")


def test_no_growth_rate_from_a_change_in_what_is_delegated(built_site):
    page = _page(built_site, "2025/index.html")
    assert "719,9" not in page  # 717.70: 12,6 % of the post in 2024, nearly all of it in 2025
    feed = _page(built_site, "2025/feed.xml")
    assert "719,9" not in feed and "Endret dekning, kap. 717 post 70" in feed
    assert "875,8" not in _page(built_site, "2024/index.html")  # 701.21 from 2022 to 2024
    assert "2 år" in _page(built_site, "2024/index.html")


_DEADLINE_WORDS = re.compile(r"frist|innen|senest|i løpet av|ferdigstil|sluttfør|avslutte|være ferdig|være klar",
                             re.I)


def test_no_deadline_from_a_sentence_without_a_deadline_word(built_site):
    from generator.parsing.due_dates import sentences

    checked = 0
    for year in (2018, 2022, 2024, 2025):
        data = json.loads(_page(built_site, f"{year}/data/tildelingsbrev-{year}.json"))
        for a in data["assignments"]:
            for d in a["deadlines"]:
                if not d["date"]:
                    continue
                said = [s for s in sentences(a["text"].replace("\n", " ")) if d["text"] in s]
                assert said and any(_DEADLINE_WORDS.search(s) for s in said), (a["id"], d["text"])
                checked += 1
    assert checked > 150


def test_tb2025_61_lists_its_dates_in_order_with_the_first_quarter(built_site):
    page = _page(built_site, "2025/oppdrag/tb2025-61/index.html")
    cell = page[page.index(">Frist</td>"): page.index("Legg til i kalender")]  # past the newest-year banner
    dates = re.findall(r"<strong>([^<]+)</strong>", cell)
    assert dates[:2] == ["1. kvartal 2025 (omtrentlig)", "mars 2025 (omtrentlig)"]
    assert dates[2:] == ["1. juni 2025", "1. juli 2025", "1. september 2025", "15. september 2025",
                         "1. oktober 2025", "1. november 2025"]
    tb2130 = _page(built_site, "2022/oppdrag/tb2021-30/index.html")
    assert "<strong>1. april 2022</strong>" in tb2130 and "<strong>18. februar 2022</strong>" not in tb2130


def test_kap_575_is_named_in_every_year_with_its_ministry_heading(built_site):
    for year in (2018, 2022, 2024, 2025, 2026):
        page = _page(built_site, f"{year}/kapittel/575/index.html")
        assert re.search(r"<h1[^>]*>Kap\. 575 Ressurskrev(ende tjenester|jande tenester)", page), year
        assert "navn mangler" not in page
        # the ministry's heading it stands under, in this year's letter or the nearest that prints one
        assert re.search(r"«[\d.]+ Kommunal- og \w+departementet»", page), year
    assert "4.3 Kommunal- og moderniseringsdepartementet" in _page(built_site, "2018/kapittel/575/index.html")
    page = _page(built_site, "2022/kapittel/575/index.html")
    assert "Lest fra løpende tekst" in page and "12 102 348 000" in page and "#L2667-L2672" in page
    assert "Ikke lenger i tildelingen: kap. 575" not in _page(built_site, "2022/feed.xml")


def test_every_chapter_an_assignment_names_links_back_to_it(built_site):
    from generator.link.urls import assignment_path

    linked = 0
    for year in (2018, 2022, 2024, 2025):
        data = json.loads(_page(built_site, f"{year}/data/tildelingsbrev-{year}.json"))
        for a in data["assignments"]:
            page = _page(built_site, f"{year}/" + assignment_path(a["page_id"]).replace(".md", ".html"))
            for kap in sorted(set(int(k) for k in re.findall(r'kapittel/(\d{3,4})/', page.split('id="lenker-kapitler"')[-1]
                                                               .split("</ul>")[0])) if 'id="lenker-kapitler"' in page else ()):
                chapter = built_site / f"{year}/kapittel/{kap}/index.html"
                if chapter.exists():
                    assert f"oppdrag/{a['page_id'].lower()}/" in chapter.read_text(encoding="utf-8"), (year, a["id"], kap)
                    linked += 1
    assert linked >= 20
