"""1 000 mutants of the six 2026 converter exports (tests/_fuzz_converter.py):
crashes, hangs, silently empty documents, refusals, the slowest mutant.

Usage: .venv/bin/python bench/fuzz_2026.py [--count N] [--seed S] [--workers W]
Exit status 1 if any mutant crashed, hung or came back silently empty.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import _fuzz_converter as fuzz  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1023)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    started = time.perf_counter()
    figures = fuzz.run(args.count, args.seed, args.workers)
    print(f"fuzz 2026: {figures.line()}")
    print(f"wall {time.perf_counter() - started:.1f} s with {args.workers} worker(s)")
    for item in figures.crashes[:5] + figures.hangs[:5] + figures.silent_empty[:5]:
        print("  ", item)
    return 1 if figures.crashes or figures.hangs or figures.silent_empty else 0


if __name__ == "__main__":
    sys.exit(main())
