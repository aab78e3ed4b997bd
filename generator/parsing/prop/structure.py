"""Document structure of a Prop. 1 S: parts, numbered chapters and sections,
programme areas and categories, budget year and title."""
from __future__ import annotations

import re
from dataclasses import dataclass

from generator.model import Section
from generator.parsing.tokens.vedtak_refs import PROP_SESSION_PAIR
from generator.read.source_text import Line, join_wrapped

PART = re.compile(r"^Del (I|II|III|IV|V)(?:\s+(?P<title>[A-ZÆØÅ][^.]{2,70}))?$")
HEADING = re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,2})\s+([A-ZÆØÅ«].{0,120})$")
PROP_ID = re.compile(rf"Prop\.\s*1\s*S\s*\({PROP_SESSION_PAIR}\)")
FORSLAG_YEAR = re.compile(r"^(?:Forslag|budsjett)\s+(\d{4})$")
AREA = re.compile(r"^Programområde (\d{2})\s+(.+)$")
CATEGORY = re.compile(r"^Programkategori (\d{2}\.\d{2})\s+(.+)$")
_CONTINUES = re.compile(r"(?:-|\bog|\bi|\bfor|\bav|\btil|\bmed|\bom|\bpå)$")

# The ministry's name stands alone on a line of the title page, within its first lines.
TITLE_PAGE_LINES = 50
MINISTRY_LINE_MAX = 60
# A part's title on the line after "Del II" is a short name, not the text that follows.
PART_TITLE_MAX = 80
# A numbered heading wraps over at most three more lines, and is a name: a
# longer "title" is a paragraph the wrap started with a number.
HEADING_WRAP_LINES = 3
HEADING_TITLE_MAX = 200


# The proposition's own session is printed at least twice, and a quarter as
# often as the most printed one (running headers); earlier ones are cited less.
OWN_YEAR_MIN_COUNT = 2
OWN_YEAR_SHARE = 4


def budget_year(lines: list[Line]) -> int | None:
    counts: dict[int, int] = {}
    for pl in lines:
        if "Prop" in pl.text:
            for m in PROP_ID.finditer(pl.text):
                counts[int(m.group(2))] = counts.get(int(m.group(2)), 0) + 1
    # The proposition refers to earlier ones too; its own is the latest year
    # that is printed often (running headers, "i Prop. 1 S (2023–2024)").
    if counts:
        top = max(counts.values())
        frequent = [y for y, c in counts.items() if c >= max(OWN_YEAR_MIN_COUNT, top // OWN_YEAR_SHARE)] or list(counts)
        return max(frequent)
    for pl in lines:
        m = FORSLAG_YEAR.match(pl.text)
        if m:
            return int(m.group(1))
    return None


def ministry(lines: list[Line]) -> str | None:
    for pl in lines[:TITLE_PAGE_LINES]:
        if pl.text.endswith("departementet") and len(pl.text) < MINISTRY_LINE_MAX:
            return pl.text
    return None


@dataclass
class Part:
    number: str
    title: str
    index: int
    line: int
    end_index: int = -1  # the heading's last line ("Del II" with its title on the next line); -1: `index`


# A part's title follows its "Del II" within two lines.
PART_TITLE_LINES = 3


def find_parts(lines: list[Line], decisions_index: int | None) -> list[Part]:
    parts: list[Part] = []
    for i, pl in enumerate(lines):
        m = PART.match(pl.text)
        if m and (decisions_index is None or i < decisions_index):
            k = next((j for j in range(i + 1, min(i + PART_TITLE_LINES, len(lines))) if lines[j].text), None)
            nxt = lines[k].text if k is not None else ""
            title_below = not m.group("title") and nxt and not HEADING.match(nxt) and len(nxt) < PART_TITLE_MAX
            title = m.group("title") or (nxt if title_below else f"Del {m.group(1)}")
            parts.append(Part(m.group(1), title, i, pl.lineno, k if title_below else i))
    if lines and (not parts or parts[0].number != "I"):
        # The extraction lost the first part's heading: Del I starts the text.
        parts.insert(0, Part("I", "Del I", 0, lines[0].lineno))
    if decisions_index is not None:
        parts.append(Part("forslag", "Forslag til vedtak", decisions_index, lines[decisions_index].lineno))
    return parts


# A heading's number follows the one before, skipping at most two (headings the extraction lost).
HEADING_STEP_MAX = 3


def find_headings(lines: list[Line], stop: int) -> list[tuple[str, str, int, int]]:
    """Numbered headings in document order: (number, title, index, index of
    its last line, the title wrapped). A heading
    is accepted only where the numbering continues (1, 1.1, 1.2, 2, ...), which
    keeps wrapped list items and table rows out."""
    out: list[tuple[str, str, int, int]] = []
    top = 0
    last: list[int] = []
    for i in range(min(stop, len(lines))):
        t = lines[i].text
        if not t or not t[0].isdigit():
            continue
        m = HEADING.match(t)
        if not m:
            continue
        if m.group(1).startswith("0") or re.search(r"\d \d{3}$|\d,\d$", t):
            continue  # a post row or a table row, not a heading
        nums = [int(x) for x in m.group(1).split(".")]
        ok = False
        if len(nums) == 1:
            ok = nums[0] == top + 1
        elif nums[0] == top and len(nums) <= len(last) + 1:
            prefix_ok = nums[:-1] == last[: len(nums) - 1]
            prev = last[len(nums) - 1] if len(last) >= len(nums) else 0
            ok = prefix_ok and prev < nums[-1] <= prev + HEADING_STEP_MAX
        if not ok:
            continue
        title = m.group(2).strip()
        j = i + 1
        # A heading wrapped over several lines ("2.4 Opptrappingsplan psykisk helse"
        # / "og forebygging og" / "behandlingsreform på rusfeltet").
        while j < len(lines) and j <= i + HEADING_WRAP_LINES and lines[j].text and not HEADING.match(lines[j].text) \
                and (_CONTINUES.search(title) or lines[j].text[:1].islower()) and len(title) < HEADING_TITLE_MAX:
            title = join_wrapped([title, lines[j].text])
            j += 1
        if len(nums) == 1:
            top = nums[0]
        last = nums
        out.append((m.group(1), title.strip(), i, j - 1))
    return out


def build_sections(lines: list[Line], parts: list[Part], headings: list[tuple[str, str, int, int]]) -> list[Section]:
    """Parts (level 1) and numbered headings (level = depth + 1), each with an
    end line: the line before the next section at the same or a higher level."""
    last_line = lines[-1].lineno if lines else 1
    items: list[tuple[int, str, str, int, int]] = []  # (index, number, title, level, index of the heading's end)
    for p in parts:
        items.append((p.index, p.number, p.title, 1, max(p.index, p.end_index)))
    for number, title, i, last in headings:
        items.append((i, number, title, number.count(".") + 2, last))
    items.sort(key=lambda x: (x[0], x[3]))
    sections: list[Section] = []
    for k, (i, number, title, level, last) in enumerate(items):
        end = last_line
        for i2, _, _, level2, _ in items[k + 1:]:
            if level2 <= level:
                end = lines[i2].lineno - 1
                break
        sections.append(Section(number, title, level, lines[i].lineno, max(end, lines[i].lineno),
                                heading_end=lines[last].lineno))
    return sections
