"""The source view: the lines' HTML goes in after Markdown (generator/mkdocs_hooks.py),
and MkDocs' strict anchor check still sees every #L<n>."""
from __future__ import annotations

import re

from _small_project import SMALL_LETTER, make_project, run_cli

LINES = SMALL_LETTER.count("\n")


def _build_with_links(tmp_path, *anchors: str):
    root = make_project(tmp_path / "proj")
    about = root / "content" / "om.md"
    links = "".join(f"\n[linje](kilde/tildelingsbrev-2030/index.md#{a})\n" for a in anchors)
    about.write_text(about.read_text(encoding="utf-8") + links, encoding="utf-8")
    return root, run_cli(root, "build", "--quiet")


def test_source_view_lines_are_one_element_each_and_anchors_validate(tmp_path):
    root, result = _build_with_links(tmp_path, "L1", f"L{LINES}")
    assert result.returncode == 0, result.stderr
    page = (root / "site" / "2030" / "kilde" / "tildelingsbrev-2030" / "index.html").read_text(encoding="utf-8")
    view = re.search(r'<pre class="kilde">(.*?)</pre>', page, re.S).group(1)
    rows = view.split("\n")
    assert len(rows) == LINES
    assert rows[0] == '<span id="L1">Tildelingsbrev til Helsedirektoratet for 2030</span>'
    assert rows[-1] == f'<span id="L{LINES}">(Beløp i 1 000 kroner)</span>'
    assert "KILDEVISNING" not in page and "kildevisning" not in page
    assert page.count('<span id="L') == LINES


def test_link_to_a_line_that_does_not_exist_fails_the_strict_build(tmp_path):
    root, result = _build_with_links(tmp_path, "L3", f"L{LINES + 1}")
    assert result.returncode != 0
    assert f"L{LINES + 1}" in result.stderr and "'L3'" not in result.stderr
    assert not (root / "site").exists()
