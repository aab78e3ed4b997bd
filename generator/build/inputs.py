"""The build's inputs: every document read and parsed (from the cache where
its bytes, manifest entry and our code are unchanged), the content pages,
one input per year, and the link stage over all of them. Nothing is written
here but the parse cache."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from generator.build.cache import BuildCache, sha
from generator.diagnostics import Diagnostics, InputError
from generator.read.sources import SourceEntry, load_manifest, regular_file_problem
from generator.settings import Settings

if TYPE_CHECKING:  # parsing, linking and rendering are imported when a build needs them
    from generator.link.graph import SiteGraph
    from generator.model import Document
    from generator.render.year import YearInput
    from generator.read.source_text import SourceText

    Parsed = tuple[SourceEntry, SourceText, Document]

CONTENT_PAGES = ("index.md", "om.md", "ordliste.md")


def parse_all(root: Path, diags: Diagnostics, cache: BuildCache | None = None,
              code: str = "", reuse: bool = True) -> tuple[tuple[SourceEntry, ...], list[Parsed], list[str]]:
    """read + parse every document in the manifest (no writing but the cache).

    Returns the entries, the parsed documents and one content key per
    document; a document whose bytes, manifest entry and parser code are
    unchanged comes from the cache, with its diagnostics replayed.
    """
    from generator.parsing.extract import extract_document

    entries, keys = document_keys(root, code)
    parsed: list[Parsed] = []
    for entry, key in zip(entries, keys):
        path = root / "source" / entry.file
        hit = cache.load_parse(key) if cache and reuse else None
        if hit is not None:
            text, doc, items = hit
            diags.items.extend(items)
        else:
            own = Diagnostics()
            text, doc = extract_document(path, own, entry)
            diags.items.extend(own.items)
            if cache:
                cache.store_parse(key, (text, doc, own.items))
        parsed.append((entry, text, doc))
    return entries, parsed, keys


def document_keys(root: Path, code: str, diags: Diagnostics | None = None) -> tuple[tuple[SourceEntry, ...], list[str]]:
    """The manifest's entries (its warnings into `diags`), and a key per
    document: its bytes, its entry, our code."""
    entries = load_manifest(root / "source", diags)
    keys = []
    for e in entries:
        try:
            data = (root / "source" / e.file).read_bytes()
        except OSError as exc:
            raise InputError(e.path, 0, f"cannot read the file: {exc.strerror}") from None
        keys.append(sha(code, repr(e), data))
    return entries, keys


def cached_diagnostics(cache: BuildCache, keys: list[str]) -> list | None:
    """Every document's diagnostics from the cache, or None if any is missing."""
    found = []
    for key in keys:
        items = cache.load_diagnostics(key)
        if items is None:
            return None
        found.extend(items)
    return found


def load_content(root: Path) -> dict[str, str]:
    content = {}
    for name in CONTENT_PAGES:
        path = root / "content" / name
        problem = regular_file_problem(path, root / "content")
        if problem == "does not exist":
            continue
        if problem:
            raise InputError(f"content/{name}", 0, problem)
        content[name] = path.read_text(encoding="utf-8")
    return content


def year_inputs(parsed: list[Parsed], content: dict[str, str], settings: Settings,
                corrections: tuple = ()) -> list[YearInput]:
    from generator.render.year import YearInput

    all_years = tuple(sorted({e.year for e, _, _ in parsed}))
    return [
        YearInput(year, tuple(p for p in parsed if p[0].year == year), all_years, content, settings, corrections)
        for year in all_years
    ]


def link_all(parsed: list[Parsed]) -> SiteGraph:
    """The link stage: every document of every year into one graph."""
    from generator.link.linker import build_graph

    by_year: dict[int, list[Document]] = {}
    for entry, _, doc in parsed:
        by_year.setdefault(entry.year, []).append(doc)
    line_counts = {doc.source: len(text.raw_lines) for _, text, doc in parsed}
    return build_graph(by_year, line_counts)
