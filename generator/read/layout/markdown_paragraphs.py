"""The Markdown layout's headings, paragraphs and HTML blocks (markdown_blocks): each to its logical lines."""
from __future__ import annotations

import re

from generator.parsing.tokens.assignment_id import PREFIX
from generator.read.layout.html_cells import html_dropped_message, html_table_rows
from generator.read.layout.markdown_state import IMAGE, Reader
from generator.read.layout.markdown_tables import flattened_rows, is_rule_cell, pipe_cells, render_table

_RULE_ONLY = re.compile(r"^\s*=[=\s]{2,}$")
_HTML_HEADING_LINE = re.compile(r"^\s*<h([1-6])\b[^<>]*>.*</h\1\s*>\s*$", re.I)
_TABLE_END = re.compile(r"</table\s*>", re.I)
_HTML_TABLE = re.compile(r"<(?:table|tr)\b", re.I)
_BOLD_HEADER_RUN_IN = re.compile(
    rf"^(?:\*\*|__)(?P<head>(?:ID\s*:?\s*)?{PREFIX}\s?\d{{4}}\s?[-–]\s?\d{{1,3}}\b[^*_]{{0,300}}?)(?:\*\*|__)\s+(?P<rest>\S.*)$")
_ONE_BOLD_RUN = re.compile(r"\*\*[^*\s](?:[^*]|\*(?!\*))*\*\*")
_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_TABLE_IN_HEADING = re.compile(r"\|\s*:?-{3,}")
_ENGLISH = frozenset({"the", "of", "is", "are", "with", "features", "and", "this", "its", "which", "an", "logo",
                      "image", "shows", "text", "written", "above", "below", "positioned", "centered"})
# A caption in English: at least two English words, and twice as many as Norwegian ones.
CAPTION_ENGLISH_MIN = 2
CAPTION_ENGLISH_RATIO = 2
_NORWEGIAN = frozenset({"og", "på", "er", "til", "av", "det", "som", "med", "ikke", "har", "skal", "vi", "den"})


def _is_caption(text: str, alt: str | None) -> bool:
    """A converter's description of an image: the alt text again, or a
    paragraph in English (the letters are in Norwegian)."""
    s = text.strip()
    if alt and s == alt.strip():
        return True
    words = re.findall(r"[a-zæøå]+", s.lower())
    english = sum(1 for w in words if w in _ENGLISH)
    norwegian = sum(1 for w in words if w in _NORWEGIAN)
    return english >= CAPTION_ENGLISH_MIN and english > CAPTION_ENGLISH_RATIO * norwegian


_SETEXT_EQUALS = re.compile(r"^ {0,3}=+[ \t]*$")
# Setext's two levels: "===" under a heading of the first, "---" of the second.
SETEXT_EQUALS_LEVEL, SETEXT_DASHES_LEVEL = 1, 2
# A paragraph is three tokens (paragraph_open, inline, paragraph_close): the token after it.
PARAGRAPH_TOKENS = 3


def setext_level(tokens, i: int) -> int | None:
    """Rule setext_heading: a paragraph underlined with `===` (level 1) or
    with `---` on the very next line (level 2; markdown-it, without its
    setext rule, reads that line as a horizontal rule) is a heading, as
    pandoc's writer prints levels 1 and 2: "4.3. Folketrygd- og
    aktivitetsbaserte poster" / "--------". Not a table's rows."""
    tok, inline = tokens[i], tokens[i + 1]
    parts = inline.content.split("\n")
    if not tok.map or any(_PIPE_ROW.match(p) for p in parts):
        return None
    if len(parts) > 1 and "=" in parts[-1] and _SETEXT_EQUALS.match(parts[-1]) and parts[-2].strip():
        return SETEXT_EQUALS_LEVEL
    nxt = i + PARAGRAPH_TOKENS
    after = tokens[nxt] if nxt < len(tokens) else None
    if after is not None and after.type == "hr" and after.map and after.map[0] == tok.map[1] \
            and set(after.markup) == {"-"}:
        return SETEXT_DASHES_LEVEL
    return None


def setext_heading(r: Reader, tokens, i: int, level: int) -> int:
    """The heading `setext_level` saw, on its first line; the index of the token after it."""
    tok, inline = tokens[i], tokens[i + 1]
    r.claim(*tok.map)
    parts = inline.content.split("\n")
    if level == SETEXT_EQUALS_LEVEL:
        parts = parts[:-1]
    k0 = tok.map[0]
    for k, p in enumerate(parts[:-1]):
        # Lines above the underlined one with no empty line between: the
        # paragraph before it (a converter underlines one line, its heading).
        for t in r.blocks(p, k0 + k):
            r.put(k0 + k, t)
    k = k0 + len(parts) - 1
    text = " ".join(r.blocks(parts[-1], k)).strip()
    r.captions_left = 0
    if text:
        if len(parts) > 1:
            r.put(k, "")
        r.put(k, text)
        r.layout.headings[r.line(k)] = level
        r.fire("setext_heading")
    nxt = i + PARAGRAPH_TOKENS
    if level == SETEXT_DASHES_LEVEL:
        r.claim(*tokens[nxt].map)
        return nxt + 1  # the rule's own token, read as the underline
    return nxt


