"""The link checker (generator/build/linkcheck.py) finds broken links and anchors,
javascript: URLs, paths outside the site and loads from other hosts."""
from __future__ import annotations

from generator.build.linkcheck import check_site


def test_checker_finds_what_is_broken(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<h1 id="top">A</h1><a name="old"></a>'
        '<a href="#top">ok</a><a href="../b/#x">ok</a><a href="/b/index.html#x">ok</a><a href="#old">ok</a>'
        '<a href="../c/">missing</a><a href="../b/#nope">missing anchor</a><a href="#gone">missing here</a>'
        '<a href="javascript:alert(1)">js</a><a href="https://example.com/">external text link</a>'
        '<img src="https://cdn.example.com/x.png"><link rel="stylesheet" href="//fonts.example.com/f.css">'
        '<link rel="canonical" href="https://example.org/a/"><a href="../../outside.html">outside</a>',
        encoding="utf-8")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "index.html").write_text('<p id="x">B</p><meta http-equiv="refresh" content="0; url=../a/">',
                                               encoding="utf-8")
    (tmp_path / "s.css").write_text("@import 'https://fonts.example.com/x.css'; a{background:url(img/x.png)}")
    r = check_site(tmp_path, label="site")
    text = "\n".join(r.problems)
    assert "site/a/index.html:1: broken link ../c/" in text
    assert "broken anchor ../b/#nope -> no id 'nope' in site/b/index.html" in text
    assert "broken anchor #gone" in text
    assert "javascript: URL" in text
    assert "broken link ../../outside.html" in text
    assert len(r.problems) == 5, r.problems
    assert len(r.third_party_loads) == 3, r.third_party_loads  # img, stylesheet, CSS @import
    assert any("example.com/" in e for e in r.external)
    assert r.files == 2 and r.anchors == 6
