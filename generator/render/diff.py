"""Wording diffs between two printings of the same text, word by word (difflib).

The output is HTML with every piece of source text escaped. Deleted words
are in <del>, inserted words in <ins>, and each change also says so in text
that only screen readers get ("slettet:", "satt inn:"), since strike-through
and colour are not read aloud.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

SR_DELETED = "slettet: "
SR_INSERTED = "satt inn: "
SR_END = " (slutt på endring)"


@dataclass(frozen=True)
class WordDiff:
    ops: tuple[tuple[str, str], ...]  # ("equal" | "delete" | "insert", words joined by spaces)
    ratio: float  # difflib's similarity, 0..1

    @property
    def changed(self) -> bool:
        return any(op != "equal" for op, _ in self.ops)

    @property
    def deleted_words(self) -> int:
        return sum(len(t.split()) for op, t in self.ops if op == "delete")

    @property
    def inserted_words(self) -> int:
        return sum(len(t.split()) for op, t in self.ops if op == "insert")


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def word_diff(old: str, new: str) -> WordDiff:
    """Word-level opcodes from difflib; a replacement is a deletion then an insertion."""
    a, b = _words(old), _words(new)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    ops: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            ops.append(("equal", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            ops.append(("delete", " ".join(a[i1:i2])))
        if j2 > j1:
            ops.append(("insert", " ".join(b[j1:j2])))
    return WordDiff(tuple(ops), matcher.ratio())


def diff_html(diff: WordDiff) -> str:
    """The new wording with deletions and insertions marked in place (inline HTML)."""
    parts = []
    for op, text in diff.ops:
        t = html.escape(text, quote=False)
        if op == "equal":
            parts.append(t)
        elif op == "delete":
            parts.append(f'<del><span class="skjult">{SR_DELETED}</span>{t}<span class="skjult">{SR_END}</span></del>')
        else:
            parts.append(f'<ins><span class="skjult">{SR_INSERTED}</span>{t}<span class="skjult">{SR_END}</span></ins>')
    return " ".join(parts)


def wording_diff_html(old: str, new: str, old_label: str, new_label: str) -> str:
    """A block showing how `old` became `new`; "" when the words are the same."""
    diff = word_diff(old, new)
    if not diff.changed:
        return ""
    caption = (f"Endringer fra {html.escape(old_label)} til {html.escape(new_label)} "
               f"({diff.deleted_words} ord slettet, {diff.inserted_words} satt inn; "
               f"{round(diff.ratio * 100)} % lik):")
    return (f'<div class="ordlyd-diff" markdown="0">\n<p class="ordlyd-diff__tekst">{caption}</p>\n'
            f"<p>{diff_html(diff)}</p>\n</div>")
