"""The pages of the payload build (the 2026 letter with hostile markup in six
contexts, tests/_payloads.py) that hold a remnant of a payload, in Chromium,
one of each kind for each set of remnants in its article (_payloads.
distinct_payload_pages: 16 of 105; the others differ only in which
assignment or chapter they show, and tests/slow/test_payloads.py checks every
page's HTML): no dialog opens, no request leaves the machine, and no element
carries an event handler or a script URL.

Requests are counted as Chromium makes them (every request of the page,
whatever made it: an <img>, a CSS url(), a meta refresh, a frame); every one
to a host other than the local server is recorded.
"""
from __future__ import annotations

import threading
from urllib.parse import urlsplit

from _browser_pages import open_built_page, record_dialogs
from _payloads import CONTEXTS, distinct_payload_pages, traces

# Any element still carrying what a payload tried: a handler, a script or
# data URL, a frame, an object, an unknown element, a refresh.
LIVE_IN_DOM = """() => {
  const live = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const v = a.value.trim().toLowerCase();
      if (a.name.startsWith('on') && (v.includes('alert') || v.includes('xss-'))) live.push(el.tagName + ' ' + a.name);
      if (['href', 'src', 'action', 'data', 'formaction'].includes(a.name)
          && (v.startsWith('javascript:') || v.startsWith('data:text') || v.includes('evil.example'))) live.push(el.tagName + ' ' + a.name);
    }
  }
  for (const el of document.querySelectorAll('iframe, object, embed, blink, meta[http-equiv], base')) live.push(el.tagName);
  return live;
}"""


def test_payload_build_in_chromium(payload_site, browser):
    from generator.build.serve import make_server

    site, _ = payload_site
    server = make_server(site, 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = f"127.0.0.1:{server.server_address[1]}"
    base = f"http://{local}/"
    dialogs: list[str] = []
    foreign: list[str] = []
    local_requests = 0
    live: list[str] = []

    def on_request(request):
        nonlocal local_requests
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob") or parts.netloc == local:
            local_requests += 1
        else:
            foreign.append(request.url)

    # Requests are watched, not routed: routing would turn off Chromium's
    # cache and fetch the theme's assets again for every page. A foreign host
    # is recorded whether or not it resolves (evil.example never does).
    context = browser.new_context(locale="nb-NO", service_workers="block")
    context.on("request", on_request)
    page = context.new_page()
    page.set_default_timeout(15_000)

    record_dialogs(page, dialogs)
    pages = distinct_payload_pages(site)
    try:
        for path in pages:
            url = open_built_page(page, base, site, path)
            page.wait_for_timeout(50)
            live += [f"{url}: {x}" for x in page.evaluate(LIVE_IN_DOM)]
        # The theme's search shows the payloads' words as results (its index
        # holds the pages' text): typed queries open no dialog either.
        results = 0
        for query in ("klikk", "lenke", "script"):
            page.goto(f"{base}2026/?q={query}")
            page.wait_for_load_state("load")
            try:  # the search worker indexes the year first: seconds on a busy machine
                page.wait_for_selector(".md-search-result__item", timeout=15_000)
            except Exception:  # noqa: BLE001 - no result is counted below
                pass
            results += page.locator(".md-search-result__item").count()
            live += [f"search {query}: {x}" for x in page.evaluate(LIVE_IN_DOM)]
        # The control: a live payload on a page of its own is seen by both
        # detectors (a request to another host, and the dialog it opens).
        page.set_content("<img src='http://127.0.0.2:9/control.png' onerror=\"alert('control')\">")
        for _ in range(100):  # until both have seen it (at most 5 s), then a moment for a second one
            if any("control.png" in u for u in foreign) and any("control" in d for d in dialogs):
                break
            page.wait_for_timeout(50)
        page.wait_for_timeout(100)
        control = (sum("control.png" in u for u in foreign), sum("control" in d for d in dialogs))
        foreign = [u for u in foreign if "control.png" not in u]
        dialogs = [d for d in dialogs if "control" not in d]
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    print(f"\npayloads in Chromium: {len(pages)} pages of 2026 with a payload's remnant (one of each kind for each set in its article) opened, {local_requests} local requests, "
          f"{len(foreign)} requests off the machine, {len(dialogs)} dialogs, {len(live)} live elements; "
          f"{results} search results shown")
    assert control == (1, 1), control
    assert results > 0  # the search ran and showed the payloads' pages
    # Every context's payloads reached some page opened here.
    text = "".join(p.read_text(encoding="utf-8") for p in pages)
    assert [c for c in CONTEXTS if not any(t in text for t in traces(c))] == []
    assert dialogs == []
    assert foreign == []
    assert live == [], live[:10]
