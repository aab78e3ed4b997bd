"""Charts for the site: what to draw, as plain data, with Norwegian labels.

Every chart function returns a `Chart`: a `ChartSpec` (the data, labels and
style of the drawing), an alt text that states the main numbers, a caption,
and the same data as a table (plain text cells; the page renderer escapes
them with `markdown.esc` before use). Drawing a spec is `chartdraw.py`'s
job (matplotlib, byte-deterministic SVG); the build draws each distinct spec
once and caches it, so the same chapter chart in four years is one drawing.

Amounts come in the unit of the source table ("1000 NOK" for the
proposition and the letters). Alt text and table show them exactly in that
unit; the chart axis uses a readable scale ("mill. kr") and says it, and
says the kroner are nominal. Income and expense are never in one chart: each
function takes one `kind`.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass

from generator.render.charts.spec import (
    PALETTE,
    SERIES_COLOURS,
    HEIGHT_IN,
    ChartSpec,
    format_number,
    svg_for_inline,
)
from generator.render.markdown import format_amount

__all__ = [
    "PALETTE",
    "SERIES_COLOURS",
    "Chart",
    "ChartSpec",
    "history_chart",
    "category_chart",
    "change_chart",
    "clip_words",
    "svg_for_inline",
    "unit_label",
]

MAX_SERIES = 8  # more posts than this: the biggest 7 and "Andre poster"
OTHER_POSTS = "Andre poster"

_KIND_WORD = {"utgift": "utgifter", "inntekt": "inntekter"}


@dataclass(frozen=True)
class Chart:
    spec: ChartSpec
    alt: str
    caption: str
    table_header: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]

    @property
    def svg(self) -> str:
        """The standalone SVG document (with XML prolog), drawn on each access."""
        return _render(self.spec)


# --- units and numbers ----------------------------------------------------------------

def _unit_factor(unit: str) -> int:
    """Kroner per unit: "1000 NOK" -> 1000, "mill. NOK" -> 1 000 000, "kr" -> 1."""
    u = unit.lower().replace("\u00a0", " ").replace(" ", "")
    if u.startswith("mrd") or "milliard" in u:
        return 1_000_000_000
    if u.startswith("mill") or "million" in u:
        return 1_000_000
    if u.startswith("1000") or u.startswith("tusen"):
        return 1000
    if u in ("nok", "kr", "kroner"):
        return 1
    raise ValueError(f"unknown amount unit {unit!r}")


_FACTOR_LABEL = {1: "kr", 1000: "1 000 kr", 1_000_000: "mill. kr", 1_000_000_000: "mrd. kr"}


def unit_label(unit: str) -> str:
    """The unit in Norwegian for a reader: "1000 NOK" -> "1 000 kr"."""
    return _FACTOR_LABEL[_unit_factor(unit)]


def _display_scale(max_abs_kr: float) -> int:
    """A readable axis scale (kroner per axis unit) for the biggest amount."""
    if max_abs_kr < 10_000:
        return 1
    if max_abs_kr < 10_000_000:
        return 1000
    if max_abs_kr < 1_000_000_000_000:
        return 1_000_000
    return 1_000_000_000


def _short_value(x: float) -> str:
    """A bar-end label in the axis unit: whole numbers, one decimal below 10."""
    if x != 0 and abs(x) < 10:
        return format_number(x, 1)
    return format_number(x)


def _signed(value: int) -> str:
    return ("+" if value > 0 else "") + format_amount(value)


def clip_words(label: str, width: int) -> str:
    """At most `width` characters, cut between words (never mid-word), "…" when cut."""
    if len(label) <= width:
        return label
    cut = label[: width - 1]
    if " " in cut and label[width - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:(–-") + "…"


# --- drawing (generator/render/chartdraw.py; imports matplotlib only when needed) -------

def _render(spec: ChartSpec) -> str:
    from generator.render.charts.draw import draw_svg

    return draw_svg(spec)


def _kind_colour(kind: str) -> str:
    if kind not in ("utgift", "inntekt"):
        raise ValueError(f"kind must be 'utgift' or 'inntekt', not {kind!r}")
    return PALETTE[kind]


# --- history: grouped bars over columns -----------------------------------------------

def _columns(series: list[tuple[str, list[tuple[str, int | None]]]]) -> list[str]:
    cols: list[str] = []
    for _, values in series:
        for col, _v in values:
            if col not in cols:
                cols.append(col)
    return cols


def _group_series(series, cols):
    """At most MAX_SERIES series: the biggest 7 (in their given order) and a sum."""
    table = [(label, dict(values)) for label, values in series]
    if len(table) <= MAX_SERIES:
        return table, False
    size = [sum(abs(v) for v in vals.values() if v is not None) for _, vals in table]
    order = sorted(range(len(table)), key=lambda i: (-size[i], i))
    keep = set(order[: MAX_SERIES - 1])
    rest = [table[i][1] for i in range(len(table)) if i not in keep]
    other: dict[str, int | None] = {}
    for col in cols:
        present = [vals[col] for vals in rest if vals.get(col) is not None]
        other[col] = sum(present) if present else None
    return [table[i] for i in range(len(table)) if i in keep] + [(OTHER_POSTS, other)], True


def _column_label(col: str) -> str:
    """"Saldert budsjett 2023" -> "Saldert\nbudsjett\n2023": narrow ticks for phones."""
    m = re.fullmatch(r"(.*\S)\s+(\d{4})", col)
    if m:
        return textwrap.fill(m.group(1), 10) + "\n" + m.group(2)
    return textwrap.fill(col, 10)


def history_chart(
    title: str,
    series: list[tuple[str, list[tuple[str, int | None]]]],
    unit: str = "1000 NOK",
    kind: str = "utgift",
    highlight: str | None = None,
) -> Chart:
    """Grouped bars: x = columns ("Regnskap 2022", "Forslag 2024", ...), one bar per series.

    `series` is [(label, [(column, amount or None), ...]), ...], e.g. a chapter's
    posts, all of one `kind`. None is a gap (no bar, "–" in the table), never
    zero. With more than 8 series the biggest 7 are drawn and the rest summed
    as "Andre poster"; the table always lists every series. With a single
    series, `highlight` names the column drawn in the kind colour (the others
    grey).
    """
    colour = _kind_colour(kind)
    if not series:
        raise ValueError("history_chart needs at least one series")
    cols = _columns(series)
    drawn, grouped = _group_series(series, cols)
    factor = _unit_factor(unit)
    ulabel = unit_label(unit)
    values_kr = [v * factor for _, vals in drawn for v in vals.values() if v is not None]
    scale = _display_scale(max((abs(v) for v in values_kr), default=0))

    n = len(drawn)
    colours = [colour, *SERIES_COLOURS]
    series_colours = []
    for i, (label, _) in enumerate(drawn):
        series_colours.append(PALETTE["andre_poster"] if label == OTHER_POSTS else colours[i % len(colours)])
    legend_labels = [clip_words(label, 48) for label, _ in drawn]
    ncol = 2 if max(len(s) for s in legend_labels) <= 28 else 1
    legend_rows = 0 if n == 1 else -(-n // ncol)
    height = HEIGHT_IN + 0.27 * legend_rows

    width = 0.8 / n
    bars = []
    for i, (label, vals) in enumerate(drawn):
        xs, hs, cs = [], [], []
        for j, col in enumerate(cols):
            v = vals.get(col)
            if v is None:
                continue  # a gap, not a zero bar
            xs.append(j - 0.4 + width * (i + 0.5))
            hs.append(v * factor / scale)
            if n == 1 and highlight is not None:
                cs.append(colour if col == highlight else PALETTE["andre_år"])
            else:
                cs.append(series_colours[i])
        bars.append((tuple(xs), tuple(hs), tuple(cs), legend_labels[i]))
    xlabels = tuple(_column_label(c) for c in cols)
    ylabel = f"{_FACTOR_LABEL[scale]}, nominelt"

    parts = []
    for label, vals in drawn:
        said = [
            f"{format_amount(vals[c])} i {c}" if vals.get(c) is not None else f"ingen tall i {c}"
            for c in cols
        ]
        parts.append(f"{label}: " + ", ".join(said))
    kind_word = _KIND_WORD[kind]
    alt = f"Søylediagram. {title}, {kind_word} i {ulabel}, nominelt. " + ". ".join(parts) + "."

    caption = f"{title}. {kind_word.capitalize()}, nominelle kroner; {_units_said(ulabel, scale, False)}"
    if grouped:
        caption += f" De {MAX_SERIES - 1} største postene vises hver for seg, resten er summert som «{OTHER_POSTS}»."
    if any(dict(vals).get(c) is None for _, vals in series for c in cols):
        caption += " Der kilden ikke har tall for en kolonne, mangler søylen."

    header = (f"Post ({ulabel})", *cols)
    rows = tuple(
        (label, *(format_amount(dict(vals).get(c)) for c in cols)) for label, vals in series
    )
    spec = ChartSpec("history", height, alt, (tuple(bars), width, xlabels, ylabel, ncol, legend_rows))
    return Chart(spec, alt, caption, header, rows)


# --- horizontal bars ------------------------------------------------------------------

def _hbars(items, colours, factor, scale, signed_labels: bool, alt: str) -> ChartSpec:
    """One row per item, label above its bar, value at the end."""
    values = [v * factor / scale for _, v in items]
    lo = min(0.0, *values)
    hi = max(0.0, *values)
    span = (hi - lo) or 1.0
    texts = []
    for v in values:
        text = _short_value(v)
        texts.append("+" + text if signed_labels and v > 0 else text)
    # Room for the value labels at both ends.
    xlim = (lo - (0.22 * span if lo < 0 else 0), hi + (0.22 * span if hi > 0 else 0.05 * span))
    labels = tuple(clip_words(label, 68) for label, _ in items)
    data = (tuple(values), labels, tuple(colours), tuple(texts), xlim, f"{_FACTOR_LABEL[scale]}, nominelt")
    return ChartSpec("hbars", _hbar_height(len(items)), alt, data)


def _units_said(ulabel: str, scale: int, labelled_bars: bool = True) -> str:
    """The unit of the bars' own labels and the axis, and that of the table beside the chart:
    "+1 229" at a bar is mill. kr where the table says 1 229 400 (1 000 kr)."""
    shown = _FACTOR_LABEL[scale]
    if shown == ulabel:
        return f"alle tall i {ulabel}."
    drawn = "tallene ved søylene og aksen" if labelled_bars else "aksen"
    return f"{drawn} i {shown}, tabellen «Tallene i diagrammet» i {ulabel}."


def _hbar_height(n: int) -> float:
    return max(2.0, 0.95 + 0.46 * n)


def _listing(items, fmt, limit: int = 15) -> str:
    said = [f"{label} {fmt(v)}" for label, v in items[:limit]]
    more = f"; og {len(items) - limit} til" if len(items) > limit else ""
    return "; ".join(said) + more


def category_chart(
    title: str,
    items: list[tuple[str, int]],
    unit: str = "1000 NOK",
    kind: str = "utgift",
    label_header: str = "Kategori",
) -> Chart:
    """Horizontal bars in the given order, e.g. a year's spending by programme category."""
    colour = _kind_colour(kind)
    if not items:
        raise ValueError("category_chart needs at least one item")
    factor = _unit_factor(unit)
    ulabel = unit_label(unit)
    scale = _display_scale(max(abs(v) * factor for _, v in items))
    kind_word = _KIND_WORD[kind]
    total = sum(v for _, v in items)
    alt = (
        f"Liggende søylediagram. {title}, {kind_word} i {ulabel}, nominelt: "
        + _listing(items, format_amount)
        + f". Sum {format_amount(total)}."
    )
    caption = f"{title}. {kind_word.capitalize()}, nominelle kroner; {_units_said(ulabel, scale)}"
    header = (label_header, f"Beløp ({ulabel})")
    rows = tuple((label, format_amount(v)) for label, v in items)
    spec = _hbars(items, [colour] * len(items), factor, scale, False, alt)
    return Chart(spec, alt, caption, header, rows)


def change_chart(
    title: str,
    items: list[tuple[str, int]],
    unit: str = "1000 NOK",
    label_header: str = "Post",
) -> Chart:
    """Diverging horizontal bars: changes against the previous year, in the given order.

    Increases are blue to the right, decreases vermilion to the left, and each
    bar carries its signed value, so colour is never the only cue. The caller
    passes one kind (expense or income changes), never both in one chart.
    """
    if not items:
        raise ValueError("change_chart needs at least one item")
    factor = _unit_factor(unit)
    ulabel = unit_label(unit)
    scale = _display_scale(max(abs(v) * factor for _, v in items))
    colours = [PALETTE["økning"] if v >= 0 else PALETTE["reduksjon"] for _, v in items]
    alt = f"Liggende søylediagram med endringer. {title}, i {ulabel}, nominelt: " + _listing(items, _signed) + "."
    caption = (
        f"{title}. Endring, nominelle kroner; {_units_said(ulabel, scale)} "
        "Blå søyle mot høyre er økning, oransjerød mot venstre er reduksjon."
    )
    header = (label_header, f"Endring ({ulabel})")
    rows = tuple((label, _signed(v)) for label, v in items)
    return Chart(_hbars(items, colours, factor, scale, True, alt), alt, caption, header, rows)
