"""Files at the site root, beside mike's versions.json: shared by every year.

`build` writes them into site/, `publish` commits the same files to the root
of the gh-pages branch (mike itself writes only versions.json and index.html
there).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from generator.linking import SiteGraph

ID_INDEX = "ids.json"
ROOT_FILE_NAMES = (ID_INDEX,)


def root_files(graph: "SiteGraph") -> dict[str, str]:
    """{file name at the root: content}, byte-reproducible."""
    from generator.idindex import id_index_json  # publish imports the names only

    return {ID_INDEX: id_index_json(graph)}
