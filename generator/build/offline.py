"""The offline bundle: each year's site as a zip that works opened from disk.

Made from the year's own MkDocs output, after its build, by rewriting its
files for file:// (build/bundle_html.py: links end in `.html`, search index
inlined into `search/search_index.js` so search works from `file://`, no
version selector, no cross-year scripts, no social cards); no second MkDocs
build. Material's offline plugin would load its web-worker shim from a CDN;
the bundle uses a copy in site_overrides (iframe-worker, MIT), so no request
leaves the machine. Links to other years point at the published site where
there is an address, and are plain text without one.

The zip is deterministic: entries sorted, one folder `helsebudsjettet-<year>/`,
every entry dated by the year's sources (not the clock), fixed permissions.
The year's data page links it with its size: MkDocs writes a placeholder
(SIZE_PLACEHOLDER) where the size goes, and the size is put in once the zip
exists (the data page and the search index). It is kept in the build cache
by the year's pages key: an unchanged year reuses it.
"""
from __future__ import annotations

import io
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

BUNDLE_DIR = "data"  # the zip lies beside the year's other downloads


def bundle_name(year: int) -> str:
    return f"helsebudsjettet-{year}.zip"


SIZE_PLACEHOLDER = "HB0BUNDLE0SIZE0"  # ASCII: the same bytes in the data page and in the JSON search index


@dataclass(frozen=True)
class OfflineJob:
    """What the worker needs to make (or reuse) one year's bundle."""
    year: int
    docs_dir: Path  # build/docs/<year>: which pages are no index (om.md -> om.html)
    cache_file: Path | None  # build/cache/offline/<key>.zip to reuse (None: --clean)
    epoch: int  # the date of the year's sources: every zip entry's time
    store_file: Path | None = None  # where to keep what was built (the same file; None: no cache)
    site_address: str | None = None  # the published site: where links to other years go


# zlib's fast deflate: level 2 takes 0.7 s CPU for the five years' bundles where
# level 6 took 1.9 s; they are 17.0 MB where they were 14.6 MB (level 1: as
# fast, 17.7 MB; level 9: 3.9 s, 14.5 MB). Measured 7 December 2026.
DEFLATE_LEVEL = 2
# Files that are compressed already: deflating them again costs time and saves nothing.
STORED_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".gif", ".webp", ".zip", ".gz", ".woff", ".woff2"})


def zip_tree(folder: Path, top: str, epoch: int) -> bytes:
    """Every file under folder in a zip, under `top/` (zip_files)."""
    return zip_files(((p.relative_to(folder).as_posix(), p.read_bytes()) for p in folder.rglob("*") if p.is_file()),
                     top, epoch)


def zip_files(files: Iterable[tuple[str, bytes]], top: str, epoch: int) -> bytes:
    """(path, bytes) in a zip under `top/`, sorted by path (folder by folder), dated
    by `epoch`; text deflated, already compressed files (STORED_SUFFIXES) stored."""
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for rel, data in sorted(files, key=lambda item: item[0].split("/")):
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=stamp)
            stored = Path(rel).suffix.lower() in STORED_SUFFIXES
            info.compress_type = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
            info.create_system = 3  # unix, so that the permissions below are read
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compresslevel=None if stored else DEFLATE_LEVEL)
    return buffer.getvalue()


def make_bundle(job: OfflineJob, site: Path) -> bytes:
    """The year's bundle from its built site (`site`: the year's folder), or from the cache."""
    from generator.build.bundle_html import Bundle, page_moves
    from generator.build.cache import read_verified, write_verified

    if job.cache_file is not None:
        cached = read_verified(job.cache_file)
        if cached is not None:
            return cached
    bundle = Bundle(job.year, page_moves(job.docs_dir), job.site_address)
    data = zip_files(bundle.files(site, (f"{BUNDLE_DIR}/{bundle_name(job.year)}",)),
                     f"helsebudsjettet-{job.year}", job.epoch)
    if job.store_file is not None:
        write_verified(job.store_file, data)
    return data


def size_text(size: int) -> str:
    """'3,2 MB' (Norwegian decimal comma; 1 MB = 1 000 000 bytes, as file managers show)."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1000))} kB"


def place_bundle(job: OfflineJob, site: Path, data: bytes) -> None:
    """Put the zip beside the year's other downloads and its size where the
    data page (and the search index) hold SIZE_PLACEHOLDER."""
    target = site / BUNDLE_DIR / bundle_name(job.year)  # MkDocs copied the empty stand-in there
    tmp = target.with_suffix(".tmp")
    tmp.write_bytes(data)
    tmp.replace(target)
    size = size_text(len(data)).encode("utf-8")
    for rel in (f"{BUNDLE_DIR}/index.html", "search/search_index.json"):
        path = site / rel
        if path.is_file():
            text = path.read_bytes()
            if SIZE_PLACEHOLDER.encode() in text:
                path.write_bytes(text.replace(SIZE_PLACEHOLDER.encode(), size))


# --- what the MkDocs hooks do for the bundle (build/mkdocs_hooks.py calls these) ---



def bundle_paragraph(extra: dict) -> str:
    """The data page's words about the bundle: a link with its size (the
    bundle's own data page says what it is instead, bundle_html.Bundle)."""
    year = extra.get("budget_year")
    address = extra.get("site_address")
    bundle = extra.get("offline_bundle")
    if not bundle:
        return ""
    other = "går til nettstedet" if address else "er tekst uten lenke"
    return (f"**[Last ned hele {year} for lesing uten nett]({bundle['file']})** (ZIP, {bundle['size']}): "
            f"pakk ut mappen og åpne `index.html` i nettleseren. Lenkene og søket virker uten nett, og ingen "
            f"forespørsel går ut fra maskinen; lenker til andre budsjettår {other}.")
