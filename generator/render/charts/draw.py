"""Drawing a `ChartSpec` with matplotlib: one draw per chart, fixed margins.

The only module that imports matplotlib (so a build that draws nothing never
pays for the import). Margins are computed from what the spec already says
(tick labels, the x labels' lines, the legend's rows, the axis label) with
the font's own metrics, instead of a layout engine: `layout="constrained"`
draws every figure twice, once to measure and once to save.

Determinism: no pyplot (no global figure state); a `Figure` with the SVG
canvas; rcParams reset to matplotlib's defaults plus our settings inside a
context (`svg.fonttype: none` so text stays text, a fixed `svg.hashsalt` so
clip-path ids are stable, the bundled DejaVu Sans for metrics), and no Date
or Creator metadata. rcParams are process-global in matplotlib: draw from
one thread at a time (processes are fine).
"""
from __future__ import annotations

import io
import re
from functools import lru_cache
from html import escape as _xml_escape

import matplotlib
import matplotlib.style
from matplotlib.backends.backend_mixed import MixedModeRenderer
from matplotlib.backends.backend_svg import FigureCanvasSVG, RendererSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.textpath import text_to_path
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import IdentityTransform

from generator.render.charts.spec import FONT_PT, PALETTE, WIDTH_IN, ChartSpec, svg_for_inline, tick_label

_RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "hod-budsjett",
    "svg.image_inline": True,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "font.size": FONT_PT,
    "axes.titlesize": FONT_PT + 1,
    "axes.labelsize": FONT_PT,
    "xtick.labelsize": FONT_PT,
    "ytick.labelsize": FONT_PT,
    "legend.fontsize": FONT_PT,
    "text.color": PALETTE["tekst"],
    "axes.labelcolor": PALETTE["tekst"],
    "axes.edgecolor": PALETTE["akse"],
    "xtick.color": PALETTE["akse"],
    "ytick.color": PALETTE["akse"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.axisbelow": True,
    "axes.unicode_minus": True,
    "path.simplify": False,
    "figure.dpi": 72,
}

# Distances in points (1/72 in), matplotlib's defaults for what we draw.
PAD = 4.0  # between the figure's edge and anything on it
TICK = 3.5  # major tick length
TICK_PAD = 3.5  # tick to its label
LABEL_PAD = 4.0  # tick labels to the axis label
LEGEND_BORDER = 0.4 * FONT_PT  # legend.borderpad, in font sizes
LEGEND_ROW_GAP = 0.5 * FONT_PT  # legend.labelspacing


def _font() -> FontProperties:
    return FontProperties(family="DejaVu Sans", size=FONT_PT)


@lru_cache(maxsize=None)
def _width(text: str) -> float:
    """Width in points of a (possibly multi-line) label, rounded up a little
    (the raster backends hint glyphs to whole pixels)."""
    font = _font()
    return 1.0 + 1.03 * max(text_to_path.get_text_width_height_descent(line, font, ismath=False)[0]
                            for line in text.split("\n"))


@lru_cache(maxsize=None)
def _text_height(lines: int) -> float:
    """Height in points of a block of `lines` lines, as matplotlib lays it out
    (line spacing 1.2 from baseline to baseline, plus the descent), rounded up."""
    _, h, _ = text_to_path.get_text_width_height_descent("lp", _font(), ismath=False)
    return 1.25 * h + (lines - 1) * 1.3 * h


def _ticks(lo: float, hi: float) -> list[float]:
    """Where an amount axis between lo and hi gets its ticks: matplotlib's
    MaxNLocator, asked once (no Axis, whose ticks are the costly part)."""
    span = hi - lo
    return [v for v in _LOCATOR.tick_values(lo, hi) if lo - 1e-9 * span <= v <= hi + 1e-9 * span]


_LOCATOR = MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10])


def _limits(values: list[float]) -> tuple[float, float]:
    """The amount axis' range, as matplotlib's autoscale gave it: the bars and
    zero, 5 % more at an end away from zero (bars stand on zero: no margin there)."""
    lo, hi = min(0.0, *values), max(0.0, *values)
    margin = 0.05 * ((hi - lo) or 1.0)
    return (lo - margin if lo < 0 else 0.0), (hi + margin if hi > 0 or lo == 0 else 0.0)


