"""Every recogniser runs in linear time on any line: the measuring child processes.

Each compiled pattern of generator/read/, parsing/, link/, derive/ and
render/ (every module, found by walking the packages) is run (match, and findall, which
begins with exactly what search does) on 10 000- and 100 000-character
lines of the shapes that make backtracking patterns blow up: long runs of
spaces, tabs, dots, digits and the like, each also with a row after it,
and what a converter's Markdown export holds (pipes, tags, emphasis marks,
links and images left open). Before the fix, _AMOUNTS_ONLY was
exponential (4 s for 22 amounts followed by a letter), TOC_TAIL_RE cubic
(18 s on 2 000 tabs), _UNIT_LINE and STATUS_END quadratic in leading
spaces, _BOLD_MARK quadratic on "**x " repeated (160 s at 100 000
characters). A pattern that hangs never finishes, so the run is done in
child processes whose timeout is the hang detector; the growth from one size to ten times
that is asserted as a ratio (linear: about 10), never a time. Used by
tests/slow/test_regex_linear.py (every shape at 1 000 -> 10 000 characters,
then each pattern's two slowest shapes at 10 000 -> 100 000: about 15 s CPU)
and bench/regex_linear.py (every shape at 10 000 -> 100 000, about 90 s CPU).
"""
from __future__ import annotations

import json
import os
import subprocess
import sys


from _paths import ROOT

