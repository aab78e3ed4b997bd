"""Built pages opened in Chromium (the browser tests, and the slow tests that
drive Chromium): one way to open a page and to record the dialogs it opens."""
from __future__ import annotations

from pathlib import Path


def record_dialogs(page, found: list[str]) -> None:
    """Every alert, confirm or prompt the page opens is dismissed and recorded
    in `found` as "url: type message"."""
    def on_dialog(dialog):
        found.append(f"{page.url}: {dialog.type} {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)


def open_built_page(page, base: str, site: Path, path: Path) -> str:
    """The page of the built file `path` (under `site`, served at `base`)
    opened and loaded; its URL."""
    url = base + path.relative_to(site).as_posix().removesuffix("index.html")
    page.goto(url)
    page.wait_for_load_state("load")
    return url
