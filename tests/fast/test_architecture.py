"""The code's shape, checked on its syntax tree: imports run one way (no
cycle in generator/, render/ imports nothing from parsing/), no stage but
settings and the CLI touches os.environ, and no function is over 80 lines."""
from __future__ import annotations

import _paths

import ast
from pathlib import Path

GENERATOR = _paths.GENERATOR


def _modules() -> dict[str, tuple[Path, ast.Module]]:
    out = {}
    for path in sorted(GENERATOR.rglob("*.py")):
        parts = path.relative_to(GENERATOR.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = (path, ast.parse(path.read_text(encoding="utf-8")))
    return out


MODULES = _modules()


def _imports(name: str, path: Path, tree: ast.Module) -> set[str]:
    """The generator modules `name` imports (lazy imports inside functions too)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            found |= {m for m in [module, *(f"{module}.{a.name}" for a in node.names)] if m in MODULES}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in MODULES}
    return found - {name}


GRAPH = {name: _imports(name, path, tree) for name, (path, tree) in MODULES.items()}


def _cycle() -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(v: str) -> list[str] | None:
        state[v] = 1
        path.append(v)
        for w in sorted(GRAPH[v]):
            if state.get(w) == 1:
                return path[path.index(w):] + [w]
            if w not in state and (found := visit(w)):
                return found
        path.pop()
        state[v] = 2
        return None

    return next((c for v in sorted(GRAPH) if v not in state and (c := visit(v))), None)


def test_no_import_cycle_in_generator():
    assert _cycle() is None


def test_the_checks_see_imports():
    # The walk must see what it checks: the renderer imports the URL scheme, the parsers the model.
    assert "generator.link.urls" in GRAPH["generator.render.pages.text_pages"]
    assert "generator.model" in GRAPH["generator.parsing.text_blocks"]


def test_render_imports_nothing_from_parsing():
    # but the tokens' grammars (an ID's year, its sort key), shared leaves
    assert [(m, d) for m, deps in GRAPH.items() if m.startswith("generator.render")
            for d in deps if d.startswith("generator.parsing") and not _is_token(d)] == []


def test_no_stage_touches_the_environment():
    allowed = {"generator.settings", "generator.cli"}
    users = sorted(name for name, (_, tree) in MODULES.items() if name not in allowed and any(
        isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv", "putenv")
        and isinstance(node.value, ast.Name) and node.value.id == "os" for node in ast.walk(tree)))
    assert users == []


def test_no_function_over_80_lines():
    long = [(name, node.name, node.end_lineno - node.lineno + 1) for name, (_, tree) in MODULES.items()
            for node in ast.walk(tree) if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.end_lineno - node.lineno + 1 > 80]
    assert long == []


def test_only_the_cli_prints():
    """Build, publish and serve return results and raise errors; their
    progress goes to a `say` the caller passes. Only the CLI prints."""
    printing = sorted(f"{name}:{node.lineno}" for name, (_, tree) in MODULES.items()
                      if name not in ("generator.cli", "generator.__main__") for node in ast.walk(tree)
                      if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print")
    assert printing == []


# A function that takes more than this many parameters takes a parameter
# object instead (BuildOptions, _Run): its callers name what they pass.
PARAMETERS_MAX = 9


def test_no_function_takes_more_than_nine_parameters():
    many = [(name, node.name) for name, (_, tree) in MODULES.items() for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and len(node.args.posonlyargs) + len(node.args.args) + len(node.args.kwonlyargs) > PARAMETERS_MAX]
    assert many == []


# The stages in pipeline order (../shared/DESIGN.md, outside this repository,
# "The pipeline"): a module may import its own stage
# and earlier ones. The root's shared leaves (settings, diagnostics, model, contract,
# the lexicon) and the tokens' grammars (parsing/tokens/: one grammar per
# token, which reading, parsing and the later stages share) come first; the
# CLI, which drives every stage, last.
STAGES = ("leaf", "read", "parsing", "link", "derive", "render", "build", "cli")
ROOT_LEAVES = {"generator", "generator.settings", "generator.diagnostics", "generator.model", "generator.contract",
               "generator.lexicon"}


def _is_token(module: str) -> bool:
    return module == "generator.parsing.tokens" or module.startswith("generator.parsing.tokens.")


def _stage(module: str) -> str:
    if module in ROOT_LEAVES or _is_token(module):
        return "leaf"
    if module in ("generator.cli", "generator.__main__"):
        return "cli"
    return module.split(".")[1]


def test_every_module_is_in_a_stage():
    assert sorted({_stage(m) for m in MODULES} - set(STAGES)) == []


def test_stages_import_only_earlier_stages():
    backwards = sorted((m, d) for m, deps in GRAPH.items() for d in deps
                       if STAGES.index(_stage(d)) > STAGES.index(_stage(m)))
    assert backwards == []


def test_few_modules_loose_at_the_root_and_no_two_share_a_name():
    loose = sorted(p.name for p in GENERATOR.glob("*.py"))
    assert len(loose) <= 8, loose
    names = [p.name for p in GENERATOR.rglob("*.py") if p.name != "__init__.py"]
    assert sorted({n for n in names if names.count(n) > 1}) == []


def test_token_grammars_are_leaves():
    # A token module imports only other tokens and the lexicon.
    assert sorted((m, d) for m, deps in GRAPH.items() if _is_token(m) for d in deps
                  if not (_is_token(d) or d in ("generator.lexicon", "generator"))) == []


def test_reading_imports_on_its_own():
    # Reading takes the ID grammar from parsing/tokens/: importing it must not
    # import the parsers (parsing/__init__.py) and through them reading again.
    import subprocess
    import sys
    code = "import generator.read.source_text, generator.read.layout.aligned_columns, generator.parsing.tokens.amounts"
    done = subprocess.run([sys.executable, "-c", code], cwd=GENERATOR.parent, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-400:]
