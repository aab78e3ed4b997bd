"""References in the proposition's prose (kap/post, allocation letters) and
the overview table of Del I (programme categories in mill. kroner)."""
from __future__ import annotations

import re

from generator.model import Reference, kap_reference, letter_reference
from generator.parsing.tokens.amounts import MILLION_NOK, MILLIONS
from generator.parsing.tokens.kap_post import find_kap_refs
from generator.read.source_text import Line

LETTER_REF = re.compile(r"\btildelingsbrev(?:et|ene)?\s+(?:til\s+[A-ZÆØÅ][\wæøå-]*\s+)?for\s+(\d{4})", re.I)
MILL = MILLIONS  # "200 629,9": mill. kroner, one decimal
OVERVIEW_ROW = re.compile(rf"^(\d{{2}}\.\d{{2}}) (.+?) ({MILL}) ({MILL}) (-?\d+,\d)$")
OVERVIEW_SUM = re.compile(rf"^Sum (.+?) ({MILL}) ({MILL}) (-?\d+,\d)$")


def find_references(lines: list[Line], exclude: set[int]) -> list[Reference]:
    """kap/post mentions ("kap. 740, post 21" -> 740.21) and allocation letters.
    Each line is read with the next one, so a mention broken over two lines is
    found on the line where it starts."""
    out: list[Reference] = []
    n = len(lines)
    for i in range(n):
        if i in exclude:
            continue
        text = lines[i].text
        low = text.lower()
        if "kap" not in low and "tildelingsbrev" not in low:
            continue
        joined = text + " " + (lines[i + 1].text if i + 1 < n and (i + 1) not in exclude else "")
        for k in find_kap_refs(joined):
            if k.start < len(text) and k.text.lower().startswith("kap"):
                out.append(kap_reference(k.kap, k.post, k.text.strip(), lines[i].lineno))
        for m in LETTER_REF.finditer(joined):
            if m.start() >= len(text):
                break
            out.append(letter_reference(int(m.group(1)), m.group(0), lines[i].lineno))
    return out


def _mill(s: str) -> float:
    return float(s.replace(" ", "").replace(",", "."))


def overview_table(lines: list[Line]) -> dict:
    """Del I's table of programme categories (Saldert, Forslag, change) in mill. kr."""
    cats = []
    sums = []
    for pl in lines:
        m = OVERVIEW_ROW.match(pl.text)
        if m:
            cats.append({"code": m.group(1), "title": m.group(2), "saldert": _mill(m.group(3)),
                         "forslag": _mill(m.group(4)), "line": pl.lineno})
            continue
        m = OVERVIEW_SUM.match(pl.text)
        if m and cats:
            sums.append({"title": m.group(1), "saldert": _mill(m.group(2)), "forslag": _mill(m.group(3)),
                         "line": pl.lineno})
    return {"unit": MILLION_NOK, "categories": cats, "sums": sums}
