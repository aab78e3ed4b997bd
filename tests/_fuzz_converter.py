"""Mutants of the converter exports (the six 2026 documents): what the
letters' fuzz (tests/test_fuzz_letters.py) does to plain text, plus what a
Markdown export with HTML in its cells can suffer: bits flipped, pipes and
tags left unbalanced, a 100 000-character cell, a damaged front matter.

Each mutant goes through read + parse as `extract` does it, under an alarm
(a mutant still running after HANG_SECONDS of CPU is a hang, reported with
its case, never waited for); times are CPU seconds. Outcomes: 'refused' (an InputError, one line naming
the file), 'parsed', 'parsed: nothing found and nothing said' (a silently
empty document), 'hang', or a crash (any other exception, with its
traceback). Used by tests/test_fuzz_2026.py (a seeded sample in the fast
tier) and bench/fuzz_2026.py (the 1 000).
"""
from __future__ import annotations

import random
import signal
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from test_fuzz_letters import MUTATIONS as TEXT_MUTATIONS

ROOT = Path(__file__).resolve().parent.parent
HANG_SECONDS = 20.0  # CPU seconds that make a hang: a real document takes well under a second


def converter_documents() -> dict[str, bytes]:
    """The six 2026 documents by file name (from source/)."""
    return {p.name: p.read_bytes() for p in sorted((ROOT / "source").glob("*2026*.md"))}


def _table_lines(lines: list[bytes]) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.lstrip().startswith(b"|")] or list(range(len(lines)))


def _byte_flips(rng, data):
    out = bytearray(data)
    for _ in range(rng.randint(1, 40)):
        at = rng.randrange(len(out))
        out[at] ^= 1 << rng.randrange(8)
    return bytes(out)


def _unbalanced_pipes(rng, data):
    lines = data.split(b"\n")
    rows = _table_lines(lines)
    for _ in range(rng.randint(1, 12)):
        i = rng.choice(rows)
        line = lines[i]
        bars = [k for k, b in enumerate(line) if b == ord("|")]
        if bars and rng.random() < 0.5:
            k = rng.choice(bars)
            lines[i] = line[:k] + line[k + 1:]
        else:
            k = rng.randrange(len(line) + 1)
            lines[i] = line[:k] + b"|" * rng.randint(1, 5) + line[k:]
    return b"\n".join(lines)


STRAY_TAGS = (b"<b>", b"</b>", b"<p>", b"</p>", b"<li>", b"</li>", b"<ul style=\"list-style-type: none\">",
              b"</ul>", b"<br>", b"<br/>", b"<i>", b"<sup>", b"<a id=\"block-9-9\">", b"</a>", b"<", b">",
              b"<!--", b"-->", b"<![CDATA[", b"<?xml", b"<!DOCTYPE html", b"<script>", b"</td>",
              b"<table>", b"&amp;", b"&#", b"&lt;", b"<b", b"</", b"<p <p <p")


def _unbalanced_tags(rng, data):
    out = bytearray(data)
    for _ in range(rng.randint(1, 30)):
        if rng.random() < 0.3:  # delete a closing tag somewhere
            at = out.find(b"</", rng.randrange(len(out)))
            if at >= 0:
                end = out.find(b">", at)
                if end > at:
                    del out[at:end + 1]
                    continue
        at = rng.randrange(len(out) + 1)
        out[at:at] = rng.choice(STRAY_TAGS)
    return bytes(out)


CELL_SHAPES = (b"a", b" ", b"<b>", b"<br>", b"<p>", b"</li>", b"<li>- ", b"1 000 ", b"TB2026-1 ", b"**",
               b"&nbsp;", b"<!--", b"-", b".", b"Frist: 1.6.2026 ", b"701.21 ", b"<", b"\t", b"\\|", b"`")


