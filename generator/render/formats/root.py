"""Files at the site root, beside mike's versions.json: shared by every year.

`build` writes them into site/, `publish` commits the same files to the root
of the gh-pages branch (mike itself writes only versions.json and index.html
there).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from generator.link.urls import FEED, ID_INDEX

if TYPE_CHECKING:
    from generator.link.graph import SiteGraph
    from generator.settings import Settings

LLMS = "llms.txt"
NOT_FOUND = "404.html"  # the newest year's Norwegian 404 page, copied by site.py (the host serves it)
ROOT_FILE_NAMES = (ID_INDEX, FEED, LLMS, NOT_FOUND)


def root_files(graph: "SiteGraph", settings: "Settings", data_files: dict[int, list[str]],
               figures: dict | None = None) -> dict[str, str]:
    """{file name at the root: content}, byte-reproducible. `data_files`: per
    year, the names in <year>/data/ as built (for llms.txt); `figures`: the
    figures stage's output per year (computed when not given)."""
    from generator.derive.id_index import id_index_json  # publish imports the names only
    from generator.render.formats.feeds import site_feed
    from generator.render.formats.llms import llms_txt

    return {ID_INDEX: id_index_json(graph), FEED: site_feed(graph, settings, figures),
            LLMS: llms_txt(graph, settings, data_files)}
