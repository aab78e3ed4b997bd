"""The order the suite runs in, and how pytest-xdist hands it to the workers.

The suite's heavy items are shared builds (conftest.shared_once: the first
worker to ask builds, the others wait for it). Run in folder order, both
workers met the whole site's build in the middle of the run and one of them
waited for the other; Chromium's long modules came last and the run ended
on one worker. So:

1. the first test is one that needs the whole site (`built_site`): the
   first worker starts that build at once;
2. the rest of its module goes to the same worker (it waits for the build
   anyway); the other worker meanwhile takes the modules that build a small
   project (one module for each small build first, so that each is built
   before a second worker asks for it) and the other slow modules that
   need no site;
3. then the modules that read the whole site: Chromium's first, the slow
   ones after;
4. the fast tier last: many short tests, so both workers end together.

`ModuleScheduling` hands out whole modules, in this order, to whichever
worker is about to run out (a module's fixtures are made once, on one
worker); the first test is a unit of its own, so that its module's other
tests can wait behind the build on the same worker.
"""
from __future__ import annotations

from pathlib import Path

WHOLE_SITE = "built_site"
# The small shared builds, the costliest first (the order their first modules run in).
SMALL_BUILDS = ("two_clean_builds", "hostile_titles_site", "payload_site", "two_year_project", "hostile_site",
                "good_project")


def _module(item) -> Path:
    return Path(str(item.path))


def run_order(items: list, tier_of) -> list:
    """The items in the order above; within a module, pytest's order."""
    modules: dict[Path, list] = {}
    for item in items:
        modules.setdefault(_module(item), []).append(item)

    def uses(mod, names) -> bool:
        return any(set(names) & set(getattr(i, "fixturenames", ())) for i in modules[mod])

    site = [m for m in modules if tier_of(m) != "fast" and uses(m, [WHOLE_SITE])]
    if not site:  # the fast tier alone, or a file: pytest's order
        return items
    # The trigger: a module of slow site checks (no Chromium) with the fewest
    # tests but two, so that the first worker's next unit waits for the site too.
    trigger = min(site, key=lambda m: (tier_of(m) != "slow", len(modules[m]) < 2, len(modules[m])))
    first = next(i for i in modules[trigger] if WHOLE_SITE in getattr(i, "fixturenames", ()))
    order = [first] + [i for i in modules[trigger] if i is not first]
    placed = {trigger}
    no_site = [m for m in modules if tier_of(m) != "fast" and m not in site]
    for name in SMALL_BUILDS:
        for m in no_site:
            if m not in placed and uses(m, [name]):
                order += modules[m]
                placed.add(m)
                break
    later = ([m for m in no_site if m not in placed]
             + [m for m in site if tier_of(m) == "browser" and m not in placed]
             + [m for m in site if tier_of(m) != "browser" and m not in placed]
             + [m for m in modules if tier_of(m) == "fast"])
    for m in later:
        order += modules[m]
    assert len(order) == len(items)
    return order


def module_scheduling():
    """pytest-xdist's `load` scheduling, handing out whole modules in
    collection order (see the module's docstring)."""
    from xdist.scheduler import LoadScheduling

    class ModuleScheduling(LoadScheduling):
        def schedule(self) -> None:
            assert self.collection_is_completed
            if self.collection is not None:
                for node in self.nodes:
                    self.check_schedule(node)
                return
            if not self._check_nodes_have_same_collection():
                self.log("**Different tests collected, aborting run**")
                return
            self.collection = next(iter(self.node2collection.values()))
            self.pending[:] = range(len(self.collection))
            for node in self.nodes:
                self.check_schedule(node)

        def _unit(self) -> int:
            """How many of the pending tests make the next unit: the rest of
            a module (the collection's first test alone)."""
            first = self.pending[0]
            if first == 0:
                return 1
            module = self.collection[first].split("::")[0]
            n = 1
            while n < len(self.pending) and self.collection[self.pending[n]].split("::")[0] == module:
                n += 1
            return n

        def check_schedule(self, node, duration: float = 0) -> None:
            if node.shutting_down:
                return
            # A worker runs a test once it knows the next one (to tear down
            # what that one does not share): keep two pending.
            while self.pending and len(self.node2pending[node]) < 2:
                self._send_tests(node, self._unit())
            if not self.pending:
                node.shutdown()

    return ModuleScheduling
