"""`python -m generator publish`: every budget year as a mike version on gh-pages.

The site is built exactly as `build` builds it (site/: one folder per year,
each built with mike's plugin active so canonical links point at /latest/),
then each year's folder is committed to the deploy branch with mike's Python
API: version = title = the year, alias `latest` on the newest year
(`alias_type` and the redirect template come from the mike plugin entry in
mkdocs.yml), and the site root redirects to `latest`. Years already on the
branch that are no longer in the manifest are left alone, so a publish never
loses a year. Nothing is committed unless every year built.
"""
from __future__ import annotations

import contextlib
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from generator.diagnostics import Diagnostics, InputError, silent
from generator.read.sources import load_manifest
from generator.render.formats.root import ROOT_FILE_NAMES
from generator.build.versions import LATEST

EXIT_BUILD = 3
EXIT_GIT = 4


class PublishError(Exception):
    """Nothing (or not all) was published: the message says why, `code` is the exit status."""

    def __init__(self, message: str, code: int, diagnostics: Diagnostics | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.diagnostics = diagnostics


@dataclass(frozen=True)
class Published:
    years: list[int]
    branch: str
    diagnostics: Diagnostics  # what the build said
    build_seconds: float
    deploy_seconds: float

    def summary(self) -> str:
        return (f"published {len(self.years)} year(s) ({', '.join(map(str, self.years))}; {LATEST} = "
                f"{max(self.years)}) to {self.branch} in {self.build_seconds + self.deploy_seconds:.1f} s "
                f"(build {self.build_seconds:.1f} s, deploy {self.deploy_seconds:.1f} s)")


def _mike_settings(config_file: Path) -> dict:
    """alias_type, redirect template and use_directory_urls as mike would read them."""
    from mike import mkdocs_utils
    from mike.mkdocs_plugin import MikePlugin

    cfg = mkdocs_utils.load_config(str(config_file))
    plugin = cfg["plugins"].get("mike") or MikePlugin.default()
    return {
        "alias_type": plugin.config["alias_type"],
        "template": plugin.config["redirect_template"],
        "deploy_prefix": plugin.config["deploy_prefix"],
        "use_directory_urls": cfg["use_directory_urls"],
    }


def _git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout.strip()


def deploy_years(
    site_dir: Path,
    years: list[int],
    *,
    branch: str = "gh-pages",
    alias_type: str = "redirect",
    template: str | None = None,
    deploy_prefix: str = "",
    use_directory_urls: bool = True,
    say: Callable[[str], None] = silent,
) -> list[int]:
    """Commit site_dir/<year> for each year as mike versions (cwd: the git repo).

    Returns the years whose content changed on the branch.
    """
    from mike import commands, git_utils

    newest = max(years)
    rev = _git("rev-parse", "--short", "HEAD")
    kind = commands.AliasType[alias_type]
    changed = []
    for year in sorted(years):
        aliases = [LATEST] if year == newest else []
        cfg = {"site_dir": str(site_dir / str(year)), "use_directory_urls": use_directory_urls}
        message = f"Publish budget year {year}{' (alias latest)' if aliases else ''} from {rev}"
        try:
            with commands.deploy(
                cfg, str(year), title=str(year), aliases=aliases, update_aliases=True,
                alias_type=kind, template=template, branch=branch, message=message,
                deploy_prefix=deploy_prefix,
            ):
                pass  # already built by build_site
        except git_utils.GitEmptyCommit:
            say(f"{year}: unchanged on {branch}")
            continue
        changed.append(year)
        say(f"{year}: deployed to {branch}{' as ' + LATEST if aliases else ''}")
    try:
        commands.set_default(LATEST, template, branch=branch, deploy_prefix=deploy_prefix,
                             message=f"Default version {LATEST} from {rev}")
    except git_utils.GitEmptyCommit:
        pass
    commit_root_files(site_dir, branch, deploy_prefix, f"Root files ({', '.join(ROOT_FILE_NAMES)}) from {rev}", say)
    deployed = {str(v.version) for v in commands.list_versions(branch, deploy_prefix)}
    extra = sorted(deployed - {str(y) for y in years})
    if extra:
        say(f"note: {branch} also holds {', '.join(extra)} (not in source/sources.yml); left in place")
    return changed


def commit_root_files(site_dir: Path, branch: str, deploy_prefix: str, message: str,
                      say: Callable[[str], None] = silent) -> bool:
    """Commit the shared root files of site_dir to the branch root; False if unchanged."""
    import posixpath

    from mike import git_utils

    files = [name for name in ROOT_FILE_NAMES if (site_dir / name).is_file()]
    if not files:
        return False
    try:
        with git_utils.Commit(branch, message) as commit:
            for name in files:
                commit.add_file(git_utils.FileInfo(posixpath.join(deploy_prefix, name),
                                                   (site_dir / name).read_bytes()))
    except git_utils.GitEmptyCommit:
        return False
    say(f"root files ({', '.join(files)}) committed to {branch}")
    return True


def publish(root: Path, push: bool = False, branch: str = "gh-pages", remote: str = "origin",
            say: Callable[[str], None] = silent) -> Published:
    """Build the site and deploy every year to the branch (`say` hears the
    progress); raises PublishError when nothing or not all was published."""
    from mike import git_utils

    from generator.build.site import BuildFailed, build_site

    root = root.resolve()
    started = time.perf_counter()
    with contextlib.chdir(root):
        try:
            _git("rev-parse", "HEAD")
        except (subprocess.CalledProcessError, FileNotFoundError):
            raise InputError(str(root), 0, "publish needs a git repository with at least one commit")
        try:  # like `mike deploy`: start from origin's branch if ours is missing or behind
            git_utils.update_from_upstream(remote, branch)
        except (git_utils.GitBranchDiverged, git_utils.GitRevUnrelated) as exc:
            raise PublishError(f"error: {exc}; fetch and merge {remote}/{branch} first, nothing was published",
                               EXIT_GIT) from None

    years = sorted({e.year for e in load_manifest(root / "source")})
    diags = Diagnostics()
    try:
        summary = build_site(root, diags)
    except BuildFailed as exc:
        raise PublishError(f"build failed ({exc}); nothing was published", EXIT_BUILD, diags) from None
    built = time.perf_counter()

    with contextlib.chdir(root):
        settings = _mike_settings(root / "build" / f"mkdocs-{max(years)}.yml")
        try:
            deploy_years(summary.site_dir, years, branch=branch, say=say, **settings)
            if push:
                git_utils.push_branch(remote, branch)
                say(f"pushed {branch} to {remote}")
        except (git_utils.GitError, ValueError) as exc:
            raise PublishError(f"error: publishing to {branch} failed: {exc}", EXIT_GIT, diags) from None
    done = time.perf_counter()
    return Published(years, branch, diags, built - started, done - built)
