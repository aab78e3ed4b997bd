"""Benchmark the whole pipeline and print a Markdown table against the targets.

Usage: .venv/bin/python bench/bench_build.py [--no-repeat]   (--no-repeat: skip the 2x/4x/8x proposition)

Measures, on a copy of the project in a temp folder (site/ of the checkout is
never touched): extraction of every document; render (pages + charts) per
year; the MkDocs build per year; a full multi-version build from clean
(`python -m generator build` in a subprocess); a no-op rebuild (the same
command again, nothing changed); peak memory (maxrss of this process and its
children); extraction of the proposition repeated 2x, 4x, 8x.
"""
from __future__ import annotations

import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.extract import extract_document  # noqa: E402
from generator.parsing import parse_document  # noqa: E402
from generator.sources import load_manifest  # noqa: E402
from generator.text import decode_source, read_text  # noqa: E402

rows: list[tuple[str, str, str]] = []


def row(what: str, seconds: float | str, target: str = "") -> None:
    shown = f"{seconds:.2f} s" if isinstance(seconds, float) else seconds
    rows.append((what, shown, target))
    print(f"  {what}: {shown}", file=sys.stderr)


def best_of(n, fn):
    best = float("inf")
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def copy_project(dest: Path) -> Path:
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, dest / name)
    for name in ("content", "site_overrides", "source"):
        shutil.copytree(ROOT / name, dest / name)
    return dest


def main() -> int:
    entries = load_manifest(ROOT / "source")
    total = 0.0
    for e in entries:
        t = best_of(3, lambda e=e: extract_document(ROOT / "source" / e.file, Diagnostics(), e))
        total += t
        row(f"extract {e.file}", t)
    row("extract all documents", total, "< 1.5 s " + ("✓" if total < 1.5 else "✗"))

    prop = next(e for e in entries if e.kind == "prop1s")
    text, _ = decode_source((ROOT / "source" / prop.file).read_bytes(), prop.path)
    base = None
    for k in ((1,) if "--no-repeat" in sys.argv else (1, 2, 4, 8)):
        body = "\n".join([text.rstrip("\n")] * k) + "\n"
        t = best_of(2 if k < 8 else 1, lambda body=body: parse_document(read_text(body, prop.path), prop, Diagnostics(), "prop1s"))
        base = base or t
        row(f"extract proposition x{k}", t, f"{t / base:.2f}x of x1 (linear: {k}x)")

    from generator import site as site_module
    from generator.render.year import render_year

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        root = copy_project(Path(tmp))
        diags = Diagnostics()
        parsed = site_module.parse_all(root, diags)[1]  # (entries, parsed[, cache keys])
        graph = site_module.link_all(parsed)
        content = site_module.load_content(root)
        build_dir = root / "build"
        build_dir.mkdir(exist_ok=True)
        inputs = site_module.year_inputs(parsed, content)
        newest = max(i.year for i in inputs)
        for inp in inputs:
            t0 = time.perf_counter()
            output = render_year(inp, graph)
            t_render = time.perf_counter() - t0
            row(f"render {inp.year} (pages + charts, {len(output.pages)} files)", t_render)
            site_module.write_pages(build_dir / "docs" / str(inp.year), output.pages)
            cfg = site_module.year_config(inp.year, newest, output.nav, build_dir, root / "out" / str(inp.year), root)
            t0 = time.perf_counter()
            problems = site_module.run_mkdocs(cfg)
            row(f"MkDocs build {inp.year}", time.perf_counter() - t0, "" if not problems else f"{len(problems)} problem(s)")

        shutil.rmtree(build_dir)
        shutil.rmtree(root / "out", ignore_errors=True)
        cmd = [sys.executable, "-m", "generator", "--root", str(root), "build", "--quiet"]
        t0 = time.perf_counter()
        first = subprocess.run(cmd, capture_output=True, text=True)
        t_full = time.perf_counter() - t0
        row("full multi-version build from clean", t_full,
            "< 90 s " + ("✓" if t_full < 90 and first.returncode == 0 else f"✗ (exit {first.returncode})"))
        t0 = time.perf_counter()
        again = subprocess.run(cmd, capture_output=True, text=True)
        t_noop = time.perf_counter() - t0
        row("no-op rebuild (nothing changed)", t_noop,
            "< 5 s " + ("✓" if t_noop < 5 and again.returncode == 0 else f"✗ (exit {again.returncode})"))
        if first.returncode or again.returncode:
            print(first.stderr[-2000:], again.stderr[-2000:], file=sys.stderr)

    peak = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    row("peak memory (maxrss, self or largest child)", f"{peak / 1024:.0f} MB", "< 1 GB " + ("✓" if peak < 1024 * 1024 else "✗"))

    print(f"\nMachine: {platform.machine()}, {platform.processor() or '?'}, "
          f"{__import__('os').cpu_count()} CPUs, Python {platform.python_version()}\n")
    print("| measurement | result | target |\n|---|---|---|")
    for what, shown, target in rows:
        print(f"| {what} | {shown} | {target} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
