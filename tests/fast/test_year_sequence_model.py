"""Budget year 2026 rendered without a site build: the year's context (the
six letters parsed, linked and amended) and what the page types and the
report links make of it, checked against the real letters."""
from __future__ import annotations

from urllib.parse import unquote

import pytest

from generator.derive.figures import site_figures
from generator.diagnostics import Diagnostics
from generator.link.linker import build_graph
from generator.parsing.extract import extract_document
from generator.read.sources import load_manifest
from generator.render.pages.base import YearInput
from generator.render.year import year_context
from generator.render.social import entity_meta, report_link
from generator.settings import Settings

REPOSITORY = "https://github.com/eksempel/helsebudsjettet"


def _context(source_dir, year: int):
    entries = [e for e in load_manifest(source_dir) if e.year == year]
    diags = Diagnostics()
    parsed = []
    for e in entries:
        text, doc = extract_document(source_dir / e.file, diags, e)
        parsed.append((e, text, doc))
    graph = build_graph({year: [d for _, _, d in parsed]}, {d.source: len(t.raw_lines) for _, t, d in parsed})
    figures = site_figures(graph, diags)
    inp = YearInput(year, tuple(parsed), (year,), {}, Settings(repository=REPOSITORY))
    return year_context(inp, graph, figures[year]), diags


@pytest.fixture(scope="module")
def ctx_2026(source_dir):
    return _context(source_dir, 2026)


@pytest.fixture(scope="module")
def meta_2026(ctx_2026):
    return entity_meta(ctx_2026[0])


# --- "Meld fra om feil" cites the letter that gave or changed the entity ----------------------

def test_report_for_a_changed_chapter_cites_the_main_letter_and_every_supplement_that_changed_it(meta_2026):
    # 714.21: 102 700 in the main letter, then nr. 2 (table), nr. 3 (table row 80), nr. 4 (prose)
    assert meta_2026["kapittel/714/index.md"].source == (
        "source/tildelingsbrev-2026.md, linje 1237–1250; "
        "source/supplerende-tildelingsbrev-2026-nr-2.md, linje 100–133; "
        "source/supplerende-tildelingsbrev-2026-nr-3.md, linje 80; "
        "source/supplerende-tildelingsbrev-2026-nr-4.md, linje 95–105")
    # 2756.70 is first allocated by nr. 1's table (line 91: 0 + 12 000 = 12 000)
    assert meta_2026["kapittel/2756/index.md"].source.endswith("source/supplerende-tildelingsbrev-2026-nr-1.md, linje 91")


def test_report_for_a_supplements_assignment_cites_the_supplements_file_and_lines(meta_2026):
    assert meta_2026["oppdrag/tb2026-63/index.md"].source == "source/supplerende-tildelingsbrev-2026-nr-2.md, linje 245–257"
    # announced in nr. 2 ("Ettersendes", line 70), given in nr. 3
    assert meta_2026["oppdrag/tb2026-71/index.md"].source == (
        "source/supplerende-tildelingsbrev-2026-nr-2.md, linje 70; "
        "source/supplerende-tildelingsbrev-2026-nr-3.md, linje 135–144")
    # given by the main letter, added to by nr. 2 and nr. 6
    assert meta_2026["oppdrag/tb2026-17/index.md"].source == (
        "source/tildelingsbrev-2026.md, linje 496–501; "
        "source/supplerende-tildelingsbrev-2026-nr-2.md, linje 213–231; "
        "source/supplerende-tildelingsbrev-2026-nr-6.md, linje 47–62")
    assert meta_2026["oppdrag/tb2026-1/index.md"].source == "source/tildelingsbrev-2026.md, linje 255–256"


def test_the_report_link_carries_the_supplements_lines(ctx_2026, meta_2026):
    link = unquote(report_link(ctx_2026[0].inp.settings, 2026, "oppdrag/tb2026-71/index.md",
                               meta_2026["oppdrag/tb2026-71/index.md"]))
    assert link.startswith(REPOSITORY + "/issues/new?")
    assert "Kilde: source/supplerende-tildelingsbrev-2026-nr-2.md, linje 70; " \
           "source/supplerende-tildelingsbrev-2026-nr-3.md, linje 135–144" in link


# --- 2022: three supplements bound into the letter's file, shown as 2026's are ------------------

@pytest.fixture(scope="module")
def ctx_2022(source_dir):
    return _context(source_dir, 2022)


