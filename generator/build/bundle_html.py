"""The offline bundle made from the year's built site: pure file I/O, no second MkDocs build.

The year's own MkDocs build writes the published layout: a page's folder is
its URL (`kapittel/714/index.html` answers `kapittel/714/`), links end in
`/`, and the theme carries mike's version selector, the outdated banner and
the social cards' `og:` tags. The bundle is read from disk (file://), where
a folder is no page; so every page is copied with:

- its links to pages ending in `index.html` (`../../endringer/index.html#x`),
  a page written from a Markdown file that is not an index (`om.md`, the
  published `om/`) moved to `om.html`, as MkDocs' `use_directory_urls: false`
  writes it, and that page's relative URLs (scripts, styles, the theme's
  `base`) made from its new folder;
- a link to another budget year going to the published site where there is
  an address, and plain text without one (its `href` becomes
  `data-hb-utenfor-aaret`, as build/offline.offline_links did);
- no `og:`/`twitter:` tags, no outdated banner, no version (`"version": null`
  in the theme's config), none of the scripts that read other years
  (EXTRA_SCRIPTS_LEFT_OUT), and the web-worker shim iframe-worker (vendored in
  site_overrides) that Material's offline plugin adds, so search works from
  file://;
- the data page saying that this is the bundle, instead of linking it.

The search index gets the bundle's locations and is also inlined into
`search/search_index.js` (what Material's `offline` plugin does); `tags.json`
gets the bundle's URLs. The social cards (`kort/`) are left out. The 404 page
(absolute URLs on the site) gets URLs relative to the bundle's root.
"""
from __future__ import annotations

import json
import posixpath
import re
from html import escape as html_escape
from pathlib import Path
from typing import Iterator

LEFT_OUT = ("kort/",)  # social cards: for sharing services only
EXTRA_SCRIPTS_LEFT_OUT = ("assets/javascripts/idsearch.js", "assets/javascripts/versjon.js")  # read other years
SHIM = "assets/javascripts/offline/iframe-worker.js"

_LEFT_OUT_SCRIPTS = re.compile("|".join(f'<script src="[^"]*{re.escape(s)}"></script>\\s*' for s in EXTRA_SCRIPTS_LEFT_OUT))
_URL_ATTR = re.compile(r'(\s(?:href|src)=")([^"]*)(")')
_REDIRECT_URL = re.compile(r'(location\.href="|<meta http-equiv="refresh" content="0; url=)([^"]*)(")')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_OG = re.compile(r'\n[ \t]*<meta (?:property="og:[^"]*"|name="twitter:card") content="[^"]*">')
_OUTDATED = re.compile(r'<div data-md-color-scheme="default" data-md-component="outdated" hidden>.*?</aside>\s*</div>\s*',
                       re.S)
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_SCOPE = re.compile(r'(__md_scope=new URL\(")([^"]*)("\s*,\s*location\))')
_BUNDLE_P = re.compile(r'<p><strong><a href="helsebudsjettet-\d+\.zip">.*?</p>', re.S)
_BUNDLE_TEXT = re.compile(r'<p>Last ned hele \d+ for lesing uten nett \(ZIP, [^)]*\):.*?</p>', re.S)
_THEME_CSS = re.compile(r'<link rel="stylesheet" href="[^"]*assets/stylesheets/palette\.[0-9a-f]+\.min\.css">'
                        r'|<link rel="stylesheet" href="[^"]*assets/stylesheets/main\.[0-9a-f]+\.min\.css">(?!\s*<link rel="stylesheet" href="[^"]*palette)')
_TAG_URL = re.compile(r'("url": ")([^"]*)(")')


def page_moves(docs_dir: Path) -> dict[str, str]:
    """{published file: bundle file} for the pages that move: a Markdown file
    that is no index (`om.md`: `om/index.html` -> `om.html`)."""
    moves = {}
    for md in docs_dir.rglob("*.md"):
        rel = md.relative_to(docs_dir).as_posix()
        if md.name != "index.md":
            stem = rel[:-3]
            moves[f"{stem}/index.html"] = f"{stem}.html"
    return moves


