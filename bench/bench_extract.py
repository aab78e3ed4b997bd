"""Time extraction of every document in source/sources.yml and print a table.

Usage: .venv/bin/python bench/bench_extract.py [--repeat N]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.extract import extract_document  # noqa: E402
from generator.sources import load_manifest  # noqa: E402


def main() -> int:
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 3
    entries = load_manifest(ROOT / "source")
    print(f"{'document':36} {'kind':15} {'best s':>8} {'items':>7}")
    total = 0.0
    letters = 0.0
    for e in entries:
        best = float("inf")
        items = 0
        for _ in range(repeat):
            t0 = time.process_time()
            try:
                _, doc = extract_document(ROOT / "source" / e.file, Diagnostics(), e)
            except Exception as exc:  # a bench must report, not stop
                print(f"{e.file:36} {e.kind:15} failed: {exc}")
                break
            best = min(best, time.process_time() - t0)
            items = len(doc.assignments) + len(doc.budget_rows) + len(doc.chapters)
        else:
            total += best
            if e.kind == "tildelingsbrev":
                letters += best
            print(f"{e.file:36} {e.kind:15} {best:8.3f} {items:7d}")
    print(f"{'total':36} {'':15} {total:8.3f}")
    print(f"{'letters (target < 1 s)':36} {'':15} {letters:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
