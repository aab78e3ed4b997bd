"""The offline bundle: each year's site as a zip that works opened from disk.

A second MkDocs build of the year's pages with Material's `offline` plugin
(links end in `.html`, `use_directory_urls: false`; the search index is
inlined into `search/search_index.js`, so search works from `file://`),
without mike's version selector and without the scripts that read other
years (idsearch.js, versjon.js). The plugin would load its web-worker shim
from a CDN; the bundle uses a copy in site_overrides (iframe-worker, MIT),
so no request leaves the machine. Links to other years (written as HTML by
render/links.py) point at the published site where there is an address,
and are plain text without one (mkdocs_hooks.offline_links).

The zip is deterministic: entries sorted, one folder `helsebudsjettet-<year>/`,
every entry dated by the year's sources (not the clock), fixed permissions.
It is built in the worker that builds the year (before the year's own
MkDocs build, whose data page links it with its size), and kept in the
build cache by the year's pages key: an unchanged year reuses it.
"""
from __future__ import annotations

import os
import posixpath
import re
import shutil
import time
import zipfile
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path

import yaml

BUNDLE_DIR = "data"  # the zip lies beside the year's other downloads


def bundle_name(year: int) -> str:
    return f"helsebudsjettet-{year}.zip"


@dataclass(frozen=True)
class OfflineJob:
    """What the worker needs to make (or reuse) one year's bundle."""
    year: int
    config: Path  # build/mkdocs-<year>-offline.yml
    out_dir: Path  # build/offline/<year>
    docs_dir: Path  # build/docs/<year>: the zip is put into its data/ for the year's own build
    cache_file: Path | None  # build/cache/offline/<key>.zip to reuse (None: --clean)
    epoch: int  # the date of the year's sources: every zip entry's time
    store_file: Path | None = None  # where to keep what was built (the same file; None: no cache)


def memo_path(build_dir: Path, year: int) -> Path:
    """Where the bundle's build keeps its pages' Markdown conversions for the year's own build."""
    return (build_dir / f"mkdocs-{year}-markdown.pickle").resolve()


def offline_plugins(shared_plugins: list, redirect_maps: dict[str, str]) -> list:
    """The shared config's plugins with mike left out and `offline` added
    (and the year's redirects, as in the year's own build)."""
    out: list = []
    for entry in shared_plugins or []:
        name = entry if isinstance(entry, str) else next(iter(entry))
        if name in ("mike", "offline", "redirects"):
            continue
        out.append(entry)
    if redirect_maps:
        out.append({"redirects": {"redirect_maps": redirect_maps}})
    out.append("offline")
    return out


def offline_config(year: int, online_config: dict, shared: dict, build_dir: Path,
                   redirect_maps: dict[str, str]) -> tuple[Path, Path]:
    """build/mkdocs-<year>-offline.yml from the year's own config; returns it and its site_dir."""
    out_dir = (build_dir / "offline" / str(year)).resolve()
    extra = dict(online_config.get("extra", {}))
    extra.update({"offline": True, "version": None, "polyfills": ["assets/javascripts/offline/iframe-worker.js"],
                  # each page's Markdown conversion, kept for the year's own build (mkdocs_hooks)
                  "hb_markdown_memo_out": str(memo_path(build_dir, year))})
    config = dict(online_config)
    config.update({
        "site_dir": str(out_dir),
        "use_directory_urls": False,
        # The social cards (kort/, a fifth of a year's files by size) are for
        # sharing services; a bundle read from disk has no use for them, and
        # its pages print no og: tags (site_overrides/main.html).
        "exclude_docs": "\n".join(filter(None, [str(online_config.get("exclude_docs") or "").strip(), "/kort/"])) + "\n",
        "plugins": offline_plugins(shared.get("plugins", []), redirect_maps),
        "extra_javascript": [s for s in shared.get("extra_javascript", []) if "tables.js" in str(s)],
        "extra": extra,
    })
    path = build_dir / f"mkdocs-{year}-offline.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path, out_dir


# Files that are compressed already: deflating them again costs time and saves nothing.
STORED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".gz", ".woff", ".woff2"})


