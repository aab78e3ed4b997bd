"""Content hashes for incremental builds.

A build with nothing changed does nothing; a changed letter is parsed again
and only the years whose rendered pages changed are rebuilt by MkDocs. Every
key includes a fingerprint of the generator's own code, theme overrides,
hand-written content and the installed MkDocs/Material versions, so a code
change invalidates everything. The cache lives in build/cache/ and is only a
speed-up: deleting it gives the same site.
"""
from __future__ import annotations

import hashlib
import json
import os
import pickle
from importlib import metadata
from pathlib import Path

CODE_DIRS = ("generator", "site_overrides", "content")
CODE_FILES = ("mkdocs.yml",)
PACKAGES = ("mkdocs", "mkdocs-material", "mike", "matplotlib", "markdown", "mkdocs-redirects")


def sha(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for p in parts:
        h.update(p.encode("utf-8") if isinstance(p, str) else p)
        h.update(b"\0")
    return h.hexdigest()


def code_files(root: Path) -> list[Path]:
    """The files whose bytes are in the fingerprint: the generator package
    (wherever it is installed from), the theme overrides and the content."""
    package_root = Path(__file__).resolve().parents[2]  # the folder holding generator/ (this is generator/build/)
    out = []
    for d in CODE_DIRS:
        base = (package_root if d == "generator" else root) / d
        out += [p for p in sorted(base.rglob("*")) if base.is_dir() and p.is_file() and "__pycache__" not in p.parts]
    return out


def code_fingerprint(root: Path) -> str:
    package_root = Path(__file__).resolve().parents[2]
    h = hashlib.sha256()
    for path in code_files(root):
        base = package_root if path.is_relative_to(package_root / "generator") else root
        h.update(str(path.relative_to(base)).encode())
        h.update(path.read_bytes())
    for f in CODE_FILES:
        if (root / f).is_file():
            h.update((root / f).read_bytes())
    for pkg in PACKAGES:
        try:
            h.update(f"{pkg}=={metadata.version(pkg)}".encode())
        except metadata.PackageNotFoundError:
            pass
    return h.hexdigest()


class BuildCache:
    """Parsed documents and drawn charts by content hash, and the keys of the last good build."""

    def __init__(self, directory: Path, site_dir: Path):
        self.dir = directory
        # The state is named by the site folder: relative to the project
        # (<root>/build/cache -> <root>) when it lies inside it, so that a
        # copied or moved checkout reuses its last build; else absolute.
        project = directory.parent.parent
        name = site_dir.relative_to(project).as_posix() if site_dir.is_relative_to(project) else str(site_dir)
        self.state_file = directory / f"state-{sha(name)[:16]}.json"

    # -- parsed documents --
    # Each file is the sha256 of the pickle, a newline, then the pickle: a value
    # damaged or altered after it was written (even one that still loads) is
    # a miss, and is never unpickled.
    def load_parse(self, key: str):
        """(text, document, diagnostics) of a parsed document, or None."""
        return _load_pickle(self.dir / "parse" / f"{key}.pickle")

    def load_diagnostics(self, key: str):
        """Only the diagnostics of a parsed document (a no-op build needs no more), or None."""
        return _load_pickle(self.dir / "parse" / f"{key}.diagnostics.pickle")

    def store_parse(self, key: str, value) -> None:
        _store_pickle(self.dir / "parse" / f"{key}.pickle", value)
        _store_pickle(self.dir / "parse" / f"{key}.diagnostics.pickle", value[2])

    # -- drawn charts (SVG text) by spec --
    # Stored like the parses (sha256, newline, content): an SVG altered in the
    # cache is drawn again, never published.
    def load_chart(self, key: str) -> str | None:
        payload = _verified_payload(self.dir / "charts" / f"{key}.svg")
        try:
            return payload.decode("utf-8") if payload is not None else None
        except UnicodeDecodeError:
            return None

    def store_chart(self, key: str, svg: str) -> None:
        path = self.dir / "charts" / f"{key}.svg"
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = svg.encode("utf-8")
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
        tmp.replace(path)

    # -- drawn social cards (PNG bytes) by spec, stored like the charts --
    def load_card(self, key: str) -> bytes | None:
        return read_verified(self.dir / "cards" / f"{key}.png")

    def store_card(self, key: str, png: bytes) -> None:
        write_verified(self.dir / "cards" / f"{key}.png", png)

    def bundle_file(self, key: str) -> Path:
        """Where a year's offline bundle with this key is kept (build/offline.py reads and writes it)."""
        return self.dir / "offline" / f"{key}.zip"

    # -- state of the last successful build into this site dir --
    def state(self) -> dict:
        try:
            return json.loads(self.state_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}

    def save_state(self, state: dict) -> None:
        self.dir.mkdir(parents=True, exist_ok=True)
        tmp = self.state_file.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(state, indent=1, sort_keys=True), encoding="utf-8")
        tmp.replace(self.state_file)


def read_verified(path: Path) -> bytes | None:
    """A cache file's content when its first line is the sha256 of the rest, else None."""
    return _verified_payload(path)


def write_verified(path: Path, payload: bytes) -> None:
    """Store payload behind its sha256 (atomically: a reader never sees half a file)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    tmp.replace(path)


def _verified_payload(path: Path) -> bytes | None:
    """A cache file's content when its first line is the sha256 of the rest;
    None when it is missing or was altered (then it is made again)."""
    try:
        data = path.read_bytes()
    except OSError:
        return None
    digest, _, payload = data.partition(b"\n")
    return payload if digest == hashlib.sha256(payload).hexdigest().encode() else None


def _load_pickle(path: Path):
    payload = _verified_payload(path)
    if payload is None:
        return None
    try:
        return pickle.loads(payload)
    except Exception:  # written by another version of the model: just a miss
        return None


def _store_pickle(path: Path, value) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(hashlib.sha256(payload).hexdigest().encode() + b"\n" + payload)
    tmp.replace(path)


def pages_key(code: str, pages: dict[str, str | bytes], nav: list, extra: str = "") -> str:
    h = hashlib.sha256(code.encode())
    for path in sorted(pages):
        content = pages[path]
        h.update(path.encode() + b"\0")
        if not isinstance(content, bytes):  # Markdown, or a chart's spec (drawn later)
            content = (content if isinstance(content, str) else repr(content)).encode("utf-8")
        h.update(content)
        h.update(b"\0")
    h.update(json.dumps(nav, sort_keys=True, ensure_ascii=False).encode())
    h.update(extra.encode())
    return h.hexdigest()
