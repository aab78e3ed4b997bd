"""When each budget year's sources last changed: for "Sist oppdatert" and the feeds.

SOURCE_DATE_EPOCH (the reproducible-builds convention) wins for every year;
else the commit date of the year's files in source/ (git log). Never the
wall clock, so that a rebuild of the same commit is byte-identical. Where
neither is known (no git, files not committed) the year has no date and the
pages say nothing rather than something made up.
"""
from __future__ import annotations

import subprocess
from collections.abc import Mapping
from datetime import datetime, timezone
from pathlib import Path

MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")


def _iso(epoch: int) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).date().isoformat()


def _commit_epoch(root: Path, files: list[str]) -> int | None:
    try:
        out = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct", "--", *files],
                             capture_output=True, text=True, timeout=30, check=False).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return int(out) if out.isdigit() else None


def source_dates(root: Path, files_by_year: Mapping[int, list[str]],
                 environ: Mapping[str, str]) -> tuple[tuple[int, str], ...]:
    """((year, ISO date), ...) for the years whose date is known, year order."""
    fixed = environ.get("SOURCE_DATE_EPOCH", "").strip()
    out = []
    for year in sorted(files_by_year):
        if fixed.isdigit():
            out.append((year, _iso(int(fixed))))
            continue
        epoch = _commit_epoch(root, [f"source/{f}" for f in files_by_year[year]])
        if epoch is not None:
            out.append((year, _iso(epoch)))
    return tuple(out)


def norwegian_date(iso: str) -> str:
    """"2024-01-30" -> "30. januar 2024"."""
    y, m, d = (int(p) for p in iso.split("-"))
    return f"{d}. {MONTHS[m - 1]} {y}"