def test_2022_tillegg_are_the_years_letters_and_tillegg_1_changes_762_21(ctx_2022):
    ctx, diags = ctx_2022
    amended = ctx.figures.amended
    assert [(x.label, x.line, x.date) for x in amended.letters] == [
        ("hovedbrev", 1, None), ("tillegg-1", 3015, None), ("tillegg-2", 3343, None), ("tillegg-3", 4791, None)]
    # "Kap. 762, post 21 / Helsedirektoratet tildeles 8 mill. kroner ... Tidligere tildeling 160 mill. kroner"
    chain = amended.chain(762, "21")
    assert (chain.kap, chain.post, chain.original, chain.now) == (762, "21", 160_000, 168_000)
    [step] = chain.steps
    assert (step.letter.label, step.change.how, step.change.amount, step.change.line, step.kind) == (
        "tillegg-1", "prose", 8_000, 3319, "funding")
    # the main letter's own "Kap. NNN, post NN" headings allocate; none of them is read as a change
    assert all(c.line >= 3015 for c in ctx.model.documents[0].allocation_changes)
    # in tillegg 3, inside TTB2022-51's text and under no kap/post heading, "Helsedirektoratet tildeles
    # 1 mill. kroner på kap. 714, post 21 for 2022." names its own post: a funding change on 714.21
    assert [(c.kap, c.post) for c in amended.chains] == [(714, "21"), (762, "21")]
    chain = amended.chain(714, "21")
    [step] = chain.steps
    assert (chain.original, chain.now) == (103_700, 104_700)
    assert (step.letter.label, step.change.how, step.change.rule, step.change.amount, step.change.line,
            step.change.end_line, step.kind) == ("tillegg-3", "prose", "grant_on_post", 1_000, 5007, 5007, "funding")
    assert step.change.text == "Helsedirektoratet tildeles 1 mill. kroner på kap. 714, post 21 for 2022."
    # "Det tildeles 1 mill. kroner som tilskudd til Trøndelag fylkeskommune" names no post: said, not counted
    assert [(d.line, d.code) for d in diags.items if d.code.startswith("change")] == [(4995, "change-outside")]


def test_2022_has_a_changes_page_from_the_same_code_as_2026(ctx_2022):
    from generator.render.pages import year_changes_page

    ctx, _ = ctx_2022
    page = year_changes_page.pages(ctx).pages["endringer/index.md"].replace("\u00a0", " ")
    assert "| [Tillegg 1 til tildelingsbrevet](#tillegg-1) | dato ikke trykt i kilden | 1 | 5 | 0 |" in page
    assert "| [Tillegg 2 til tildelingsbrevet](#tillegg-2) | dato ikke trykt i kilden | 0 | 25 | 0 |" in page
    assert "| [762.21](../kapittel/762/index.md#endring-21) | 160 000 | +8 000 | 168 000 | tekst |" in page
    # tillegg 3 changes 714.21 in a sentence of TTB2022-51's text
    assert "| [Tillegg 3 til tildelingsbrevet](#tillegg-3) | dato ikke trykt i kilden | 1 | 8 | 0 |" in page
    assert "| [714.21](../kapittel/714/index.md#endring-21) | 103 700 | +1 000 | 104 700 | tekst |" in page
    assert "(3 tillegg til tildelingsbrevet)" in page
    assert "etter det siste brevet i kildene, tillegg 3 til tildelingsbrevet \\(dato ikke trykt i kilden\\)" in page
    assert "- [TTB2022\\-50](../oppdrag/ttb2022-50/index.md) Regelverk for tilskuddsordning ABC for god psykisk helse" \
        in page


def test_2022_front_page_and_chapter_762_say_which_letter_their_figures_stand_after(ctx_2022, source_dir):
    from generator.render.pages import chapter_pages, front_page

    ctx, _ = ctx_2022
    front = front_page.pages(ctx).pages["index.md"]
    assert '!!! info "Tallene står etter tillegg 3 til tildelingsbrevet \\(dato ikke trykt i kilden\\)"' in front
    assert "Året er tildelingsbrevet og 3 tillegg til tildelingsbrevet." in front
    assert ("Tildelt Helsedirektoratet i tildelingsbrevet, utgifter inkl. folketrygden: 62 101 237 (1 000 kr); "
            "med endringene etter tillegg 3 til tildelingsbrevet \\(dato ikke trykt i kilden\\): 62 110 237") \
        in front.replace("\u00a0", " ")
    chapter = chapter_pages.pages(ctx).pages["kapittel/762/index.md"].replace("\u00a0", " ")
    assert "| dato ikke trykt i kilden | 160 000 | +8 000 | 168 000 | tekst | Helsedirektoratet tildeles 8 mill" \
        in chapter
    assert "| **Nå** | dato ikke trykt i kilden |   |   | **168 000** |" in chapter
    assert "168 000 i Tillegg 1." in chapter  # the chart's alt text names the letter as the page does
    assert "etter tillegg 1 til tildelingsbrevet" in entity_meta(ctx)["kapittel/762/index.md"].description


