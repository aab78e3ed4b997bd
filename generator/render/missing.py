"""The "finnes ikke" page of a year: where the version switch lands when the
other year has no page for what the reader was looking at.

The page is static and says in general terms that the page does not exist
in this year, with links to the year's indexes; versjon.js fills in what was
missing ("TB2025-12 finnes ikke i 2022"), puts the nearest index first and
links the years that do have it (from ids.json).
"""
from __future__ import annotations

import json

from generator.link.graph import YearModel
from generator.link.urls import (
    ASSIGNMENT_INDEX, CHAPTER_INDEX, DECISION_INDEX, MISSING_PAGE, url_of,
)
from generator.render.markdown import front_matter, heading, rel


def page_list_json(pages: dict) -> str:
    """Every page of the year as a URL path ("", "brev/2/", "kilde/x/"): the
    version switch checks here whether the other year has the page it is on
    (the sitemap cannot tell: it is empty without a site address)."""
    paths = sorted(url_of(p) for p in pages if p.endswith(".md"))
    return json.dumps(paths, ensure_ascii=False, separators=(",", ":")) + "\n"


def render_missing_page(model: YearModel, has_page: set[str]) -> str:
    """`has_page`: the docs paths the year has (only existing indexes are linked)."""
    year = model.year
    links = [
        (ASSIGNMENT_INDEX, "oppdrag", f"Alle oppdrag i {year}"),
        (CHAPTER_INDEX, "kapittel post", f"Alle budsjettkapitler i {year}"),
        (DECISION_INDEX, "vedtak", f"Alle anmodningsvedtak i {year}"),
        ("index.md", "side", f"Forsiden for {year}"),
    ]
    items = [f'- [{label}]({rel(MISSING_PAGE, path)}){{ data-type="{kinds}" }}'
             for path, kinds, label in links if path in has_page]
    return "\n\n".join([
        front_matter(title=f"Finnes ikke i {year}", search={"exclude": True}),
        heading(1, f"Finnes ikke i {year}", "finnes-ikke"),
        f'<p id="finnes-ikke-melding" class="finnes-ikke-melding">Siden du kom fra finnes ikke i budsjettåret {year}.</p>',
        '<p id="finnes-andre-ar" hidden></p>',
        f'<div class="finnes-ikke" markdown="1">\n\nNærmeste sider i {year}:\n\n' + "\n".join(items) + "\n\n</div>",
    ]) + "\n"
