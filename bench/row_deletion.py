"""Silent row losses: delete one budget-table row's line, see what else goes.

For each row a letter's golden extraction read from a table, the probe
deletes the row's first line from the letter, extracts it again and counts
the OTHER rows that went missing (their chapter, post, title and amounts no
longer found) without any diagnostic on their lines (`line`..`end_line`,
renumbered after the deletion). A row lost this way is a silent loss: a
reader of the extraction could not know it was there.

    python bench/row_deletion.py                    # the four text letters
    python bench/row_deletion.py tildelingsbrev-2022 --lines 132 250

prints per letter the lines probed, the rows lost in all, and the silent
ones with the deleted line that caused them. tests/fast/test_row_deletion.py
asserts the counts on a sample of lines.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.parsing import parse_document  # noqa: E402
from generator.read.source_text import read_text  # noqa: E402

LETTERS = ["tildelingsbrev-2018", "tildelingsbrev-2022", "tildelingsbrev-2024", "tildelingsbrev-2025"]


@dataclass(frozen=True)
class Probe:
    deleted: int  # the physical line deleted (1-based, in the original)
    lost: tuple[tuple[int, str, int], ...]  # (kap, post, line) of other rows lost, said at their line
    silent: tuple[tuple[int, str, int], ...]  # the same, with no diagnostic at their line
    moved: tuple[tuple[int, str, int], ...] = ()  # of the silent ones, those kept under another chapter


def _key(kap, post, title, amounts) -> tuple:
    return kap, post, tuple(sorted((k, v) for k, v in amounts))  # the title may wrap otherwise: not a loss


def _golden_rows(name: str) -> list[dict]:
    golden = json.loads((ROOT / "tests" / "golden" / f"{name}.json").read_text(encoding="utf-8"))
    return [r for r in golden["budget_rows"] if r.get("read_from") == "table"]


def _extract(text: str, name: str):
    diags = Diagnostics()
    doc = parse_document(read_text(text, f"source/{name}.txt"), None, diags, "tildelingsbrev")
    return doc, diags


def probe_line(name: str, raw: list[str], rows: list[dict], line: int) -> Probe:
    """Delete physical line `line` (1-based) and report the other rows lost."""
    doc, diags = _extract("\n".join(raw[:line - 1] + raw[line:]), name)
    got = Counter(_key(r.kap, r.post, r.title, r.amounts) for r in doc.budget_rows)
    said = {d.line for d in diags.items}
    lost, silent = [], []
    for r in rows:  # in line order: a key printed twice is lost by its later rows first
        key = _key(r["kap"], r["post"], r["title"], r["amounts"].items())
        if got[key] > 0:
            got[key] -= 1
            continue
        if r["line"] <= line <= r["end_line"]:
            continue  # the deleted row itself
        moved = range(r["line"] - (r["line"] > line), r["end_line"] - (r["end_line"] >= line) + 1)
        (lost if any(n in said for n in moved) else silent).append((r["kap"], r["post"], r["line"]))
    elsewhere = {(r.post, r.amounts) for r in doc.budget_rows}
    moved_kap = tuple(x for x in silent
                      if next((r for r in rows if r["line"] == x[2]), None) is not None
                      and (x[1], tuple(next(r for r in rows if r["line"] == x[2])["amounts"].items())) in elsewhere)
    return Probe(line, tuple(lost), tuple(silent), moved_kap)


def probe(name: str, lines: list[int] | None = None) -> list[Probe]:
    raw = (ROOT / "source" / f"{name}.txt").read_text(encoding="utf-8").split("\n")
    rows = _golden_rows(name)
    # Rows counted from the original (not the golden file): a row the golden
    # extraction holds twice must be found twice.
    return [probe_line(name, raw, rows, n) for n in (lines or sorted({r["line"] for r in rows}))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("names", nargs="*", default=LETTERS)
    ap.add_argument("--lines", nargs="*", type=int)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    for name in args.names:
        results = probe(name, args.lines)
        silent = sum(len(p.silent) for p in results)
        lost = sum(len(p.lost) + len(p.silent) for p in results)
        print(f"{name}: {len(results)} lines deleted, {lost} other rows lost, {silent} silently, "
              f"{sum(1 for p in results if p.silent)} deletions with a silent loss; "
              f"{sum(len(p.moved) for p in results)} of the silent rows kept under another chapter")
        for p in results:
            if p.silent or args.verbose and p.lost:
                print(f"  l. {p.deleted}: silent {[f'{k}.{s}@{n}' for k, s, n in p.silent]}"
                      + (f" said {[f'{k}.{s}@{n}' for k, s, n in p.lost]}" if args.verbose else ""))


if __name__ == "__main__":
    main()
