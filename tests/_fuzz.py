"""Fuzzing the extractor with mutated documents: no traceback, no hang, no
silently empty document.

A mutant is a real document (or the small test letter) with one to three
mutations applied to its bytes. TEXT_MUTATIONS are what a plain-text letter
can suffer: lines deleted, duplicated or shuffled, the file truncated (also
inside a UTF-8 character), a very long line, random bytes, CR-only line ends,
lines in mixed encodings. CONVERTER_MUTATIONS add what a converter's Markdown
export with HTML in its cells can suffer: bits flipped, pipes and tags left
unbalanced, a 100 000-character cell, a damaged front matter.

Each mutant goes through read + parse as `extract` does it, under an alarm (a
mutant still running after HANG_SECONDS of CPU is a hang, reported with its
case, never waited for); times are CPU seconds. Outcomes: 'refused' (an
InputError, one line naming the file), 'parsed', 'parsed: nothing found and
nothing said' (a silently empty document), 'hang', or a crash (any other
exception, with its traceback).

Seeded, so every run tries the same mutants. The fast tier runs samples
(tests/fast/test_fuzz_letters.py, tests/fast/test_fuzz_2026.py); the 1 000
run in bench/fuzz.py, which prints the figures and the slowest mutant.
"""
from __future__ import annotations

import random
import signal
import time
import traceback
from dataclasses import dataclass, field

from _paths import SOURCE
from _small_project import SMALL_LETTER

# CPU seconds that make a hang: a real document takes well under a second.
HANG_SECONDS = 10.0


def letter_documents() -> dict[str, bytes]:
    """The small test letter and the plain-text letters, by file name."""
    bases = {"small-2030.txt": SMALL_LETTER.encode("utf-8")}
    for path in sorted(SOURCE.glob("tildelingsbrev-*.txt")):
        bases[path.name] = path.read_bytes()
    return bases


def converter_documents() -> dict[str, bytes]:
    """The six 2026 converter exports by file name."""
    return {p.name: p.read_bytes() for p in sorted(SOURCE.glob("*2026*.md"))}


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

TEXT_MUTATIONS = {
    "delete": _delete, "duplicate": _duplicate, "shuffle": _shuffle, "truncate": _truncate,
    "long-line": _long_line, "random-bytes": _random_bytes, "cr-only": _cr_only, "mixed-encodings": _mixed_encodings,
}


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

CONVERTER_MUTATIONS = {
    **TEXT_MUTATIONS,
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

    return {e.file: e for e in load_manifest(SOURCE)}


def _entry(name: str, entries: dict):
    """The manifest's entry of a real document; a letter of the year in its name otherwise."""
    from generator.read.sources import SourceEntry

    if name in entries:
        return entries[name]
    year = int("".join(c for c in name if c.isdigit())[:4])
    return SourceEntry(file=name, kind="tildelingsbrev", year=year, title=f"Tildelingsbrev {year}", issuer="HOD",
                       recipient="Helsedirektoratet", slug=name.rsplit(".", 1)[0])


def extract_mutant(data: bytes, name: str, entry) -> str:
    """What `extract` does with the bytes: 'refused: <message>', 'parsed' or
    'parsed: nothing found and nothing said'."""
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
    """(case, outcome, CPU seconds) of one mutant, under an alarm."""
    case, name, data = item
    entry = _entry(name, _ENTRIES)
    # The alarm counts this process's CPU time (ITIMER_PROF), so that a busy
    # machine never makes a slow mutant a hang.
    previous = signal.signal(signal.SIGPROF, _on_alarm)
    signal.setitimer(signal.ITIMER_PROF, HANG_SECONDS)
    started = time.process_time()
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


def make_mutants(count: int, seed: int, bases: dict[str, bytes], mutations: dict) -> list[tuple[str, str, bytes]]:
    rng = random.Random(seed)
    names = sorted(bases)
    mutants = []
    for i in range(count):
        name = names[i % len(names)]
        ops = rng.sample(sorted(mutations), rng.choice((1, 1, 2, 3)))
        data = bases[name]
        for op in ops:
            data = mutations[op](rng, data) or data
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


def run(count: int, seed: int, bases: dict[str, bytes], mutations: dict, workers: int = 1) -> Figures:
    global _ENTRIES
    _ENTRIES = _entries()
    mutants = make_mutants(count, seed, bases, mutations)
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
