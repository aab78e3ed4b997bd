"""The ID index: every identifiable thing on the site and the years that have a page for it.

One small JSON file at the site root (`ids.json`, next to mike's
versions.json), read by every year's pages: the search box uses it to find
an ID in every year (idsearch.js), the version selector to land on the same
thing in another year or on that year's "finnes ikke" page (versjon.js).
Other tools may read it to link into the site. The format is documented in
the file itself (`om`, `felt`) and in llms.txt.

Keys are lower case: an assignment ID ("tb2022-04"), a chapter ("740"), a
post ("740.21"), a decision ("2022-2023-1114"); `aliases` maps a decision
number printed without its session ("vedtak-1114") to the decision's key
when the number is unique. Each entry lists its pages newest year first, as
paths from the site root ("2024/oppdrag/tb2022-04/").
"""
from __future__ import annotations

import json

from generator.link.graph import SiteGraph, chapter_posts
from generator.link.urls import (
    assignment_key, assignment_path, chapter_path, post_anchor, url_of, vedtak_key, vedtak_path,
)

ABOUT = ("Helsebudsjettet: ID-indeks. Hver nøkkel er et oppdrag (tb2022-04), et budsjettkapittel (740), "
         "en post (740.21) eller et anmodningsvedtak (2022-2023-1114); 'in' gir sidene der den finnes, "
         "nyeste budsjettår først, som stier fra nettstedets rot (og årets egen tittel der den er en annen). "
         "'aliases' gir vedtak uten sesjon "
         "(vedtak-1114) når nummeret er entydig.")
FIELDS = {
    "type": "oppdrag | kapittel | post | vedtak",
    "id": "ID-en slik den skrives (TB2022-04, kap. 740, 740.21, vedtak nr. 1114 (2022–2023))",
    "title": "tittel fra det nyeste året som har siden",
    "in": "[[budsjettår, sti fra roten], ...], nyeste år først; et tredje felt er årets egen tittel "
          "der den er en annen enn 'title'",
}


def _add(ids: dict, key: str, kind: str, label: str, title: str, year: int, url: str) -> None:
    entry = ids.setdefault(key, {"type": kind, "id": label, "title": title, "in": []})
    entry["in"].append([year, url, title])
    entry["title"] = title  # years are visited oldest first: the newest title wins
    entry["id"] = label


def _drop_same_titles(entry: dict) -> None:
    """A year's own title stays in its pair only where it differs from the newest."""
    entry["in"] = [[y, url] if t == entry["title"] else [y, url, t] for y, url, t in entry["in"]]


def id_index(graph: SiteGraph) -> dict:
    """The index as plain data (see the module docstring)."""
    ids: dict[str, dict] = {}
    decision_numbers: dict[str, set[str]] = {}
    for year in sorted(graph.years):
        model = graph.years[year]
        for kap, info in sorted(model.chapters.items()):
            url = f"{year}/{url_of(chapter_path(kap))}"
            _add(ids, str(kap), "kapittel", f"kap. {kap}", f"Kap. {kap} {info.title}".strip(), year, url)
            post_titles = {p.post: p.title for p in info.prop[1].posts} if info.prop else {}
            for _, row in info.letter_rows:
                post_titles.setdefault(row.post, row.title)
            for post in chapter_posts(info):
                _add(ids, f"{kap}.{post}", "post", f"{kap}.{post}",
                     f"Kap. {kap} post {post} {post_titles.get(post, '')}".strip(), year,
                     f"{url}#{post_anchor(post)}")
        for key, (_, a) in sorted(model.assignments.items()):
            _add(ids, assignment_key(a.id), "oppdrag", a.id, f"{a.id} {a.title}".strip(), year,
                 f"{year}/{url_of(assignment_path(a.page_id))}")
        for key, (_, v) in sorted(model.vedtak.items()):
            _add(ids, vedtak_key(v.session, v.nr), "vedtak", f"vedtak nr. {v.nr} ({v.session})",
                 f"Vedtak nr. {v.nr} ({v.session}) {v.title}".strip(), year,
                 f"{year}/{url_of(vedtak_path(v.session, v.nr))}")
            decision_numbers.setdefault(v.nr, set()).add(vedtak_key(v.session, v.nr))
    for entry in ids.values():
        entry["in"].sort(key=lambda pair: -pair[0])
        _drop_same_titles(entry)
    aliases = {f"vedtak-{nr}": next(iter(keys)) for nr, keys in sorted(decision_numbers.items()) if len(keys) == 1}
    return {
        "om": ABOUT,
        "format": 1,
        "felt": FIELDS,
        "years": sorted(graph.years, reverse=True),
        "ids": ids,
        "aliases": aliases,
    }


def id_index_json(graph: SiteGraph) -> str:
    """Compact, key-sorted, byte-reproducible."""
    return json.dumps(id_index(graph), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
