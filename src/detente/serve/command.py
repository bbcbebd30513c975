"""`detente serve`: wire the watcher, the build loop and the server; stop cleanly on Ctrl-C."""

from __future__ import annotations

import signal
import sys
from pathlib import Path
from types import FrameType
from typing import TextIO

from detente.build.workers import prompt_threads
from detente.content.config import load_config
from detente.content.diagnostics import Diagnostics
from detente.serve.live import LiveRebuild
from detente.serve.paths import LOOPBACK_NAMES, url_host
from detente.serve.reload import LiveHub, LiveState
from detente.serve.server import PreviewServer
from detente.serve.session import BuildLoop, Session
from detente.serve.watch import ChangeFeed, Watcher

CACHE_DIR = ".detente-cache"
SERVE_DIR = "serve-site"


def run_serve(project: Path, host: str = "127.0.0.1", port: int = 8000,
              include_drafts: bool = False, terminal: TextIO = sys.stdout,
              cache_dir: Path | None = None) -> int:
    """`cache_dir`: the build cache and the served site (default: PROJECT/.detente-cache)."""
    project = project.resolve()  # (the command line has checked it holds detente.yaml)
    cache = cache_dir.resolve() if cache_dir is not None else project / CACHE_DIR
    config = load_config(project, Diagnostics())
    hub = LiveHub(LiveState("", config.base_path if config is not None else "/"))
    out = cache / SERVE_DIR
    try:
        server = PreviewServer(host, port, out, hub)
    except OSError as exc:
        sys.stderr.write(f"detente: cannot listen on {host}:{port}: {exc.strerror or exc} "
                         "(try another --port, or --port 0 for any free one)\n")
        return 2
    origin = f"http://{url_host(host)}:{server.port}"
    if url_host(host) not in LOOPBACK_NAMES:
        sys.stderr.write(f"detente: warning: serving on {host}: other machines on the network "
                         "can see the preview\n")
    feed = ChangeFeed(project)
    watcher = Watcher(project, feed)
    rebuild = LiveRebuild(project, out, include_drafts, origin, cache_dir=cache)
    session = Session(rebuild, hub, terminal)
    rebuild.announce = session.announce
    loop = BuildLoop(feed, session)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    # The server's threads answer while a rebuild thread goes on with the rest of an edit
    # (other pages, the open data): each request waits its turn for the interpreter.
    with prompt_threads():
        try:
            watcher.start()
            loop.start()
            loop.first_done.wait()
            _, state = hub.current()
            terminal.write(f"Serving {origin}{state.base_path} (Ctrl-C to stop)\n")
            terminal.flush()
            server.serve_forever(poll_interval=0.25)
        except KeyboardInterrupt:
            pass
        finally:
            feed.close()
            hub.close()
            watcher.stop()
            server.server_close()
            loop.join(timeout=5)
            signal.signal(signal.SIGTERM, previous)
    terminal.write("Stopped.\n")
    terminal.flush()
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt
