r"""Counts and hand-checked samples of the three letters in source/.

How the true counts were established (grep on the source files):
- 2025 assignments: `grep -c "^ *TB2025-[0-9]* *Avd" source/tildelingsbrev-2025.txt` = 72,
  numbered 1..72 without gaps.
- 2025 sections: the numbered headings 1, 2, 3, 3.1-3.13 with their 2-3
  subsections, 4-4.3, 5-5.7, 6-6.3 (`grep -nE "^ *[0-9]+(\\.[0-9]+)*\\.? [A-Z]"`
  minus the numbered list items) = 67.
- 2022 supplementary letters: `grep -cE "^ *TTB20[0-9]{2}-[0-9]+ +[A-Z]"` = 39 header
  lines, plus one TB2021-30 header in the first supplement = 40; split by the
  "Med hilsen" sign-offs into 3 letters (5+1 / 25+1 / 8).
- 2022 main letter: 130 "Eieravdeling HOD" blocks; four carry two IDs
  ("TB2019-7/TTB2019-38", ...; one printed as bare fragments above its
  "Eieravdeling" line, lines 1943-1946) = 134 entries: 62 new + 72 carried over.
- 2018 unnumbered assignments: the indented (bullet lost in extraction) items
  under the 12 "Spesielle oppdrag" headings, `awk` over each section = 87.
- 2024 assignments: every line starting with IDs, `grep -nE "^\*{0,2}(R?T?TB20[0-9]{2}-[0-9]+[,/ ]*)+"`:
  156 lines; 6 rows name several IDs (TB2021-01, TB2021-31; TB2023-35/ TB2021-45/
  TTB2021-21; ...) = 163 IDs: 92 new TB2024-01..92 + 71 carried over. Five
  headers print the ID alone on its line above "Avd.HOD" (TB2024-38, -39,
  -73, -82, -92).
- 2024 budget rows: the rows of the one allocation table (lines 1131-1231)
  with a post number, `grep -cP "^(\d{3,4})?\t\d{2}\t"` = 82.
- 2024 decision references: "anmodningsvedtak nr. 960 av 20 mai 2021" (558),
  "Innst. 47 L (2021- 2022), vedtak 88" (859), "Innst. 490 S (2022-2023),
  Vedtak 929" (961) = 3.
- 2018 budget rows: every "kap post" row of the 1.2, x.x.3 "Bevilgninger"
  and 4.x tables = 83; the "Sum kap. 0575" total matches its row.
"""
import _paths
import json
import subprocess
import sys
from collections import Counter
from functools import lru_cache

from generator.diagnostics import Diagnostics
from generator.parsing.extract import extract_document
from generator.contract import to_contract
from generator.read.sources import load_manifest

ROOT = _paths.ROOT


@lru_cache(maxsize=None)
def extract(year: int):
    entries = {e.year: e for e in load_manifest(ROOT / "source") if e.kind == "tildelingsbrev"}
    diags = Diagnostics()
    _, doc = extract_document(ROOT / "source" / f"tildelingsbrev-{year}.txt", diags, entries[year])
    return doc, diags


def test_counts_2025():
    doc, diags = extract(2025)
    assert len([s for s in doc.sections if s.number]) == 67
    assert [a.id for a in doc.assignments] == [f"TB2025-{n}" for n in range(1, 73)]
    assert all(a.status == "new" and a.letter == "hovedbrev" for a in doc.assignments)
    assert len([r for r in doc.budget_rows if r.read_from == "table"]) == 65
    # Read from prose: kap. 500 post 21 ("fullmakt på inntil 1 mill. kroner"), kap. 575 posts 60 and 61.
    assert [(r.kap, r.post, r.amounts[0][1], r.unit) for r in doc.budget_rows if r.read_from == "prose"] == [
        (500, "21", 1000, "1000 NOK"), (575, "60", 14523900, "1000 NOK"), (575, "61", 92200, "1000 NOK")]
    assert len(doc.vedtak_refs) == 3
    assert not [d for d in diags.items if d.code in ("amount-sum", "duplicate-id")]


