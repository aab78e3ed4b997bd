"""Rewrite the golden extractions: `python tests/golden/update.py`.

Each source document's extraction (what `python -m generator extract` prints)
is kept in tests/golden/<document>.json and its diagnostics in
tests/golden/<document>.diagnostics.txt. tests/fast/test_golden.py fails on any
difference, so a parser change shows its effect on every document; rewrite
the files in the commit that changes the parser, and read their diff.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from generator.diagnostics import Diagnostics  # noqa: E402
from generator.parsing.extract import extract_document  # noqa: E402
from generator.contract import to_contract  # noqa: E402
from generator.read.sources import load_manifest  # noqa: E402

GOLDEN = Path(__file__).resolve().parent


def source_documents() -> list[Path]:
    """Every source document: the text extractions and the Markdown exports."""
    return sorted(p for p in (ROOT / "source").iterdir() if p.suffix in (".txt", ".md"))


def golden_of(path: Path) -> tuple[str, str]:
    """(JSON text, diagnostics text) of one source document, as the CLI gives them."""
    entry = next((e for e in load_manifest(path.parent) if e.file == path.name), None)
    diags = Diagnostics()
    _, doc = extract_document(path, diags, entry)
    text = json.dumps(to_contract(doc), ensure_ascii=False, indent=1) + "\n"
    return text, "".join(f"{d}\n" for d in diags.format_all().splitlines()) if diags.items else ""


def main() -> None:
    for path in source_documents():
        text, diagnostics = golden_of(path)
        (GOLDEN / f"{path.stem}.json").write_text(text, encoding="utf-8")
        (GOLDEN / f"{path.stem}.diagnostics.txt").write_text(diagnostics, encoding="utf-8")
        print(f"wrote tests/golden/{path.stem}.json")


if __name__ == "__main__":
    main()