def zip_tree(folder: Path, top: str, epoch: int) -> bytes:
    """Every file under folder in a zip, under `top/`, sorted, dated by `epoch`;
    text deflated, already compressed files (STORED_SUFFIXES) stored as they are."""
    import io

    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    buffer = io.BytesIO()
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", date_time=stamp)
            stored = path.suffix.lower() in STORED_SUFFIXES
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so that the permissions below are read
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes(), compresslevel=None if stored else 6)
    return buffer.getvalue()


def make_bundle(job: OfflineJob, run_mkdocs) -> tuple[bytes | None, list[str]]:
    """The year's bundle: from the cache, or built by MkDocs and zipped (and
    cached). Returns (zip bytes, MkDocs' problems); None with problems."""
    from generator.build.cache import read_verified, write_verified

    if job.cache_file is not None:
        cached = read_verified(job.cache_file)
        if cached is not None:
            return cached, []
    problems = run_mkdocs(job.config)
    if problems:
        return None, [f"offline bundle: {p}" for p in problems]
    data = zip_tree(job.out_dir, f"helsebudsjettet-{job.year}", job.epoch)
    shutil.rmtree(job.out_dir, ignore_errors=True)
    if job.store_file is not None:
        write_verified(job.store_file, data)
    return data, []


def size_text(size: int) -> str:
    """'3,2 MB' (Norwegian decimal comma; 1 MB = 1 000 000 bytes, as file managers show)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"


def place_bundle(job: OfflineJob, data: bytes) -> dict:
    """Put the zip into the year's docs (its own build copies it) and return
    the data page's `extra.offline_bundle` entry."""
    target = job.docs_dir / BUNDLE_DIR / bundle_name(job.year)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    return {"file": bundle_name(job.year), "size": size_text(len(data)), "bytes": len(data)}


# --- what the MkDocs hooks do for the bundle (build/mkdocs_hooks.py calls these) ---



def bundle_paragraph(extra: dict) -> str:
    """The data page's words about the bundle: a link with its size in the
    year's own build; in the bundle itself, that this is the bundle."""
    year = extra.get("budget_year")
    address = extra.get("site_address")
    if extra.get("offline"):
        online = f" Nettstedet med alle budsjettår: <{address}>." if address else ""
        return f"Dette er den nedlastede utgaven av {year}, for lesing uten nett.{online}"
    bundle = extra.get("offline_bundle")
    if not bundle:
        return ""
    other = "går til nettstedet" if address else "er tekst uten lenke"
    return (f"**[Last ned hele {year} for lesing uten nett]({bundle['file']})** (ZIP, {bundle['size']}): "
            f"pakk ut mappen og åpne `index.html` i nettleseren. Lenkene og søket virker uten nett, og ingen "
            f"forespørsel går ut fra maskinen; lenker til andre budsjettår {other}.")


_A_HREF = re.compile(r'(<a\b[^>]*?)\shref="([^"]*)"')
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def offline_links(html: str, online_folder: str, offline_folder: str, site_address: str | None) -> str:
    """A bundle page's raw links as file:// needs them. Raw links (render/links.py,
    the about page's corrections) are written relative to the page's folder in
    the published layout (`online_folder`: "om" for om.md, "kapittel/740" for
    kapittel/740/index.md); here a link inside the year is made relative to
    the bundle page's folder (`offline_folder`: "" for om.html) and ends in
    index.html; a link out of the year (another budget year) goes to the
    published site, or loses its href (stays as text) when there is no address."""

    def fix(m: re.Match) -> str:
        tag, href = m.group(1), m.group(2)
        if not href or href.startswith("#") or _SCHEME.match(href):
            return m.group(0)
        cut = min([i for i in (href.find("#"), href.find("?")) if i >= 0], default=len(href))
        path, rest = href[:cut], href[cut:]
        if not path or not (path.endswith("/") or path in (".", "..")):
            return m.group(0)  # a file (a chart, a CSV): the same place in both layouts' folders
        target = posixpath.normpath(posixpath.join(online_folder, path))
        if target == ".." or target.startswith("../"):
            inside = target[3:]
            if site_address:
                return f'{tag} href="{site_address}{inside}{"/" if inside else ""}{rest}"'
            return f'{tag} data-hb-utenfor-aaret="{html_escape(target, quote=True)}"'
        relative = posixpath.relpath(target, offline_folder or ".")
        return f'{tag} href="{"" if relative == "." else relative + "/"}index.html{rest}"'

    return _A_HREF.sub(fix, html)
