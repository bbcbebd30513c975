"""The live-reload script, added to HTML responses in memory (never to files on disk)."""

from __future__ import annotations

import html
from importlib import resources

CLIENT_PATH = "/__detente/client.js"
EVENTS_PATH = "/__detente/events"
STATE_PATH = "/__detente/state"
RESERVED_PREFIX = "/__detente/"


def client_script() -> bytes:
    return resources.files("detente.serve").joinpath("client.js").read_bytes()


def inject(page: bytes, build: str) -> bytes:
    """`page` with the client script just before its last </body> (or at the end)."""
    tag = (f'<script src="{CLIENT_PATH}" data-build="{html.escape(build)}"></script>\n'
           .encode())
    at = page.lower().rfind(b"</body")
    return page + tag if at < 0 else page[:at] + tag + page[at:]


def placeholder_page() -> bytes:
    """Served while no build has succeeded yet; the overlay shows why."""
    return inject(b"<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                  b"<title>Detente preview: the site is not built yet</title>\n</head>\n"
                  b"<body>\n<h1>The site is not built yet</h1>\n<p>Fix the problems listed "
                  b"above and save: this page reloads by itself.</p>\n</body>\n</html>\n", "")
