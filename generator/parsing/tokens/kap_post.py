"""Chapter and post references: 'kap. 740, post 21', 'kap. 714 post 70 og 79',
'kap. 740', '701.21'; and a chapter's kind by the state budget's numbering."""
from __future__ import annotations

import re
from dataclasses import dataclass


def chapter_type(kap: int) -> str:
    """Income or expense, by the state budget's numbering: 3000-3999 are the
    income chapters of the ministries' expense chapters, 5000-5999 other
    income; the rest are expenses (0001-2999 and folketrygd 2xxx among them)."""
    return "inntekt" if 3000 <= kap < 4000 or 5000 <= kap < 6000 else "utgift"


KAP_POST_RE = re.compile(
    r"\bkap(?:ittel|\.)?\s*(?P<kap>\d{3,4})(?:\s*[,.]?\s*(?:post(?:ene)?)\s*(?P<post>\d{2})"
    r"(?P<more>(?:\s*(?:,|og)\s*(?:post\s*)?\d{2}(?!\d))*))?",
    re.I,
)
DOTTED_KAP_POST_RE = re.compile(r"(?<![\d.,])(?P<kap>\d{3,4})\.(?P<post>\d{2})(?![\d,]|\.\d)")


@dataclass(frozen=True)
class FoundKap:
    kap: int
    post: str | None
    text: str

    @property
    def target(self) -> str:
        return f"{self.kap}.{self.post}" if self.post else str(self.kap)


def find_kap_refs(text: str) -> list[FoundKap]:
    """'kap. 740, post 21', 'kap. 714 post 70 og 79', 'kap. 740', '701.21'."""
    out: list[FoundKap] = []
    spans: list[tuple[int, int]] = []
    for m in KAP_POST_RE.finditer(text):
        kap = int(m.group("kap"))
        spans.append((m.start(), m.end()))
        if not m.group("post"):
            out.append(FoundKap(kap, None, m.group(0)))
            continue
        posts = [m.group("post")] + re.findall(r"\d{2}", m.group("more") or "")
        for p in posts:
            out.append(FoundKap(kap, p, m.group(0)))
    for m in DOTTED_KAP_POST_RE.finditer(text):
        if any(a <= m.start() < b for a, b in spans):
            continue
        kap = int(m.group("kap"))
        if 500 <= kap <= 5999:
            out.append(FoundKap(kap, m.group("post"), m.group(0)))
    return out