def _long_cell(rng, data):
    """One cell of a table row (or a new row) 100 000 characters long."""
    lines = data.split(b"\n")
    shape = rng.choice(CELL_SHAPES)
    cell = shape * (100_000 // len(shape))
    i = rng.choice(_table_lines(lines))
    line = lines[i]
    bars = [k for k, b in enumerate(line) if b == ord("|")]
    if len(bars) >= 2:
        k = rng.choice(bars[:-1])
        lines[i] = line[:k + 1] + b" " + cell + b" " + line[k + 1:]
    else:
        lines.insert(i, b"| " + cell + b" | x | y |")
    return b"\n".join(lines)


def _front_matter(rng, data):
    """The converter's front matter damaged, huge, or an alias bomb."""
    choice = rng.randrange(5)
    if choice == 0:  # no closing ---
        return data.replace(b"\n---\n", b"\n", 2)
    if choice == 1:  # an alias bomb
        bomb = b"a: &a [x, x, x, x, x, x, x, x, x]\n" + b"".join(
            b"%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n" % ((98 + k, 98 + k) + (97 + k,) * 9)
            for k in range(9))
        return b"---\n" + bomb + b"---\n" + data
    if choice == 2:  # larger than any limit
        return b"---\nnotes: \"" + b"x" * rng.randint(65_000, 200_000) + b"\"\n---\n" + data
    if choice == 3:  # not YAML
        return b"---\n: : [ {\n\t- ]]\n---\n" + data
    return b"---\n" + bytes(rng.randrange(32, 127) for _ in range(rng.randint(1, 400))) + b"\n---\n" + data


MUTATIONS = {
    **{k: v for k, v in TEXT_MUTATIONS.items() if k != "long-line"},
    "long-line": TEXT_MUTATIONS["long-line"],
    "byte-flips": _byte_flips,
    "unbalanced-pipes": _unbalanced_pipes,
    "unbalanced-tags": _unbalanced_tags,
    "long-cell": _long_cell,
    "front-matter": _front_matter,
}


@dataclass
class Figures:
    mutants: int = 0
    refused: int = 0
    parsed: int = 0
    crashes: list[str] = field(default_factory=list)
    silent_empty: list[str] = field(default_factory=list)
    hangs: list[str] = field(default_factory=list)
    slowest: float = 0.0
    slowest_case: str = ""
    total: float = 0.0
    refusals: dict[str, int] = field(default_factory=dict)

    def line(self) -> str:
        return (f"mutants {self.mutants}, refused with a named error {self.refused}, parsed {self.parsed}, "
                f"crashes {len(self.crashes)}, silently empty {len(self.silent_empty)}, "
                f"hangs (> {HANG_SECONDS:.0f} s CPU) {len(self.hangs)}, slowest {self.slowest:.2f} s CPU "
                f"({self.slowest_case}), mean {self.total / max(1, self.mutants):.3f} s CPU; "
                f"refusals: {self.refusals}")


class _Hang(BaseException):
    """Raised by the alarm: not an Exception, so no parser code can swallow it."""


def _on_alarm(signum, frame):
    raise _Hang()


def _entries() -> dict:
    from generator.read.sources import load_manifest

    try:
        return {e.file: e for e in load_manifest(ROOT / "source")}
    except Exception:  # noqa: BLE001 - a manifest without the 2026 entries yet
        return {}


def _entry(name: str, entries: dict):
    from generator.read.sources import SourceEntry

    if name in entries:
        return entries[name]
    return SourceEntry(file=name, kind="tildelingsbrev", year=2026, title="Tildelingsbrev 2026", issuer="HOD",
                       recipient="Helsedirektoratet", slug=name.rsplit(".", 1)[0])


def extract_mutant(data: bytes, name: str, entry) -> str:
    from generator.diagnostics import Diagnostics, InputError
    from generator.parsing import parse_document
    from generator.read.source_text import read_bytes

    diags = Diagnostics()
    try:
        text = read_bytes(data, f"source/{name}", diags)
        doc = parse_document(text, entry, diags, entry.kind)
    except InputError as exc:
        message = str(exc)
        assert message.startswith(f"source/{name}") and "\n" not in message, message
        return "refused: " + exc.message
    if not (doc.sections or doc.assignments or doc.budget_rows) and not diags.items:
        return "parsed: nothing found and nothing said"
    return "parsed"


def timed_extract(item: tuple[str, str, bytes]) -> tuple[str, str, float]:
    """(case, outcome, seconds) of one mutant, under an alarm."""
    case, name, data = item
    entry = _entry(name, _ENTRIES)
    # The alarm counts this process's CPU time (ITIMER_PROF), so that a busy
    # machine never makes a slow mutant a hang.
    previous = signal.signal(signal.SIGPROF, _on_alarm)
    signal.setitimer(signal.ITIMER_PROF, HANG_SECONDS)
    started = time.process_time()  # CPU seconds: what the machine's other work does not add to
    try:
        outcome = extract_mutant(data, name, entry)
    except _Hang:
        outcome = "hang"
    except Exception:
        outcome = "crash: " + traceback.format_exc(limit=-4)
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
    return case, outcome, time.process_time() - started


_ENTRIES: dict = {}


def make_mutants(count: int, seed: int, bases: dict[str, bytes]) -> list[tuple[str, str, bytes]]:
    rng = random.Random(seed)
    names = sorted(bases)
    mutants = []
    for i in range(count):
        name = names[i % len(names)]
        ops = rng.sample(sorted(MUTATIONS), rng.choice((1, 1, 2, 3)))
        data = bases[name]
        for op in ops:
            data = MUTATIONS[op](rng, data) or data
        mutants.append((f"#{i} {name} {'+'.join(ops)}", name, data))
    return mutants


def tally(results) -> Figures:
    figures = Figures()
    for case, outcome, elapsed in results:
        figures.mutants += 1
        figures.total += elapsed
        if outcome.startswith("crash"):
            figures.crashes.append(f"{case}: {outcome[len('crash: '):]}")
        elif outcome == "hang":
            figures.hangs.append(case)
        elif outcome.startswith("refused"):
            figures.refused += 1
            reason = outcome.split(": ", 1)[1].split(" (")[0][:70]
            figures.refusals[reason] = figures.refusals.get(reason, 0) + 1
        else:
            figures.parsed += 1
            if outcome != "parsed":
                figures.silent_empty.append(case)
        if elapsed > figures.slowest:
            figures.slowest, figures.slowest_case = elapsed, case
    return figures


def run(count: int, seed: int, workers: int = 1) -> Figures:
    global _ENTRIES
    _ENTRIES = _entries()
    mutants = make_mutants(count, seed, converter_documents())
    if workers > 1:
        import concurrent.futures

        with concurrent.futures.ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
            results = list(pool.map(timed_extract, mutants, chunksize=10))
    else:
        results = [timed_extract(m) for m in mutants]
    return tally(results)


def _init_worker() -> None:
    global _ENTRIES
    _ENTRIES = _entries()
