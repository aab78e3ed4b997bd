"""Time extraction of every document in source/sources.yml and print tables.

1. In this process, per document: CPU seconds of read + parse, best of N.
2. As the command line runs it: `python -m generator extract FILE` once per
   document (five processes, imports and pattern compilation included), and
   `python -m generator extract FILE...` for all of them in one process;
   wall and CPU seconds (CPU of the child processes), min and median of the
   runs. Python compiles generator/ to bytecode once and reuses it from
   __pycache__; where PYTHONDONTWRITEBYTECODE is set (as in some sandboxes)
   every process compiles it again, so both cases are timed.

Usage: .venv/bin/python bench/bench_extract.py [--repeat N] [--runs N] [--no-processes]
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.parsing.extract import extract_document  # noqa: E402
from generator.read.sources import load_manifest  # noqa: E402


def _option(name: str, default: int) -> int:
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def in_process(entries, repeat: int) -> None:
    print(f"{'document':36} {'kind':15} {'best CPU s':>10} {'items':>7}")
    total = 0.0
    letters = 0.0
    for e in entries:
        best = float("inf")
        items = 0
        for _ in range(repeat):
            t0 = time.process_time()
            try:
                _, doc = extract_document(ROOT / "source" / e.file, Diagnostics(), e, text_blocks=False)
            except Exception as exc:  # a bench must report, not stop
                print(f"{e.file:36} {e.kind:15} failed: {exc}")
                break
            best = min(best, time.process_time() - t0)
            items = len(doc.assignments) + len(doc.budget_rows) + len(doc.chapters)
        else:
            total += best
            if e.kind == "tildelingsbrev":
                letters += best
            print(f"{e.file:36} {e.kind:15} {best:10.3f} {items:7d}")
    print(f"{'all documents, one process (target <= 0.5 s)':52} {total:10.3f}")
    print(f"{'the letters':52} {letters:10.3f}")


def _timed(commands: list[list[str]], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of running the commands one after another."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def as_processes(entries, runs: int) -> None:
    files = [f"source/{e.file}" for e in entries]
    one_each = [[sys.executable, "-m", "generator", "extract", f] for f in files]
    all_in_one = [[sys.executable, "-m", "generator", "extract", *files]]
    cached = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    uncached = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    subprocess.run(one_each[0], cwd=ROOT, env=cached, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    print(f"\n{'command line, ' + str(runs) + ' runs':52} {'wall min/median':>17} {'CPU min/median':>16}")
    for label, commands, env in (
        (f"{len(files)} extract processes (target <= 1.2 s)", one_each, cached),
        (f"{len(files)} extract processes, no bytecode cache", one_each, uncached),
        (f"one extract process, all {len(files)} files", all_in_one, cached),
    ):
        results = [_timed(commands, env) for _ in range(runs)]
        walls, cpus = [r[0] for r in results], [r[1] for r in results]
        print(f"{label:52} {min(walls):7.2f} / {statistics.median(walls):5.2f}"
              f"   {min(cpus):6.2f} / {statistics.median(cpus):5.2f}")


def main() -> int:
    entries = load_manifest(ROOT / "source")
    in_process(entries, _option("--repeat", 3))
    if "--no-processes" not in sys.argv:
        as_processes(entries, _option("--runs", 3))
    return 0


if __name__ == "__main__":
    sys.exit(main())
