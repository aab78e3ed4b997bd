"""MkDocs hooks (registered by the per-year config site.year_config writes).

Each year is built as `mike deploy <year>` would build it, but from its
config rather than the environment (the generator neither reads nor writes
os.environ outside settings and the CLI): `on_config` points site_url at
mike's canonical version, as mike's plugin does when MIKE_DOCS_VERSION is
set, and `on_pre_page` dates every page by the year's sources
(`extra.page_date`), as MkDocs does by SOURCE_DATE_EPOCH, so the sitemap's
<lastmod> and the gzip header of sitemap.xml.gz do not change with the day.

Source views are put in after Markdown. A source view page (see
render/fulltext.render_source_view) is a short Markdown head, a marker
comment, and the pre-rendered HTML of every line of the document. There is
nothing in those lines for Markdown to do, yet Python-Markdown's raw-HTML
handling of tens of thousands of lines was the slowest part of a build; so
`on_page_markdown` cuts the HTML off, Markdown renders the head and a
placeholder paragraph, and `on_page_content` swaps the HTML in and registers
the line anchors (#L123), so MkDocs' strict anchor validation still checks
every link to a source line.
"""
from __future__ import annotations

import posixpath
import re
from urllib.parse import urljoin

from generator.build.offline import bundle_paragraph, offline_links
from generator.link.urls import OFFLINE_BUNDLE_MARKER, SOURCE_VIEW_MARKER, url_of

PLACEHOLDER = "KILDEVISNING-PLASSHOLDER"
_LINE_ID = re.compile(r'<span id="(L\d+)"')


class LineAnchors(set):
    """A page's anchors, where a line range "#L12-L30" exists when both its ends do
    (a link to a source range highlights every line of it)."""

    def __contains__(self, anchor: object) -> bool:
        m = _RANGE.fullmatch(anchor) if isinstance(anchor, str) else None
        if m:
            return set.__contains__(self, m.group(1)) and set.__contains__(self, m.group(2))
        return set.__contains__(self, anchor)


_RANGE = re.compile(r"(L\d+)-(L\d+)")


def on_config(config):
    _load_memo(config)
    mike = config.plugins.get("mike")
    if mike is not None and config.site_url:
        version = mike.config["canonical_version"] or str(config.extra["budget_year"])
        config.site_url = urljoin(config.site_url, version)  # mike's rule (mike/mkdocs_plugin.py)
    return config


def on_pre_page(page, config, files):
    page.update_date = config.extra["page_date"]
    if config.extra.get(MEMO_OUT):
        _record_render(page, config)
    elif config.extra.get(_MEMO):
        _reuse_render(page, config)
    return page


# --- one Markdown conversion for a year's two builds --------------------------------
# The offline bundle's build (first) converts every page's Markdown; the year's
# own build (next, in the same worker) converts the same Markdown again, only
# its links to other pages differ (`kapittel/714/index.html` there, `kapittel/714/`
# here). So the bundle's build keeps each page's conversion (MEMO_OUT: a pickle
# beside the configs, build/offline.py), and the year's build takes it for a
# page in its own folder (`.../index.md`, whose folder is the same in both
# layouts) whose Markdown is byte for byte the same, with the links MkDocs made
# to other pages made again as MkDocs makes them here (`get_relative_url`); any
# other page is converted as usual. The bundle's strict build has checked the
# links and anchors of the pages taken.
MEMO_OUT, MEMO_IN, _MEMO = "hb_markdown_memo_out", "hb_markdown_memo_in", "_hb_markdown_memo"
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')


def _load_memo(config) -> None:
    """The memo this build records into, or reads from (a missing file: none)."""
    import pickle
    from pathlib import Path

    if config.extra.get(MEMO_OUT):
        config.extra[_MEMO] = {}
    elif config.extra.get(MEMO_IN) and Path(config.extra[MEMO_IN]).is_file():
        config.extra[_MEMO] = pickle.loads(Path(config.extra[MEMO_IN]).read_bytes())


def on_post_build(config) -> None:
    import pickle
    from pathlib import Path

    if config.extra.get(MEMO_OUT):
        Path(config.extra[MEMO_OUT]).write_bytes(pickle.dumps(config.extra[_MEMO], protocol=pickle.HIGHEST_PROTOCOL))


def _digest(markdown: str) -> str:
    import hashlib

    return hashlib.sha256(markdown.encode("utf-8")).hexdigest()


def _record_render(page, config) -> None:
    original = page.render

    def render(cfg, files):
        original(cfg, files)
        config.extra[_MEMO][page.file.src_uri] = (_digest(page.markdown), page.content, page.toc,
                                                  page._title_from_render, set(page.present_anchor_ids or ()))
    page.render = render


def _reuse_render(page, config) -> None:
    hit = config.extra[_MEMO].get(page.file.src_uri)
    if hit is None or page.file.name != "index":
        return
    original = page.render

    def render(cfg, files):
        digest, content, toc, title, anchors = hit
        if digest != _digest(page.markdown):
            return original(cfg, files)
        page.content = _links_here(content, page, files)
        page.toc, page._title_from_render, page.present_anchor_ids = toc, title, set(anchors)
        return None
    page.render = render


def _links_here(html: str, page, files) -> str:
    """The bundle's links to other pages (`../om.html`, `../740/index.html#post-21`) as this build makes them."""
    from urllib.parse import unquote, urlsplit, urlunsplit

    from mkdocs.utils import get_relative_url

    by_offline = {f.src_uri[:-3] + ".html": f for f in files.documentation_pages()}
    folder = posixpath.dirname(page.file.src_uri)

    def fix(m: re.Match) -> str:
        scheme, netloc, path, query, fragment = urlsplit(m.group(2))
        if scheme or netloc or not path.endswith(".html"):
            return m.group(0)
        target = by_offline.get(posixpath.normpath(posixpath.join(folder, unquote(path))))
        if target is None:
            return m.group(0)
        return m.group(1) + urlunsplit(("", "", get_relative_url(target.url, page.file.url), query, fragment)) + m.group(3)

    return _HREF.sub(fix, html)


def on_page_markdown(markdown: str, page, config, files) -> str:
    if OFFLINE_BUNDLE_MARKER in markdown:  # the data page: the bundle's link and size (build/offline.py)
        markdown = markdown.replace(OFFLINE_BUNDLE_MARKER, bundle_paragraph(config.extra))
    head, marker, view = markdown.partition("\n" + SOURCE_VIEW_MARKER + "\n")
    if not marker:
        return markdown
    page.kildevisning = view  # kept on the page object until its HTML exists
    return head + "\n\n" + PLACEHOLDER + "\n"


def on_page_content(html: str, page, config, files) -> str:
    view = getattr(page, "kildevisning", None)
    if view is None:
        return html
    del page.kildevisning
    placeholder = f"<p>{PLACEHOLDER}</p>"
    if placeholder not in html:
        raise ValueError(f"{page.file.src_uri}: the source view's placeholder is missing after Markdown")
    page.present_anchor_ids = LineAnchors((page.present_anchor_ids or set()) | set(_LINE_ID.findall(view)))
    return html.replace(placeholder, view.rstrip("\n"), 1)


def on_post_page(output: str, page, config) -> str:
    """In the offline bundle's build only: raw links made for file:// (build/offline.offline_links)."""
    if not config.extra.get("offline"):
        return output
    online_folder = url_of(page.file.src_uri).rstrip("/")
    offline_folder = posixpath.dirname(page.url)
    return offline_links(output, online_folder, offline_folder, config.extra.get("site_address"))
