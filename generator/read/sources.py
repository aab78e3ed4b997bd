"""The source manifest (`source/sources.yml`): the only list of documents.

Adding next year's letter means adding its text file and one entry here.
Every manifest problem is a one-line `InputError` naming the manifest and
the entry.
"""
from __future__ import annotations

import datetime as dt
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

import yaml

from generator.diagnostics import Diagnostics, InputError

KINDS = ("tildelingsbrev", "prop1s")
REQUIRED = ("file", "kind", "year", "title", "issuer", "recipient")
KNOWN_KEYS = REQUIRED + ("date", "url", "supplement")
# A letter is well under 1 MB and the proposition about 2 MB; anything this
# large is not an extracted document (and would make the site enormous).
MAX_SOURCE_BYTES = 20 * 1024 * 1024
MAX_MANIFEST_BYTES = 1024 * 1024


class _ManifestLoader(yaml.SafeLoader):
    """safe_load for the manifest: no aliases (a "billion laughs" manifest of a
    few lines expands to gigabytes), dates kept as text (checked by
    parse_manifest, so 2025-02-30 is a one-line error), and every key that
    appears twice in one mapping recorded in `duplicates`."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream) -> None:
        super().__init__(stream)
        self.duplicates: list[tuple[int, str]] = []

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            mark = self.peek_event().start_mark
            raise yaml.composer.ComposerError(None, None, "aliases (*name) are not allowed in the manifest", mark)
        return super().compose_node(parent, index)

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = key_node.value
            if key in seen:
                self.duplicates.append((key_node.start_mark.line + 1, str(key)))
            seen.add(key)
        return super().construct_mapping(node, deep)
# A file name that is safe in a URL, a nav entry and a shell: letters, digits, . _ -
# Plain extracted text (.txt) or a converter's Markdown export (.md).
FILE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*\.(?:txt|md)$")


def regular_file_problem(path: Path, folder: Path) -> str | None:
    """Why `path` must not be read and published, or None.

    Only a regular file directly inside `folder` is accepted: a symlink (to
    /etc/passwd, or to .git/config holding CI's token) or a device, FIFO or
    folder would put something on the public site that is no source."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return "does not exist"
    except OSError as exc:
        return f"cannot be read: {exc.strerror}"
    if stat.S_ISLNK(st.st_mode):
        return f"is a symbolic link; only regular files inside {folder.name}/ are read"
    if not stat.S_ISREG(st.st_mode):
        return f"is not a regular file; only regular files inside {folder.name}/ are read"
    if path.resolve().parent != folder.resolve():
        return f"resolves outside {folder.name}/"
    return None


@dataclass(frozen=True)
class SourceEntry:
    file: str  # file name inside the source directory
    kind: str
    year: int
    title: str
    issuer: str
    recipient: str
    date: str | None = None  # ISO date when printed on the document
    slug: str = ""  # URL name of the document: the file name without ".txt" / ".md"
    url: str | None = None  # the official publication, as seen (never guessed)
    # A supplementary letter's number ("supplerende tildelingsbrev nr. 2"):
    # it amends the year's main letter (the entry of the same year without
    # `supplement:`); None for a main letter or a proposition.
    supplement: int | None = None

    @property
    def path(self) -> str:
        return f"source/{self.file}"


def _entry_error(manifest: str, index: int, entry: object, message: str) -> InputError:
    name = entry.get("file") if isinstance(entry, dict) else None
    label = f"entry {index + 1}" + (f" ({name})" if name else "")
    return InputError(manifest, 0, f"{label}: {message}")


def parse_manifest(text: str, source_dir: Path, manifest: str = "source/sources.yml",
                   diags: Diagnostics | None = None) -> tuple[SourceEntry, ...]:
    """The entries, or a one-line InputError; a duplicate or unknown key (a
    typo such as `dato:` would silently drop the date) is a warning."""
    diags = diags if diags is not None else Diagnostics()
    loader = _ManifestLoader(text)
    try:
        data = loader.get_single_data()
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", -1) + 1
        raise InputError(manifest, line, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None
    finally:
        loader.dispose()
    for line, key in loader.duplicates:
        diags.warn(manifest, line, "manifest-key", f"key {key!r} appears twice in one entry; the last one counts")
    docs = data.get("documents") if isinstance(data, dict) else None
    if not isinstance(docs, list) or not docs:
        raise InputError(manifest, 0, "expected a top-level 'documents:' list with one entry per document")
    for key in data:
        if key != "documents":
            diags.warn(manifest, 0, "manifest-key", f"unknown top-level key {key!r} (only 'documents:' is read)")
    entries: list[SourceEntry] = []
    seen: set[str] = set()
    for i, raw in enumerate(docs):
        if not isinstance(raw, dict):
            raise _entry_error(manifest, i, raw, "an entry must be a mapping (file:, kind:, year:, ...)")
        for key in raw:
            if key not in KNOWN_KEYS:
                name = raw.get("file")
                diags.warn(manifest, 0, "manifest-key",
                           f"entry {i + 1}{f' ({name})' if name else ''}: unknown key {key!r} is ignored "
                           f"(known: {', '.join(KNOWN_KEYS)})")
        missing = [k for k in REQUIRED if raw.get(k) in (None, "")]
        if missing:
            raise _entry_error(manifest, i, raw, f"missing {', '.join(missing)}")
        file = str(raw["file"])
        if not FILE_NAME.match(file):
            raise _entry_error(manifest, i, raw, "file must be a plain .txt file name (or a .md export) inside source/ "
                                                 "(letters, digits, '.', '_' and '-')")
        if file in seen:
            raise _entry_error(manifest, i, raw, "duplicate entry for this file")
        seen.add(file)
        if raw["kind"] not in KINDS:
            raise _entry_error(manifest, i, raw, f"unknown kind {raw['kind']!r} (expected one of {', '.join(KINDS)})")
        year = raw["year"]
        if not isinstance(year, int) or isinstance(year, bool) or not 1990 <= year <= 2100:
            raise _entry_error(manifest, i, raw, f"bad year {year!r} (expected a budget year such as 2025)")
        supplement = _supplement_number(manifest, i, raw)
        other = next((n for n, e in enumerate(entries, start=1)
                      if (e.kind, e.year, e.supplement) == (raw["kind"], year, None)), None)
        if other and supplement is None:
            # Their pages (brev/1/, prop/del-1/ ...) would overwrite each other.
            raise _entry_error(manifest, i, raw, f"a second {raw['kind']} for {year} (entry {other} is one); "
                                                 "a year has one letter (with its supplements) and one proposition")
        date = raw.get("date")
        if isinstance(date, dt.date):
            date = date.isoformat()
        elif date is not None:
            try:
                date = dt.date.fromisoformat(str(date)).isoformat()
            except ValueError:
                raise _entry_error(manifest, i, raw, f"bad date {date!r} (expected YYYY-MM-DD)") from None
        problem = regular_file_problem(source_dir / file, source_dir)
        if problem:
            raise _entry_error(manifest, i, raw, f"file source/{file} {problem}")
        size = (source_dir / file).stat().st_size
        if size > MAX_SOURCE_BYTES:
            raise _entry_error(manifest, i, raw, f"file source/{file} is {size / 1048576:.1f} MB; "
                                                 f"the limit is {MAX_SOURCE_BYTES // 1048576} MB per document")
        url = raw.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith("https://") and " " not in url):
            raise _entry_error(manifest, i, raw, f"bad url {url!r} (expected the https:// address of the "
                               "official publication, or leave it out)")
        entries.append(
            SourceEntry(file, raw["kind"], year, str(raw["title"]), str(raw["issuer"]),
                        str(raw["recipient"]), date, file.rsplit(".", 1)[0], url, supplement)
        )
    check_supplements(manifest, entries)
    return tuple(entries)


def _supplement_number(manifest: str, index: int, raw: dict) -> int | None:
    """`supplement: N` (a whole number from 1), only on an allocation letter."""
    if "supplement" not in raw or raw["supplement"] is None:
        return None
    number = raw["supplement"]
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= 99:
        raise _entry_error(manifest, index, raw, f"bad supplement {number!r} (expected the letter's number, "
                                                 "e.g. supplement: 2 for supplerende tildelingsbrev nr. 2)")
    if raw["kind"] != "tildelingsbrev":
        raise _entry_error(manifest, index, raw, "supplement: is only for a supplementary allocation letter "
                                                 "(kind: tildelingsbrev)")
    return number


def check_supplements(manifest: str, entries: list[SourceEntry]) -> None:
    """A supplementary letter amends its year's main letter: that letter must
    be in the manifest, no number is given twice, none is dated before it,
    and none before a supplement with a lower number."""
    mains = {e.year: e for e in entries if e.kind == "tildelingsbrev" and e.supplement is None}
    seen: dict[tuple[int, int], SourceEntry] = {}
    for i, e in enumerate(entries):
        if e.supplement is None:
            continue
        raw = {"file": e.file}
        main = mains.get(e.year)
        if main is None:
            raise _entry_error(manifest, i, raw, f"supplement {e.supplement} for {e.year}, but no main allocation "
                                                 f"letter for {e.year} (an entry with kind: tildelingsbrev and "
                                                 "no supplement:)")
        if (e.year, e.supplement) in seen:
            raise _entry_error(manifest, i, raw, f"supplement {e.supplement} for {e.year} is given twice "
                                                 f"(also {seen[(e.year, e.supplement)].file})")
        seen[(e.year, e.supplement)] = e
        if e.date and main.date and e.date < main.date:
            raise _entry_error(manifest, i, raw, f"supplement {e.supplement} is dated {e.date}, before the main "
                                                 f"letter it amends ({main.file}, {main.date})")
    # Numbered in the order they were sent: a later number is never dated
    # before an earlier one (a typo in a date or a number would reorder the year).
    dated = sorted((e.year, e.supplement, e.date, i, e.file) for i, e in enumerate(entries)
                   if e.supplement is not None and e.date)
    for (year, nr, date, _, file), (year2, nr2, date2, i, file2) in zip(dated, dated[1:]):
        if year == year2 and date2 < date:
            raise _entry_error(manifest, i, {"file": file2}, f"supplement {nr2} is dated {date2}, before "
                                                             f"supplement {nr} ({file}, {date})")


def letter_sequence(entries: tuple[SourceEntry, ...], year: int) -> tuple[SourceEntry, ...]:
    """A year's allocation letters in order: the main letter, then its
    supplements by number."""
    letters = [e for e in entries if e.year == year and e.kind == "tildelingsbrev"]
    return tuple(sorted(letters, key=lambda e: (e.supplement is not None, e.supplement or 0)))


def load_manifest(source_dir: Path, diags: Diagnostics | None = None) -> tuple[SourceEntry, ...]:
    shown = "source/sources.yml"
    path = source_dir / "sources.yml"
    problem = regular_file_problem(path, source_dir)
    if problem == "does not exist":
        raise InputError(shown, 0, "the manifest is missing")
    if problem:
        raise InputError(shown, 0, problem)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(shown, 0, f"cannot read the file: {exc.strerror}") from None
    if len(data) > MAX_MANIFEST_BYTES:
        raise InputError(shown, 0, f"the manifest is {len(data) / 1048576:.1f} MB; the limit is 1 MB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(shown, line, "the manifest is not UTF-8 text (save it as UTF-8)") from None
    return parse_manifest(text, source_dir, shown, diags)


def years(entries: tuple[SourceEntry, ...]) -> list[int]:
    return sorted({e.year for e in entries})
