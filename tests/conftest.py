"""Shared fixtures: the real documents, read once."""
from __future__ import annotations

import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

# PYTHONDONTWRITEBYTECODE=1 (set in some shells and containers) would make
# every test process compile the generator and MkDocs' hooks from source and
# rewrite every test module's asserts again: about 7 CPU-s a process, and
# `-n auto` starts one per core. The suite writes the bytecode all the same
# (to the __pycache__ folders, which git ignores); builds started as processes
# read it.
sys.dont_write_bytecode = False

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"
EXAMPLE_REPOSITORY = "https://github.com/eksempel/helsebudsjettet"  # built_site's report links


# Fixtures that run MkDocs (the session's whole site, the small projects' sites).
SITE_BUILDS = {"built_site", "payload_site", "good_project", "hostile_site", "hostile_titles_site",
               "two_year_project", "two_clean_builds"}
# The folder a test lives in sets its tier: `pytest -m "not slow and not browser"`
# (tests/fast/) is the edit loop and builds no site.
TIERS = {"fast": None, "slow": pytest.mark.slow, "browser": pytest.mark.browser}


def _tier(path) -> str | None:
    parts = Path(str(path)).relative_to(ROOT / "tests").parts
    return parts[0] if len(parts) > 1 else None


def pytest_collection_modifyitems(items):
    for item in items:
        tier = _tier(item.path)
        if tier not in TIERS:
            raise pytest.UsageError(f"{item.nodeid}: a test lives in tests/fast/, tests/slow/ or tests/browser/")
        fixtures = set(getattr(item, "fixturenames", ()))
        if tier == "fast" and (SITE_BUILDS & fixtures or item.get_closest_marker("slow")):
            raise pytest.UsageError(f"{item.nodeid} builds a site or is slow: it belongs in tests/slow/")
        if TIERS[tier] is not None:
            item.add_marker(TIERS[tier])
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)  # a slow test in Chromium is in both tiers
    # The whole site's build first, the small builds beside it, the fast tier last (tests/_order.py).
    from _order import run_order

    items[:] = run_order(items, _tier)


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    """`-n N`: whole modules, in run_order's order, to whichever worker is
    about to run out (tests/_order.py). Another --dist: xdist's own."""
    if config.getvalue("dist") != "load":
        return None
    from _order import module_scheduling

    return module_scheduling()(config, log)


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def source_dir() -> Path:
    return SOURCE


@pytest.fixture(scope="session")
def parsed():
    """Every document of source/sources.yml read and parsed (build.inputs.parse_all),
    once per test process: the model is frozen, tests only read it."""
    from generator.build.inputs import parse_all
    from generator.diagnostics import Diagnostics

    return parse_all(ROOT, Diagnostics())[1]


@pytest.fixture(scope="session")
def graph(parsed):
    """The linked model of every year (build.inputs.link_all), once per test process."""
    from generator.build.inputs import link_all

    return link_all(parsed)


def read_source(name: str):
    from generator.read.source_text import read_bytes

    return read_bytes((SOURCE / name).read_bytes(), f"source/{name}")


def shared_once(tmp_path_factory, name: str, make) -> Path:
    """`make(folder)` run once per test run, even with the tests spread over
    pytest-xdist workers: the first worker to get the lock makes the folder
    (beside the workers' own temporary folders), the others wait and reuse
    it. A `make` that fails leaves no mark, so the next asker tries again."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = shared / name, shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            make(folder)
            done.touch()
    return folder


def _build_whole_site(site_dir: Path) -> None:
    from dataclasses import replace

    from generator.build.site import BuildOptions, build_site
    from generator.diagnostics import Diagnostics
    from generator.read.sourcedates import dated_settings
    from generator.settings import load_settings

    settings = dated_settings(ROOT, replace(load_settings(ROOT), repository=EXAMPLE_REPOSITORY))
    # No offline bundles (a zip of each year made from its output): the payload
    # site's 2026 has one (tests/slow/test_publication_site.py,
    # tests/browser/test_offline_bundle.py).
    build_site(ROOT, Diagnostics(), BuildOptions(site_dir=site_dir, settings=settings, offline=False))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The whole multi-year site, built once per test run (shared by the
    xdist workers), with an example repository for "Meld fra om feil"
    (mkdocs.yml names none: the real site gets it from SITE_REPOSITORY), so
    that the report links are tested. Tests only read it."""
    return shared_once(tmp_path_factory, "built-site", _build_whole_site)


def _build_payload_site(folder: Path) -> None:
    from _payloads import payload_project
    from _small_project import run_cli

    root = payload_project(folder / "proj")
    result = run_cli(root, "build", "--jobs", "1")
    assert result.returncode == 0, result.stderr
    (folder / "stderr.txt").write_text(result.stderr, encoding="utf-8")


