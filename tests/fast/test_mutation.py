"""Mutation suite over the real letters (the proposition: tests/slow/test_prop_mutation.py).

Each case deletes, duplicates, reorders (swaps two adjacent blocks) or truncates
a random block of physical lines (seeded, so every run tries the same cases),
parses the result and asserts that the extractor

- terminates quickly (a few times the time of the unmutated document),
- never raises, and
- keeps everything the mutation did not touch: every assignment, budget row,
  chapter (with its posts and amounts), vedtak and numbered section whose
  context lies outside the mutated block is found again, with the same
  id/title/amounts.

"Context" is conservative: for letter items the enclosing section (an
assignment's derived ID and a budget row's inherited chapter depend on it),
for chapters and vedtak their own span, always widened by a few lines.
"""
from __future__ import annotations

import bisect
import random
import time
from collections import Counter
from functools import lru_cache

import pytest

from generator.diagnostics import Diagnostics, InputError
from generator.parsing import parse_document
from generator.read.sources import load_manifest
from generator.read.source_text import decode_source, read_text

CASES_PER_OP = {"tildelingsbrev": 4, "prop1s": 3}
OPS = ("delete", "duplicate", "reorder", "truncate")
MARGIN = 3


@lru_cache(maxsize=None)
def _original(source_dir, file):
    entry = next(e for e in load_manifest(source_dir) if e.file == file)
    text, _ = decode_source((source_dir / file).read_bytes(), f"source/{file}")
    lines = text.split("\n")
    started = time.perf_counter()
    doc = _parse(lines, entry)
    return entry, lines, doc, time.perf_counter() - started


def _parse(lines, entry):
    text = read_text("\n".join(lines), f"source/{entry.file}")
    return parse_document(text, entry, Diagnostics(), entry.kind)


def _items(doc, decisions_from=None):
    """(kind, key, context span) of everything the document yields."""
    # Top-level sections (numbered "4", or a supplementary letter): a lost
    # "4." heading drops 4.1, 4.2 ... as headings, and the budget tables with them.
    starts = sorted({s.line for s in doc.sections if s.level == 1})
    sections = [(lo, (starts[i + 1] - 1) if i + 1 < len(starts) else 10**9) for i, lo in enumerate(starts)]

    def enclosing(line, end):
        i = bisect.bisect_right(starts, line) - 1
        while i >= 0:
            lo, hi = sections[i]
            if lo <= line <= hi:
                return min(lo, line), max(hi, end)
            i -= 1
        return line, end

    for a in doc.assignments:
        key = (a.id if a.printed_id else None, a.title, a.deadline)
        yield "assignment", key, enclosing(a.line, a.end_line)
    for r in doc.budget_rows:
        yield "budget_row", (r.kap, r.post, r.title, r.amounts), enclosing(r.line, r.end_line or r.line)
    for c in doc.chapters:
        posts = tuple((p.post, p.title, p.amounts) for p in c.posts)
        # A post printing one amount is placed in its column with the help of the
        # proposed decisions at the end of the Prop, so those are context too.
        yield "chapter", (c.kap, c.title, c.type, posts), (c.line, decisions_from or max(c.end_line, c.line))
    for v in doc.vedtak:
        yield "vedtak", (v.session, v.nr, v.title, v.date), (v.line, max(v.end_line, v.line))
    for s in doc.sections:
        if s.number:
            yield "section", (s.number, s.title), enclosing(s.line, s.line)


def _mutate(lines, op, rng):
    """Returns (mutated lines, affected span in original 1-based line numbers)."""
    n = len(lines)
    size = rng.randint(1, 60)
    a = rng.randint(0, n - size - 1)
    b = a + size  # block = lines[a:b], i.e. 1-based a+1 .. b
    if op == "delete":
        return lines[:a] + lines[b:], (a, b + 1)
    if op == "duplicate":
        return lines[:b] + lines[a:b] + lines[b:], (a + 1, b + 1)
    if op == "reorder":
        c = min(n, b + rng.randint(1, 60))
        return lines[:a] + lines[b:c] + lines[a:b] + lines[c:], (a, c + 1)
    cut = rng.randint(n // 10, n - 1)
    if rng.random() < 0.5:  # also cut in the middle of a line
        last = lines[cut - 1]
        return lines[: cut - 1] + [last[: rng.randint(0, len(last))]], (cut - 1, 10**9)
    return lines[:cut], (cut, 10**9)


def _documents(kind: str) -> list[str]:
    from _paths import SOURCE

    # The 2026 converter exports (.md) among them: a line deleted or
    # duplicated inside a pipe table keeps the rows that remain.
    return [e.file for e in load_manifest(SOURCE) if e.kind == kind]


def assert_mutations_keep_untouched(source_dir, file, op) -> None:
    """CASES_PER_OP mutations of `file` by `op`: none raises, and each keeps
    every item whose context lies outside the mutated block."""
    entry, lines, doc, base_time = _original(source_dir, file)
    decisions = [i + 1 for i, ln in enumerate(lines) if ln.strip() == "Forslag"]  # "Forslag / til vedtak ..."
    original = list(_items(doc, decisions[-1] if decisions else None))
    assert original, f"{file}: nothing extracted to keep"
    rng = random.Random(f"{file}:{op}")
    kept = 0
    for case in range(CASES_PER_OP[entry.kind]):
        mutated, (lo, hi) = _mutate(lines, op, rng)
        wanted = Counter(
            (kind_, key) for kind_, key, (start, end) in original
            if end + MARGIN < lo or start - MARGIN > hi
        )
        try:
            result = _parse(mutated, entry)
        except InputError as exc:
            # A supplementary letter of one assignment cut before it: no
            # letter left, refused with one line; only when nothing was untouched.
            if wanted or "no allocation letter found" not in str(exc):
                pytest.fail(f"{file} {op} #{case} (lines {lo}-{hi}): {type(exc).__name__}: {exc}")
            continue
        except Exception as exc:  # noqa: BLE001 - the point is that it never raises
            pytest.fail(f"{file} {op} #{case} (lines {lo}-{hi}): {type(exc).__name__}: {exc}")
        found = Counter((kind_, key) for kind_, key, _ in _items(result))
        missing = wanted - found
        assert not missing, (
            f"{file} {op} #{case} (original lines {lo}-{hi}) lost {sum(missing.values())} untouched item(s), "
            f"e.g. {next(iter(missing))}")
        kept += sum(wanted.values())
    # In a document of thousands of lines some case left something untouched
    # to compare (a mutation spans at most 60 lines, a truncation keeps a
    # tenth at least); a short supplement may lose everything to a cut.
    if len(lines) > 1000:
        assert kept > 0, f"{file} {op}: no case kept an item to compare"


@pytest.mark.parametrize("op", OPS)
@pytest.mark.parametrize("file", _documents("tildelingsbrev"))
def test_mutations_keep_what_they_did_not_touch(source_dir, file, op):
    assert_mutations_keep_untouched(source_dir, file, op)
