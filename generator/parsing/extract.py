"""read -> parse for one document: the stage behind `generator extract`."""
from __future__ import annotations

import re
from pathlib import Path

from generator.diagnostics import Diagnostics, InputError
from generator.model import Document
from generator.parsing import parse_document
from generator.parsing.tokens.kap_post import KAP, SUM_KAP_LEAD
from generator.read.sources import MAX_SOURCE_BYTES, SourceEntry
from generator.read.source_text import SourceText, read_bytes

_PROP_MARKERS = (
    re.compile(rf"^\s*{SUM_KAP_LEAD}\s*{KAP}", re.M),
    re.compile(r"^\s*Forslag til vedtak om bevilgning", re.M),
    re.compile(r"\(i 1 ?000 kr\)"),
)


_PROP_ID = re.compile(r"Prop\.\s*1\s*S\b")
# A proposition prints "Sum kap." under every post table (dozens); a letter
# quoting one prints a few. Ten make a proposition, three with "Prop. 1 S".
PROP_SUMS = 10
PROP_SUMS_WITH_ID = 3
# The kind is told from at most the first 200 000 lines (the proposition has 33 000): a bound for a huge input.
KIND_LINES = 200_000
# A proposition prints "Prop. 1 S" on its first pages, within its first 2 000 lines.
PROP_ID_LINES = 2000


def detect_kind(text: SourceText) -> str:
    """A Prop. 1 S prints many "Sum kap." rows and the proposed decisions;
    an allocation letter prints neither in quantity."""
    body = "\n".join(ln.text for ln in text.lines[:KIND_LINES])
    if body.count("Sum kap") < PROP_SUMS_WITH_ID:  # every "Sum kap." row holds the words: a letter, told cheaply
        return "tildelingsbrev"
    sums = len(_PROP_MARKERS[0].findall(body))
    if sums >= PROP_SUMS or (_PROP_MARKERS[1].search(body) and sums >= PROP_SUMS_WITH_ID):
        return "prop1s"
    return "tildelingsbrev"


def display_path(path: Path) -> str:
    """`source/x.txt` for files under a source/ folder, else the path as given."""
    parts = path.parts
    if "source" in parts:
        i = len(parts) - 1 - parts[::-1].index("source")
        return "/".join(parts[i:])
    return str(path)


def read_document(path: Path, diags: Diagnostics | None = None) -> SourceText:
    shown = display_path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, 0, "no such file") from None
    except IsADirectoryError:
        raise InputError(shown, 0, "is a directory, not a text file") from None
    except OSError as exc:
        raise InputError(shown, 0, f"cannot read the file: {exc.strerror}") from None
    if len(data) > MAX_SOURCE_BYTES:
        raise InputError(shown, 0, f"the file is {len(data) / 1048576:.1f} MB; "
                                   f"the limit is {MAX_SOURCE_BYTES // 1048576} MB per document")
    return read_bytes(data, shown, diags)


def extract_document(
    path: Path, diags: Diagnostics, entry: SourceEntry | None = None, text_blocks: bool = True
) -> tuple[SourceText, Document]:
    """Read and parse one file; `text_blocks`: group its running text for the
    full-text pages too (not needed for the JSON contract)."""
    text = read_document(path, diags)
    kind = entry.kind if entry else detect_kind(text)
    if entry:
        contradiction = kind_contradiction(text, entry.kind)
        if contradiction:
            diags.warn(text.file, 1, "kind-mismatch", contradiction)
    return text, parse_document(text, entry, diags, kind, text_blocks)


def kind_contradiction(text: SourceText, kind: str) -> str | None:
    """Why the text does not look like the kind the manifest gives, or None."""
    if kind == "tildelingsbrev" and detect_kind(text) == "prop1s":
        return "sources.yml says kind: tildelingsbrev, but the text prints the 'Sum kap.' rows of a Prop. 1 S"
    if kind == "prop1s" and not any(_PROP_ID.search(ln.text) for ln in text.lines[:PROP_ID_LINES]):
        return "sources.yml says kind: prop1s, but the text never names itself 'Prop. 1 S'"
    return None