@pytest.fixture(scope="session")
def payload_site(tmp_path_factory) -> tuple[Path, str]:
    """The 2026 letter with hostile markup in six contexts (tests/_payloads.py),
    built as a one-year project once per test run: (site folder, build stderr)."""
    folder = shared_once(tmp_path_factory, "payload-site", _build_payload_site)
    return folder / "proj" / "site", (folder / "stderr.txt").read_text(encoding="utf-8")


def _build_two_year_project(folder: Path) -> None:
    from _small_project import run_cli, two_year_project

    root = two_year_project(folder / "proj")
    result = run_cli(root, "build", "--quiet")
    assert result.returncode == 0, result.stderr


@pytest.fixture(scope="session")
def two_year_project(tmp_path_factory) -> Path:
    """The small letter as 2030 and 2031 (tests/_small_project.py), built by
    the `build` command once per test run; tests copy it before they change it."""
    return shared_once(tmp_path_factory, "two-year-project", _build_two_year_project) / "proj"


@dataclass(frozen=True)
class CleanBuilds:
    first: Path  # built serially
    second: Path  # the same inputs, built with the years in two worker processes
    reused: tuple[int, int]  # the second build's (years, reused)
    warnings: str  # the second build's diagnostics, formatted


def _build_real_project_twice(folder: Path) -> None:
    import json

    from _small_project import real_project
    from generator.build import site as site_module
    from generator.diagnostics import Diagnostics

    # One copy of the inputs and one process, so that both builds use the same
    # templates and code even while the working tree is being edited.
    first_root = real_project(folder / "first")
    shutil.copytree(first_root, folder / "second")
    for name, jobs in (("first", 1), ("second", 2)):
        diags = Diagnostics()
        summary = site_module.build_site(folder / name, diags, site_module.BuildOptions(jobs=jobs, incremental=False))
    (folder / "second.json").write_text(json.dumps(
        {"reused": [summary.years, summary.reused], "warnings": diags.format_all()}), encoding="utf-8")


@pytest.fixture(scope="session")
def two_clean_builds(tmp_path_factory) -> CleanBuilds:
    """The real 2018 letter and the small letter (2030), built twice from
    scratch (--clean) in two folders, once per test run: the determinism test
    compares them, the incremental test starts from a copy of the second."""
    import json

    folder = shared_once(tmp_path_factory, "two-clean-builds", _build_real_project_twice)
    second = json.loads((folder / "second.json").read_text(encoding="utf-8"))
    return CleanBuilds(folder / "first", folder / "second", tuple(second["reused"]), second["warnings"])


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # No host name resolves (the tests' servers listen on 127.0.0.1): a page's
    # request to another host fails at once and never leaves the machine, so
    # the tests watch requests instead of routing them (a route turns off
    # Chromium's cache and sends every request through the test's process).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


@pytest.fixture(scope="session")
def browser():
    """One headless Debian Chromium for the whole session (Playwright's sync API
    allows a single instance per process)."""
    if not CHROMIUM.exists():
        pytest.skip("Debian chromium is not installed (/usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# `HB_CPU_REPORT=path pytest ...` appends each test's CPU seconds to `path`,
# to see where the suite's time goes on a busy machine, where wall times
# mislead: this process, the children it waited for (builds), and what its
# live descendants (Playwright's driver, Chromium and its renderers) used
# meanwhile, read from /proc. (Before, a worker's whole Chromium session was
# counted in its last test, when the browser closed, or not at all.)
if os.environ.get("HB_CPU_REPORT"):
    import resource

    _TICK = os.sysconf("SC_CLK_TCK")

    def _descendants_cpu() -> dict[int, float]:
        """CPU of each live process below this one, with the children it waited for."""
        parent, cpu = {}, {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rpartition(")")[2].split()
            except OSError:
                continue
            parent[int(stat.parent.name)] = int(fields[1])
            cpu[int(stat.parent.name)] = sum(int(f) for f in fields[11:15]) / _TICK  # utime stime cutime cstime
        ours, found, grown = {os.getpid()}, {}, True
        while grown:
            grown = False
            for pid, ppid in parent.items():
                if ppid in ours and pid not in ours:
                    ours.add(pid)
                    found[pid] = cpu[pid]
                    grown = True
        return found

    def _own_cpu() -> float:
        own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(item, nextitem):
        own, below = _own_cpu(), _descendants_cpu()
        yield
        # A descendant's CPU counts from where it stood when the test began
        # (0 for one started meanwhile); one that ended meanwhile counts only
        # if this process waited for it (RUSAGE_CHILDREN). Before, a worker's
        # last Chromium test lost its whole figure when the session's browser
        # closed in its teardown (the processes' totals left the sum).
        spent = _own_cpu() - own + sum(max(0.0, cpu - below.get(pid, 0.0)) for pid, cpu in _descendants_cpu().items())
        with open(os.environ["HB_CPU_REPORT"], "a", encoding="utf-8") as report:
            report.write(f"{spent:.2f} {item.nodeid}\n")
