"""Fuzzing the extractor with mutated letters: no traceback, no hang.

Each mutant is a real letter (or the small test letter) with one or more
mutations applied to its bytes: lines deleted, duplicated or shuffled, the
file truncated (also inside a UTF-8 character), a very long line inserted,
random bytes inserted, CR-only line ends, lines in mixed encodings (some
Windows-1252, some UTF-8). Each goes through read + parse as `extract` does.
An outcome is "refused" (InputError: one line naming the file), "parsed", or
a crash (any other exception: a bug); a parse that finds nothing (no section,
assignment or budget row) must say so with a diagnostic. Time per mutant is measured, not
asserted; over 5 s counts as a hang in the printed figures.

Seeded, so every run tries the same mutants. The fast tier runs 50 mutants;
the slow tier 1 000.
"""
from __future__ import annotations

import concurrent.futures
import os

import random
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from _small_project import SMALL_LETTER
from generator.diagnostics import Diagnostics, InputError
from generator.parsing import parse_document
from generator.read.sources import SourceEntry
from generator.read.source_text import read_bytes

SOURCE = Path(__file__).resolve().parent.parent / "source"
HANG_SECONDS = 5.0


def _bases() -> dict[str, bytes]:
    bases = {"small-2030.txt": SMALL_LETTER.encode("utf-8")}
    for path in sorted(SOURCE.glob("tildelingsbrev-*.txt")):
        bases[path.name] = path.read_bytes()
    return bases


def _lines(data: bytes) -> list[bytes]:
    return data.split(b"\n")


def _delete(rng, data):
    lines = _lines(data)
    start = rng.randrange(len(lines))
    del lines[start:start + rng.randint(1, 60)]
    return b"\n".join(lines)


def _duplicate(rng, data):
    lines = _lines(data)
    start = rng.randrange(len(lines))
    block = lines[start:start + rng.randint(1, 80)]
    at = rng.randrange(len(lines) + 1)
    return b"\n".join(lines[:at] + block * rng.randint(1, 3) + lines[at:])


def _shuffle(rng, data):
    lines = _lines(data)
    start = rng.randrange(len(lines))
    block = lines[start:start + rng.randint(2, 200)]
    rng.shuffle(block)
    return b"\n".join(lines[:start] + block + lines[start + len(block):])


def _truncate(rng, data):
    return data[:rng.randrange(1, len(data) + 1)]  # may cut a UTF-8 character in two


LONG_SHAPES = (b" ", b"\t", b"1 000 ", b".", b"TB2025-1 ", b"Kap. 740 post 01 ", b"Frist: 01.01.2025 ", b"a")


def _long_line(rng, data):
    lines = _lines(data)
    shape = rng.choice(LONG_SHAPES)
    line = shape * (rng.randint(20_000, 100_000) // len(shape))
    if rng.random() < 0.5:
        line = b"740 01 Driftsutgifter " + line + b" 1 000"
    lines.insert(rng.randrange(len(lines) + 1), line)
    return b"\n".join(lines)


def _random_bytes(rng, data):
    out = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(out) + 1)
        out[at:at] = bytes(rng.randrange(1, 256) for _ in range(rng.randint(1, 8)))  # NUL is another case
    if rng.random() < 0.05:
        out.insert(rng.randrange(len(out) + 1), 0)
    return bytes(out)


def _cr_only(rng, data):
    return data.replace(b"\r\n", b"\n").replace(b"\n", b"\r")


def _mixed_encodings(rng, data):
    text = data.decode("utf-8", errors="replace")
    lines = text.split("\n")
    out = []
    for line in lines:
        enc = "cp1252" if rng.random() < 0.3 else "utf-8"
        out.append(line.encode(enc, errors="replace"))
    return b"\n".join(out)


MUTATIONS = {
    "delete": _delete, "duplicate": _duplicate, "shuffle": _shuffle, "truncate": _truncate,
    "long-line": _long_line, "random-bytes": _random_bytes, "cr-only": _cr_only, "mixed-encodings": _mixed_encodings,
}


