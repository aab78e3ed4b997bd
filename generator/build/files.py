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


# What the state records of every output file: [size, mtime in ns, sha256].
# A file whose size and modification time are those recorded is the file the
# build wrote (the build never edits an output in place: an unchanged year's
# files are hard links to the previous ones, so they keep their stamps); any
# other file is read and hashed again and must have the recorded hash. So a
# no-op build reads no output file, and a damaged or altered one is still
# caught (writing a file changes its modification time).
FileRecord = list  # [size, mtime_ns, sha256 hex]


def _walk(site: Path, top: str | None = None):
    """(relative POSIX path, os.stat_result) of every file under site (or its top-level entry), sorted."""
    root = str(site)
    base = os.path.join(root, top) if top else root
    if os.path.isfile(base):
        yield top, os.stat(base)
        return
    cut = len(root) + 1
    for folder, dirs, files in os.walk(base):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            yield path[cut:].replace(os.sep, "/"), os.stat(path)


def file_records(site: Path, previous: dict[str, FileRecord] | None = None) -> dict[str, FileRecord]:
    """Every file of the site with its stamp and hash; a file whose stamp is
    the one `previous` recorded keeps that hash without being read."""
    previous = previous or {}
    out: dict[str, FileRecord] = {}
    for rel, st in _walk(site):
        old = previous.get(rel)
        if old and old[0] == st.st_size and old[1] == st.st_mtime_ns:
            out[rel] = old
        else:
            out[rel] = [st.st_size, st.st_mtime_ns, hashlib.sha256((site / rel).read_bytes()).hexdigest()]
    return out


def records_intact(site: Path, recorded: dict[str, FileRecord], top: str | None = None) -> bool:
    """Are the site's files (or one top-level entry's) exactly those recorded:
    the same paths, and each with the recorded stamp, or else the recorded hash?"""
    prefix = f"{top}/" if top else ""
    expected = {rel for rel in recorded if not top or rel == top or rel.startswith(prefix)}
    if not expected:
        return False
    seen = 0
    for rel, st in _walk(site, top):
        old = recorded.get(rel)
        if old is None:
            return False
        seen += 1
        if (old[0], old[1]) != (st.st_size, st.st_mtime_ns) and (
                old[0] != st.st_size or hashlib.sha256((site / rel).read_bytes()).hexdigest() != old[2]):
            return False
    return seen == len(expected)


def old_of(site_dir: Path) -> Path:
    return site_dir.with_name(site_dir.name + ".old")


def recover_swap(site_dir: Path) -> str | None:
    """Undo a swap that a crash interrupted. site.old/ without site/: it is the
    only copy, put it back, and return a note saying so for the editor. Both
    present: the swap finished and site.old/ is the superseded copy (or what
    is left of its removal)."""
    old = old_of(site_dir)
    if not old.exists():
        return None
    if not site_dir.exists():
        old.rename(site_dir)
        return f"restored {site_dir.name}/ from {old.name}/ (an earlier build stopped during the swap)"
    shutil.rmtree(old)
    return None


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
