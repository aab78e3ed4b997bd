"""MkDocs hooks (registered by the per-year config site.year_config writes).

Each year is built as `mike deploy <year>` would build it, but from its
config rather than the environment (the generator neither reads nor writes
os.environ outside settings and the CLI): `on_config` points site_url at
mike's canonical version, as mike's plugin does when MIKE_DOCS_VERSION is
set, and `on_pre_page` dates every page by the year's sources
(`extra.page_date`), as MkDocs does by SOURCE_DATE_EPOCH, so the sitemap's
<lastmod> and the gzip header of sitemap.xml.gz do not change with the day.

Source views are put in after Markdown. A source view page (see
render/pages/source_pages.render_source_view) is a short Markdown head, a marker
comment, and the pre-rendered HTML of every line of the document. There is
nothing in those lines for Markdown to do, yet Python-Markdown's raw-HTML
handling of tens of thousands of lines was the slowest part of a build; so
`on_page_markdown` cuts the HTML off, Markdown renders the head and a
placeholder paragraph, and `on_page_content` swaps the HTML in and registers
the line anchors (#L123), so MkDocs' strict anchor validation still checks
every link to a source line.
"""
from __future__ import annotations

import re
from urllib.parse import urljoin

from generator.build.offline import bundle_paragraph
from generator.link.urls import OFFLINE_BUNDLE_MARKER, SOURCE_VIEW_MARKER

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
    mike = config.plugins.get("mike")
    if mike is not None and config.site_url:
        version = mike.config["canonical_version"] or str(config.extra["budget_year"])
        config.site_url = urljoin(config.site_url, version)  # mike's rule (mike/mkdocs_plugin.py)
    return config


def on_env(env, config, files):
    from generator.build.template_cache import TEMPLATES

    env.bytecode_cache = TEMPLATES  # compiled once per process (build/template_cache.py)
    return env


def on_pre_page(page, config, files):
    page.update_date = config.extra["page_date"]
    return page


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
