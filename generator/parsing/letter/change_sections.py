"""A supplementary letter's "Kap. 714, post 21" headings, each with the
paragraphs under it (its body ends at the next heading or the sign-off), and
the amount token its prose prints ("1,5 mill. kroner", in 1 000 kr).
Read by the prose rules (`change_prose.py`) and by `allocation_changes.py`."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.lexicon import SIGN_OFF_START
from generator.parsing.tokens.kap_post import KAP_POST_HEADING_DOT
from generator.parsing.tokens.amounts import (AMOUNT_WITH_UNIT, MILLIARD_IN_THOUSANDS, MILLION_IN_THOUSANDS,
                                              thousands_per_unit)

# --- tokens ------------------------------------------------------------------------------------

# "56,601 mill. kroner", "500 000 kroner" (the grammar: tokens/amounts.AMOUNT_WITH_UNIT).
AMOUNT = re.compile(AMOUNT_WITH_UNIT)
_HEADING = re.compile(
    rf"^[#*\s]*+(?:\d++(?:\.\d++)*+\.?\s++)?[#*\s]*+{KAP_POST_HEADING_DOT}"
    r"[*\s]*+(?:[–-]\s*+(?P<note>[^*]+?))?[*\s]*+$", re.I)
_MARKDOWN_HEADING = re.compile(r"^\s{0,3}(?:#{1,6}\s|\*\*[^*].*\*\*\s*$)")
_SIGN_OFF = SIGN_OFF_START
_BULLET = re.compile(r"^\s*(?:[-•*–]|\d+[.)])\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+(?=[A-ZÆØÅ«])")

# "1,234 mill. kroner" (three decimals) is exact in 1 000 kr; fewer decimals are rounded.
MILL_EXACT_DECIMALS = 3


def thousands(match: re.Match) -> tuple[int, int]:
    """An AMOUNT match in 1 000 kr, and the rounding it was printed with
    (in 1 000 kr: "1,5 mill." is exact to 50, "500 000 kroner" to 0)."""
    num = match.group("num").replace("\u00a0", " ").replace(" ", "")
    unit = match.group("unit") or ""
    whole, _, decimals = num.partition(",")
    value = float(f"{whole}.{decimals or 0}")
    scale = thousands_per_unit(unit)
    if scale == MILLION_IN_THOUSANDS:
        return round(value * scale), (500 // 10 ** len(decimals) if decimals else 500) if len(decimals) < MILL_EXACT_DECIMALS else 0
    if scale == MILLIARD_IN_THOUSANDS:
        return round(value * scale), 500_000 // 10 ** len(decimals) if decimals else 500_000
    return round(value / 1000), 0


# --- a heading and its body -------------------------------------------------------------------

@dataclass(frozen=True)
class Paragraph:
    text: str
    line: int
    end_line: int
    item: bool  # a list item
    # (offset in `text`, line number) where each of its lines starts: a
    # sentence's own lines are cited, not its whole paragraph's
    starts: tuple[tuple[int, int], ...] = ()

    def lines_of(self, words: str) -> tuple[int, int]:
        """The first and last line of `words` (a sentence of the paragraph's
        text); the paragraph's lines where they are not found whole."""
        at = self.text.find(words)
        if at < 0 or not self.starts:
            return self.line, self.end_line
        on = [line for offset, line in self.starts if offset <= at]
        upto = [line for offset, line in self.starts if offset < at + len(words)]
        return (on[-1] if on else self.line), (upto[-1] if upto else self.end_line)


@dataclass(frozen=True)
class ChangeSection:
    kap: int
    post: str
    heading: str
    note: str  # "Presisering", or ""
    line: int
    end_line: int
    paragraphs: tuple[Paragraph, ...]


def _is_break(raw: str, text: str) -> bool:
    """A line that ends a heading's body: another heading (a Markdown one that
    states no amount: "### Tildelingen ... økes med 8,55 mill. kroner:" is
    body), a kap/post heading, or the sign-off."""
    if _HEADING.match(text) or _SIGN_OFF.match(text):
        return True
    return bool(_MARKDOWN_HEADING.match(raw)) and not AMOUNT.search(text)


def change_sections(lines, raw_lines: tuple[str, ...]) -> list[ChangeSection]:
    """Every "Kap. NNN, post NN" heading with the paragraphs under it."""
    out: list[ChangeSection] = []
    i = 0
    while i < len(lines):
        m = _HEADING.match(lines[i].text)
        if not m or _BULLET.match(lines[i].text):
            i += 1
            continue
        j = i + 1
        while j < len(lines) and not _is_break(_raw(raw_lines, lines[j].lineno), lines[j].text):
            j += 1
        body = lines[i + 1:j]
        end = body[-1].lineno if body else lines[i].lineno
        out.append(ChangeSection(int(m.group("kap")), m.group("post"), lines[i].text.strip(" #*"),
                                 (m.group("note") or "").strip(), lines[i].lineno, end, paragraphs(body)))
        i = j
    return out


def _raw(raw_lines: tuple[str, ...], lineno: int) -> str:
    return raw_lines[lineno - 1] if 0 < lineno <= len(raw_lines) else ""


_SPACES = re.compile(r"\s+")


def paragraphs(body) -> tuple[Paragraph, ...]:
    """Wrapped lines joined into paragraphs; a list item is its own; table
    rows (tab-separated cells) are left to the budget-table rules."""
    out: list[Paragraph] = []
    current: list = []

    def flush() -> None:
        if current:
            text, starts = "", []
            for ln in current:
                part = _SPACES.sub(" ", ln.text.strip(" #*")).strip()
                if part:
                    text += " " if text else ""
                    starts.append((len(text), ln.lineno))
                    text += part
            out.append(Paragraph(text, current[0].lineno, current[-1].lineno, bool(_BULLET.match(current[0].text)),
                                 tuple(starts)))
            current.clear()

    for ln in body:
        if not ln.text.strip() or "\t" in ln.text:
            flush()
            continue
        if _BULLET.match(ln.text):
            flush()
        current.append(ln)
    flush()
    return tuple(out)


def split_sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s.strip()]
