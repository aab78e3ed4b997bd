"""Every recogniser runs in linear time on any line.

Each compiled pattern of generator/parsing/, generator/read/source_text.py
and generator/read/layout/ is run (match, and findall, which
begins with exactly what search does) on 100 000-character
lines of the shapes that make backtracking patterns blow up: long runs of
spaces, tabs, dots, digits and the like, each also with a row after it.
Before the fix, _AMOUNTS_ONLY was exponential (4 s for 22 amounts followed
by a letter), TOC_TAIL_RE cubic (18 s on 2 000 tabs), _UNIT_LINE and
STATUS_END quadratic in leading spaces; at 100 000 characters such a
pattern never finishes, so the run is done in a child process whose
timeout is the hang detector (no timing is asserted; the slowest pattern is
printed).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from _small_project import ROOT

CHILD = r"""
import importlib, json, pkgutil, re, sys, time
import generator.parsing as P
modules = [importlib.import_module(m.name) for m in pkgutil.walk_packages(P.__path__, "generator.parsing.")]
modules += [importlib.import_module(m) for m in ("generator.read.source_text", "generator.parsing.extract", "generator.read.layout.pages", "generator.read.layout.columns", "generator.read.layout.grid", "generator.read.layout.headings")]
N = int(sys.argv[1])
SHARD, SHARDS = int(sys.argv[2]), int(sys.argv[3])  # this child's share of the patterns
ROW = "740 01 Driftsutgifter 1 000"
shapes = {
    "spaces": " " * N, "tabs": "\t" * N, "dots": "." * N, "space-dot": " ." * (N // 2), "underscores": "_" * N,
    "ellipsis": "…" * N, "digits": "1" * N, "digit-space": "1 " * (N // 2), "amounts": "1 000 " * (N // 6),
    "letters": "a" * N, "capitals": "A" * N, "dashes": "-" * N, "words": "Kap. 740 post 01 " * (N // 17),
    "ids": "TB2025-1 " * (N // 9), "tab-digit": "\t1" * (N // 2), "vedtak": "vedtak nr. 12 " * (N // 14),
    "units": "i mill " * (N // 7) + ")x", "ja": "Ja " * (N // 3) + "x", "open-paren": "(" * N,
}
for name in list(shapes):
    shapes[name + "+row"] = shapes[name] + ROW
    shapes["row+" + name] = ROW + shapes[name] + "x"
# Each distinct pattern once (a module's imported patterns are another's),
# named after the first module that holds it; dealt to the children one by
# one, so that each gets an even share of the work.
distinct = {}
for mod in modules:
    for name, pat in sorted(vars(mod).items()):
        if isinstance(pat, re.Pattern):
            distinct.setdefault(pat, f"{mod.__name__}.{name}")
result = {}
for pat, key in sorted(distinct.items(), key=lambda kv: kv[1])[SHARD::SHARDS]:
    print(key, file=sys.stderr, flush=True)
    worst = (0.0, "")
    for shape, line in shapes.items():
        t = time.perf_counter()
        # findall's first step is exactly search (the same scan from the same
        # start), and match is its first attempt: findall does all their work.
        pat.match(line)
        pat.findall(line)
        worst = max(worst, (time.perf_counter() - t, shape))
    result[key] = worst
print(json.dumps(result))
"""


@pytest.mark.parametrize("n", [10_000, pytest.param(100_000, marks=pytest.mark.slow)])
def test_every_recogniser_is_linear_on_long_lines(n):
    """10 000 characters in the fast tier (an exponential or cubic pattern
    hangs there too), 100 000 in the slow one (about 40 s)."""
    # One child per core, each with its share of the patterns.
    shards = max(1, os.cpu_count() or 1)
    children = [subprocess.Popen([sys.executable, "-c", CHILD, str(n), str(k), str(shards)], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(shards)]
    times = {}
    for child in children:
        try:
            out, err = child.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            for c in children:
                c.kill()
            _, err = child.communicate()
            raise AssertionError(f"a pattern does not finish on {n}-character lines: "
                                 f"{err.strip().splitlines()[-1:]}") from None
        assert child.returncode == 0, err[-2000:]
        times.update(json.loads(out))
    assert len(times) > 80  # every module's patterns were found
    slowest = sorted(times.items(), key=lambda kv: -kv[1][0])[:3]
    print(f"slowest patterns on {n}-character lines (seconds, shape):", slowest)


def test_the_fixed_patterns_still_recognise_what_they_did():
    from generator.parsing.tokens.amounts import UNIT_LINE as _UNIT_LINE
    from generator.parsing.prop.vedtak import STATUS_END
    from generator.parsing.recognisers import TOC_TAIL_RE

    assert TOC_TAIL_RE.search("3.2 Folkehelse ........ 12") and TOC_TAIL_RE.search("Innledning\t\t4")
    assert TOC_TAIL_RE.search("Mål . . . . 7") and TOC_TAIL_RE.search("Oppdrag ____ 9")
    assert not TOC_TAIL_RE.search("3.2 Folkehelse 12") and not TOC_TAIL_RE.search("\t" * 50)
    assert _UNIT_LINE.match("(Alle tall i 1 000 kroner)") and _UNIT_LINE.match("  Beløp i mill. kroner")
    assert not _UNIT_LINE.match("(Alle tall i 1 000 kroner) og mer)") and not _UNIT_LINE.match(" " * 50)
    m = STATUS_END.match("Akuttilbud til personer med rus   Nei ")
    assert m and m.groups() == ("Akuttilbud til personer med rus", "Nei")
    assert STATUS_END.match("Ja").groups() == ("", "Ja") and not STATUS_END.match("Jaja")