class _MeasuringRenderer(RendererSVG):
    """matplotlib's SVG renderer, its text measures kept for the process:
    matplotlib keeps them per renderer, and every chart gets a new one, so
    each label was measured by FreeType again (a quarter of a chart's cost)."""
    _measures: dict[tuple, tuple[float, float, float]] = {}

    def get_text_width_height_descent(self, s, prop, ismath):
        key = (s, prop.copy(), ismath)  # FontProperties is mutable: a copy as the key
        found = self._measures.get(key)
        if found is None:
            found = self._measures[key] = super().get_text_width_height_descent(s, prop, ismath)
        return found


class _Canvas(FigureCanvasSVG):
    def print_svg(self, filename, *, bbox_inches_restore=None, metadata=None, **_set_by_savefig):
        """FigureCanvasSVG.print_svg (matplotlib 3.8-3.11) with _MeasuringRenderer,
        into a text stream. savefig hands a canvas outside matplotlib its
        dpi, facecolor, edgecolor and orientation too; it has set them on the
        figure already."""
        dpi = self.figure.dpi
        self.figure.dpi = 72
        width, height = self.figure.get_size_inches()
        renderer = MixedModeRenderer(self.figure, width, height, dpi,
                                     _MeasuringRenderer(width * 72, height * 72, filename, image_dpi=dpi,
                                                        metadata=metadata),
                                     bbox_inches_restore=bbox_inches_restore)
        self.figure.draw(renderer)
        renderer.finalize()


class _Sheet:
    """A figure drawn on in points from its bottom-left corner (at 72 dpi a
    point is a pixel): patches, lines and texts put on the Figure itself. An
    Axes would give the same picture, but its creation, its ticks and its
    legend cost about 40 ms a chart (most of the charts' 6 s CPU in a build).
    Every text carries its role as its label ("tick", "legend", "axis",
    "bar"), which the layout tests read; the SVG does not show it."""

    def __init__(self, height_in: float) -> None:
        self.fig = Figure(figsize=(WIDTH_IN, height_in))
        _Canvas(self.fig)
        self.width, self.height = WIDTH_IN * 72, height_in * 72
        self._points = IdentityTransform()

    def rect(self, x0: float, y0: float, x1: float, y1: float, colour: str, edge: str = "none",
             linewidth: float = 0.0) -> None:
        self.fig.add_artist(Rectangle((min(x0, x1), min(y0, y1)), abs(x1 - x0), abs(y1 - y0), transform=self._points,
                                      facecolor=colour, edgecolor=edge, linewidth=linewidth, zorder=1))

    def line(self, xs: tuple[float, float], ys: tuple[float, float], colour: str, zorder: float = 2.5) -> None:
        self.fig.add_artist(Line2D(xs, ys, transform=self._points, color=colour, linewidth=0.8, zorder=zorder,
                                   solid_capstyle="butt"))

    def text(self, x: float, y: float, text: str, role: str, colour: str = PALETTE["tekst"], **style) -> Text:
        label = Text(x, y, text, transform=self._points, color=colour, fontproperties=_font(), label=role,
                     **{"zorder": 3, **style})
        self.fig.add_artist(label)
        return label


# --- grouped bars -----------------------------------------------------------------------

