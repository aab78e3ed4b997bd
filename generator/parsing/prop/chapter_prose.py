"""A budget chapter's prose in the proposition as blocks, with its post
headings ("Post 21 ...", completed from the post table's title where the
heading wrapped) and sub-headings ("Allment", "Mål ...") as headings."""
from __future__ import annotations

import re

from generator.model import Block
from generator.parsing.blocks import lines_to_blocks
from generator.parsing.tokens.kap_post import POST

POST_HEADING = re.compile(rf"^Post(?:ene)? {POST}(?:(?:,| og) {POST})* [A-ZÆØÅ].{{0,80}}$")
SUB_HEADING = re.compile(r"^(?:Allment|Mål(?: for \d{4})?|Rapport(?: \d{4})?|Budsjettforslag(?: \d{4})?|"
                         r"Resultatrapport(?: \d{4})?|Status \d{4})$")


# At most four lower-case words ("sektor", "m.m.", "kan overføres") end a chapter heading.
LOWER_WORDS_MAX = 4


def chapter_blocks(raw: list, lines: list, body: list[int],
                   post_titles: dict[str, str] | None = None) -> tuple[Block, ...]:
    """Chapter prose as blocks, with "Post 21 ..." and "Allment"/"Mål ..." as headings.

    A post heading wrapped onto the next line ("Post 61 Oppgjørsordning for
    covid-19-" / "vaksinering Det er ...") is completed from the post table's
    title, so that the heading is whole and the paragraph starts where it should.
    """
    out: list[Block] = []
    seg: list = []
    missing: list[str] = []  # words of the last post heading still to find
    for i in body:
        ln, t = raw[i], lines[i].text
        if t[:1] in ("P", "A", "M", "R", "B", "S") and (POST_HEADING.match(t) or SUB_HEADING.match(t)):
            out.extend(lines_to_blocks(seg))
            seg = []
            out.append(Block("heading", ln.lineno, ln.lineno, text=t, level=3 if t.startswith("Post") else 4))
            missing = _heading_tail(t, post_titles or {})
            continue
        if missing and t.strip():
            words = t.split()
            n = 0
            while n < len(missing) and n < len(words) and words[n].rstrip(",") == missing[n].rstrip(","):
                n += 1
            if n == 0:
                # Title not in (or printed otherwise than in) the post table: a
                # paragraph never starts in lower case, so its leading lower-case
                # words ("sektor", "m.m.", "kan overføres") end the heading.
                while n < min(len(words), LOWER_WORDS_MAX) and words[n][:1].islower():
                    n += 1
            if n:
                head = out[-1]
                glue = "" if head.text.endswith("-") else " "  # "covid-19-" + "vaksinering"
                text = head.text + glue + " ".join(words[:n])
                out[-1] = Block("heading", head.line, ln.lineno, text=text, level=head.level)
                rest = " ".join(words[n:])
                if rest:
                    seg.append(type(ln)(rest, ln.lineno))
                missing = []
                continue
            missing = []
        seg.append(ln)
    out.extend(lines_to_blocks(seg))
    return tuple(out)


def _heading_tail(heading: str, post_titles: dict[str, str]) -> list[str]:
    """Words of the post's table title that its heading line lacks."""
    m = re.match(rf"^Post ({POST}) (.*)$", heading.strip())
    if not m:
        return []
    if m.group(1) not in post_titles:
        return ["*"]
    printed = m.group(2).strip()
    title = re.sub(r",\s*(?:kan|overslagsbevilgning).*$", "", post_titles[m.group(1)]).strip()
    if not title.startswith(printed) or len(title) <= len(printed):
        return ["*"]
    return title[len(printed):].split()