# --- the quality bar, on the rendered Markdown of 2026 (no site build) -----------------

@pytest.fixture(scope="module")
def chapter_pages_2026(ctx_2026):
    from generator.render.pages import chapter_pages

    return {p: c.replace("\u00a0", " ") for p, c in chapter_pages.pages(ctx_2026[0]).pages.items()}


def test_every_change_of_every_supplement_is_on_its_posts_chapter_page_with_letter_and_date(ctx_2026,
                                                                                           chapter_pages_2026):
    from generator.render.letters import letter_date, letter_title
    from generator.render.markdown import esc, format_amount

    amended = ctx_2026[0].figures.amended
    steps = [s for c in amended.chains for s in c.steps]
    assert (sum(s.change.how == "table" for s in steps), sum(s.change.how == "prose" for s in steps)) == (14, 21)
    for s in steps:
        page = chapter_pages_2026[f"kapittel/{s.change.kap}/index.md"]
        block = page[page.index(f'<span id="endring-{s.change.post}"></span>'):]
        signed = ("+" if s.change.amount > 0 else "") + format_amount(s.change.amount).replace("\u00a0", " ")
        row = (f"| [{esc(letter_title(s.letter))}](../../endringer/index.md#supplerende-nr-{s.letter.number}) | "
               f"{esc(letter_date(s.letter))} | {format_amount(s.before).replace(chr(160), ' ')} | {signed} | "
               f"{format_amount(s.after).replace(chr(160), ' ')} | {'tabell' if s.change.how == 'table' else 'tekst'} |")
        assert row in block, (s.change.kap, s.change.post, row)
    # the two chains, as kap. 714 and kap. 760 print them
    assert "| [Supplerende tildelingsbrev nr\\. 3](../../endringer/index.md#supplerende-nr-3) | 28\\. mai 2026 | " \
           "107 376 | +500 | 107 876 | tabell |" in chapter_pages_2026["kapittel/714/index.md"]
    assert "| 347 750 |" in chapter_pages_2026["kapittel/760/index.md"]


def test_every_printed_tidligere_tildeling_agrees_with_the_running_total(ctx_2026):
    ctx, diags = ctx_2026
    steps = [s for c in ctx.figures.amended.chains for s in c.steps]
    printed = [s for s in steps if s.change.previous is not None]
    disagree = [s for s in printed if s.change.previous != (s.before or 0)]
    reported = {(d.file, d.line) for d in diags.items if d.code == "change-chain"}
    assert len(printed) == 14  # every change table row prints it
    assert [(s.letter.path, s.change.line) for s in disagree if (s.letter.path, s.change.line) not in reported] == []
    assert disagree == [] and reported == set()  # in the real letters the chain holds everywhere


def test_all_98_assignments_of_2026_have_their_page(ctx_2026):
    from generator.render.pages import assignment_pages

    pages = assignment_pages.pages(ctx_2026[0]).pages
    assert [n for n in range(1, 99) if f"oppdrag/tb2026-{n}/index.md" not in pages] == []
    assert not any(p.startswith("oppdrag/tb2026-99") for p in pages)
    for n in (61, 62, 70, 75, 76, 77, 98):  # exempt from public access: a page that says so, counted
        assert "Oppdraget er unntatt offentlighet" in pages[f"oppdrag/tb2026-{n}/index.md"]