def _draw_history(sheet: _Sheet, spec: ChartSpec) -> None:
    bars, bar_width, xlabels, ylabel, legend_ncol, legend_rows = spec.data
    lo, hi = _limits([h for _, hs, _, _ in bars for h in hs])
    ticks = _ticks(lo, hi)
    ylabels = [tick_label(v) for v in ticks]
    x_lines = max(label.count("\n") + 1 for label in xlabels)
    legend_height = 0.0
    if legend_rows:
        legend_height = 2 * LEGEND_BORDER + legend_rows * _legend_row() + (legend_rows - 1) * LEGEND_ROW_GAP
    left = PAD + _text_height(1) + LABEL_PAD + max(map(_width, ylabels), default=0) + TICK_PAD + TICK
    bottom = PAD + legend_height + (PAD if legend_rows else 0) + _text_height(x_lines) + TICK_PAD
    top = sheet.height - PAD - _text_height(1) / 2  # the top tick label reaches above the axes
    # The last column's label is centred 0.4 columns inside the axes' right end.
    column = (sheet.width - left - PAD) / (len(xlabels) + 0.2)
    right = sheet.width - PAD - max(0.0, _width(xlabels[-1]) / 2 - 0.4 * column)
    xlo, xhi = -0.6, len(xlabels) - 0.4

    def x_at(v: float) -> float:
        return left + (v - xlo) / (xhi - xlo) * (right - left)

    def y_at(v: float) -> float:
        return bottom + (v - lo) / (hi - lo) * (top - bottom)

    akse = PALETTE["akse"]
    for v, label in zip(ticks, ylabels):
        sheet.line((left, right), (y_at(v), y_at(v)), PALETTE["rutenett"], zorder=0.5)  # grid, under the bars
        sheet.line((left - TICK, left), (y_at(v), y_at(v)), akse)
        sheet.text(left - TICK - TICK_PAD, y_at(v), label, "tick", akse, ha="right", va="center_baseline")
    for xs, hs, colours, _ in bars:
        for x, h, colour in zip(xs, hs, colours):
            sheet.rect(x_at(x - bar_width / 2), y_at(0), x_at(x + bar_width / 2), y_at(h), colour, "white", 0.5)
    sheet.line((left, right), (y_at(0), y_at(0)), akse)  # zero
    sheet.line((left, left), (bottom, top), akse)
    sheet.line((left, right), (bottom, bottom), akse)
    for j, label in enumerate(xlabels):
        sheet.text(x_at(j), bottom - TICK_PAD, label, "tick", akse, ha="center", va="top", multialignment="center")
    sheet.text(PAD, (bottom + top) / 2, ylabel, "axis", ha="left", va="center", rotation=90)
    if legend_rows:
        _legend(sheet, [(label, colours[0]) for _, _, colours, label in bars], legend_ncol, legend_rows)


def _legend_row() -> float:
    return 1.1 * text_to_path.get_text_width_height_descent("lp", _font(), ismath=False)[1]


HANDLE = 1.2 * FONT_PT  # legend.handlelength and the others, in font sizes as matplotlib's legend
HANDLE_HEIGHT = 0.7 * FONT_PT
HANDLE_PAD = 0.8 * FONT_PT
COLUMN_GAP = 1.5 * FONT_PT


def _legend(sheet: _Sheet, items: list[tuple[str, str]], ncol: int, rows: int) -> None:
    """The series' colours and names under the chart, centred, filled column by
    column as matplotlib's legend does; a name too long for its column is
    shortened with "…" (the table beside the chart has it whole)."""
    columns = [c for c in (items[i * rows:(i + 1) * rows] for i in range(ncol)) if c]
    rooms = _column_rooms([max(_width(label) for label, _ in c) for c in columns],
                          sheet.width - 2 * PAD - (len(columns) - 1) * COLUMN_GAP - len(columns) * (HANDLE + HANDLE_PAD))
    columns = [[(_fit(label, room), colour) for label, colour in c] for c, room in zip(columns, rooms)]
    widths = [HANDLE + HANDLE_PAD + max(_width(label) for label, _ in c) for c in columns]
    x = (sheet.width - sum(widths) - (len(columns) - 1) * COLUMN_GAP) / 2
    row = _legend_row()
    for column, width in zip(columns, widths):
        for i, (label, colour) in enumerate(column):
            y = PAD + LEGEND_BORDER + (rows - 1 - i) * (row + LEGEND_ROW_GAP) + row / 2
            sheet.rect(x, y - HANDLE_HEIGHT / 2, x + HANDLE, y + HANDLE_HEIGHT / 2, colour)
            sheet.text(x + HANDLE + HANDLE_PAD, y, label, "legend", ha="left", va="center")
        x += width + COLUMN_GAP


def _column_rooms(wants: list[float], room: float) -> list[float]:
    """Each column's room for its names: what it needs where all fit; else a
    column narrower than an even share keeps its width, and the others share
    the rest evenly."""
    if sum(wants) <= room:
        return wants
    share = room / len(wants)
    narrow = [w for w in wants if w <= share]
    wide_share = (room - sum(narrow)) / max(1, len(wants) - len(narrow))
    return [w if w <= share else wide_share for w in wants]


# --- horizontal bars -------------------------------------------------------------------