def test_samples_2025():
    doc, _ = extract(2025)
    a = {x.id: x for x in doc.assignments}
    t = a["TB2025-12"]
    assert t.title.startswith("Revidering av forskrift om tilskudd til frivillig rusmiddelforebyggende")
    assert t.departments == ("FHA",) and t.deadline == "2025-03-21" and t.section == "3.2.3"
    assert a["TB2025-4"].departments == ("KTA", "SHA", "FHA")
    assert a["TB2025-4"].title.startswith("Innsats innen alkoholområdet")
    assert a["TB2025-18"].departments == ("KTA", "SHA", "FHA", "DIG")
    assert a["TB2025-2"].deadline == "2025-03-14"
    assert a["TB2025-8"].deadline == "2025-09-01"
    assert any(r.kind == "assignment" and r.target == "TB2023-30" for r in a["TB2025-3"].references)
    assert any(r.kind == "kap" and r.target == "710.23" for r in a["TB2025-2"].references)
    rows = {(r.kap, r.post, r.line): r for r in doc.budget_rows}
    assert dict(rows[(701, "21", 3098)].amounts) == {"Tildeling": 30000}
    assert dict(rows[(2751, "70", 3926)].amounts) == {"Tildeling": 15104900}  # amount split over two lines
    assert dict(rows[(2711, "72", 3916)].amounts) == {"Tildeling": None}
    assert rows[(3740, "02", 3977)].type == "inntekt"
    secs = [s for s in doc.sections if s.number]
    assert all(s.end_line >= s.line for s in secs)
    assert all(b.line == a.end_line + 1 or b.line > a.end_line for a, b in zip(secs, secs[1:]))
    assert any(d.date == "2025-03-15" for d in doc.dated_items)


def test_counts_2022():
    doc, diags = extract(2022)
    c = Counter((a.letter, a.status) for a in doc.assignments)
    # Carried over in the main letter: 130 "Eieravdeling HOD" blocks, 4 of them naming two IDs
    # (TB2019-7/TTB2019-38, TB2019-14/TTB2019-6, TB2021-42/TTB2021-79 and, as a flattened table
    # prints it at lines 1943-1946, " TB2019-" / "78/TTB2021-65"): 134 entries, of which 62 are
    # this year's TB2022-01..62 and 72 carried over.
    assert c == {("hovedbrev", "new"): 62, ("hovedbrev", "carried_over"): 72, ("tillegg-1", "new"): 5,
                 ("tillegg-1", "carried_over"): 1, ("tillegg-2", "new"): 25, ("tillegg-2", "carried_over"): 1,
                 ("tillegg-3", "new"): 8}
    assert len([s for s in doc.sections if s.number]) == 47
    assert len([r for r in doc.budget_rows if r.read_from == "table"]) == 85
    prose = {(r.kap, r.post): r for r in doc.budget_rows if r.read_from == "prose"}
    # "Det er bevilget 12 102 348 000 kroner for 2022 ... Bevilgningen tildeles Helsedirektoratet" (l. 2665-2672)
    assert prose[(575, "60")].amounts[0][1] == 12_102_348_000 and prose[(575, "60")].unit == "NOK"
    assert (prose[(575, "60")].line, prose[(575, "60")].end_line) == (2667, 2672)
    assert prose[(575, "61")].amounts[0][1] is None  # given to Helsedirektoratet, no amount printed
    assert prose[(1320, "01")].amounts[0][1] == 5800  # "med inntil 5,8 mill. kroner"
    assert sorted(prose) == [(575, "60"), (575, "61"), (709, ""), (1320, "01"), (5572, "75")]
    assert [(h.kap, h.title, h.under) for h in doc.chapter_headings if h.kap == 575] == [
        (575, "Ressurskrevende tjenester", "3.3 Kommunal- og distriktsdepartementet")]
    v = doc.vedtak_refs
    assert [(x.nr, x.session, x.date) for x in v] == [("831", "2021–2022", "2022-06-17")]
    codes = Counter(d.code for d in diags.items)
    # unclaimed-id: "Endringer i frister" / "TB2020-57/2 Følge opp ..." (line 3298), a deadline change.
    # deadline-skipped: a letter's date (TB2021-30's "brev av 18. februar") and six "Frist" sentences without a date.
    # change-outside: money inside TTB2022-50's text, outside any kap/post heading and naming no post (not
    # counted); TTB2022-51's "tildeles 1 mill. kroner på kap. 714, post 21" names its post: a change, no warning
    # row-type: the 18 rows of kap. 2711-2790 in 2.5.2's table (l. 2506 on) are folketrygd by their numbers only
    assert codes == {"bad-id": 4, "duplicate-id": 2, "id-repaired": 1, "unclaimed-id": 1, "deadline-skipped": 7,
                     "change-outside": 1, "row-type": 1}


