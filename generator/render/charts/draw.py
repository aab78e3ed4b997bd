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
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FuncFormatter, MaxNLocator

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


def _amount_axis(axis) -> None:
    axis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    axis.set_major_formatter(FuncFormatter(tick_label))


def _tick_labels(axis, lo: float, hi: float) -> list[str]:
    """The labels the axis will print between lo and hi (its locator, our formatter)."""
    span = hi - lo
    return [tick_label(v) for v in axis.get_major_locator().tick_values(lo, hi)
            if lo - 1e-9 * span <= v <= hi + 1e-9 * span]


def _place(fig: Figure, ax, left: float, right: float, bottom: float, top: float) -> None:
    """Put the axes at fixed margins, given in points."""
    w, h = fig.get_size_inches() * 72
    ax.set_position([left / w, bottom / h, 1 - (left + right) / w, 1 - (bottom + top) / h])


# --- grouped bars -----------------------------------------------------------------------

def _draw_history(fig: Figure, spec: ChartSpec) -> None:
    bars, bar_width, xlabels, ylabel, legend_ncol, legend_rows = spec.data
    ax = fig.add_axes((0, 0, 1, 1))
    for xs, hs, colours, label in bars:
        ax.bar(xs, hs, width=bar_width, color=colours, edgecolor="white", linewidth=0.5, label=label)
    ax.set_xticks(range(len(xlabels)))
    ax.set_xticklabels(xlabels)
    ax.set_xlim(-0.6, len(xlabels) - 0.4)
    ax.axhline(0, color=PALETTE["akse"], linewidth=0.8)
    _amount_axis(ax.yaxis)
    ax.set_ylabel(ylabel)
    ax.yaxis.grid(True, color=PALETTE["rutenett"], linewidth=0.8)
    ax.tick_params(axis="x", length=0)

    ylabels = _tick_labels(ax.yaxis, *ax.get_ylim())
    x_lines = max(label.count("\n") + 1 for label in xlabels)
    legend_height = 0.0
    if legend_rows:
        row = 1.1 * text_to_path.get_text_width_height_descent("lp", _font(), ismath=False)[1]
        legend_height = 2 * LEGEND_BORDER + legend_rows * row + (legend_rows - 1) * LEGEND_ROW_GAP
        fig.legend(loc="lower center", bbox_to_anchor=(0.5, PAD / (fig.get_size_inches()[1] * 72)),
                   borderaxespad=0, ncol=legend_ncol, frameon=False, handlelength=1.2, columnspacing=1.5)
    left = PAD + _text_height(1) + LABEL_PAD + max(map(_width, ylabels), default=0) + TICK_PAD + TICK
    bottom = PAD + legend_height + (PAD if legend_rows else 0) + _text_height(x_lines) + TICK_PAD
    top = PAD + _text_height(1) / 2  # the top tick label reaches above the axes
    # The last column's label is centred 0.4 columns inside the axes' right end.
    column = (WIDTH_IN * 72 - left - PAD) / (len(xlabels) + 0.2)
    right = PAD + max(0.0, _width(xlabels[-1]) / 2 - 0.4 * column)
    _place(fig, ax, left, right, bottom, top)


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


def _draw_hbars(fig: Figure, spec: ChartSpec) -> None:
    values, labels, colours, value_texts, xlim, xlabel = spec.data
    ax = fig.add_axes((0, 0, 1, 1))
    ys = list(range(len(values)))
    ax.barh(ys, values, height=0.42, color=colours, edgecolor="none")
    _amount_axis(ax.xaxis)
    xlabels = _tick_labels(ax.xaxis, *xlim)
    left = PAD + _width(xlabels[0]) / 2 if xlabels else PAD
    right = PAD + _width(xlabels[-1]) / 2 if xlabels else PAD
    room = WIDTH_IN * 72 - left - PAD  # a row's label starts at the axes' left end
    for y, label, v, text in zip(ys, labels, values, value_texts):
        # On a white ground above the axis lines, so that no line crosses the words.
        ax.text(0.0, y - 0.3, _fit(label, room), transform=ax.get_yaxis_transform(), ha="left", va="bottom",
                zorder=5, bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.6})
        ax.annotate(text, (v, y), xytext=(4 if v >= 0 else -4, 0), textcoords="offset points",
                    ha="left" if v >= 0 else "right", va="center")
    ax.set_ylim(len(values) - 0.5, -0.95)
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlim(*xlim)
    ax.axvline(0, color=PALETTE["akse"], linewidth=0.8)
    ax.set_xlabel(xlabel)
    ax.xaxis.grid(True, color=PALETTE["rutenett"], linewidth=0.8)
    bottom = PAD + _text_height(1) + LABEL_PAD + _text_height(1) + TICK_PAD + TICK
    _place(fig, ax, left, right, bottom, PAD)


_SHAPES = {"history": _draw_history, "hbars": _draw_hbars}


def figure(spec: ChartSpec) -> Figure:
    """The laid-out figure of a spec (call inside `style()`)."""
    fig = Figure(figsize=(WIDTH_IN, spec.height))
    FigureCanvasSVG(fig)
    _SHAPES[spec.shape](fig, spec)
    return fig


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
        fig.savefig(buf, format="svg", metadata={"Date": None, "Creator": None})
    svg = buf.getvalue()
    # An accessible name for the standalone file: <title> as the root's first child.
    return re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + f"\n <title>{_xml_escape(spec.alt)}</title>",
                  svg, count=1)


def svg_file(spec: ChartSpec) -> str:
    """The SVG as the site serves it (no prolog; see chartspec.svg_for_inline)."""
    return svg_for_inline(draw_svg(spec))


def svg_files(specs) -> list[str]:
    """svg_file of each spec, the rcParams set once for all of them (a drawing
    changes none: the same bytes as one svg_file call each)."""
    with style():
        return [svg_for_inline(draw_svg(spec, styled=True)) for spec in specs]