def _fit(label: str, room: float) -> str:
    """The label, shortened with "…" until it fits in `room` points."""
    if _width(label) <= room:
        return label
    words = label.split(" ")
    while len(words) > 1 and _width(" ".join(words) + "…") > room:  # cut between words, never mid-word
        words.pop()
    label = " ".join(words).rstrip(" ,;:(–-")
    while len(label) > 1 and _width(label + "…") > room:  # a single word longer than the room
        label = label[:-1]
    return label + "…"


def _draw_hbars(sheet: _Sheet, spec: ChartSpec) -> None:
    values, labels, colours, value_texts, (xlo, xhi), xlabel = spec.data
    ticks = _ticks(xlo, xhi)
    xlabels = [tick_label(v) for v in ticks]
    left = PAD + _width(xlabels[0]) / 2 if xlabels else PAD
    right = sheet.width - (PAD + _width(xlabels[-1]) / 2 if xlabels else PAD)
    bottom = PAD + _text_height(1) + LABEL_PAD + _text_height(1) + TICK_PAD + TICK
    top = sheet.height - PAD
    room = sheet.width - left - PAD  # a row's label starts at the axes' left end
    rows = len(values)

    def x_at(v: float) -> float:
        return left + (v - xlo) / (xhi - xlo) * (right - left)

    def y_at(row: float) -> float:  # row 0 at the top; 0.95 of a row above it for its label
        return bottom + (rows - 0.5 - row) / (rows + 0.45) * (top - bottom)

    akse = PALETTE["akse"]
    for v, label in zip(ticks, xlabels):
        sheet.line((x_at(v), x_at(v)), (bottom, top), PALETTE["rutenett"], zorder=0.5)  # grid, under the bars
        sheet.line((x_at(v), x_at(v)), (bottom - TICK, bottom), akse)
        sheet.text(x_at(v), bottom - TICK - TICK_PAD, label, "tick", akse, ha="center", va="top")
    for row, (label, v, colour, text) in enumerate(zip(labels, values, colours, value_texts)):
        sheet.rect(x_at(0), y_at(row - 0.21), x_at(v), y_at(row + 0.21), colour)
        # On a white ground above the grid lines, so that no line crosses the words.
        sheet.text(left, y_at(row - 0.3), _fit(label, room), "bar", ha="left", va="bottom", zorder=5,
                   bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})
        sheet.text(x_at(v) + (4 if v >= 0 else -4), y_at(row), text, "bar", ha="left" if v >= 0 else "right",
                   va="center")
    sheet.line((x_at(0), x_at(0)), (bottom, top), akse)  # zero
    sheet.line((left, right), (bottom, bottom), akse)
    sheet.text((left + right) / 2, bottom - TICK - TICK_PAD - _text_height(1) - LABEL_PAD, xlabel, "axis",
               ha="center", va="top")


_SHAPES = {"history": _draw_history, "hbars": _draw_hbars}


def figure(spec: ChartSpec) -> Figure:
    """The laid-out figure of a spec (call inside `style()`)."""
    sheet = _Sheet(spec.height)
    _SHAPES[spec.shape](sheet, spec)
    return sheet.fig


def style():
    """The rcParams every chart is drawn with (a context manager)."""
    from contextlib import ExitStack

    stack = ExitStack()
    stack.enter_context(matplotlib.style.context("default"))
    stack.enter_context(matplotlib.rc_context(_RC))
    return stack


def draw_svg(spec: ChartSpec, styled: bool = False) -> str:
    """The standalone SVG document (XML prolog, <title> with the alt text).
    `styled`: the caller is inside `style()` already (svg_files)."""
    from contextlib import nullcontext

    with nullcontext() if styled else style():
        fig = figure(spec)
        buf = io.StringIO()
        fig.savefig(buf, format="svg", metadata=_NO_METADATA)
    svg = buf.getvalue()
    # An accessible name for the standalone file: <title> as the root's first child.
    return re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + f"\n <title>{_xml_escape(spec.alt)}</title>",
                  svg, count=1)


# No <metadata> at all: no date, no software name, no RDF block to parse.
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def svg_file(spec: ChartSpec) -> str:
    """The SVG as the site serves it (no prolog; see chartspec.svg_for_inline)."""
    return svg_for_inline(draw_svg(spec))


def svg_files(specs) -> list[str]:
    """svg_file of each spec, the rcParams set once for all of them (a drawing
    changes none: the same bytes as one svg_file call each)."""
    with style():
        return [svg_for_inline(draw_svg(spec, styled=True)) for spec in specs]
