"""The build's heavy steps spread over processes: drawing charts, MkDocs per year.

Both are independent per item and CPU-bound (matplotlib, Python-Markdown),
so they run in forked worker processes, at most one per core. Results come
back in the order of the inputs, whatever order the workers finish in, so the
site and the diagnostics are the same as from a serial build.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from generator.build.cache import BuildCache, sha

if TYPE_CHECKING:
    from generator.render.charts.spec import ChartSpec


def default_jobs() -> int:
    """Worker processes: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_tasks(tasks: Sequence[tuple[Callable, tuple]], jobs: int) -> list:
    """fn(*args) for each (fn, args), started in the given order in up to `jobs`
    processes; the results in the same order. One job, or one task, runs here."""
    if jobs <= 1 or len(tasks) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(*args) for fn, args in tasks]
    context = multiprocessing.get_context("fork")  # workers inherit the parsed model, no pickling
    with ProcessPoolExecutor(max_workers=min(jobs, len(tasks)), mp_context=context) as pool:
        futures = [pool.submit(fn, *args) for fn, args in tasks]
        return [future.result() for future in futures]


def years_and_charts(build_year: Callable, year_calls: Sequence[tuple], sizes: Sequence[int],
                     specs: Sequence[ChartSpec], jobs: int) -> tuple[list, list[str]]:
    """build_year(*call) for every year, and the SVG of every spec, in one pool.

    The biggest year starts first, the charts next (in chunks, each worker
    importing matplotlib once), then the other years, so neither core waits
    while the other has work. Returns the years' results and the SVGs, each
    in the order given.
    """
    parts = max(1, min(2 * jobs, len(specs) // 8)) if specs else 0
    chunks = [tuple(specs[i::parts]) for i in range(parts)]
    order = sorted(range(len(year_calls)), key=lambda i: -sizes[i])
    tasks = [(build_year, year_calls[i]) for i in order[:1]] + [(_draw, (chunk,)) for chunk in chunks] \
        + [(build_year, year_calls[i]) for i in order[1:]]
    results = run_tasks(tasks, jobs)
    drawn = results[len(order[:1]):len(order[:1]) + parts]
    years: list = [None] * len(year_calls)
    for i, result in zip(order, results[:len(order[:1])] + results[len(order[:1]) + parts:]):
        years[i] = result
    svgs: list[str] = [""] * len(specs)
    for part, svg_list in enumerate(drawn):
        for index, svg in zip(range(part, len(specs), parts), svg_list):
            svgs[index] = svg
    return years, svgs


def _draw(specs: tuple[ChartSpec, ...]) -> list[str]:
    from generator.render.charts.draw import svg_file

    return [svg_file(spec) for spec in specs]


@dataclass(frozen=True)
class ChartCache:
    """Where drawn charts are kept, and how they are drawn."""
    cache: BuildCache | None
    code: str  # the code fingerprint: our code and the matplotlib version
    reuse: bool = True  # False (--clean): draw everything, but still store it
    jobs: int = 1


def cached_charts(specs: set[ChartSpec], charts: ChartCache) -> tuple[dict[ChartSpec, str], list[ChartSpec]]:
    """The SVGs the cache has, by spec, and the specs still to draw (sorted by key).

    The key is the spec's repr (its data, labels and style) and the code fingerprint.
    """
    svgs: dict[ChartSpec, str] = {}
    missing: list[ChartSpec] = []
    for key, spec in sorted((chart_key(spec, charts), spec) for spec in specs):
        hit = charts.cache.load_chart(key) if charts.cache and charts.reuse else None
        if hit is None:
            missing.append(spec)
        else:
            svgs[spec] = hit
    return svgs, missing


def chart_key(spec: ChartSpec, charts: ChartCache) -> str:
    return sha(charts.code, repr(spec))


def draw_charts(specs: set[ChartSpec], charts: ChartCache) -> dict[ChartSpec, str]:
    """Every distinct chart drawn once (those not in the cache), and stored."""
    svgs, missing = cached_charts(specs, charts)
    _, drawn = years_and_charts(_draw, [], [], missing, charts.jobs)
    for spec, svg in zip(missing, drawn):
        svgs[spec] = svg
        if charts.cache:
            charts.cache.store_chart(chart_key(spec, charts), svg)
    return svgs
