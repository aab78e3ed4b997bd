"""The build's heavy steps spread over processes: drawing charts and social
cards, then MkDocs per year (its own build and its offline bundle's).

Both are independent per item and CPU-bound (matplotlib, Python-Markdown),
so they run in forked worker processes, at most one per core. The charts and
cards are drawn first, because both of a year's MkDocs builds copy them (the
offline bundle must hold them). Results come back in the order of the
inputs, whatever order the workers finish in, so the site and the
diagnostics are the same as from a serial build.
"""
from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable, Sequence

from generator.build.cache import BuildCache, sha

if TYPE_CHECKING:
    from generator.render.charts.card import CardSpec
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


def _draw(specs: tuple[ChartSpec, ...]) -> list[str]:
    from generator.render.charts.draw import svg_files

    return svg_files(specs)


def _draw_cards(specs: tuple[CardSpec, ...]) -> list[bytes]:
    from generator.render.charts.card_draw import card_png

    return [card_png(spec) for spec in specs]


def draw_all(charts: Sequence[ChartSpec], cards: Sequence[CardSpec], jobs: int) -> tuple[list[str], list[bytes]]:
    """Every chart's SVG and every card's PNG, in chunks over `jobs` processes
    (each worker imports matplotlib once); each list in the order given."""
    tasks, assemble = drawing_tasks(charts, cards, jobs)
    if jobs > 1 and tasks:
        import_drawing()
    return assemble(run_tasks(tasks, jobs))


def drawing_tasks(charts: Sequence[ChartSpec], cards: Sequence[CardSpec], jobs: int) \
        -> tuple[list[tuple[Callable, tuple]], Callable[[list], tuple[list[str], list[bytes]]]]:
    """The tasks that draw these charts and cards in chunks (about two per
    worker), and what puts their results back together: (SVGs, PNGs), each
    in the order given."""
    chart_parts = max(1, min(2 * jobs, len(charts) // 8)) if charts else 0
    card_parts = max(1, min(2 * jobs, len(cards) // 32)) if cards else 0
    tasks: list[tuple[Callable, tuple]] = [(_draw, (tuple(charts[i::chart_parts]),)) for i in range(chart_parts)]
    tasks += [(_draw_cards, (tuple(cards[i::card_parts]),)) for i in range(card_parts)]

    def assemble(results: list) -> tuple[list[str], list[bytes]]:
        return _in_order(results[:chart_parts], len(charts)), _in_order(results[chart_parts:], len(cards))
    return tasks, assemble


def import_drawing() -> None:
    """matplotlib imported here, before the workers are forked, instead of in
    every drawing worker (about 0.6 s CPU each): its module state holds no
    open font (matplotlib and card_draw make their faces anew in a child)."""
    import generator.render.charts.card_draw  # noqa: F401
    import generator.render.charts.draw  # noqa: F401


def run_in_steps(first: list[list[tuple[Callable, tuple]]], then: Callable[[int, list], tuple[Callable, tuple]],
                 jobs: int) -> list:
    """Two steps per item, both in the workers: the item's `first` tasks, then
    the task `then(i, their results)` gives (called here, in item order). The
    next items' first tasks are queued ahead of an item's second task, so a
    worker draws the charts of one year while another builds a year with
    MkDocs. Returns the second tasks' results in item order; one job: all
    here, item by item."""
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        out = []
        for i, tasks in enumerate(first):
            fn, args = then(i, [f(*a) for f, a in tasks])
            out.append(fn(*args))
        return out
    with ProcessPoolExecutor(max_workers=jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        queued = [[pool.submit(f, *a) for f, a in tasks] if i < 2 else None for i, tasks in enumerate(first)]
        second = []
        for i in range(len(first)):
            fn, args = then(i, [future.result() for future in queued[i]])
            second.append(pool.submit(fn, *args))
            if i + 2 < len(first):
                queued[i + 2] = [pool.submit(f, *a) for f, a in first[i + 2]]
        return [future.result() for future in second]


def _in_order(chunks: list[list], count: int) -> list:
    """Undo the striping of draw_all: chunk i held items i, i + n, i + 2n, ..."""
    out: list = [None] * count
    for part, drawn in enumerate(chunks):
        out[part::len(chunks)] = drawn
    return out


@dataclass(frozen=True)
class ChartCache:
    """Where drawn charts are kept, and how they are drawn."""
    cache: BuildCache | None
    code: str  # the code fingerprint: our code and the matplotlib version
    reuse: bool = True  # False (--clean): draw everything, but still store it
    jobs: int = 1


def cached_drawings(specs: set, charts: ChartCache, load: Callable[[BuildCache, str], object]) -> tuple[dict, list]:
    """The drawings the cache has, by spec (`load`: BuildCache.load_chart for
    SVGs, .load_card for PNGs), and the specs still to draw (sorted by key).

    The key is the spec's repr (its data, labels and style) and the code fingerprint.
    """
    found: dict = {}
    missing: list = []
    for key, spec in sorted((chart_key(spec, charts), spec) for spec in specs):
        hit = load(charts.cache, key) if charts.cache and charts.reuse else None
        if hit is None:
            missing.append(spec)
        else:
            found[spec] = hit
    return found, missing


def chart_key(spec: ChartSpec | CardSpec, charts: ChartCache) -> str:
    return sha(charts.code, repr(spec))


def keep_drawn(found: dict, missing: list, drawn: list, charts: ChartCache,
               store: Callable[[BuildCache, str, object], None]) -> dict:
    """`found` with the newly drawn ones added, each stored in the cache (`store`)."""
    for spec, result in zip(missing, drawn):
        found[spec] = result
        if charts.cache:
            store(charts.cache, chart_key(spec, charts), result)
    return found


def draw_charts(specs: set[ChartSpec], charts: ChartCache) -> dict[ChartSpec, str]:
    """Every distinct chart drawn once (those not in the cache), and stored."""
    svgs, missing = cached_drawings(specs, charts, BuildCache.load_chart)
    drawn, _ = draw_all(missing, [], charts.jobs)
    return keep_drawn(svgs, missing, drawn, charts, BuildCache.store_chart)
