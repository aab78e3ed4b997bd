"""Charts: byte-deterministic SVG, no date metadata, alt text with the numbers,
None as a gap, one kind per chart, the data as a table."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from generator.render.charts.specs import (
    PALETTE,
    Chart,
    category_chart,
    change_chart,
    history_chart,
    svg_for_inline,
    unit_label,
)

COLS = ["Regnskap 2022", "Saldert budsjett 2023", "Forslag 2024", "Tildeling 2025"]

KAP_740 = [
    ("post 01 Driftsutgifter", list(zip(COLS, [1_234_567, 1_301_250, 1_412_000, None]))),
    ("post 21 Spesielle driftsutgifter, kan overføres", list(zip(COLS, [234_567, None, 312_000, 330_500]))),
    ("post 70 Tilskudd", list(zip(COLS, [45_000, 47_800, 52_100, 52_100]))),
]

CATEGORIES = [
    ("10.00 Helse- og omsorgsdepartementet", 512_345),
    ("10.10 Folkehelse mv.", 4_123_456),
    ("10.30 Spesialisthelsetjenester", 180_345_678),
    ("10.40 Sentral helseforvaltning", 3_456_789),
]

CHANGES = [
    ("Kap. 732 post 70 Særskilte tilskudd", 2_345_678),
    ("Kap. 740 post 01 Driftsutgifter", 112_000),
    ("Kap. 732 post 72 Basisbevilgning Helse Sør-Øst RHF", -1_500_000),
]

SVG_NS = "{http://www.w3.org/2000/svg}"


def nb(n: int) -> str:
    """The number as the charts print it (no-break space grouping)."""
    return f"{n:,}".replace(",", "\u00a0")


def has(chart: Chart, colour: str) -> bool:
    return f"fill: {PALETTE[colour].lower()}" in chart.svg


@pytest.fixture(scope="module")
def charts() -> dict[str, Chart]:
    return {
        "history": history_chart("Kap. 740 Helsedirektoratet", KAP_740),
        "single": history_chart("Kap. 740 post 01 Driftsutgifter", KAP_740[:1], highlight="Forslag 2024"),
        "category": category_chart("Utgifter etter programkategori 2024", CATEGORIES),
        "income": category_chart("Inntekter etter kapittel 2024", [("Kap. 3740 Helsedirektoratet", 98_765)], kind="inntekt"),
        "change": change_chart("Største endringer fra saldert budsjett 2023", CHANGES),
    }


def test_two_renders_are_byte_identical(charts):
    again = {
        "history": history_chart("Kap. 740 Helsedirektoratet", KAP_740),
        "category": category_chart("Utgifter etter programkategori 2024", CATEGORIES),
        "change": change_chart("Største endringer fra saldert budsjett 2023", CHANGES),
    }
    for name, chart in again.items():
        assert chart.svg == charts[name].svg, name
        assert chart == charts[name]


def test_no_date_or_creator_metadata(charts):
    for chart in charts.values():
        assert "<dc:date>" not in chart.svg
        assert "dc:creator" not in chart.svg.lower()
        assert not re.search(r"\b(19|20)\d\d-\d\d-\d\d", chart.svg), "a date string in the SVG"
        assert "Matplotlib v" not in chart.svg


def test_svg_is_valid_xml_with_text_as_text_and_title(charts):
    for chart in charts.values():
        root = ET.fromstring(chart.svg.encode("utf-8"))
        assert root.tag == f"{SVG_NS}svg"
        title = root.find(f"{SVG_NS}title")
        assert title is not None and title.text == chart.alt
        texts = "".join(t.text or "" for t in root.iter(f"{SVG_NS}text"))
        assert "nominelt" in texts  # the axis says nominal kroner
        # svg.fonttype none: no glyph paths, fonts >= 9 pt
        sizes = [float(s) for s in re.findall(r"font-size: ([\d.]+)px", chart.svg)]
        assert sizes and min(sizes) >= 9


def test_svg_has_stable_ids_only(charts):
    ids = re.findall(r'id="([^"]+)"', charts["history"].svg)
    assert ids
    again = history_chart("Kap. 740 Helsedirektoratet", KAP_740).svg
    assert ids == re.findall(r'id="([^"]+)"', again)


def test_history_alt_text_states_the_numbers(charts):
    alt = charts["history"].alt
    assert "Kap. 740 Helsedirektoratet" in alt
    assert f"post 01 Driftsutgifter: {nb(1_234_567)} i Regnskap 2022" in alt
    assert f"{nb(1_412_000)} i Forslag 2024" in alt
    assert "ingen tall i Tildeling 2025" in alt  # None is said, not read as 0
    assert "1 000 kr" in alt and "nominelt" in alt


def test_history_none_is_a_gap_not_zero():
    with_none = history_chart("Kap. 740", [("post 01 Driftsutgifter", list(zip(COLS, [1_234_567, None, 1_412_000, 1_500_000])))])
    with_zero = history_chart("Kap. 740", [("post 01 Driftsutgifter", list(zip(COLS, [1_234_567, 0, 1_412_000, 1_500_000])))])

    def bars(svg: str) -> int:
        return svg.count(f"style=\"fill: {PALETTE['utgift'].lower()}")

    assert bars(with_zero.svg) == 4
    assert bars(with_none.svg) == 3
    assert with_none.table_rows[0][2] == "–"
    assert with_zero.table_rows[0][2] == "0"
    assert "ingen tall i Saldert budsjett 2023" in with_none.alt
    assert "mangler søylen" in with_none.caption


def test_history_table_is_the_data(charts):
    chart = charts["history"]
    assert chart.table_header == ("Post (1 000 kr)", *COLS)
    assert chart.table_rows[0] == ("post 01 Driftsutgifter", nb(1_234_567), nb(1_301_250), nb(1_412_000), "–")
    assert len(chart.table_rows) == 3
    total = sum(int(c.replace("\u00a0", "")) for row in chart.table_rows for c in row[1:] if c != "–")
    assert total == sum(v for _, vals in KAP_740 for _, v in vals if v is not None)


def test_history_many_posts_shows_seven_and_andre_poster():
    series = [(f"post {70 + i} Tilskudd {i}", [("Forslag 2024", 1000 * (i + 1))]) for i in range(11)]
    chart = history_chart("Kap. 732 Regionale helseforetak", series)
    assert "Andre poster: " + nb(1000 + 2000 + 3000 + 4000) + " i Forslag 2024" in chart.alt
    assert "post 80 Tilskudd 10" in chart.alt and "post 73 Tilskudd 3" not in chart.alt
    assert len(chart.table_rows) == 11  # the table keeps every post
    assert "Andre poster" in chart.caption
    assert "Andre poster" in chart.svg


def test_single_series_highlights_one_column(charts):
    svg = charts["single"].svg
    assert svg.count(f"fill: {PALETTE['utgift'].lower()}") == 1
    assert svg.count(f"fill: {PALETTE['andre_år'].lower()}") == 2


def test_category_chart(charts):
    chart = charts["category"]
    assert f"10.30 Spesialisthelsetjenester {nb(180_345_678)}" in chart.alt
    assert f"Sum {nb(sum(v for _, v in CATEGORIES))}" in chart.alt
    assert chart.table_rows == tuple((label, nb(v)) for label, v in CATEGORIES)
    assert "mill. kr, nominelt" in chart.svg  # a readable axis scale, stated
    assert has(chart, "utgift") and not has(chart, "inntekt")
    # order as given: first label drawn first
    assert chart.svg.index("10.00 Helse-") < chart.svg.index("10.30 Spesialist")


def test_income_uses_the_income_colour_only(charts):
    chart = charts["income"]
    assert has(chart, "inntekt") and not has(chart, "utgift")
    assert "inntekter" in chart.alt


def test_kind_must_be_one_of_two():
    with pytest.raises(ValueError):
        category_chart("x", [("a", 1)], kind="begge")
    with pytest.raises(ValueError):
        history_chart("x", [("a", [("2024", 1)])], kind="utgift og inntekt")


def test_change_chart_signs_and_colours(charts):
    chart = charts["change"]
    assert f"Kap. 740 post 01 Driftsutgifter +{nb(112_000)}" in chart.alt
    assert f"Basisbevilgning Helse Sør-Øst RHF −{nb(1_500_000)}" in chart.alt
    assert chart.table_rows[2] == ("Kap. 732 post 72 Basisbevilgning Helse Sør-Øst RHF", "−" + nb(1_500_000))
    assert chart.table_header == ("Post", "Endring (1 000 kr)")
    assert has(chart, "økning") and has(chart, "reduksjon")


def test_hostile_labels_are_escaped_in_svg():
    chart = category_chart("<script>alert(1)</script> & co", [("<b>kap</b> & \"x\"", 10)])
    assert "<script>" not in chart.svg and "<b>" not in chart.svg
    ET.fromstring(chart.svg.encode("utf-8"))


def test_units():
    assert unit_label("1000 NOK") == "1 000 kr"
    assert unit_label("mill. NOK") == "mill. kr"
    assert unit_label("kr") == "kr"
    chart = category_chart("Kategorier", [("10.30 Spesialisthelsetjenester", 180_346)], unit="mill. NOK")
    assert "mill. kr" in chart.alt and nb(180_346) in chart.alt
    with pytest.raises(ValueError):
        unit_label("prosent")


def test_svg_for_inline_is_standalone(charts, tmp_path):
    svg = svg_for_inline(charts["history"].svg)
    assert svg.startswith("<svg") and "<?xml" not in svg and "DOCTYPE" not in svg
    assert 'xmlns="http://www.w3.org/2000/svg"' in svg
    assert svg_for_inline(svg) == svg  # idempotent
    f = tmp_path / "chart.svg"
    f.write_text(svg, encoding="utf-8")
    root = ET.parse(f).getroot()  # parses as a file on its own
    assert root.tag == f"{SVG_NS}svg" and root.get("viewBox")
    with pytest.raises(ValueError):
        svg_for_inline("<html></html>")


# --- layout: fixed margins, nothing cut or crossing ---------------------------------------

LONG = [
    ("Kap. 732 post 72 Basisbevilgning Helse Sør-Øst RHF, kan nyttes under post 70 og 71 mv.", 2_345_678),
    ("Kap. 740 post 01 Driftsutgifter", -112_000),
]


def _boxes(chart: Chart):
    """Every text's box on the laid-out figure (Agg metrics), and the figure's box.
    Each text's label says what it is (draw._Sheet.text): "tick", "legend", "axis", "bar"."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    from generator.render.charts import draw as chartdraw

    with chartdraw.style():
        fig = chartdraw.figure(chart.spec)
        canvas = FigureCanvasAgg(fig)
        canvas.draw()
        renderer = canvas.get_renderer()
        texts = [t for t in fig.artists if isinstance(t, Text) and t.get_visible() and t.get_text()]
        return {t: t.get_window_extent(renderer) for t in texts}, fig.bbox