def heading(r: Reader, tok, inline) -> None:
    k = tok.map[0]
    r.claim(*tok.map)
    content = inline.content
    r.captions_left = 0
    if "|" in content and _TABLE_IN_HEADING.search(content):
        flat = flattened_rows(content)
        if flat:
            r.fire("flattened_table")
            render_table(r, [(k, cells, head) for cells, head in flat])
            return
        # Rule flattened_table_heading: the heading is a table's rows.
        r.fire("flattened_table_heading")
        cells = [c for c in pipe_cells(content) if c and not is_rule_cell(c)]
        texts = [" ".join(r.blocks(c, k)) for c in cells]
        r.put(k, "\t".join(t for t in texts if t))
        return
    text = " ".join(r.blocks(content, k)).strip()
    if text:
        r.put(k, text)
        r.layout.headings[r.line(k)] = int(tok.tag[1])


def paragraph(r: Reader, tok, inline, item_marker: str | None) -> None:
    start, end = tok.map
    r.claim(start, end)
    parts = inline.content.split("\n")
    if len(parts) != end - start:
        parts = [" ".join(parts)]  # never expected; keep the text on the first line
    if all(_PIPE_ROW.match(p) for p in parts) and not item_marker:
        # Rule pipe_rows: rows of a table markdown-it did not read as one.
        r.fire("pipe_rows")
        rows = []
        for k, p in enumerate(parts):
            flat = flattened_rows(p) if "-|" in p or "- |" in p else None
            if flat:
                r.fire("flattened_table")
            rows += [(start + k, cells, head) for cells, head in flat] if flat else [(start + k, pipe_cells(p), False)]
        render_table(r, rows)
        return
    whole = inline.content.strip()
    offs = list(range(len(parts)))  # each part's physical line, from the paragraph's first
    if len(parts) > 1 and whole.startswith("**") and _ONE_BOLD_RUN.fullmatch(whole):
        # Rule bold_paragraph_lines: a bold paragraph hard-wrapped over lines (a
        # header or heading an exporter wrapped at its width) is one line.
        parts, offs = [" ".join(p.strip() for p in parts)], [0]
        r.fire("bold_paragraph_lines")
    elif len(parts) > 1 and parts[0].startswith("**") and parts[0].count("**") == 1:
        # The same rule for a bold run that ends on a later line, the body running
        # on after it ("**TB 2026-67 Utfasing ... §" / "45 tredje ledd** Sivilombudet ...").
        close = next((j for j in range(1, len(parts)) if "**" in parts[j]), None)
        if close is not None:
            parts = [" ".join(p.strip() for p in parts[:close + 1])] + parts[close + 1:]
            offs = [0] + offs[close + 1:]
            r.fire("bold_paragraph_lines")
    image = IMAGE.fullmatch(whole)
    if image:
        # Rule image_and_caption: an image is no letter text; its caption neither.
        r.image_alt, r.captions_left = image.group(1), 2
        r.fire("image_and_caption")
        return
    if r.captions_left and _is_caption(whole, r.image_alt):
        r.captions_left -= 1
        return
    r.captions_left = 0
    run: list[tuple[int, list[str], bool]] = []
    for k, part in enumerate(parts):
        if _PIPE_ROW.match(part) and not (k == 0 and item_marker):
            # Rule pipe_rows: a table's rows that markdown-it read as a
            # paragraph's lazy lines (a table right under a list item).
            run.append((start + offs[k], pipe_cells(part), False))
            r.fire("pipe_rows")
            continue
        if run:
            render_table(r, run)
            run = []
        if "==" in part and _RULE_ONLY.match(part):
            r.fire("rule_rows")
            continue  # rule rule_rows: "=====" under a line (a setext underline) holds no text
        run_in = _BOLD_HEADER_RUN_IN.match(part) if part.startswith(("**", "__")) else None
        if run_in:
            # Rule bold_header_run_in: "**TB 2026-67 Title** Body ...": the bold
            # header and the body that runs on after it are two paragraphs.
            r.fire("bold_header_run_in")
            texts = r.blocks(run_in.group("head"), start + offs[k]) + [""] + r.blocks(run_in.group("rest"), start + offs[k])
        else:
            texts = r.blocks(part, start + offs[k])
        if k == 0 and item_marker:
            texts = [item_marker + (texts[0] if texts else "")] + texts[1:]
        for text in texts:
            r.put(start + offs[k], text)
        if not texts:
            r.put(start + offs[k], "")
    if run:
        render_table(r, run)


def html_block(r: Reader, tok) -> None:
    start, end = tok.map
    r.claim(start, end)
    parts = tok.content.rstrip("\n").split("\n")[: end - start]
    k = 0
    while k < len(parts):
        if "<t" in parts[k] and _HTML_TABLE.search(parts[k]):
            # Rule html_table: a table written as HTML is read as a pipe table
            # is; the lines after its end (no empty line between) as text.
            r.fire("html_table")
            last = next((j for j in range(k, len(parts)) if _TABLE_END.search(parts[j])), len(parts) - 1)
            rows, report = html_table_rows("\n".join(parts[k:last + 1]))
            for tag, dropped in report.tags:
                r.layout.notes.append((r.line(start + k), "html-dropped", html_dropped_message(tag, dropped)))
            render_table(r, [(start + k + min(off, last - k), cells, head) for off, cells, head in rows])
            k = last + 1
            continue
        texts = r.blocks(parts[k], start + k)
        for text in texts:
            r.put(start + k, text)
        level = _HTML_HEADING_LINE.match(parts[k]) if "<h" in parts[k] else None
        if level and len(texts) == 1 and texts[0].strip():
            # Rule html_heading: "<h2>3.1 Folkehelse</h2>" is a heading as "## 3.1 Folkehelse" is.
            r.layout.headings[r.line(start + k)] = int(level.group(1))
            r.fire("html_heading")
        k += 1

