"""Shared fixtures: the real documents, read once."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "source"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def source_dir() -> Path:
    return SOURCE


def read_source(name: str):
    from generator.text import read_bytes

    return read_bytes((SOURCE / name).read_bytes(), f"source/{name}")
