"""URLs that never break, on the small project (one short letter): the build
fails with the list of published URLs that would 404, a redirects.yml entry
writes a redirect page instead, and `build` adds new pages to the list
(`--check-urls` only checks, as CI does)."""
from __future__ import annotations

import pytest

from generator.build.published import PUBLISHED, read_published
from generator.build.site import BuildFailed, BuildOptions, build_site
from generator.diagnostics import Diagnostics

from _small_project import make_project, run_cli


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = make_project(tmp_path_factory.mktemp("urls") / "proj")
    result = run_cli(root, "build", "--quiet", "--jobs", "1", "--no-offline")
    assert result.returncode == 0, result.stderr
    return root


def test_build_writes_the_list_of_its_pages(project):
    urls = read_published(project)
    assert {"2030/", "2030/oppdrag/tb2030-1/", "2030/kapittel/740/", "2030/om/"} <= set(urls)
    assert not any(u.startswith(("latest/", "2030/assets/")) for u in urls)


def test_a_published_url_without_page_or_redirect_fails_the_build_with_its_name(project):
    listed = (project / PUBLISHED).read_text(encoding="utf-8")
    (project / PUBLISHED).write_text(listed + "2030/oppdrag/tb2030-9/\n", encoding="utf-8")
    before = (project / "site" / "2030" / "index.html").read_bytes()
    diags = Diagnostics()
    with pytest.raises(BuildFailed):
        build_site(project, diags, BuildOptions(jobs=1, offline=False))
    message = diags.format_all()
    assert "1 published URL(s) would 404" in message and "2030/oppdrag/tb2030-9/" in message
    assert (project / "site" / "2030" / "index.html").read_bytes() == before  # the previous site stays

    (project / "redirects.yml").write_text("2030/oppdrag/tb2030-9/: 2030/oppdrag/tb2030-2/\n", encoding="utf-8")
    diags = Diagnostics()
    build_site(project, diags, BuildOptions(jobs=1, offline=False))
    redirect = (project / "site" / "2030" / "oppdrag" / "tb2030-9" / "index.html").read_text(encoding="utf-8")
    assert 'content="0; url=../tb2030-2/"' in redirect


def test_check_urls_fails_when_the_list_lacks_a_page_and_build_adds_it(project):
    urls = [u for u in read_published(project) if u != "2030/oppdrag/tb2030-2/"]
    (project / PUBLISHED).write_text("".join(f"{u}\n" for u in urls), encoding="utf-8")
    result = run_cli(project, "build", "--quiet", "--jobs", "1", "--no-offline", "--check-urls")
    assert result.returncode != 0
    assert "not in published-urls.txt" in result.stderr and "2030/oppdrag/tb2030-2/" in result.stderr
    result = run_cli(project, "build", "--quiet", "--jobs", "1", "--no-offline")
    assert result.returncode == 0, result.stderr
    assert "2030/oppdrag/tb2030-2/" in read_published(project)
    assert "published-urls.txt: 1 new page URL(s) added" in result.stderr
