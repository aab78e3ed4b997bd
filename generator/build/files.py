"""The build's hold on the file system: one build at a time, outputs checked
by hash before reuse, and a swap of site/ that a crash cannot turn into loss.

The new site is written to site.new/ and swapped in by two renames
(site/ -> site.old/, site.new/ -> site/). A build killed between them leaves
site.old/ as the only copy: the next build restores it before it reads
anything, and never deletes it while site/ is missing.
"""
from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import sys
from pathlib import Path

from generator.diagnostics import InputError

LOCK_NAME = "build.lock"


@contextlib.contextmanager
def build_lock(build_dir: Path):
    """Hold build/build.lock for the whole build. Two builds in one checkout
    share build/ (docs, cache, state) and the site folder, so a second one
    stops with a one-line error instead of interleaving with the first. The
    lock is the kernel's (flock): it is released when the process ends, even
    when it is killed, so a stale lock file blocks nothing."""
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        handle = open(build_dir / LOCK_NAME, "a+", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{build_dir.name}/", 0, f"cannot write the build folder: {exc.strerror}") from None
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip()
            raise InputError(f"{build_dir.name}/{LOCK_NAME}", 0,
                             "another build is running in this folder" + (f" (pid {holder})" if holder else "")
                             + "; run again when it has finished") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


def tree_digest(path: Path) -> str:
    """sha256 over the relative paths and bytes of every file under `path`
    (or of the file itself): what the state records and reuse checks."""
    h = hashlib.sha256()
    if path.is_file():
        h.update(path.read_bytes())
        return h.hexdigest()
    for folder, dirs, files in os.walk(path):
        dirs.sort()
        for name in sorted(files):
            file = Path(folder) / name
            h.update(file.relative_to(path).as_posix().encode() + b"\0")
            h.update(hashlib.sha256(file.read_bytes()).digest())
    return h.hexdigest()


def output_digests(site: Path) -> dict[str, str]:
    """One digest per top-level entry of a site (each year, latest/, versions.json, ...)."""
    return {p.name: tree_digest(p) for p in sorted(site.iterdir())}


def old_of(site_dir: Path) -> Path:
    return site_dir.with_name(site_dir.name + ".old")


def recover_swap(site_dir: Path) -> None:
    """Undo a swap that a crash interrupted. site.old/ without site/: it is the
    only copy, put it back. Both present: the swap finished and site.old/ is
    the superseded copy (or what is left of its removal)."""
    old = old_of(site_dir)
    if not old.exists():
        return
    if not site_dir.exists():
        old.rename(site_dir)
        print(f"restored {site_dir.name}/ from {old.name}/ (an earlier build stopped during the swap)",
              file=sys.stderr)
    else:
        shutil.rmtree(old)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace site_dir by staging with renames only (no half-copied state)."""
    recover_swap(site_dir)
    old = old_of(site_dir)
    if site_dir.exists():
        site_dir.rename(old)
    staging.rename(site_dir)
    if old.exists():
        shutil.rmtree(old)


def link_or_copy(src: str, dst: str) -> None:
    """Hard-link unchanged files into the new tree (the old one is never edited in place)."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)
