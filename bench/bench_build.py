"""Benchmark the build against the bare-MkDocs floor, and print Markdown tables.

Usage: .venv/bin/python bench/bench_build.py [--runs N] [--no-repeat]

Everything runs on a copy of the project in a temp folder (site/ and build/
of the checkout are never touched):

1. imports: a fresh interpreter importing what a build imports, minus a bare
   interpreter's start.
2. extraction: every document in one process (best of 3, CPU seconds; target
   under 1 s, issue 25), and
   each document as its own `python -m generator extract` process, one after
   another (wall and CPU seconds; bench/bench_extract.py has more).
3. stages, in this process, one after another and one year after another:
   parse (read + parse + link, no cache), render Markdown, charts (each
   distinct chart drawn once), MkDocs. This is the work; the build itself
   runs charts and MkDocs in one worker process per core.
4. N times (default 3): a full multi-version build from clean
   (`python -m generator build`, subprocess), then the floor: plain
   `python -m mkdocs build` of the same generated pages (the same
   build/docs/<year> and build/mkdocs-<year>.yml), one year after another,
   no generator work. The ratio full/floor of each run, min and median.
5. no-op rebuild: the same build command again, nothing changed (best of 3).
6. peak memory: maxrss of this process and of the largest child.
7. growth (skipped with --no-repeat): the proposition's text repeated 1x, 2x, 4x
   (CPU seconds of read + parse: wall time under load says little).
"""
from __future__ import annotations

import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

rows: list[tuple[str, str, str]] = []


def row(what: str, value: float | str, target: str = "") -> None:
    shown = f"{value:.2f} s" if isinstance(value, float) else value
    rows.append((what, shown, target))
    print(f"  {what}: {shown} {target}", file=sys.stderr)


def ok(flag: bool) -> str:
    return "✓" if flag else "✗"


def timed(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


class Clock:
    """Wall and CPU seconds (this process) since the last lap."""

    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def lap(self) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        lap = (wall - self.wall, cpu - self.cpu)
        self.wall, self.cpu = wall, cpu
        return lap


def best_of(n: int, fn) -> float:
    return min(timed(fn) for _ in range(n))


def best_cpu_of(n: int, fn) -> float:
    """CPU seconds of this process, best of n: in-process work, which the
    machine's load inflates much less than its wall time."""
    def cpu() -> float:
        t0 = time.process_time()
        fn()
        return time.process_time() - t0
    return min(cpu() for _ in range(n))


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(cmd: list[str], env: dict | None = None, cpu: list | None = None) -> float:
    """Wall seconds of a command; its CPU seconds (all its processes) appended to `cpu`."""
    c0 = children_cpu()
    t0 = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, env=env)
    if done.returncode:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-3000:]}")
    if cpu is not None:
        cpu.append(children_cpu() - c0)
    return time.perf_counter() - t0


def copy_project(dest: Path) -> Path:
    shutil.copy2(ROOT / "mkdocs.yml", dest / "mkdocs.yml")
    for name in ("content", "site_overrides", "source"):  # no published-urls.txt: the copy checks no old URLs
        shutil.copytree(ROOT / name, dest / name)
    return dest


def measure_imports() -> tuple[float, float]:
    """(wall, CPU) seconds of the imports a build needs, in a fresh interpreter, minus a bare one."""
    what = "import generator.build.site, generator.render.year, matplotlib.figure, mkdocs.commands.build"
    bare_cpu: list[float] = []
    full_cpu: list[float] = []
    bare = best_of(3, lambda: run([sys.executable, "-c", "pass"], cpu=bare_cpu))
    full = best_of(3, lambda: run([sys.executable, "-c", what], cpu=full_cpu))
    return full - bare, min(full_cpu) - min(bare_cpu)


def measure_extraction() -> None:
    from generator.diagnostics import Diagnostics
    from generator.parsing.extract import extract_document
    from generator.read.sources import load_manifest

    entries = load_manifest(ROOT / "source")

    def all_in_one() -> None:
        for e in entries:
            extract_document(ROOT / "source" / e.file, Diagnostics(), e, text_blocks=False)

    t = best_cpu_of(3, all_in_one)
    # issue 25: all eleven documents in one process under 1 s
    row(f"extract all {len(entries)} documents, one process (CPU)", t, f"< 1 s {ok(t < 1.0)}")
    walls, cpus = [], []
    for _ in range(2):
        cpu: list[float] = []
        walls.append(sum(run([sys.executable, "-m", "generator", "extract", str(ROOT / "source" / e.file)], cpu=cpu)
                         for e in entries))
        cpus.append(sum(cpu))
    # no target: each process pays the interpreter's start and the imports (about 0.35 s)
    row(f"extract all {len(entries)} documents, one `extract` process each (wall)", min(walls))
    row(f"extract all {len(entries)} documents, one `extract` process each (CPU)", min(cpus))


