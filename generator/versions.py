"""mike's version list and the root redirect, for the local multi-year site."""
from __future__ import annotations

import html
import json

LATEST = "latest"


def versions_json(years: list[int]) -> str:
    """`versions.json` as mike writes it: newest first, alias `latest` on the newest."""
    newest = max(years)
    data = [
        {"version": str(y), "title": str(y), "aliases": [LATEST] if y == newest else []}
        for y in sorted(years, reverse=True)
    ]
    return json.dumps(data, indent=2) + "\n"


def redirect_html(target: str) -> str:
    """A page that sends the reader on (like mike's redirect template)."""
    t = html.escape(target, quote=True)
    return (
        "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n"
        f"<title>Videresender …</title>\n<link rel=\"canonical\" href=\"{t}\">\n"
        f"<meta http-equiv=\"refresh\" content=\"0; url={t}\">\n"
        f"<script>window.location.replace(\"{t}\" + window.location.hash);</script>\n"
        f"</head>\n<body>\n<p>Videresender til <a href=\"{t}\">{t}</a>.</p>\n</body>\n</html>\n"
    )


def root_index_html(newest: int) -> str:
    return redirect_html(f"{newest}/")