def test_2026_counts_its_own_98_assignments_and_names_tb2025_115_apart(ctx_2026):
    # TB2025-115 is a 2025 assignment that supplement nr. 3 presises: not one of 2026's assignments
    from generator.derive.assignment_count import assignment_count
    from generator.render.downloads import assignments_table
    from generator.render.pages import assignment_pages, front_page

    ctx = ctx_2026[0]
    count = assignment_count(ctx.model)
    assert (count.own, count.continued, count.continued_years, count.total) == (98, ("TB2025-115",), (2025,), 99)
    front = front_page.pages(ctx).pages["index.md"]
    assert "[98 oppdrag](oppdrag/index.md) og 1 oppdrag fra 2025 som videreføres" in front
    assert "- 98 nye oppdrag og 1 oppdrag fra 2025 som videreføres" in front
    assert "99 oppdrag" not in front
    index = assignment_pages.pages(ctx).pages["oppdrag/index.md"]
    assert ("98 oppdrag gitt i brevene for 2026 (tildelingsbrevet og 5 supplerende tildelingsbrev), og 1 oppdrag "
            "fra 2025 som videreføres ([TB2025\\-115](tb2025-115/index.md)).") in index
    table = assignments_table(ctx.model)
    assert table.title == ("Oppdragene i tildelingsbrevene: 98 gitt i 2026 og 1 oppdrag fra 2025 som videreføres "
                           "(status «videreført»)")
    status = [c.header for c in table.columns].index("status")
    assert [r[1] for r in table.rows if r[status] == "videreført"] == ["TB2025-115"]
    assert sum(r[status] == "nytt" for r in table.rows) == 98
    # the JSON of supplement nr. 3 (the extraction contract) says the same
    nr3 = next(d for d in ctx.model.documents if d.supplement == 3)
    assert [(a.id, a.status) for a in nr3.assignments if a.status != "new"] == [("TB2025-115", "carried_over")]


def test_2022_counts_its_own_assignments_apart_from_those_it_continues(ctx_2022):
    from generator.render.pages import front_page

    front = front_page.pages(ctx_2022[0]).pages["index.md"]
    assert "[100 oppdrag](oppdrag/index.md) og 74 oppdrag fra tidligere år som videreføres" in front


def test_2022_assignment_pages_say_which_letter_gave_them(ctx_2022):
    # 2022's tillegg are parts of the letter's file, printing no date: the pages say which one, as 2026's do
    from generator.render.downloads import assignments_table
    from generator.render.pages import assignment_pages

    pages = assignment_pages.pages(ctx_2022[0]).pages
    assert "| Gitt i | [tillegg 3 til tildelingsbrevet \\(dato ikke trykt i kilden\\)](../../brev/tillegg-3/index.md) |" \
        in pages["oppdrag/ttb2022-51/index.md"]
    assert "| Gitt i | [tillegg 1 til tildelingsbrevet \\(dato ikke trykt i kilden\\)](../../brev/tillegg-1/index.md) |" \
        in pages["oppdrag/ttb2022-4/index.md"]
    assert "| Gitt i | [tildelingsbrevet \\(dato ikke trykt i kilden\\)](../../brev/1/index.md) |" \
        in pages["oppdrag/tb2022-01/index.md"]
    # carried over from 2021 by the main letter: not "given" in 2022
    assert "| Videreført i | [tildelingsbrevet \\(dato ikke trykt i kilden\\)](../../brev/1/index.md) |" \
        in pages["oppdrag/tb2021-43/index.md"]
    given = [p for p, text in pages.items() if "| Gitt i | [tillegg " in text]
    assert len(given) == 38  # tillegg 1, 2 and 3 give 5 + 25 + 8 new assignments
    assert ["tillegg-1", "tillegg-2", "tillegg-3"] == sorted(
        {r[9] for r in assignments_table(ctx_2022[0].model).rows} - {"hovedbrev"})


def test_2026_index_and_csv_name_the_supplementary_letters_not_tillegg(ctx_2026):
    from generator.render.downloads import assignments_table
    from generator.render.pages import assignment_pages

    pages = assignment_pages.pages(ctx_2026[0]).pages
    index = pages["oppdrag/index.md"]
    assert index.count("<td>Supplerende tildelingsbrev nr. 4</td>") == 21
    assert 'data-brev="supplerende-nr-4"' in index and "Tillegg 4" not in index
    assert "| Avsnitt | [Supplerende tildelingsbrev nr\\. 2](../../brev/supplerende-nr-2/index.md) |" \
        in pages["oppdrag/tb2026-63/index.md"]
    rows = {r[1]: r for r in assignments_table(ctx_2026[0].model).rows}
    assert (rows["TB2026-63"][9], rows["TB2026-1"][9]) == ("supplerende-nr-2", "hovedbrev")
