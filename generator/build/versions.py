"""Site versions: mike's version list, the alias redirects and the root redirect.

One site version per budget year. The newest year carries the alias
`latest`; with mike's `alias_type: redirect` every HTML page of the newest
year gets a twin under `latest/` that redirects to it. `build` writes the
same layout into `site/` (so the local preview behaves like the published
site) that `publish` writes to the gh-pages branch through mike.
"""
from __future__ import annotations

import html
import json
import posixpath
from importlib import resources
from pathlib import Path

LATEST = "latest"


def versions_json(years: list[int]) -> str:
    """`versions.json` as mike writes it: newest first, alias `latest` on the newest."""
    newest = max(years)
    data = [
        {"version": str(y), "title": str(y), "aliases": [LATEST] if y == newest else []}
        for y in sorted(years, reverse=True)
    ]
    return json.dumps(data, indent=2) + "\n"


def redirect_html(target: str) -> str:
    """A page that sends the reader on (like mike's redirect template)."""
    t = html.escape(target, quote=True)
    return (
        "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Videresender …</title>\n<link rel=\"canonical\" href=\"{t}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n"
        f"<script>window.location.replace(\"{t}\" + window.location.hash);</script>\n"
        f"</head>\n<body>\n<p>Videresender til <a href=\"{t}\">{t}</a>.</p>\n</body>\n</html>\n"
    )


def root_index_html(newest: int) -> str:
    return redirect_html(f"{newest}/")


def _mike_redirect_template():
    """mike's own redirect template, so local alias pages equal the published ones."""
    from jinja2 import Template

    text = resources.files("mike").joinpath("templates/redirect.html").read_text(encoding="utf-8")
    return Template(text, autoescape=True, keep_trailing_newline=True)


def alias_redirect_pages(version_dir: Path, alias: str = LATEST) -> dict[str, str]:
    """`{path under the site root: html}` for the alias of the version in version_dir.

    Mirrors mike's `alias_type: redirect` (commands._add_redirect_to_commit,
    use_directory_urls): one redirect page per HTML file, pointing at the same
    page of the real version; other files are not copied.
    """
    template = _mike_redirect_template()
    version = version_dir.name
    pages: dict[str, str] = {}
    for path in sorted(version_dir.rglob("*.html")):
        rel = path.relative_to(version_dir).as_posix()
        src = posixpath.join(alias, rel)
        dst = posixpath.join(version, rel)
        href = posixpath.relpath(dst, posixpath.dirname(src))
        if posixpath.basename(href) == "index.html":
            href = posixpath.dirname(href) + "/"
        pages[src] = template.render(href=href)
    return pages


def write_alias_redirects(site_dir: Path, newest: int, alias: str = LATEST) -> int:
    """Write `site_dir/<alias>/...` redirecting to `site_dir/<newest>/...`; returns the page count."""
    version_dir = site_dir / str(newest)
    if not version_dir.is_dir():
        return 0
    pages = alias_redirect_pages(version_dir, alias)
    for rel, text in pages.items():
        path = site_dir / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    return len(pages)
