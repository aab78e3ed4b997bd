"""URLs that never break: the published list, the redirects, and the check.

`published-urls.txt` (in the repository, one URL path per line from the site
root, "2024/kapittel/740/") lists every page the site has ever published.
`redirects.yml` maps a URL that no longer has a page to its successor in
the same year ("2021/oppdrag/tb2021-43/: 2021/oppdrag/tb2021-43-2/"); the
build turns it into each year's `redirect_maps` for the mkdocs-redirects
plugin, which writes the redirect pages (and fails the strict build when a
target has no page).

After the years are built, `lost_urls` lists every published URL of a built
year that has neither a page nor a redirect page: the build fails with that
list, and the previous site stays. New pages are additions: the list grows
(`add_urls`, which the `build` command writes back so that the change is
reviewed in the commit that makes it; `--check-urls` only checks, for CI).
Only pages count: an HTML page under a year, not its assets, charts, cards
or data files, and not mike's `latest/` alias (which follows the newest year).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from generator.diagnostics import InputError

PUBLISHED = "published-urls.txt"
REDIRECTS = "redirects.yml"
HEADER = """\
# Every page URL this site has published, from the site root, one per line, sorted.
# A URL listed here must keep resolving: to its page, or to a redirect page from
# redirects.yml. `python -m generator build` adds the pages a build has made that
# are not listed yet, and fails with the list of listed URLs that would 404.
# Review the additions and commit this file with the change that made them.
"""
_URL = re.compile(r"(?P<year>\d{4})/(?:[a-z0-9][a-z0-9._-]*/)*")
_SKIP_DIRS = {"assets", "search", "kort"}


def page_urls(site_dir: Path, years: Iterable[int], files: Iterable[str] | None = None) -> set[str]:
    """Every HTML page of the given years in a built site (pages and redirect
    pages), as URL paths from the site root ("2024/kapittel/740/", "2024/").
    `files`: the site's files from its root, where the caller knows them (a
    no-op build: the state's record, just checked), instead of a walk."""
    urls: set[str] = set()
    wanted = {str(y) for y in years}
    if files is None:
        files = (p.relative_to(site_dir).as_posix() for y in sorted(wanted) for p in (site_dir / y).rglob("*.html"))
    for rel in files:
        if not rel.endswith(".html") or rel.split("/", 1)[0] not in wanted:
            continue
        parts = rel.split("/")
        if len(parts) > 1 and parts[1] in _SKIP_DIRS or rel == f"{parts[0]}/404.html":
            continue
        urls.add(rel[: -len("index.html")] if parts[-1] == "index.html" else rel)
    return urls


def read_published(root: Path) -> list[str]:
    """The published URLs (comments and blank lines skipped); [] before the first list."""
    path = root / PUBLISHED
    if not path.is_file():
        return []
    urls = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not _URL.fullmatch(line) and not line.endswith(".html"):
            raise InputError(PUBLISHED, number, f"not a URL path from the site root like '2024/kapittel/740/': {line!r}")
        urls.append(line)
    return urls


def read_redirects(root: Path) -> dict[str, str]:
    """redirects.yml: {old URL path: new URL path}, both in the same year and
    ending in "/" ({} when there is no file). A bad entry is a one-line error."""
    import yaml

    path = root / REDIRECTS
    if not path.is_file():
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(REDIRECTS, mark.line + 1 if mark else 0, f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise InputError(REDIRECTS, 0, "must be a mapping of old URL: new URL")
    out: dict[str, str] = {}
    for old, new in data.items():
        old, new = str(old).strip().lstrip("/"), str(new).strip().lstrip("/")
        for url in (old, new):
            if not _URL.fullmatch(url):
                raise InputError(REDIRECTS, 0, f"{url!r} is not a page URL from the site root like '2024/kapittel/740/'")
        if old.split("/")[0] != new.split("/")[0]:
            raise InputError(REDIRECTS, 0, f"{old} -> {new}: a redirect stays in its budget year")
        if old == new:
            raise InputError(REDIRECTS, 0, f"{old} redirects to itself")
        out[old] = new
    return out


def _docs_path(url: str) -> str:
    """'2024/oppdrag/tb2021-43/' -> 'oppdrag/tb2021-43/index.md' (in the year's docs)."""
    inside = url.split("/", 1)[1]
    return inside + "index.md"


def year_redirect_maps(redirects: dict[str, str], year: int) -> dict[str, str]:
    """The year's entries as the mkdocs-redirects plugin's `redirect_maps` (docs paths)."""
    prefix = f"{year}/"
    return {_docs_path(old): _docs_path(new) for old, new in sorted(redirects.items()) if old.startswith(prefix)}


def lost_urls(published: Iterable[str], present: set[str], checked_years: Iterable[int],
              known_years: Iterable[int]) -> list[str]:
    """Published URLs that would 404: of a year that was built (or kept), with
    no page and no redirect page; or of a year no longer in the sources."""
    checked, known = {str(y) for y in checked_years}, {str(y) for y in known_years}
    lost = []
    for url in published:
        year = url.split("/", 1)[0]
        if (year in checked and url not in present) or year not in known:
            lost.append(url)
    return lost


def lost_message(lost: list[str]) -> str:
    shown = "\n".join(f"  {url}" for url in lost[:200])
    more = f"\n  ... and {len(lost) - 200} more" if len(lost) > 200 else ""
    return (f"{len(lost)} published URL(s) would 404 (no page, no redirect); add each to {REDIRECTS} "
            f"as 'old: new' (the successor page in the same year):\n{shown}{more}")


def added_urls(published: Iterable[str], present: set[str]) -> list[str]:
    return sorted(present - set(published))


def add_urls_message(added: list[str]) -> str:
    """For a build that only checks (CI): the pages the committed list lacks."""
    shown = "\n".join(f"  {url}" for url in added[:50])
    more = f"\n  ... and {len(added) - 50} more" if len(added) > 50 else ""
    return (f"{len(added)} page(s) not in {PUBLISHED}: run `python -m generator build` (it adds them), "
            f"review the diff and commit {PUBLISHED}:\n{shown}{more}")


def write_published(root: Path, urls: Iterable[str]) -> None:
    path = root / PUBLISHED
    text = HEADER + "".join(f"{u}\n" for u in sorted(set(urls)))
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8", newline="\n")
    tmp.replace(path)
