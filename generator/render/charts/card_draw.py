"""Drawing a social card (`CardSpec`) as a 1200×630 PNG, deterministically.

The glyphs are matplotlib's: its FreeType renderer (`matplotlib.ft2font`,
the one the Agg backend uses, with the DejaVu fonts matplotlib ships)
rasterises each character once per process and size; a card is those glyph
images placed on a palette canvas with numpy, written as an 8-bit palette
PNG with no metadata (no date, no software name), so the same spec gives the
same bytes. A figure drawn and saved through `savefig` per card cost
50–115 ms on the development machine (matplotlib 3.11 renders every glyph
of every text anew); 800 cards would have cost more than the whole build.
Composed from cached glyphs, a card costs a few milliseconds.

Colours are the site's: the header band in the theme's primary indigo, the
bar in the charts' colour for expense or income (render/charts/spec.PALETTE).
"""
from __future__ import annotations

import os
import struct
import zlib
from functools import lru_cache

import numpy as np

from generator.render.charts.card import HEIGHT, WIDTH, CardSpec

INDIGO = (0x3F, 0x51, 0xB5)  # mkdocs.yml: theme.palette.primary indigo (Material's #3f51b5)
WHITE = (0xFF, 0xFF, 0xFF)
TRACK = (0xE8, 0xEA, 0xF6)  # Material indigo 50: the bar's whole
DARK = (0x21, 0x21, 0x21)
GREY = (0x5F, 0x63, 0x68)
LEVELS = 16  # antialiasing levels per ink
MARGIN = 64
TEXT_WIDTH = WIDTH - 2 * MARGIN