@pytest.mark.parametrize("name", ["history", "single", "category", "change", "long", "legend"])
def test_labels_stay_inside_the_figure_and_off_each_other(charts, name):
    chart = {"long": lambda: change_chart("Lange navn", LONG),
             "legend": lambda: history_chart("Kap. 2752", LEGEND)}.get(name, lambda: charts[name])()
    boxes, figure_box = _boxes(chart)
    assert len(boxes) >= 6
    for text, box in boxes.items():
        assert figure_box.x0 <= box.x0 and box.x1 <= figure_box.x1, (text.get_text(), box)
        assert figure_box.y0 <= box.y0 and box.y1 <= figure_box.y1, (text.get_text(), box)
    tick_labels = [t for t in boxes if t.get_label() == "tick"]
    others = [t for t in boxes if t.get_label() in ("legend", "axis")]
    assert tick_labels and others
    for tick in tick_labels:
        for other in others:
            assert not boxes[tick].overlaps(boxes[other]), (tick.get_text(), other.get_text())
    legend = [boxes[t] for t in others if t.get_label() == "legend"]
    for i, box in enumerate(legend):
        assert not any(box.overlaps(other) for other in legend[i + 1:]), "legend names overlap"
    if name in ("long", "legend"):
        assert any(t.get_text().endswith("…") for t in boxes)  # shortened to fit, not cut by the edge