def test_remark_in_a_budget_row_is_whole_2025():
    # 760.60 (lines 3688-3698): the comment's last sentence names an amount in
    # "mill. kroner"; it is the comment's end, not a unit line.
    doc, _ = extract(2025)
    row = next(r for r in doc.budget_rows if (r.kap, r.post) == (760, "60"))
    assert row.amounts == (("Tildeling", 1267303),)
    assert row.comment.endswith("Helseinnovasjonssenteret i Kristiansund. Riktig beløp er 11,8 mill. kroner.")


def test_counts_2024():
    doc, diags = extract(2024)
    c = Counter((a.letter, a.status) for a in doc.assignments)
    assert c == {("hovedbrev", "new"): 92, ("hovedbrev", "carried_over"): 71}
    assert sorted(a.id for a in doc.assignments if a.status == "new") == sorted(
        f"TB2024-{n:02d}" for n in range(1, 93))
    assert len([s for s in doc.sections if s.number]) == 47
    assert len([r for r in doc.budget_rows if r.read_from == "table"]) == 82
    assert {r.amounts[0][0] for r in doc.budget_rows if r.read_from == "table"} == {"Tildeling 2024"}
    assert [(r.kap, r.post, r.amounts[0][1]) for r in doc.budget_rows if r.read_from == "prose"] == [
        (500, "21", 1200), (575, "60", 12983500), (575, "61", 88400), (660, "71", 120)]
    assert [(v.nr, v.session, v.date, v.line) for v in doc.vedtak_refs] == [
        ("960", "2020–2021", "2021-05-20", 558), ("88", "2021–2022", None, 859), ("929", "2022–2023", None, 961)]
    assert doc.date == "2024-01-30" and doc.reference == "24/418-"


def test_samples_2024():
    doc, _ = extract(2024)
    a = {x.id: x for x in doc.assignments}
    assert a["TB2024-38"].title == "Oppfølging av statsforvalterne – tvangsmedisineringsvedtak"
    assert a["TB2024-38"].departments == ("KTA",) and a["TB2024-38"].deadline == "2024-05-01"
    assert a["TB2021-01"].aliases == ("TB2021-31",) and a["TB2021-31"].aliases == ("TB2021-01",)
    assert a["TTB2021-21"].aliases == ("TB2023-35", "TB2021-45")
    assert a["TB2022-04"].status == "carried_over" and a["TB2022-04"].title.startswith("PFS-345 Fyrtårnprosjektet")
    assert a["TB2024-60"].departments == ("SHA", "KTA") and a["TB2024-60"].department_remark == "(pkt. 1)"
    assert a["TB2024-60"].title == "Legenes spesialistutdanning og spesialitetsstruktur"
    assert [d.date for d in a["TB2024-07"].deadlines] == ["2024-02-01", "2024-03-15", "2024-07-01", "2024-09-01"]
    assert a["TB2024-40"].deadline == "2024-12-31" and a["TB2024-40"].deadline_approximate
    row = next(r for r in doc.budget_rows if (r.kap, r.post) == (783, "21"))
    assert row.amounts == (("Tildeling 2024", 35049),) and row.title == ""


