"""corrections.yml: the corrections made to published pages, for the about page.

Each entry has `dato` (YYYY-MM-DD), `side` (the page's URL from the site
root, as in published-urls.txt) and `endring` (what changed, Norwegian). A
malformed entry is a one-line error naming it; no file means no corrections.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from generator.diagnostics import InputError

CORRECTIONS = "corrections.yml"


@dataclass(frozen=True)
class Correction:
    """One correction of a published page; the about page lists them (render/pages/about_page.py)."""
    date: str  # ISO date
    page: str  # the page's URL from the site root, "2025/kapittel/2751/"
    change: str  # what changed, Norwegian
_PAGE = re.compile(r"\d{4}/(?:[a-z0-9][a-z0-9._-]*/)*")


def read_corrections(root: Path) -> tuple[Correction, ...]:
    import yaml

    path = root / CORRECTIONS
    if not path.is_file():
        return ()
    try:
        # BaseLoader: every value a string, so that a bad date is named by its entry
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.BaseLoader) or []  # noqa: S506
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(CORRECTIONS, mark.line + 1 if mark else 0, f"not valid YAML: {exc}") from None
    if not isinstance(data, list):
        raise InputError(CORRECTIONS, 0, "must be a list of entries with dato, side and endring")
    out = []
    for number, entry in enumerate(data, start=1):
        if not isinstance(entry, dict) or set(entry) != {"dato", "side", "endring"}:
            raise InputError(CORRECTIONS, 0, f"entry {number}: needs exactly dato, side and endring")
        when, page, what = entry["dato"], str(entry["side"]).strip().lstrip("/"), str(entry["endring"]).strip()
        if isinstance(when, str):
            try:
                when = date.fromisoformat(when)
            except ValueError:
                when = None
        if not isinstance(when, date):
            raise InputError(CORRECTIONS, 0, f"entry {number}: dato must be a date like 2026-11-29")
        if not _PAGE.fullmatch(page) or not what:
            raise InputError(CORRECTIONS, 0, f"entry {number}: side must be a page URL like 2025/kapittel/740/, "
                             "and endring must say what changed")
        out.append(Correction(when.isoformat(), page, " ".join(what.split())))
    return tuple(sorted(out, key=lambda c: (c.date, c.page), reverse=True))
