"""The theme's Jinja templates compiled once per process, not once per year.

MkDocs makes a new Jinja environment for every build, and each compiles the
theme's templates again (about 42 templates, 0.25 s CPU a year). A build
worker builds several years one after another (build/workers.py), so the
per-year config's hook (mkdocs_hooks.on_env) gives each environment this
cache: compiled code kept in memory, by template name and file, and used
only while the template's source is the same (Jinja checks the source's
checksum). MkDocs reloads the hook module with every config, so the cache
lives here, in a module imported once.
"""
from __future__ import annotations

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket


class MemoryBytecodeCache(BytecodeCache):
    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


TEMPLATES = MemoryBytecodeCache()
