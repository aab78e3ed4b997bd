"""Link and anchor check over a built site (the `check` command, and tests).

Walks every HTML file under the site directory, parses it with the standard
library's `html.parser`, and resolves every internal reference:

- ``href``/``src``/``srcset``/``data``/``poster``/``action`` attributes and
  ``<meta http-equiv="refresh" content="0; url=...">`` redirects;
- relative (``../kapittel/740/``) and root-relative (``/2025/``) URLs, a
  trailing ``/`` or a directory meaning its ``index.html``;
- a ``#fragment`` must be an ``id`` (or ``<a name>``) in the target page.

External references (``http(s)://``, ``//host``, ``mailto:``, ``tel:``) are
not fetched; they are collected separately, and those that would make a
browser *load* something from another host (scripts, images, stylesheets,
fonts, frames; ``url()``/``@import`` in CSS) are collected as
``third_party_loads`` so a test can require none. ``javascript:`` URLs are
always problems.

Nothing here writes; `check_site` returns a `LinkReport`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes that hold a URL, per tag ("*" = any tag).
_URL_ATTRS = {
    "a": ("href",), "area": ("href",), "link": ("href",),
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "embed": ("src",), "source": ("src", "srcset"), "track": ("src",),
    "audio": ("src",), "video": ("src", "poster"), "object": ("data",),
    "input": ("src",), "form": ("action",), "image": ("href", "xlink:href"), "use": ("href", "xlink:href"),
}
# <link rel=...> values that make the browser fetch the target.
_LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload",
                 "prefetch", "manifest", "mask-icon"}
# Tags whose URL attribute is always fetched when the page is shown.
_LOADING_TAGS = {"script", "img", "iframe", "frame", "embed", "source", "track", "audio", "video",
                 "object", "input", "image", "use"}
_EXTERNAL_SCHEMES = ("http", "https", "mailto", "tel", "ftp", "sms")
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")\s]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")
_REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]+)", re.I)


@dataclass(frozen=True)
class Ref:
    line: int
    tag: str
    attr: str
    url: str
    loads: bool  # the browser fetches it when showing the page


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[Ref] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._element(tag, attrs)

    def _element(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): (v or "") for k, v in attrs}
        line = self.getpos()[0]
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("name"):
            self.ids.add(a["name"])
        if tag == "meta" and a.get("http-equiv", "").lower() == "refresh":
            m = _REFRESH_URL.search(a.get("content", ""))
            if m:
                self.refs.append(Ref(line, tag, "content", m.group(1).strip(), True))
            return
        rels = set(a.get("rel", "").lower().split())
        for attr in _URL_ATTRS.get(tag, ()):
            value = a.get(attr)
            if value is None:
                continue
            urls = [u.strip().split()[0] for u in value.split(",") if u.strip()] if attr == "srcset" else [value.strip()]
            loads = tag in _LOADING_TAGS or (tag == "link" and bool(rels & _LOADING_RELS))
            for url in urls:
                self.refs.append(Ref(line, tag, attr, url, loads))


@dataclass
class LinkReport:
    files: int = 0  # HTML files parsed
    links: int = 0  # internal references resolved (including fragments)
    anchors: int = 0  # of those, with a #fragment checked
    problems: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)  # "file: url" for links to other hosts
    third_party_loads: list[str] = field(default_factory=list)  # "file: url" fetched from other hosts

    @property
    def ok(self) -> bool:
        return not self.problems and not self.third_party_loads

    def summary(self) -> str:
        return (f"{self.files} HTML files, {self.links} internal links ({self.anchors} with an anchor), "
                f"{len(self.problems)} problem(s), {len(self.external)} external link(s), "
                f"{len(self.third_party_loads)} third-party load(s)")


class _Site:
    def __init__(self, root: Path, label: str) -> None:
        self.root = root.resolve()
        self.label = label
        self._pages: dict[Path, _PageParser] = {}

    def show(self, path: Path) -> str:
        try:
            return f"{self.label}/{path.relative_to(self.root).as_posix()}"
        except ValueError:
            return str(path)

    def page(self, path: Path) -> _PageParser:
        parsed = self._pages.get(path)
        if parsed is None:
            parsed = _PageParser()
            parsed.feed(path.read_text(encoding="utf-8", errors="replace"))
            parsed.close()
            self._pages[path] = parsed
        return parsed

    def target(self, base: Path, path: str) -> Path | None:
        """The file a URL path names, or None when there is none."""
        path = unquote(path)
        if path.startswith("/"):
            candidate = self.root / path.lstrip("/")
        else:
            candidate = base.parent / path
        candidate = Path(_normpath(candidate.as_posix()))
        if candidate != self.root and self.root not in candidate.parents:
            return None
        if path.endswith("/") or candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.is_file() else None


def _normpath(p: str) -> str:
    import posixpath

    return posixpath.normpath(p)


def _is_html(path: Path) -> bool:
    return path.suffix.lower() in (".html", ".htm")


def check_site(site_dir: Path, label: str | None = None) -> LinkReport:
    """Check every HTML (and CSS) file under site_dir; see the module docstring."""
    site = _Site(Path(site_dir), label or Path(site_dir).name)
    report = LinkReport()
    html_files = sorted(p for p in site.root.rglob("*") if p.is_file() and _is_html(p))
    for path in html_files:
        report.files += 1
        page = site.page(path)
        where = site.show(path)
        for ref in page.refs:
            _check_ref(site, path, where, ref, report)
    for css in sorted(site.root.rglob("*.css")):
        text = css.read_text(encoding="utf-8", errors="replace")
        for m in _CSS_URL.finditer(text):
            url = m.group(1) or m.group(2)
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                report.third_party_loads.append(f"{site.show(css)}: {url}")
    return report


def _check_ref(site: _Site, path: Path, where: str, ref: Ref, report: LinkReport) -> None:
    url = ref.url
    if not url:
        return
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "javascript":
        report.problems.append(f"{where}:{ref.line}: javascript: URL in <{ref.tag} {ref.attr}>: {url}")
        return
    if scheme in ("data", "blob", "about"):
        return
    if scheme in _EXTERNAL_SCHEMES or url.startswith("//"):
        report.external.append(f"{where}: {url}")
        if ref.loads and scheme in ("http", "https", ""):
            report.third_party_loads.append(f"{where}:{ref.line}: <{ref.tag} {ref.attr}> {url}")
        return
    if scheme:
        report.problems.append(f"{where}:{ref.line}: unknown URL scheme in {url}")
        return
    report.links += 1
    if parts.path:
        target = site.target(path, parts.path)
        if target is None:
            report.problems.append(f"{where}:{ref.line}: broken link {url} -> no such file in the site")
            return
    else:
        target = path
    if parts.fragment and _is_html(target):
        report.anchors += 1
        fragment = unquote(parts.fragment)
        ids = site.page(target).ids
        line_range = re.fullmatch(r"(L\d+)-(L\d+)", fragment)  # a source range: both ends must exist
        if (line_range and not {line_range.group(1), line_range.group(2)} <= ids) or \
                (not line_range and fragment not in ids):
            report.problems.append(
                f"{where}:{ref.line}: broken anchor {url} -> no id {fragment!r} in {site.show(target)}")