def measure_stages(root: Path, imports: tuple[float, float]) -> None:
    """Each stage on its own, serially, in this process (the build's own work, not wall time)."""
    from generator.build import inputs as build_inputs, site as site_module, year_html
    from generator.diagnostics import Diagnostics
    from generator.render.charts.spec import ChartSpec
    from generator.render.year import render_year
    from generator.read.sourcedates import dated_settings
    from generator.settings import load_settings
    from generator.build.offline import make_bundle
    from generator.build.workers import ChartCache, draw_charts
    from generator.render.charts.card import CardSpec
    from generator.render.charts.card_draw import card_png

    clock = Clock()
    parsed = build_inputs.parse_all(root, Diagnostics())[1]
    graph = build_inputs.link_all(parsed)
    t_parse = clock.lap()
    settings = dated_settings(root, load_settings(root))
    inputs = build_inputs.year_inputs(parsed, build_inputs.load_content(root), settings)
    clock.lap()
    outputs = [(inp.year, render_year(inp, graph)) for inp in inputs]
    t_render = clock.lap()
    specs = [v for _, out in outputs for v in out.pages.values() if isinstance(v, ChartSpec)]
    svgs = draw_charts(set(specs), ChartCache(None, "", jobs=1))
    t_charts = clock.lap()
    print(f"  {len(specs)} chart files, {len(set(specs))} distinct charts drawn", file=sys.stderr)
    cards = [v for _, out in outputs for v in out.pages.values() if isinstance(v, CardSpec)]
    pngs = {spec: card_png(spec) for spec in sorted(set(cards), key=repr)}  # each distinct card once
    t_cards = clock.lap()
    card_pages = sum(1 for _, out in outputs for p, v in out.pages.items() if p.endswith(".md"))
    print(f"  {len(set(cards))} distinct cards drawn for {card_pages} pages", file=sys.stderr)
    build_dir = root / "build-stages"
    newest = max(year for year, _ in outputs)
    t_mkdocs = t_offline = (0.0, 0.0)
    bundles = []
    for year, out in outputs:
        year_html.write_pages(build_dir / "docs" / str(year),
                              {p: svgs.get(v, pngs.get(v, v)) for p, v in out.pages.items()})
        cfg = year_html.year_config(year, newest, out.nav, build_dir, build_dir / "out" / str(year), root, settings,
                                    settings.source_epoch(year) or 0)
        clock.lap()
        problems = year_html.run_mkdocs(cfg)
        assert not problems, problems
        lap = clock.lap()
        t_mkdocs = (t_mkdocs[0] + lap[0], t_mkdocs[1] + lap[1])
        job = site_module._offline_job(year, build_dir, ChartCache(None, "", reuse=False), "", 0, settings.site_url)
        data = make_bundle(job, build_dir / "out" / str(year))
        bundles.append((year, len(data)))
        lap = clock.lap()
        t_offline = (t_offline[0] + lap[0], t_offline[1] + lap[1])
    for year, size in bundles:
        row(f"offline bundle {year}", f"{size / 1_000_000:.1f} MB")
    stages = (
        (f"charts (matplotlib; {len(set(specs))} distinct of {len(specs)})", t_charts),
        (f"social cards ({len(set(cards))} distinct for {card_pages} pages)", t_cards),
        ("offline bundles (the built year rewritten for file://, zip)", t_offline),
        ("MkDocs, years one after another", t_mkdocs),
        ("read, parse, link, render Markdown", (t_parse[0] + t_render[0], t_parse[1] + t_render[1])),
        ("imports", imports),
    )
    total = sum(cpu for _, (_, cpu) in stages)
    print("\n| stage (serial, in one process) | wall s | CPU s | share of CPU |\n|---|---|---|---|")
    for name, (wall, cpu) in stages:
        print(f"| {name} | {wall:.1f} | {cpu:.1f} | {100 * cpu / total:.0f} % |")
        row(f"stage: {name} (wall / CPU)", f"{wall:.2f} / {cpu:.2f} s")
    print()


