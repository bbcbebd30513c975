"""Build a site into a folder and serve it on 127.0.0.1 under its base path.

Used by the browser tests' fixtures (and handy by hand: `python -m tests.browser.harness`).
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from detente.build.pipeline import build_site
from detente.content.check import check_project
from detente.content.model import Site

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@dataclass(frozen=True)
class ServedSite:
    name: str
    project: Path
    root: Path  # what is served: `out`, or the folder above it for a site under a path
    out: Path  # the built site
    site: Site  # the linked model, to know what each page must show
    origin: str  # 'http://127.0.0.1:PORT'
    base_path: str  # '/explainer/'

    def url(self, path: str = "") -> str:
        return self.origin + self.base_path + path


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` on a free port of 127.0.0.1 in a thread; yields the origin."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def build_into(project: Path, root: Path, cache: Path) -> tuple[Path, Site, str]:
    """Build `project` into root/<base path> so its absolute links work when root is served,
    with its cache in `cache` (never in the project: it may be the repository's)."""
    result = check_project(project, False, None)
    assert result.site is not None, result.diagnostics.sorted()
    base_path = result.site.config.base_path
    out = root / base_path.strip("/") if base_path.strip("/") else root
    build_site(project, out, cache_dir=cache)
    return out, result.site, base_path
