"""One year through MkDocs: its generated pages written into build/docs/<year>,
its config (inheriting the shared mkdocs.yml), the MkDocs build in-process
with its warnings collected, the 404 page pointed at the year, and the
year's offline bundle made from the built site."""
from __future__ import annotations

import logging
import shutil
from pathlib import Path

import yaml

from generator.build import mkdocs_hooks
from generator.build.offline import BUNDLE_DIR, SIZE_PLACEHOLDER, OfflineJob, bundle_name, make_bundle, place_bundle
from generator.settings import Settings


def write_pages(docs_dir: Path, pages: dict[str, str | bytes]) -> None:
    if docs_dir.exists():
        shutil.rmtree(docs_dir)
    for rel_path, content in sorted(pages.items()):
        path = docs_dir / rel_path
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="\n")


def year_config(year: int, newest: int, nav: list, build_dir: Path, out_dir: Path, root: Path,
                settings: Settings, epoch: int, redirect_maps: dict[str, str] | None = None) -> Path:
    """A per-year MkDocs config that inherits the shared mkdocs.yml; the site
    address comes from the settings (None: no canonical links). `page_date`
    (the date of the year's sources) dates every page for the sitemap and
    its gzip header (mkdocs_hooks.on_pre_page), instead of the clock."""
    from generator.read.sourcedates import iso_date

    from generator.render.markdown import nav_titles

    config = {
        "INHERIT": str(Path("..") / "mkdocs.yml"),
        "docs_dir": f"docs/{year}",
        "site_dir": str(out_dir.resolve()),
        "site_url": settings.site_url,
        "site_name": f"Helsebudsjettet {year}",
        "nav": nav_titles(nav),  # the theme inserts nav titles raw
        "strict": True,
        "theme": {"name": "material", "custom_dir": "../site_overrides"},
        "hooks": [str(Path(mkdocs_hooks.__file__).resolve())],
        "extra": {"budget_year": year, "newest_year": newest, "page_date": iso_date(epoch),
                  # the year's own address (og:url, og:image) and the site's (the offline bundle's links)
                  "year_url": settings.page_url(year, ""), "site_address": settings.site_url,
                  **_updated(settings.source_date(year))},
    }
    if redirect_maps:  # redirects.yml's entries for this year (build/published.py): the plugin writes the pages
        from generator.settings import load_config_text

        shared = load_config_text((root / "mkdocs.yml").read_text(encoding="utf-8")).get("plugins") or []
        config["plugins"] = [p for p in shared if (p if isinstance(p, str) else next(iter(p))) != "redirects"] \
            + [{"redirects": {"redirect_maps": redirect_maps}}]
    path = build_dir / f"mkdocs-{year}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _updated(iso: str | None) -> dict:
    """The theme's "Sist oppdatert" line (site_overrides/main.html): only with a known date."""
    from generator.lexicon import norwegian_date

    return {"sist_oppdatert": {"iso": iso, "tekst": norwegian_date(iso)}} if iso else {}


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def run_mkdocs(config_path: Path) -> list[str]:
    """Build one year in-process; returns MkDocs' warnings (strict: any one fails)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    log = logging.getLogger("mkdocs")
    collect = _Collect()
    log.addHandler(collect)
    old_level = log.level
    log.setLevel(logging.WARNING)
    try:
        cfg = load_config(str(config_path))
        build(cfg)
    except MkDocsException as exc:
        collect.messages.append(f"MkDocs aborted: {exc}")
    finally:
        log.removeHandler(collect)
        log.setLevel(old_level)
    return collect.messages


def build_year_html(year: int, config_path: Path, settings: Settings, offline: OfflineJob | None = None) -> list[str]:
    """One year's MkDocs build (in a worker process), then its offline bundle
    made from the built site (build/offline.py), whose size the data page
    gets; returns MkDocs' warnings."""
    config = yaml.safe_load(config_path.read_text(encoding="utf-8"))
    if offline is not None:  # the data page links the zip; its size is put in once the zip exists
        config["extra"]["offline_bundle"] = {"file": bundle_name(year), "size": SIZE_PLACEHOLDER}
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        stand_in = offline.docs_dir / BUNDLE_DIR / bundle_name(year)  # for MkDocs' strict link check
        stand_in.parent.mkdir(parents=True, exist_ok=True)
        stand_in.write_bytes(b"")
    problems = run_mkdocs(config_path)
    if problems:
        return problems
    out_dir = Path(config["site_dir"])
    point_404_at_year(out_dir / "404.html", year, settings)
    if offline is not None:
        place_bundle(offline, out_dir, make_bundle(offline, out_dir))
    return []


def point_404_at_year(page: Path, year: int, settings: Settings) -> None:
    """MkDocs writes 404.html with absolute URLs: under the canonical version
    (/latest/...) with a site address, at the root ("/assets/...") without one.
    The `latest` alias holds only redirect pages and the root holds no assets,
    so point them at the year's own folder, where the 404 page has its styles."""
    if not page.is_file():
        return
    import re
    from urllib.parse import urlsplit

    text = page.read_text(encoding="utf-8")
    if settings.site_url:
        base = urlsplit(settings.site_url).path or "/"
        text = text.replace(f'"{base}latest/', f'"{base}{year}/').replace(f'"{base}latest"', f'"{base}{year}"')
    else:  # no address: assume the site is served from the host's root
        text = re.sub(r'((?:href|src)=")/(?![/.])', rf"\1/{year}/", text)
        text = text.replace('href="//../', 'href="/').replace('href="/."', f'href="/{year}/"').replace('"base": "/"', f'"base": "/{year}/"')
        text = text.replace('"search": "/assets/', f'"search": "/{year}/assets/')
        text = re.sub(r'((?:href|src)=")//(?![/.])', rf"\1/{year}/", text)  # "{{ base_url }}/x" with base "/"
    page.write_text(text, encoding="utf-8")