def build_and_floor(root: Path, runs: int) -> None:
    build_cmd = [sys.executable, "-m", "generator", "--root", str(root), "build", "--quiet"]
    fulls, floors, full_cpu, floor_cpu = [], [], [], []
    for i in range(runs):
        shutil.rmtree(root / "build", ignore_errors=True)
        shutil.rmtree(root / "site", ignore_errors=True)
        fulls.append(run(build_cmd, cpu=full_cpu))
        floor, cpu = 0.0, []
        for cfg in sorted(c for c in (root / "build").glob("mkdocs-*.yml") if not c.stem.endswith("-offline")):
            year = cfg.stem.split("-")[1]
            env = dict(os.environ)  # the config says mike's version and the date (mkdocs_hooks)
            floor += run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(cfg),
                          "-d", str(root / "bare" / year)], env, cpu)
        shutil.rmtree(root / "bare", ignore_errors=True)
        floors.append(floor)
        floor_cpu.append(sum(cpu))
        print(f"  run {i + 1}: full build {fulls[-1]:.2f} s ({full_cpu[-1]:.2f} s CPU), bare MkDocs {floor:.2f} s "
              f"({floor_cpu[-1]:.2f} s CPU), ratio {fulls[-1] / floor:.2f}, load {os.getloadavg()[0]:.1f}",
              file=sys.stderr)
    ratios = [f / b for f, b in zip(fulls, floors)]
    cpu_ratios = [f / b for f, b in zip(full_cpu, floor_cpu)]
    row("full multi-version build from clean, wall (min / median)",
        f"{min(fulls):.2f} / {statistics.median(fulls):.2f} s")
    row("bare MkDocs on the same pages, years one after another, wall (min / median)",
        f"{min(floors):.2f} / {statistics.median(floors):.2f} s")
    row(f"ratio full / bare MkDocs, wall, over {runs} runs (min / median)",
        f"{min(ratios):.2f} / {statistics.median(ratios):.2f}",
        f"≤ 1.25 {ok(statistics.median(ratios) <= 1.25)}")  # issue 21 item 6, as the editor waits
    row(f"ratio full / bare MkDocs, CPU seconds, over {runs} runs (min / median)",
        f"{min(cpu_ratios):.2f} / {statistics.median(cpu_ratios):.2f}",
        f"≤ 1.25 {ok(statistics.median(cpu_ratios) <= 1.25)} "
        f"({statistics.median(full_cpu):.1f} / {statistics.median(floor_cpu):.1f} s CPU)")
    noop = best_of(3, lambda: run(build_cmd))
    row("no-op rebuild (nothing changed)", noop, f"≤ 1 s {ok(noop <= 1.0)}")


def measure_growth() -> None:
    from generator.diagnostics import Diagnostics
    from generator.parsing import parse_document
    from generator.read.sources import load_manifest
    from generator.read.source_text import decode_source, read_text

    prop = next(e for e in load_manifest(ROOT / "source") if e.kind == "prop1s")
    text, _ = decode_source((ROOT / "source" / prop.file).read_bytes(), prop.path)
    base = None
    for k in (1, 2, 4):
        body = "\n".join([text.rstrip("\n")] * k) + "\n"
        t = best_cpu_of(2, lambda body=body: parse_document(read_text(body, prop.path), prop, Diagnostics(), "prop1s", text_blocks=False))
        base = base or t
        row(f"extract proposition x{k} (CPU)", t, f"{t / base:.2f}x of x1 (linear: {k}x)")


def main() -> int:
    runs = int(sys.argv[sys.argv.index("--runs") + 1]) if "--runs" in sys.argv else 3
    imports = measure_imports()
    measure_extraction()
    if "--no-repeat" not in sys.argv:
        measure_growth()
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        root = copy_project(Path(tmp))
        measure_stages(root, imports)
        build_and_floor(root, runs)
    self_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    row("peak memory (maxrss: bench process incl. in-process stages / largest build process)",
        f"{self_rss / 1024:.0f} / {child_rss / 1024:.0f} MB", f"< 1 GB {ok(max(self_rss, child_rss) < 1024 * 1024)}")

    print(f"\nMachine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f} at the end\n")
    print("| measurement | result | target |\n|---|---|---|")
    for what, shown, target in rows:
        print(f"| {what} | {shown} | {target} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