class Bundle:
    """How one year's published files become the bundle's (see the module doc)."""

    def __init__(self, year: int, moves: dict[str, str], site_address: str | None) -> None:
        self.year = year
        self.moves = moves
        self.site_address = site_address
        self._urls: dict[tuple, str] = {}  # _url_once

    def file_of(self, target: str, folder_like: bool) -> str:
        """The bundle's file for a path inside the year (`kapittel/714` a folder: its index)."""
        if folder_like:
            target = "index.html" if target in ("", ".") else f"{target}/index.html"
        return self.moves.get(target, target)

    # --- pages ---------------------------------------------------------------------------

    def page(self, html: str, online: str) -> str:
        """A published page (`online`: its file, `om/index.html`) as the bundle's."""
        offline = self.moves.get(online, online)
        online_dir, offline_dir = posixpath.dirname(online), posixpath.dirname(offline)
        base = self._absolute_base(html) if online == "404.html" else None
        html = _OG.sub("", html)
        html = _OUTDATED.sub("", html, count=1)
        html = _LEFT_OUT_SCRIPTS.sub("", html)

        def url(m: re.Match) -> str:
            start = html.rfind("<", 0, m.start())
            anchor = html.startswith("<a ", start)
            return self._url_once(m, online_dir, offline_dir, anchor, base)

        html = _URL_ATTR.sub(url, html)
        if 'location.href="' in html or 'http-equiv="refresh"' in html:  # the pattern costs more than the test
            # a redirect page's (mkdocs-redirects): its script and its meta refresh
            html = _REDIRECT_URL.sub(lambda m: self._url(m, online_dir, offline_dir, False, base), html)
        html = _CONFIG.sub(lambda m: m.group(1) + self._config(m.group(2), online_dir, offline_dir, base) + m.group(3),
                           html, count=1)
        html = _SCOPE.sub(lambda m: m.group(1) + self._folder(m.group(2), online_dir, offline_dir, base) + m.group(3),
                          html, count=1)
        html = self._shim(html, offline_dir)
        if online == "data/index.html":
            html = _BUNDLE_P.sub(lambda _: self.paragraph_html(), html, count=1)
        return html

    def paragraph_html(self) -> str:
        """The bundle's data page: what it is (the published site links the zip instead)."""
        online = ""
        if self.site_address:
            address = html_escape(self.site_address, quote=True)
            online = f' Nettstedet med alle budsjettår: <a href="{address}">{address}</a>.'
        return f"<p>Dette er den nedlastede utgaven av {self.year}, for lesing uten nett.{online}</p>"

    def _url_once(self, m: re.Match, online_dir: str, offline_dir: str, anchor: bool, base: str | None) -> str:
        """_url, worked out once per attribute and folder: the nav's links repeat on
        every page of a folder (about 60 000 attributes in five years, most of them
        seen before; 1.2 s CPU when each was worked out anew)."""
        key = (m.group(0), online_dir, offline_dir, anchor, base)
        done = self._urls.get(key)
        if done is None:
            done = self._urls[key] = self._url(m, online_dir, offline_dir, anchor, base)
        return done

    def _url(self, m: re.Match, online_dir: str, offline_dir: str, anchor: bool, base: str | None) -> str:
        href = m.group(2)
        if base is not None:
            href = _from_root(href, base)
            if href is None:
                return m.group(0)
        if not href or href.startswith(("#", "/")) or _SCHEME.match(href):
            return m.group(0)
        cut = min([i for i in (href.find("#"), href.find("?")) if i >= 0], default=len(href))
        path, rest = href[:cut], href[cut:]
        if not path:
            return m.group(0)
        folder_like = path.endswith("/") or posixpath.basename(path) in (".", "..")
        target = posixpath.normpath(posixpath.join(online_dir, path))
        if target == ".." or target.startswith("../"):  # another budget year
            if not (anchor and folder_like):
                return m.group(0) if base is None else m.group(1) + href + m.group(3)
            inside = target[3:]
            if self.site_address:
                return f'{m.group(1)}{self.site_address}{inside}{"/" if inside else ""}{rest}{m.group(3)}'
            return f' data-hb-utenfor-aaret="{html_escape(target, quote=True)}"'
        if not folder_like and online_dir == offline_dir and base is None and target not in self.moves:
            return m.group(0)  # a file beside a page that stays: the same relative path
        new = _relpath(self.file_of("" if target == "." else target, folder_like), offline_dir or ".")
        return m.group(1) + new + rest + m.group(3)

    def _folder(self, url: str, online_dir: str, offline_dir: str, base: str | None) -> str:
        """A relative folder (the theme's base) from the page's new folder."""
        if base is not None:
            url = _from_root(url, base) or "."
        target = posixpath.normpath(posixpath.join(online_dir, url))
        return posixpath.relpath(target, offline_dir or ".")

    def _config(self, text: str, online_dir: str, offline_dir: str, base: str | None) -> str:
        text = re.sub(r'"version": \{[^{}]*\}', '"version": null', text)
        text = re.sub(r'("base": ")([^"]*)(")',
                      lambda m: m.group(1) + self._folder(m.group(2), online_dir, offline_dir, base) + m.group(3), text)

        def search(m: re.Match) -> str:
            url = _from_root(m.group(2), base) if base is not None else m.group(2)
            target = posixpath.normpath(posixpath.join(online_dir, url or ""))
            return m.group(1) + posixpath.relpath(target, offline_dir or ".") + m.group(3)
        return re.sub(r'("search": ")([^"]*)(")', search, text)

    def _shim(self, html: str, offline_dir: str) -> str:
        """The web-worker shim where Material's `libs` block puts it: after the theme's
        stylesheets (before the page's first script when there are none)."""
        m = _THEME_CSS.search(html)
        at = m.end() if m else html.find("<script")
        if at < 0:
            return html
        src = posixpath.relpath(SHIM, offline_dir or ".")
        return f'{html[:at]}\n        <script src="{src}"></script>{html[at:]}'

    @staticmethod
    def _absolute_base(html: str) -> str:
        """The 404 page's base path on the site ("/" or "/repo/latest"): its URLs start with it."""
        m = re.search(r'"base": "([^"]*)"', html)
        return (m.group(1) if m else "/").rstrip("/") + "/"

    # --- the search index and the tags ---------------------------------------------------

    def location(self, loc: str) -> str:
        path, hash_, fragment = loc.partition("#")
        if path.endswith("/") or path == "":
            path = self.file_of(path.rstrip("/"), True)
        return path + hash_ + fragment

    def search_index(self, text: str) -> str:
        data = json.loads(text)
        offline_p = re.sub(r"<(?!/?(?:p|code)>)[^>]*>", "", self.paragraph_html())  # as the search plugin keeps it
        for doc in data.get("docs", []):
            if doc.get("location", "").startswith("data/") and "text" in doc:
                doc["text"] = _BUNDLE_TEXT.sub(lambda _: offline_p, doc["text"], count=1)
            doc["location"] = self.location(doc["location"])
        return json.dumps(data, separators=(",", ":"), default=str)  # as Material's search plugin writes it

    def tags(self, text: str) -> str:
        return _TAG_URL.sub(lambda m: m.group(1) + self.location(m.group(2)) + m.group(3), text)

    # --- every file ----------------------------------------------------------------------

    def files(self, site: Path, left_out: tuple[str, ...] = ()) -> Iterator[tuple[str, bytes]]:
        """(bundle path, bytes) of every file of the year's built site, in no set order."""
        for path in site.rglob("*"):
            if not path.is_file():
                continue
            rel = path.relative_to(site).as_posix()
            if rel.startswith(LEFT_OUT) or rel in left_out:
                continue
            if rel.endswith(".html"):
                yield self.moves.get(rel, rel), self.page(path.read_text(encoding="utf-8"), rel).encode("utf-8")
            elif rel == "search/search_index.json":
                index = self.search_index(path.read_text(encoding="utf-8"))
                yield rel, index.encode("utf-8")
                yield "search/search_index.js", f"var __index = {index}".encode("utf-8")
            elif rel == "tags.json":
                yield rel, self.tags(path.read_text(encoding="utf-8")).encode("utf-8")
            else:
                yield rel, path.read_bytes()


def _relpath(path: str, start: str) -> str:
    """posixpath.relpath of a normalised path inside the year from a folder inside
    it, without its two abspath calls (each a getcwd: 0.6 s CPU of the bundles)."""
    if path.startswith(("/", "..")) or start.startswith(("/", "..")) or path == ".":
        return posixpath.relpath(path, start)
    to, start_parts = path.split("/"), [] if start == "." else start.split("/")
    common = 0
    for a, b in zip(to, start_parts):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(start_parts) - common) + to[common:]) or "."


def _from_root(url: str, base: str) -> str | None:
    """A 404 page's URL under the site's base path as a path from the year's root ("/2026/x" no: "x")."""
    if base == "/" and url.startswith("//") and not url.startswith("///"):
        return url[2:] or "."  # "{{ base_url }}/feed.xml" with base "/"
    if url.startswith(base):
        return url[len(base):] or "."
    if url + "/" == base:
        return "."
    return None if url.startswith("/") else url