CHILD = r"""
import importlib, json, pkgutil, re, sys, time
import generator.derive, generator.link, generator.parsing, generator.read, generator.render
# Every stage that runs a pattern on the documents' text: reading, parsing, and
# what derive, link and render do again with the parsed text (a deadline's
# words, a title to escape), all of it text from outside.
modules = [importlib.import_module(m.name)
           for pkg in (generator.read, generator.parsing, generator.link, generator.derive, generator.render)
           for m in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + ".")]
SIZES = [int(n) for n in sys.argv[1].split(",")]
SHARD, SHARDS = int(sys.argv[2]), int(sys.argv[3])  # this child's share of the patterns
ROW = "740 01 Driftsutgifter 1 000"
RATIO, JUDGED = 40, 0.05  # a growth over 40 for 10x the characters, on a pattern taking over 50 ms
SLOWEST = 2  # shapes per pattern carried to the third size


def shapes(N):
    out = {
        "spaces": " " * N, "tabs": "\t" * N, "dots": "." * N, "space-dot": " ." * (N // 2), "underscores": "_" * N,
        "ellipsis": "…" * N, "digits": "1" * N, "digit-space": "1 " * (N // 2), "amounts": "1 000 " * (N // 6),
        "letters": "a" * N, "capitals": "A" * N, "dashes": "-" * N, "words": "Kap. 740 post 01 " * (N // 17),
        "ids": "TB2025-1 " * (N // 9), "tab-digit": "\t1" * (N // 2), "vedtak": "vedtak nr. 12 " * (N // 14),
        "units": "i mill " * (N // 7) + ")x", "ja": "Ja " * (N // 3) + "x", "open-paren": "(" * N,
    }
    for name in list(out):
        out[name + "+row"] = out[name] + ROW
        out["row+" + name] = ROW + out[name] + "x"
    # What a converter's Markdown export holds: pipes, tags, emphasis marks,
    # links and images, each unclosed many times over.
    markdown = {"pipes": "|", "escaped-pipes": "\\|", "cells": "| a ", "bold-open": "**x ", "under-open": "__x ",
                "star-open": "*x ", "stars": "*", "tag-b": "<b>", "tag-br": "<br>", "tag-p-open": "<p ",
                "tag-a-open": "<a", "lt": "<", "end-tag-open": "</", "comment-open": "<!--", "cdata": "<![CDATA[",
                "entities": "&amp;", "amp": "&", "image-open": "![x](", "link-open": "[x](", "brackets": "[",
                "hashes": "#", "backticks": "`", "backslashes": "\\", "anchor": '<a id="block-1-0"></a>'}
    for name, unit in markdown.items():
        out[name] = unit * (N // len(unit))
    return out


def run(pat, line):
    # CPU seconds of this process: what the machine's other work (a time
    # slice lost to another process) does not add to.
    t = time.process_time()
    # findall's first step is exactly search (the same scan from the same
    # start), and match is its first attempt: findall does all their work
    # (and a sub's).
    pat.match(line)
    pat.findall(line)
    return time.process_time() - t


# Each distinct pattern once (a module's imported patterns are another's),
# named after the first module that holds it; dealt to the children one by
# one, so that each gets an even share of the work.
distinct = {}
for mod in modules:
    for name, pat in sorted(vars(mod).items()):
        if isinstance(pat, re.Pattern):
            distinct.setdefault(pat, f"{mod.__name__}.{name}")
lines = {n: shapes(n) for n in SIZES}


def judge(pat, shape, sizes, times, worst):
    # Growth from the short line to the long one (10x the characters: 10
    # to 25 when linear, the caches being what they are; 100 and more when
    # quadratic). Only a pattern that takes a noticeable time on the long
    # line is judged (a quadratic scan of 100 000 characters takes seconds,
    # a linear one milliseconds, where the clock's and the machine's noise
    # is the ratio); a steep one is measured twice more and the smallest
    # times kept.
    ratio = times[1] / max(times[0], 1e-4)
    if ratio > RATIO and times[1] > JUDGED:
        for _ in range(2):
            times = [min(t, run(pat, lines[n][shape])) for t, n in zip(times, sizes)]
        ratio = times[1] / max(times[0], 1e-4)
    if ratio > worst["ratio"] and times[1] > JUDGED:
        worst["ratio"], worst["ratio_shape"] = ratio, shape


result = {}
for pat, key in sorted(distinct.items(), key=lambda kv: kv[1])[SHARD::SHARDS]:
    print(key, file=sys.stderr, flush=True)
    worst = {"seconds": 0.0, "shape": "", "ratio": 0.0, "ratio_shape": ""}
    short, middle = SIZES[0], SIZES[1]
    at_middle = {}
    for shape in lines[middle]:
        times = [run(pat, lines[n][shape]) for n in (short, middle)]
        at_middle[shape] = times[1]
        if times[1] > worst["seconds"]:
            worst["seconds"], worst["shape"] = times[1], shape
        judge(pat, shape, (short, middle), times, worst)
    if len(SIZES) == 3:
        # The third size only on this pattern's slowest shapes at the middle
        # size (and any steep one): where superlinear work shows first. Every
        # shape at 100 000 characters costs about 90 s CPU for the whole set.
        slowest = sorted(at_middle, key=lambda s: -at_middle[s])[:SLOWEST]
        for shape in dict.fromkeys(slowest + [worst["ratio_shape"]] * bool(worst["ratio_shape"])):
            times = [at_middle[shape], run(pat, lines[SIZES[2]][shape])]
            if times[1] > worst["seconds"]:
                worst["seconds"], worst["shape"] = times[1], shape
            judge(pat, shape, SIZES[1:], times, worst)
    result[key] = worst
print(json.dumps(result))
"""


def _run_children(sizes: str) -> dict[str, dict]:
    """One child per core, each with its share of the patterns; the child's
    timeout is the hang detector."""
    shards = max(1, os.cpu_count() or 1)
    children = [subprocess.Popen([sys.executable, "-c", CHILD, sizes, str(k), str(shards)], cwd=ROOT,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for k in range(shards)]
    results = {}
    for child in children:
        try:
            out, err = child.communicate(timeout=600)
        except subprocess.TimeoutExpired:
            for c in children:
                c.kill()
            _, err = child.communicate()
            raise AssertionError(f"a pattern does not finish on lines of {sizes} characters: "
                                 f"{err.strip().splitlines()[-1:]}") from None
        assert child.returncode == 0, err[-2000:]
        results.update(json.loads(out))
    assert len(results) > 80  # every module's patterns were found
    return results


def growth(sizes: str) -> tuple[dict[str, dict], list]:
    """Every pattern's worst time and growth between the two sizes, and the
    patterns whose growth is superlinear (ratio over 40 for 10 times the
    characters, on a pattern that takes over 50 ms)."""
    times = _run_children(sizes)
    steepest = sorted(times.items(), key=lambda kv: -kv[1]["ratio"])
    return times, [(k, round(v["ratio"]), v["ratio_shape"]) for k, v in steepest if v["ratio"] > 40]
