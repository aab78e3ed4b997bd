"""Headless Debian Chromium (playwright) against the built site served locally.

The site is the session's `built_site`, served by generator.build.serve.make_server
on a free port in a thread. Every page records console errors, page errors
and any request to a host other than the local server (those are aborted);
each test fails at teardown if there was any. Screenshots go to
test-artifacts/browser/.
"""
from __future__ import annotations

import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.build.serve import make_server

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"


@pytest.fixture(scope="session")
def site_url(built_site):
    server = make_server(built_site, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


# The session's `browser` fixture lives in tests/conftest.py: Playwright's sync
# API allows one instance per process, shared by every test that needs it.


class PageLog:
    def __init__(self, local_host: str) -> None:
        self.local_host = local_host
        self.console_errors: list[str] = []
        self.foreign_requests: list[str] = []

    def on_console(self, msg) -> None:
        if msg.type == "error":
            self.console_errors.append(f"{msg.text} ({msg.location.get('url', '')})")

    def on_page_error(self, exc) -> None:
        self.console_errors.append(f"page error: {exc}")

    def on_request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in ("data", "blob") and parts.netloc != self.local_host:
            self.foreign_requests.append(request.url)


@pytest.fixture
def page_log(site_url):
    return PageLog(urlsplit(site_url).netloc)


def watched_page(browser, page_log, **context_options):
    """A page in a new context whose requests to other hosts and console
    errors go to page_log; yields it, then checks there were none.

    Requests are watched, not routed: a route would turn off Chromium's cache
    (every page would fetch the theme's assets again) and send every request
    through this process. The session's Chromium resolves no host name but
    the local server's (conftest.CHROMIUM_ARGS), so a request to another
    host is recorded here and never leaves the machine."""
    context = browser.new_context(locale="nb-NO", service_workers="block", **context_options)
    context.on("request", page_log.on_request)
    page = context.new_page()
    page.on("console", page_log.on_console)
    page.on("pageerror", page_log.on_page_error)
    page.set_default_timeout(10_000)
    yield page
    context.close()
    assert page_log.foreign_requests == [], "requests to other hosts than the local server"
    assert page_log.console_errors == [], "console errors"


def settled(page) -> None:
    """The page loaded (its styles and images) and the theme's version
    selector drawn from versions.json: what the layout checks and screenshots
    need. (networkidle waited for this too, and then for half a second in
    which nothing was fetched: after the load only the favicon is.)"""
    page.wait_for_load_state("load")
    page.wait_for_selector(".md-version__current")


@pytest.fixture
def page(browser, site_url, page_log):
    yield from watched_page(browser, page_log, viewport={"width": 1280, "height": 900})


@pytest.fixture
def screenshot(page, request):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = ARTIFACTS / f"{request.node.name}-{name}.png"
        page.screenshot(path=str(path), full_page=False)
        return path

    return take
