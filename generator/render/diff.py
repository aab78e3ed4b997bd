"""Side-by-side wording diff of the same assignment in two years (HTML, escaped)."""
from __future__ import annotations

import difflib
import html
import re


def _words(text: str) -> list[str]:
    return re.findall(r"\S+", text)


def _mark(words: list[str], tag: str) -> str:
    return f"<{tag}>" + html.escape(" ".join(words), quote=False) + f"</{tag}>" if words else ""


def wording_diff_html(old: str, new: str, old_label: str, new_label: str) -> str:
    """Two columns, removed words struck in the old, added words marked in the new.

    Returns "" when the wording is the same (whitespace aside).
    """
    a, b = _words(old), _words(new)
    if a == b:
        return ""
    left: list[str] = []
    right: list[str] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            same = html.escape(" ".join(a[i1:i2]), quote=False)
            left.append(same)
            right.append(same)
        else:
            left.append(_mark(a[i1:i2], "del"))
            right.append(_mark(b[j1:j2], "ins"))
    ratio = round(matcher.ratio() * 100)
    return (
        '<div class="ordlyd-diff" markdown="0">\n'
        f"<p>Endret ordlyd ({ratio} % lik):</p>\n"
        '<table><thead><tr><th scope="col">' + html.escape(old_label) + '</th><th scope="col">'
        + html.escape(new_label) + "</th></tr></thead>\n<tbody><tr><td>"
        + " ".join(p for p in left if p) + "</td><td>" + " ".join(p for p in right if p)
        + "</td></tr></tbody></table>\n</div>"
    )
