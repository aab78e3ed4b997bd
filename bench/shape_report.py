"""Extract every source document in every shape of tests/shapes.py and print
what each shape loses or gains against the original extraction (a report for
the parser's developers; tests/fast/test_letter_shapes.py asserts the same)."""
from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.parsing.extract import detect_kind  # noqa: E402
from generator.parsing import parse_document  # noqa: E402
from generator.read.source_text import read_text  # noqa: E402
import shapes  # noqa: E402


def summary(text: str, name: str):
    st = read_text(text, f"source/{name}")
    return shapes.summary(parse_document(st, None, Diagnostics(), detect_kind(st)))


def golden(name: str) -> dict:
    import json
    return json.loads((ROOT / "tests" / "golden" / name.replace(".txt", ".json")).read_text(encoding="utf-8"))


def main() -> None:
    names = sys.argv[1:] or sorted(p.name for p in (ROOT / "source").glob("*.txt"))
    for name in names:
        raw = (ROOT / "source" / name).read_text(encoding="utf-8")
        base = summary(raw, name)
        variants = {
            "layout": shapes.layout_shape(raw, "Tildelingsbrev til Helsedirektoratet"),
            "markdown": shapes.markdown_from_golden(raw, golden(name)),
            "edited": shapes.edited_shape(raw),
        }
        print(f"== {name}: " + ", ".join(f"{k} {sum(v.values())}" for k, v in base.items() if isinstance(v, Counter)))
        for vname, vtext in variants.items():
            got = summary(vtext, name)
            diffs = []
            for k, v in base.items():
                if not isinstance(v, Counter):
                    if got[k] != v and k != "warnings":
                        diffs.append(f"{k}: {v} -> {got[k]}")
                    continue
                lost, extra = v - got[k], got[k] - v
                if lost or extra:
                    diffs.append(f"{k}: -{sum(lost.values())} +{sum(extra.values())}")
                    for item in list(lost)[:12]:
                        diffs.append(f"    lost  {str(item)[:150]}")
                    for item in list(extra)[:12]:
                        diffs.append(f"    extra {str(item)[:150]}")
            print(f"  {vname}: " + ("same" if not diffs else ""))
            for d in diffs:
                print("    " + d)


if __name__ == "__main__":
    main()
