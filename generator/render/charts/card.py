"""A page's social card (og:image) as plain data: `CardSpec`.

A leaf module: the render stage makes a spec for every page that shares a
card (render/social.py), the build draws each distinct spec once
(render/charts/card_draw.py, in the chart workers) and caches it by the
spec's content, like the charts. A card is 1200×630 px, the size the
Open Graph consumers (Facebook, LinkedIn, Slack, X) show large.
"""
from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT = 1200, 630
CARD_DIR = "kort"  # where a year's cards are written, by content hash: kort/<hash>.png


@dataclass(frozen=True)
class CardSpec:
    """What a card shows; every string is plain text (drawn, never parsed).

    `figure` is the page's key figure as printed ("1 234 567") with
    `figure_label` saying what it is and as of when; `share` (0..1) draws
    the bar under it, with `share_label` saying what the whole is."""
    year: int
    kind: str  # "Budsjettkapittel", "Oppdrag", "Anmodningsvedtak", ... (the kicker)
    title: str
    figure: str = ""
    figure_label: str = ""
    share: float | None = None
    share_label: str = ""
    footer: str = ""
    ink: str = "utgift"  # the bar's colour, a key of render/chartspec.PALETTE ("utgift" | "inntekt")

    def file_name(self) -> str:
        """kort/<first 16 hex of the sha256 of the spec>.png: the same card, the same file."""
        import hashlib

        return f"{CARD_DIR}/{hashlib.sha256(repr(self).encode('utf-8')).hexdigest()[:16]}.png"