def test_one_id_for_two_assignments_2022():
    doc, diags = extract(2022)
    twice = [(a.id, a.page_id, a.line, a.title) for a in doc.assignments if a.id in ("TB2021-43", "TB2021-36")]
    assert [(i, p, n) for i, p, n, _ in twice] == [
        ("TB2021-43", "TB2021-43", 1781), ("TB2021-36", "TB2021-36", 1806),
        ("TB2021-43", "TB2021-43-2", 1847), ("TB2021-36", "TB2021-36-2", 2025)]
    assert [d.line for d in diags.items if d.code == "duplicate-id"] == [1847, 2025]


def test_samples_2022():
    doc, _ = extract(2022)
    ids = [a.id for a in doc.assignments]
    assert "TB2019-7" in ids and "TTB2019-38" in ids and "TB2021-29" in ids
    medisinstart = [x for x in doc.assignments if x.title == "Forberede evaluering av Medisinstart"]
    assert [(x.id, x.line) for x in medisinstart] == [("TB2019-78", 1943), ("TTB2021-65", 1943)]
    a = {x.id: x for x in doc.assignments}
    assert a["TB2022-01"].departments == ("FHA",) and a["TB2022-01"].section == "2.1.3"
    assert a["TB2021-15"].departments == ("EHE", "KTA") and a["TB2021-15"].status == "carried_over"
    assert a["TTB2022-3"].letter == "tillegg-1" and a["TTB2022-3"].deadline == "2022-03-20"
    assert a["TTB2022-50"].letter == "tillegg-3"
    rows = {(r.kap, r.post): r for r in doc.budget_rows}
    assert dict(rows[(740, "21")].amounts) == {"Bevilgning 2022": 38014, "Tildeling 2022": 37665}
    assert dict(rows[(3740, "05")].amounts) == {"Bevilgning 2022": 51300, "Tildeling 2022": 51300}
    assert dict(rows[(740, "71")].amounts) == {"Bevilgning 2022": None, "Tildeling 2022": None}


def test_counts_2018():
    doc, diags = extract(2018)
    assert len([s for s in doc.sections if s.number]) == 81
    assert len(doc.assignments) == 87
    assert all(a.printed_id is None and a.id.startswith("TB2018-U") for a in doc.assignments)
    assert doc.assignments[2].id == "TB2018-U2.1.4-3" and doc.assignments[2].deadline == "2018-02-01"
    assert len([r for r in doc.budget_rows if r.read_from == "table"]) == 83
    assert [(r.kap, r.post, r.amounts[0][1]) for r in doc.budget_rows if r.read_from == "prose"] == [
        (701, "21", 27500), (751, "70", 6400), (709, "01", 68496)]
    assert [(h.kap, h.title, h.under) for h in doc.chapter_headings if h.kap == 575] == [
        (575, "Ressurskrevende tjenester", "4.3 Kommunal- og moderniseringsdepartementet")]
    rows = {(r.kap, r.post): r for r in doc.budget_rows if r.read_from == "table"}
    assert dict(rows[(740, "21")].amounts) == {"Helsedirektoratet 2018": 30576}
    assert dict(rows[(714, "70")].amounts) == {"Beløp": 121941}
    assert dict(rows[(2752, "71")].amounts) == {"Saldert 2017": 1067600, "2018": 1089500}
    assert not [d for d in diags.items if d.code == "amount-sum"]
    # Lines 2666, 2828, 2830 print figures in millions with decimals ("0,2 0,1"):
    # amounts stay empty, the text keeps the figures, and each gets a diagnostic.
    unread = [d for d in diags.items if d.code == "amount-unread"]
    assert [d.line for d in unread] == [2666, 2828, 2830]
    assert rows[(660, "70")].title.endswith("0,2 0,1")


