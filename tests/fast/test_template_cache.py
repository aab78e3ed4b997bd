"""build/template_cache: a second MkDocs environment in the same process (the
next year a build worker builds) loads the theme's compiled templates instead
of compiling them again, and compiles a template whose source changed."""
from __future__ import annotations

from jinja2 import DictLoader, Environment

from generator.build.template_cache import MemoryBytecodeCache


def _compiles(cache: MemoryBytecodeCache, source: str) -> tuple[int, str]:
    env = Environment(loader=DictLoader({"main.html": source}), bytecode_cache=cache)
    calls = []
    compile_ = env.compile
    env.compile = lambda *a, **k: calls.append(a) or compile_(*a, **k)
    text = env.get_template("main.html").render(year=2026)
    return len(calls), text


def test_the_second_environment_compiles_nothing_and_renders_the_same():
    cache = MemoryBytecodeCache()
    assert _compiles(cache, "Helsebudsjettet {{ year }}") == (1, "Helsebudsjettet 2026")
    assert _compiles(cache, "Helsebudsjettet {{ year }}") == (0, "Helsebudsjettet 2026")


def test_a_changed_template_is_compiled_again():
    cache = MemoryBytecodeCache()
    _compiles(cache, "Helsebudsjettet {{ year }}")
    assert _compiles(cache, "Budsjettår {{ year }}") == (1, "Budsjettår 2026")