def _hex(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _bar_colours() -> dict[str, tuple[int, int, int]]:
    from generator.render.charts.spec import PALETTE

    return {"utgift": _hex(PALETTE["utgift"]), "inntekt": _hex(PALETTE["inntekt"])}


class _Palette:
    """Backgrounds first (0 white, 1 indigo, 2 track, 3 bar ...), then LEVELS
    blends of each (ink, background) pair a card uses."""

    def __init__(self) -> None:
        self.colours: list[tuple[int, int, int]] = [WHITE, INDIGO, TRACK]
        self.blends: dict[tuple, int] = {}

    def solid(self, colour: tuple[int, int, int]) -> int:
        if colour not in self.colours:
            self.colours.append(colour)
        return self.colours.index(colour)

    def blend(self, ink: tuple[int, int, int], background: int) -> int:
        """The index of level 0 of ink over a background index (level L is base + L)."""
        key = (ink, background)
        if key not in self.blends:
            self.blends[key] = len(self.colours)
            self.colours.extend(_levels_between(ink, self.colours[background]))
        return self.blends[key]


@lru_cache(maxsize=None)
def _levels_between(ink: tuple[int, int, int], ground: tuple[int, int, int]) -> tuple[tuple[int, int, int], ...]:
    """LEVELS colours from the ground (level 0) to the ink, worked out once per
    process for each pair (every card uses the same few: 0.2 s CPU of 830 cards)."""
    alphas = [level / (LEVELS - 1) for level in range(LEVELS)]
    return tuple(tuple(round(b + (i - b) * a) for i, b in zip(ink, ground)) for a in alphas)


class _Face:
    """One font at one size: glyph images rendered once, by character."""

    def __init__(self, bold: bool, points: float) -> None:
        from matplotlib import font_manager
        from matplotlib.ft2font import FT2Font

        prop = font_manager.FontProperties(family="DejaVu Sans", weight="bold" if bold else "normal")
        self.font = FT2Font(font_manager.findfont(prop, fallback_to_default=True))
        self.font.set_size(points, 100)  # 100 dpi: 1 pt = 100/72 px
        self.size_px = points * 100 / 72
        self.glyphs: dict[str, tuple[np.ndarray, int, int, float]] = {}

    def glyph(self, ch: str) -> tuple[np.ndarray, int, int, float]:
        g = self.glyphs.get(ch)
        if g is None:
            from matplotlib.ft2font import LoadFlags

            f = self.font
            f.set_text(ch, 0.0, flags=LoadFlags.FORCE_AUTOHINT)
            f.draw_glyphs_to_bitmap(antialiased=True)
            image = np.array(f.get_image(), dtype=np.uint8)
            info = f.load_char(ord(ch), flags=LoadFlags.FORCE_AUTOHINT)
            g = (image, round(info.horiBearingX / 64), round(info.horiBearingY / 64), info.linearHoriAdvance / 65536)
            self.glyphs[ch] = g
        return g

    def width(self, text: str) -> float:
        return sum(self.glyph(c)[3] for c in text)


@lru_cache(maxsize=None)
def _face(bold: bool, points: float) -> _Face:
    return _Face(bold, points)


# A FreeType face reads its glyphs lazily from the font file: a face made
# before a fork would share the file's offset with the parent and the other
# drawing workers, and their reads race ("failed to load glyph"). A forked
# worker makes its own faces, as matplotlib does for its font cache.
os.register_at_fork(after_in_child=_face.cache_clear)


def wrap(face: _Face, text: str, width: float, max_lines: int) -> list[str]:
    """Words into lines no wider than `width` px; the last line ends in "…" when text is left."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < max_lines:
        line = words.pop(0)
        line_width = face.width(line)
        while words:
            wider = line_width  # face.width(line + " " + word), added up in the same order
            for ch in " " + words[0]:
                wider += face.glyph(ch)[3]
            if wider > width:
                break
            line += " " + words.pop(0)
            line_width = wider
        while face.width(line) > width and len(line) > 1:  # one word wider than the line
            line = line[:-2] + "…"
        lines.append(line)
    if words and lines:
        last = lines[-1]
        while last and face.width(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        lines[-1] = last + " …"
    return lines


@lru_cache(maxsize=64)
def _levels(face: _Face, text: str) -> tuple[np.ndarray, np.ndarray]:
    """A line of text as antialiasing levels (0 .. LEVELS-1) and where they are
    not 0, once per face and text while it recurs (the band, the kinds, the
    footers are on every card; a title's line, up to 170 kB, is not kept long)."""
    height = int(face.size_px * 1.5)
    alpha = np.zeros((height, int(face.width(text)) + int(face.size_px) + 2), dtype=np.uint8)
    baseline = int(face.size_px * 1.1)  # from the image's top
    pen = float(int(face.size_px) // 2)
    for ch in text:
        image, bearing_x, bearing_y, advance = face.glyph(ch)
        h, w = image.shape
        x0, y0 = int(round(pen)) + bearing_x, baseline - bearing_y
        if h and w and x0 >= 0 and y0 >= 0:
            region = alpha[y0:y0 + h, x0:x0 + w]
            np.maximum(region, image[:region.shape[0], :region.shape[1]], out=region)
        pen += advance
    levels = ((alpha.astype(np.uint16) * (LEVELS - 1) + 127) // 255).astype(np.uint8)
    return levels, levels > 0


class _Canvas:
    def __init__(self) -> None:
        # The PNG's rows as they are compressed: filter byte 0 (none), then the
        # row's palette indexes (0 white); `pixels` is the image, a view of them.
        self.rows = np.zeros((HEIGHT, WIDTH + 1), dtype=np.uint8)
        self.pixels = self.rows[:, 1:]
        self.palette = _Palette()

    def rect(self, x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        self.pixels[max(0, y0):min(HEIGHT, y1), max(0, x0):min(WIDTH, x1)] = self.palette.solid(colour)

    def text(self, face: _Face, x: float, baseline: int, text: str, ink: tuple[int, int, int], background: int = 0,
             right: bool = False) -> None:
        """`text` with its left end at x (its right end, `right`), on a background of one colour."""
        if right:
            x -= face.width(text)
        top = baseline - int(face.size_px * 1.1)
        levels_all, mask_all = _levels(face, text)
        left = int(round(x)) - int(face.size_px) // 2
        # Clip to the canvas.
        sx0, sy0 = max(0, -left), max(0, -top)
        dx0, dy0 = left + sx0, top + sy0
        w = min(levels_all.shape[1] - sx0, WIDTH - dx0)
        h = min(levels_all.shape[0] - sy0, HEIGHT - dy0)
        if w <= 0 or h <= 0:
            return
        levels = levels_all[sy0:sy0 + h, sx0:sx0 + w]
        mask = mask_all[sy0:sy0 + h, sx0:sx0 + w]
        target = self.pixels[dy0:dy0 + h, dx0:dx0 + w]
        target[mask] = (self.palette.blend(ink, background) + levels[mask]).astype(np.uint8)

    def png(self) -> bytes:
        colours = self.palette.colours
        assert len(colours) <= 256, "a card uses at most 256 colours"

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", WIDTH, HEIGHT, 8, 3, 0, 0, 0)  # 8-bit, palette
        return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
                + chunk(b"PLTE", bytes(c for colour in colours for c in colour))
                + chunk(b"IDAT", _deflate(self.rows)) + chunk(b"IEND", b""))


def _deflate(rows: np.ndarray) -> bytes:
    """The rows as a zlib stream at level 1 with zlib's hash tables at memLevel
    5 instead of 8: on the 830 cards 1.16-1.25 s CPU instead of 1.35-1.72, and
    18.5 MB instead of 18.8 for the whole PNGs (measured 7 December 2026)."""
    compressor = zlib.compressobj(1, zlib.DEFLATED, 15, 5)
    return compressor.compress(memoryview(rows)) + compressor.flush()


def card_png(spec: CardSpec) -> bytes:
    """The card as PNG bytes: a band with the site's name and the year, the
    kind of page, its title (up to three lines), and the key figure with
    what it is and, where the spec has a share, a bar of it."""
    c = _Canvas()
    c.rect(0, 0, WIDTH, 104, INDIGO)
    band = _face(True, 24)
    c.text(band, MARGIN, 66, "Helsebudsjettet", WHITE, background=1)
    c.text(band, WIDTH - MARGIN, 66, str(spec.year), WHITE, background=1, right=True)
    c.text(_face(False, 21), MARGIN, 168, spec.kind, GREY)
    title_face = _face(True, 36)
    lines = wrap(title_face, spec.title, TEXT_WIDTH, 3 if spec.figure else 4)
    if len(lines) == 3 and spec.figure and wrap(title_face, spec.title, TEXT_WIDTH, 4) != lines:
        title_face = _face(True, 30)  # a long title: smaller, so that it fits whole more often
        lines = wrap(title_face, spec.title, TEXT_WIDTH, 3)
    step = int(title_face.size_px * 1.22)
    for i, line in enumerate(lines):
        c.text(title_face, MARGIN, 236 + i * step, line, DARK)
    if spec.figure:
        figure_face = _face(True, 40)
        c.text(figure_face, MARGIN, 470 if spec.share is None else 452, spec.figure, INDIGO)
        label_face = _face(False, 17)
        label = wrap(label_face, spec.figure_label, TEXT_WIDTH - figure_face.width(spec.figure) - 24, 2)
        for i, line in enumerate(label):
            c.text(label_face, MARGIN + figure_face.width(spec.figure) + 24,
                   (437 if spec.share is None else 419) + i * 26 + (13 if len(label) == 1 else 0), line, GREY)
        if spec.share is not None:
            share = min(1.0, max(0.0, spec.share))
            c.rect(MARGIN, 480, WIDTH - MARGIN, 510, TRACK)
            bar = _bar_colours().get(spec.ink, INDIGO)
            c.rect(MARGIN, 480, MARGIN + max(2, round(TEXT_WIDTH * share)), 510, bar)
            c.text(_face(False, 16), MARGIN, 545, spec.share_label, GREY)
    if spec.footer:
        c.text(_face(False, 15), MARGIN, HEIGHT - 30, spec.footer, GREY)
    return c.png()
