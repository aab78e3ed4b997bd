"""Local preview of the whole multi-year site (all versions, selector working)."""
from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from generator.diagnostics import InputError, silent


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib name
        pass


class _PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    say: Callable[[str], None] = staticmethod(silent)

    def handle_error(self, request, client_address) -> None:
        """A browser that drops a connection it no longer needs (a cancelled
        image, a closed tab) is normal; say other errors in one line, never
        with a traceback."""
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        self.say(f"serve: {client_address[0]}: {type(exc).__name__}: {exc}")


def make_server(site_dir: Path, port: int, say: Callable[[str], None] = silent) -> ThreadingHTTPServer:
    """A loopback server of site_dir; `say` hears the errors it does not pass over."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = _PreviewServer(("127.0.0.1", port), handler)
    server.say = say
    return server


def serve(root: Path, port: int = 8000, ready=lambda url: None, say: Callable[[str], None] = silent) -> None:
    """Serve root/site on loopback until interrupted (the CLI builds it first
    unless told not to); `ready` hears the address once it serves, `say` the
    errors of a request (never a dropped connection)."""
    site_dir = root.resolve() / "site"
    if not (site_dir / "index.html").is_file():
        raise InputError(str(site_dir), 0, "site/ is empty: run `python -m generator build` first")
    try:
        server = make_server(site_dir, port, say)
    except OSError as exc:
        raise InputError(f"127.0.0.1:{port}", 0, f"cannot serve here: {exc.strerror} "
                                                 "(another program uses the port? choose one with --port)") from None
    ready(f"http://127.0.0.1:{port}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