@dataclass
class Figures:
    mutants: int = 0
    refused: int = 0
    parsed: int = 0
    crashes: list[str] = field(default_factory=list)
    silent_empty: int = 0  # parsed, nothing found, no diagnostic
    hangs: int = 0
    slowest: float = 0.0
    slowest_case: str = ""
    refusals: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        return (f"mutants {self.mutants}, refused with a named error {self.refused}, parsed {self.parsed}, "
                f"crashes {len(self.crashes)}, silently empty {self.silent_empty}, hangs (> {HANG_SECONDS:.0f} s) {self.hangs}, "
                f"slowest {self.slowest:.2f} s ({self.slowest_case}); refusals: {self.refusals}")


def _entry(name: str) -> SourceEntry:
    year = int("".join(c for c in name if c.isdigit())[:4])
    return SourceEntry(name, "tildelingsbrev", year, f"Tildelingsbrev {year}", "HOD", "Helsedirektoratet",
                       None, name[:-4])


def extract_mutant(data: bytes, name: str) -> str:
    """What `extract` does with the bytes: 'refused: <message>' or 'parsed'."""
    diags = Diagnostics()
    try:
        text = read_bytes(data, f"source/{name}", diags)
        doc = parse_document(text, _entry(name), diags, "tildelingsbrev")
    except InputError as exc:
        message = str(exc)
        assert message.startswith(f"source/{name}") and "\n" not in message, message
        return "refused: " + exc.message
    if not (doc.sections or doc.assignments or doc.budget_rows) and not diags.items:
        return "parsed: nothing found and nothing said"
    return "parsed"


def _timed_extract(item: tuple[str, str, bytes]) -> tuple[str, str, float]:
    """(case, outcome, seconds) of one mutant; a crash's outcome holds its traceback."""
    case, name, data = item
    started = time.perf_counter()
    try:
        outcome = extract_mutant(data, name)
    except Exception:
        outcome = "crash: " + traceback.format_exc(limit=-3)
    return case, outcome, time.perf_counter() - started


def run_fuzz(count: int, seed: int) -> Figures:
    rng = random.Random(seed)
    bases = _bases()
    names = sorted(bases)
    mutants = []
    for i in range(count):
        name = names[i % len(names)]
        ops = rng.sample(sorted(MUTATIONS), rng.choice((1, 1, 2, 3)))
        data = bases[name]
        for op in ops:
            data = MUTATIONS[op](rng, data) or data
        mutants.append((f"#{i} {name} {'+'.join(ops)}", name, data))
    if count > 100:
        # The same mutants, extracted on every core (results come back in order).
        with concurrent.futures.ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
            results = list(pool.map(_timed_extract, mutants, chunksize=25))
    else:
        results = [_timed_extract(m) for m in mutants]
    figures = Figures()
    for case, outcome, elapsed in results:
        figures.mutants += 1
        if outcome.startswith("crash"):
            figures.crashes.append(f"{case}: {outcome[len('crash: '):]}")
        elif outcome.startswith("refused"):
            figures.refused += 1
            reason = outcome.split(": ", 1)[1].split(" (")[0]
            figures.refusals[reason] = figures.refusals.get(reason, 0) + 1
        elif outcome.startswith("parsed"):
            figures.parsed += 1
            figures.silent_empty += outcome != "parsed"
        figures.hangs += elapsed > HANG_SECONDS
        if elapsed > figures.slowest:
            figures.slowest, figures.slowest_case = elapsed, case
    return figures


def test_fuzz_50_mutated_letters():
    figures = run_fuzz(50, seed=16)
    print("\nfuzz (fast tier):", figures.line())
    assert figures.crashes == [], figures.crashes[0]
    assert figures.parsed + figures.refused == 50 and figures.parsed > 25
    assert figures.silent_empty == 0
    assert figures.hangs == 0, f"{figures.hangs} letter(s) over {HANG_SECONDS:.0f} s; slowest: {figures.slowest_case}"


@pytest.mark.slow
def test_fuzz_1000_mutated_letters():
    figures = run_fuzz(1000, seed=1016)
    print("\nfuzz (slow tier):", figures.line())
    assert figures.crashes == [], f"{len(figures.crashes)} crashes; first: {figures.crashes[0]}"
    assert figures.parsed + figures.refused == 1000
    assert figures.silent_empty == 0
    assert figures.hangs == 0, f"{figures.hangs} letter(s) over {HANG_SECONDS:.0f} s; slowest: {figures.slowest_case}"