# Two columns of names that together are wider than the chart (2024's kap. 2752 income had
# its legend cut by the figure's edges, the first name's colour outside the picture).
LEGEND = [("post 02 Diverse inntekter", list(zip(COLS[:3], [8_600, 7_300, 7_700]))),
          ("post 50 Premie fra private", list(zip(COLS[:3], [29_700, 17_600, 26_100])))]


def test_caption_gives_the_unit_of_the_bar_labels_and_of_the_table(charts):
    # "+2 346" at a bar is mill. kr; the table beside it says 2 345 678 (1 000 kr).
    said = "tallene ved søylene og aksen i mill. kr, tabellen «Tallene i diagrammet» i 1 000 kr."
    assert said in charts["change"].caption and said in charts["category"].caption
    assert "aksen i mill. kr, tabellen «Tallene i diagrammet» i 1 000 kr." in charts["history"].caption
    small = category_chart("Inntekter", [("Kap. 3740 Helsedirektoratet", 9_876)], kind="inntekt")
    assert "alle tall i 1 000 kr." in small.caption  # 9 876 (1 000 kr) is drawn in 1 000 kr too


def _faces_in_worker() -> int:
    from generator.render.charts.card_draw import _face

    return _face.cache_info().currsize


def test_a_forked_drawing_worker_makes_its_own_font_faces():
    # A face made in the parent and used by two forked workers shares the
    # font file's offset: their lazy glyph reads raced ("failed to load
    # glyph", a CI build of 7 December). The workers start with no face.
    from generator.build.workers import run_tasks
    from generator.render.charts.card_draw import _face

    _face(True, 40.0).glyph("Å")
    assert _face.cache_info().currsize >= 1
    assert run_tasks([(_faces_in_worker, ()), (_faces_in_worker, ())], 2) == [0, 0]
