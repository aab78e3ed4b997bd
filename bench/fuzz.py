"""1 000 mutants of the plain-text letters or of the six 2026 converter
exports (tests/_fuzz.py): crashes, hangs, silently empty documents,
refusals, the slowest mutant.

Usage: .venv/bin/python bench/fuzz.py [--documents letters|converter] [--count N] [--seed S] [--workers W]
Exit status 1 if any mutant crashed, hung or came back silently empty.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

import _fuzz as fuzz  # noqa: E402

DOCUMENTS = {
    "letters": (fuzz.letter_documents, fuzz.TEXT_MUTATIONS, 1016),
    "converter": (fuzz.converter_documents, fuzz.CONVERTER_MUTATIONS, 1023),
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--documents", choices=sorted(DOCUMENTS), default="converter")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--seed", type=int)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    documents, mutations, seed = DOCUMENTS[args.documents]
    started = time.perf_counter()
    figures = fuzz.run(args.count, args.seed if args.seed is not None else seed, documents(), mutations, args.workers)
    print(f"fuzz {args.documents}: {figures.line()}")
    print(f"wall {time.perf_counter() - started:.1f} s with {args.workers} worker(s)")
    for item in figures.crashes[:5] + figures.hangs[:5] + figures.silent_empty[:5]:
        print("  ", item)
    return 1 if figures.crashes or figures.hangs or figures.silent_empty else 0


if __name__ == "__main__":
    sys.exit(main())
