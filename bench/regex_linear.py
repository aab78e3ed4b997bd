"""Every recogniser's growth from 10 000 to 100 000 characters
(tests/_regex_growth.py; the suite checks every shape at 1 000 -> 10 000 and
each pattern's two slowest at 10 000 -> 100 000): about 90 s CPU.

Usage: .venv/bin/python bench/regex_linear.py [--sizes 10000,100000]
Exit status 1 if a pattern grows superlinearly.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from _regex_growth import growth  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10000,100000")
    args = ap.parse_args()
    started = time.perf_counter()
    times, superlinear = growth(args.sizes)
    print(f"{len(times)} patterns, wall {time.perf_counter() - started:.1f} s")
    for key, value in sorted(times.items(), key=lambda kv: -kv[1]["ratio"])[:5]:
        print(f"  steepest {key}: ratio {value['ratio']:.1f} on {value['ratio_shape']}")
    for key, ratio, shape in superlinear:
        print(f"  SUPERLINEAR {key}: ratio {ratio} on {shape}")
    return 1 if superlinear else 0


if __name__ == "__main__":
    sys.exit(main())