def test_cli_prints_contract():
    out = subprocess.run([sys.executable, "-m", "generator", "extract", "source/tildelingsbrev-2025.txt"],
                         cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0
    data = json.loads(out.stdout)
    assert data["budget_year"] == 2025 and len(data["assignments"]) == 72


def test_cli_extracts_several_files_in_one_process(capsys):
    """Several files: one array, each object what the file alone prints."""
    from generator import cli

    files = [str(ROOT / "source" / f"tildelingsbrev-{y}.txt") for y in (2018, 2025)]
    alone = []
    for f in files:
        assert cli.main(["extract", f]) == 0
        alone.append(json.loads(capsys.readouterr().out))
    assert cli.main(["extract", *files]) == 0
    out, err = capsys.readouterr()
    together = json.loads(out)
    assert together == alone
    assert [d["budget_year"] for d in together] == [2018, 2025]
    assert [len(d["assignments"]) for d in together] == [87, 72]
    # The diagnostics of both, in the order of the files: 2018's amounts in millions first.
    assert err.index("tildelingsbrev-2018.txt:2666") < err.index("tildelingsbrev-2025.txt")


def test_contract_shape():
    doc, _ = extract(2025)
    c = to_contract(doc)
    assert c["kind"] == "tildelingsbrev" and c["sections"][0]["number"] == "1"


def test_dated_items_take_every_date_of_a_sentence_2025():
    # Line 4612: "Direktoratet skal innen 15. februar 2025 utarbeide årsplan for internrevisjonen.
    # Årsrapport for internrevisjonen skal oversendes departementet innen 15. februar 2026."
    doc, _ = extract(2025)
    at = [(d.date, d.title) for d in doc.dated_items if d.line == 4612]
    assert at == [
        ("2025-02-15", "Direktoratet skal innen 15. februar 2025 utarbeide årsplan for internrevisjonen."),
        ("2026-02-15", "Årsrapport for internrevisjonen skal oversendes departementet innen 15. februar 2026."),
    ]


def test_deadline_before_a_colon_is_kept_2025():
    # Line 1168: "Frist 1. juni 2025: vurdering av om avtalespesialister ..." (the date precedes the colon).
    doc, _ = extract(2025)
    a = next(x for x in doc.assignments if x.id == "TB2025-23")
    assert a.deadline == "2025-06-01" and a.deadline_text == "1. juni 2025"
    assert [d.date for d in a.deadlines] == ["2025-06-01", "2025-12-31"]


def test_titles_wrapped_in_their_cell_are_whole_2022():
    # The 2022 letter prints these titles over two to four lines of a narrow cell.
    doc, _ = extract(2022)
    a = {x.id: x for x in doc.assignments}
    assert a["TB2022-40"].title == "Videreutvikling av det tverrsektorielle IPS-samarbeidet"
    assert a["TB2022-46"].title == "Gjennomføre gaps-analyse for WHOs Global Patient Safety Action Plan (2021-2030)"
    assert a["TB2022-37"].title == "Formannskapet i Nordisk ministerråd 2022"
    assert a["TB2021-13"].title == "Pårørendestrategien og handlingsplanen 2021-2025"
    assert a["TB2022-U2.2.3-1"].title == ("Tannutviklingsforstyrrelser (innslagspunkt 7), med omfattende "
                                          "medfødte forstyrrelser/mangler i kjever/tannanlegg.")
    # ... and the body starts after the title, not with its last words.
    assert a["TB2022-40"].body[0].text.startswith("Det er i tidligere oppdrag om IPS ung")
    # A sentence after the title is body, not title.
    assert a["TB2020-04"].title == "Implementering av handlingsplanene mot antibiotikaresistens"


def test_a_word_end_wrapped_alone_in_a_cell_is_joined_2025():
    # The 2025 letter's budget table wraps "forbruksmateriel" / "l" and "overslagsbevilgnin" / "g".
    doc, _ = extract(2025)
    titles = {(r.kap, r.post): r.title for r in doc.budget_rows}
    assert titles[(2751, "72")] == "Medisinsk forbruksmateriell"
    assert "Tilskudd, overslagsbevilgning" in titles.values()
