"""The chart pieces that chart specs and their drawing share: the palette,
the size and font, `ChartSpec`, Norwegian tick labels and SVG embedding.

A leaf module (no matplotlib, nothing else from the site): `charts.py` builds
specs with it and `chartdraw.py` draws them with it, so neither imports the
other, and a build that draws nothing never imports matplotlib.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# --- the site palette ---------------------------------------------------------------
# Okabe–Ito colours (safe for the common colour-vision deficiencies). The same
# meaning has the same colour on every page.
PALETTE: dict[str, str] = {
    "utgift": "#0072B2",  # expense: blue
    "inntekt": "#009E73",  # income: bluish green
    "andre_år": "#A0A0A0",  # other years / columns than the highlighted one: grey
    "andre_poster": "#BBBBBB",  # the "Andre poster" sum
    "økning": "#0072B2",  # increase: blue
    "reduksjon": "#D55E00",  # decrease: vermilion
    "tekst": "#222222",
    "akse": "#555555",
    "rutenett": "#E3E3E3",
}

# Series after the kind colour, for charts with several posts.
SERIES_COLOURS: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#CC79A7",  # reddish purple
    "#D55E00",  # vermilion
    "#332288",  # indigo
    "#999933",  # olive
)

# 4.4 in (422 px): a 390 px phone's column shows a chart whole at 85 % of its
# drawn size (labels about 11 px), where a 6 in chart scrolled sideways and hid
# the newest year's bars, the legend's ends and the longest bar's amount.
WIDTH_IN = 4.4
HEIGHT_IN = 3.2
FONT_PT = 11  # >= 9 pt everywhere; about 9 px on a 390 px phone


@dataclass(frozen=True)
class ChartSpec:
    """Everything one drawing depends on, as plain values: equal specs give
    identical SVG bytes, so a build draws each distinct spec once (keyed by
    its repr) and can keep the SVG in its cache."""
    shape: str  # "history" (grouped bars) or "hbars" (horizontal bars)
    height: float  # inches; the width is WIDTH_IN
    alt: str
    data: tuple


# --- numbers -------------------------------------------------------------------------

def format_number(x: float, decimals: int = 0) -> str:
    """Norwegian number: space-grouped thousands, decimal comma, true minus."""
    sign = "−" if x < 0 and round(abs(x), decimals) != 0 else ""
    s = f"{abs(x):,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return sign + s


def tick_label(x: float, _pos: object = None) -> str:
    """An axis tick in Norwegian: whole numbers, else up to two decimals."""
    if abs(x - round(x)) < 1e-9:
        return format_number(round(x))
    return format_number(x, 2).rstrip("0").rstrip(",")


# --- embedding -------------------------------------------------------------------------

_PROLOG = re.compile(r"\A\s*(<\?xml[^>]*\?>\s*)?(<!DOCTYPE[^>]*>\s*)?", re.S)


def svg_for_inline(svg: str) -> str:
    """The SVG without XML declaration and doctype: starts at `<svg`, keeps xmlns.

    The result is still a standalone-valid SVG file (UTF-8 needs no
    declaration) and can also be pasted into HTML.
    """
    out = _PROLOG.sub("", svg, count=1)
    if not out.startswith("<svg"):
        raise ValueError("not an SVG document")
    if 'xmlns="http://www.w3.org/2000/svg"' not in out.split(">", 1)[0]:
        raise ValueError("SVG root lacks the SVG namespace")
    return out if out.endswith("\n") else out + "\n"
