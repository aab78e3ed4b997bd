"""When each budget year's sources last changed: for "Sist oppdatert" and the feeds.

SOURCE_DATE_EPOCH (the reproducible-builds convention, read by settings) wins for every year;
else the commit date of the year's files in source/ (git log). Never the
wall clock, so that a rebuild of the same commit is byte-identical. Where
neither is known (no git, files not committed) the year has no date and the
pages say nothing rather than something made up.
"""
from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from generator.diagnostics import InputError
from generator.read.sources import load_manifest
from generator.settings import Settings


def iso_date(epoch: int) -> str:
    """Seconds since the epoch -> "2024-01-30" (UTC), as MkDocs dates a page."""
    return datetime.fromtimestamp(epoch, tz=timezone.utc).date().isoformat()


def _commit_epoch(root: Path, files: list[str]) -> int | None:
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct", "--", *files],
                             capture_output=True, text=True, timeout=30, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return int(out) if out.isdigit() else None


def source_dates(root: Path, files_by_year: Mapping[int, list[str]],
                 fixed_epoch: int | None) -> tuple[tuple[int, str], ...]:
    """((year, ISO date), ...) for the years whose date is known, year order."""
    return dates_and_epochs(root, files_by_year, fixed_epoch)[0]


def dated_settings(root: Path, settings: Settings) -> Settings:
    """`settings` with the date of each year's sources in the manifest."""
    try:
        entries = load_manifest(root / "source")
    except (InputError, OSError):  # the build reports a bad manifest itself, with its line
        return settings
    files: dict[int, list[str]] = {}
    for e in entries:
        files.setdefault(e.year, []).append(e.file)
    dates, epochs = dates_and_epochs(root, files, settings.fixed_source_epoch)
    return replace(settings, source_dates=dates, source_epochs=epochs)


def dates_and_epochs(root: Path, files_by_year: Mapping[int, list[str]], fixed_epoch: int | None) \
        -> tuple[tuple[tuple[int, str], ...], tuple[tuple[int, int], ...]]:
    """Each year's sources' date, in one pass: ((year, ISO date), ...) where it
    is known (SOURCE_DATE_EPOCH, else the commit date), for the pages; and
    ((year, seconds since the epoch), ...), for MkDocs' sitemap and its gzip
    header, where a year without either has its files' newest modification
    time (a folder that is not a git checkout still builds the same bytes
    twice)."""
    dates, epochs = [], []
    for year in sorted(files_by_year):
        names = files_by_year[year]
        epoch = fixed_epoch if fixed_epoch is not None else _commit_epoch(root, [f"source/{f}" for f in names])
        if epoch is not None:
            dates.append((year, iso_date(epoch)))
        else:
            try:
                epoch = max(int((root / "source" / f).stat().st_mtime) for f in names)
            except OSError:  # a missing source: the build reports it by name
                continue
        epochs.append((year, epoch))
    return tuple(dates), tuple(epochs)


