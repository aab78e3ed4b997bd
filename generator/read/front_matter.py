"""YAML front matter at the top of a source: the converter's metadata, never letter text.

A PDF-to-Markdown converter puts a block of YAML between two ``---`` lines
at the top of its export (document id, title, publication date, ...). It is
read here, safely, and its lines are no part of the letter:

- a closing ``---`` or ``...`` within `MAX_BYTES` (64 KB), else the first
  ``---`` is a horizontal rule: no front matter, the lines are letter text,
  and a `front-matter` warning says so; the same for a block that holds
  no keys, only text;
- `yaml.SafeLoader` without aliases: an alias (the "billion laughs" bomb)
  is a one-line `InputError`, never a gigabyte of memory;
- YAML the loader cannot read (a converter indenting with tabs is read with
  its tabs as spaces first) is a `front-matter` warning and no metadata;
- a key outside `KNOWN_KEYS` is a `front-matter` warning, and ignored.

The manifest (`source/sources.yml`) wins over anything read here; the
parsers take a title from the front matter only for a file outside the
manifest, and a date only where the metadata says it is certain.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.diagnostics import InputError

MAX_BYTES = 64 * 1024
MAX_KEY_WARNINGS = 10
# The keys the converters we know write (the title and date are read; the
# rest is kept as metadata and not shown).
KNOWN_KEYS = frozenset({
    "id", "title", "document_type", "information_categories", "creator", "publisher",
    "publication_date", "date", "language", "access_level", "web_published", "original_document",
    "normative_level", "status", "metadata_confidence", "notes", "author", "description", "lang",
    "source", "url", "subject", "keywords",
})
_FENCE = "---"
_ENDS = ("---", "...")


@dataclass(frozen=True)
class FrontMatter:
    last_line: int = 0  # the closing fence's physical line (0: no front matter)
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    warnings: tuple[tuple[int, str], ...] = ()  # (line, message)

    @property
    def title(self) -> str | None:
        t = self.data.get("title")
        return t.strip() if isinstance(t, str) and t.strip() else None

    @property
    def date(self) -> str | None:
        """The date, where the metadata does not say it is a guess."""
        d = self.data.get("publication_date", self.data.get("date"))
        confidence = str(self.data.get("metadata_confidence", "high")).lower()
        return str(d) if d and confidence == "high" else None


class _FrontMatterLoader(yaml.SafeLoader):
    """safe_load without aliases, dates kept as text."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent, index):
        if self.check_event(yaml.events.AliasEvent):
            mark = self.peek_event().start_mark
            raise _AliasRefused(mark.line + 1)
        return super().compose_node(parent, index)


class _AliasRefused(Exception):
    def __init__(self, line: int):
        super().__init__(line)
        self.line = line


def front_matter_end(lines: list[str]) -> int:
    """The index of the closing fence of a front matter block at the top
    (the first line is ``---``), else -1: no block, or no closing fence
    within the first 64 KB (a ``---`` that is a horizontal rule)."""
    if not lines or lines[0].strip() != _FENCE:
        return -1
    size = 0
    for i in range(1, len(lines)):
        if lines[i].strip() in _ENDS:
            return i
        size += len(lines[i]) + 1
        if size > MAX_BYTES:
            return -1
    return -1


# The first line of a YAML mapping: a key, then a colon ("title: ...", "- name:" is no start).
_KEY_LINE = re.compile(r"^[ \t]*[\"']?[A-Za-z_][\w .-]{0,80}[\"']?[ \t]*:(?:[ \t]|$)")
_NOT_FRONT_MATTER = ("line 1 '---' opens no front matter: {why}; read as letter text "
                     "(a horizontal rule, not the converter's metadata)")


def _load(text: str, first_line: int) -> Any:
    loader = _FrontMatterLoader(text)
    try:
        return loader.get_single_data()
    except _AliasRefused as exc:
        raise InputError("", first_line + exc.line, "the front matter uses a YAML alias (*name); "
                                                    "aliases are not allowed") from None
    finally:
        loader.dispose()


def read_front_matter(lines: list[str], file: str) -> FrontMatter:
    """The front matter of a source's physical lines (none: `FrontMatter()`)."""
    end = front_matter_end(lines)
    if end < 0:
        if lines and lines[0].strip() == _FENCE:
            why = f"no closing '---' or '...' within {MAX_BYTES // 1024} KB"
            return FrontMatter(0, {}, ((1, _NOT_FRONT_MATTER.format(why=why)),))
        return FrontMatter()
    first = next((ln for ln in lines[1:end] if ln.strip() and not ln.lstrip().startswith("#")), None)
    if first is not None and not _KEY_LINE.match(first):
        return FrontMatter(0, {}, ((1, _NOT_FRONT_MATTER.format(why="what follows it holds no keys")),))
    text = "\n".join(lines[1:end])
    warnings: list[tuple[int, str]] = []
    try:
        try:
            data = _load(text, 1)
        except yaml.YAMLError:
            # A converter that indents with tabs: read each leading tab as two spaces.
            data = _load("\n".join(_untab(ln) for ln in lines[1:end]), 1)
    except InputError as exc:
        raise InputError(file, exc.line, exc.message) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 2) if mark is not None else 1
        warnings.append((line, f"the front matter is not valid YAML ({getattr(exc, 'problem', exc)}); ignored"))
        data = {}
    except RecursionError:
        raise InputError(file, 1, "the front matter is nested too deeply") from None
    if data is None:
        data = {}
    if isinstance(data, (str, int, float)):  # running text between two rules, not keys and values
        return FrontMatter(0, {}, ((1, _NOT_FRONT_MATTER.format(why="what follows it holds no keys")),))
    if not isinstance(data, dict):
        warnings.append((1, "the front matter is not a mapping of keys to values; ignored"))
        data = {}
    unknown = [str(key) for key in data if str(key) not in KNOWN_KEYS]
    for key in unknown[:MAX_KEY_WARNINGS]:
        warnings.append((1, f"unknown front matter key {key[:40]!r}; ignored"))
    if len(unknown) > MAX_KEY_WARNINGS:  # thousands of keys in 64 KB: one line, not thousands
        warnings.append((1, f"{len(unknown) - MAX_KEY_WARNINGS} more unknown front matter keys; ignored"))
    data = {str(k): v for k, v in data.items() if str(k) in KNOWN_KEYS}
    return FrontMatter(end + 1, data, tuple(warnings))


def _untab(line: str) -> str:
    stripped = line.lstrip("\t")
    return "  " * (len(line) - len(stripped)) + stripped
