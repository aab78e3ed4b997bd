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

from generator.cache import BuildCache, sha

if TYPE_CHECKING:
    from generator.render.charts import ChartSpec


def default_jobs() -> int:
    """Worker processes: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def run_all(fn: Callable, calls: Sequence[tuple], jobs: int, weights: Sequence[float] = ()) -> list:
    """[fn(*args) for args in calls], in up to `jobs` processes, results in call order.

    `weights` (e.g. a year's page bytes) start the biggest calls first, so the
    longest one does not come last. One job, or one call, runs here in this
    process.
    """
    if jobs <= 1 or len(calls) <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return [fn(*args) for args in calls]
    order = sorted(range(len(calls)), key=lambda i: -weights[i]) if weights else range(len(calls))
    context = multiprocessing.get_context("fork")  # workers inherit the parsed model, no pickling
    with ProcessPoolExecutor(max_workers=min(jobs, len(calls)), mp_context=context) as pool:
        futures = {i: pool.submit(fn, *calls[i]) for i in order}
        return [futures[i].result() for i in range(len(calls))]


def _draw(specs: tuple[ChartSpec, ...]) -> list[str]:
    from generator.render.chartdraw import svg_file

    return [svg_file(spec) for spec in specs]


@dataclass(frozen=True)
class ChartCache:
    """Where drawn charts are kept, and how they are drawn."""
    cache: BuildCache | None
    code: str  # the code fingerprint: our code and the matplotlib version
    reuse: bool = True  # False (--clean): draw everything, but still store it
    jobs: int = 1


def draw_charts(specs: set[ChartSpec], charts: ChartCache) -> dict[ChartSpec, str]:
    """Every distinct chart drawn once: SVG text by spec, from the cache where it has it.

    The key is the spec's repr (its data, labels and style) and the code fingerprint.
    """
    cache, jobs = charts.cache, charts.jobs
    keyed = sorted((sha(charts.code, repr(spec)), spec) for spec in specs)
    svgs: dict[ChartSpec, str] = {}
    missing: list[tuple[str, ChartSpec]] = []
    for key, spec in keyed:
        hit = cache.load_chart(key) if cache and charts.reuse else None
        if hit is None:
            missing.append((key, spec))
        else:
            svgs[spec] = hit
    # Few charts: not worth a worker's start and its own matplotlib import.
    parts = max(1, min(jobs, len(missing) // 8))
    chunks = [tuple(spec for _, spec in missing[i::parts]) for i in range(parts)]
    drawn = run_all(_draw, [(chunk,) for chunk in chunks if chunk], parts)
    for i, svg_list in enumerate(drawn):
        for (key, spec), svg in zip(missing[i::parts], svg_list):
            svgs[spec] = svg
            if cache:
                cache.store_chart(key, svg)
    return svgs
