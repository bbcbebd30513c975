"""The preview HTTP server: the built site only, GET and HEAD only, loopback by default.

Every request is checked (Host header against DNS rebinding, the path against traversal);
HTML responses get the live-reload script in memory; `/__detente/events` streams the live
state as Server-Sent Events to pages of this server only (Origin checked).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from detente.serve.inject import (
    CLIENT_PATH,
    EVENTS_PATH,
    RESERVED_PREFIX,
    STATE_PATH,
    client_script,
    inject,
    placeholder_page,
)
from detente.serve.paths import (
    HostPolicy,
    Redirect,
    Refused,
    Serve,
    content_type,
    locate,
    resolve_target,
)
from detente.serve.reload import LiveHub, LiveState

METHODS = ("GET", "HEAD")
REQUEST_TIMEOUT = 30.0  # seconds a client may take to send its request
MAX_CONNECTIONS = 64  # open at once (each holds a thread); more are answered 503 at once
BUSY = (b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
        b"Content-Length: 37\r\nRetry-After: 1\r\nConnection: close\r\n\r\n"
        b"Too many connections to the preview.\n")


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64

    def __init__(self, host: str, port: int, root: Path, hub: LiveHub) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        # Slow or stuck clients (each waits up to REQUEST_TIMEOUT) cannot exhaust threads.
        self.slots = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.root = root
        self.hub = hub
        self.client_js = client_script()
        super().__init__((host, port), PreviewHandler)
        self.policy = HostPolicy.for_bind(host, self.port)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def server_bind(self) -> None:
        # HTTPServer.server_bind looks the host name up in DNS; a loopback server need not.
        self.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.socket.bind(self.server_address)
        self.server_address = self.socket.getsockname()
        self.server_name = str(self.server_address[0])
        self.server_port = int(self.server_address[1])

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.slots.acquire(blocking=False):
            with contextlib.suppress(OSError):
                request.sendall(BUSY)
            self.shutdown_request(request)
            return
        try:
            super().process_request(request, client_address)
        except BaseException:
            self.slots.release()
            raise

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.slots.release()

    def handle_error(self, request: Any, client_address: Any) -> None:
        error = sys.exc_info()[1]
        if isinstance(error, ConnectionError | TimeoutError):
            return
        sys.stderr.write(f"detente serve: error answering a request: {error!r}\n")


class PreviewHandler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"
    server_version = "detente-serve"
    default_request_version = "HTTP/1.0"  # never answer HTTP/0.9-style (a body, no status)
    timeout = REQUEST_TIMEOUT

    # ------------------------------------------------------------ checks before anything
    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self.command not in METHODS:
            self.close_connection = True
            self.send_text(405, "The preview server answers GET and HEAD only.",
                           {"Allow": ", ".join(METHODS)})
            return False
        hosts = self.headers.get_all("Host") or []
        if len(hosts) != 1 or not self.server.policy.allows_host(hosts[0]):
            self.close_connection = True
            self.send_text(400, "Bad Host header: open the preview at http://127.0.0.1 or "
                           "http://localhost with the port detente serve printed.")
            return False
        if self.headers.get("Content-Length", "0") != "0" or "Transfer-Encoding" in self.headers:
            self.close_connection = True  # a body we will not read would corrupt keep-alive
        return True

    def do_GET(self) -> None:
        self.respond()

    def do_HEAD(self) -> None:
        self.respond()

    def version_string(self) -> str:
        return self.server_version

    def log_message(self, format: str, *args: Any) -> None:
        pass  # the terminal is for build results, not for every request

    # ------------------------------------------------------------ routing
    def respond(self) -> None:
        self._started = False
        try:
            self.route()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception as exc:  # answer, log and keep serving
            self.close_connection = True
            sys.stderr.write(f"detente serve: {self.path!r}: {exc!r}\n")
            if not self._started:
                self.send_text(500, "The preview server failed on this request.")

    def route(self) -> None:
        if not self.path.startswith("/"):
            self.send_text(400, "The request target must be a path.")
            return
        parts = urlsplit(self.path)
        if parts.path.startswith(RESERVED_PREFIX):
            self.reserved(parts.path)
            return
        _, state = self.server.hub.current()
        route = resolve_target(parts.path, state.base_path)
        if isinstance(route, Refused) and route.status == 404:
            self.not_found(state)
        elif isinstance(route, Refused):
            self.send_text(route.status, route.reason)
        elif isinstance(route, Redirect):
            self.redirect(route.location, parts.query)
        elif not state.build:
            self.send_body(503, "text/html; charset=utf-8", placeholder_page())
        else:
            self.serve(route, state, parts.query)

    def serve(self, route: Serve, state: LiveState, query: str) -> None:
        found = locate(self.server.root, route)
        if isinstance(found, Redirect):
            self.redirect(quote(state.base_path + found.location), query)
        elif isinstance(found, Refused):
            if found.status == 404:
                self.not_found(state)
            else:
                self.send_text(found.status, found.reason)
        else:
            self.send_file(200, found, state)

    def not_found(self, state: LiveState) -> None:
        page = self.server.root / "404.html"
        if state.build and page.is_file() and not page.is_symlink():
            self.send_file(404, page, state)
        else:
            self.send_text(404, "Not found.")

    def reserved(self, path: str) -> None:
        if path == CLIENT_PATH:
            self.send_body(200, "text/javascript; charset=utf-8", self.server.client_js)
        elif path in (EVENTS_PATH, STATE_PATH) and not self.same_origin():
            self.send_text(403, "Live reload is for pages of this preview server only.")
        elif path == STATE_PATH:
            _, state = self.server.hub.current()
            self.send_body(200, "application/json", state.to_json().encode())
        elif path == EVENTS_PATH:
            self.stream_events()
        else:
            self.send_text(404, "Not found.")

    def same_origin(self) -> bool:
        """No Origin (a same-origin GET, or not a browser) or this server's own origin."""
        if self.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
            return False
        origins = self.headers.get_all("Origin") or []
        return not origins or (len(origins) == 1 and self.server.policy.allows_origin(origins[0]))

    # ------------------------------------------------------------ responses
    def stream_events(self) -> None:
        hub = self.server.hub
        self.close_connection = True
        self.start(200, "text/event-stream", None)
        if self.command == "HEAD":
            return
        version, state = hub.current()
        self.wfile.write(b"retry: 1000\n\n" + state.sse_message())
        while True:
            newer = hub.wait_newer(version)
            if hub.closed:
                return
            if newer is None:
                self.wfile.write(b": keepalive\n\n")
            else:
                version, state = newer
                self.wfile.write(state.sse_message())

    def send_file(self, status: int, path: Path, state: LiveState) -> None:
        kind = content_type(path.name)
        with path.open("rb") as handle:
            if kind.startswith("text/html"):
                self.send_body(status, kind, inject(handle.read(), state.build))
                return
            size = path.stat().st_size
            self.start(status, kind, size)
            if self.command != "HEAD":
                shutil.copyfileobj(handle, self.wfile)

    def redirect(self, location: str, query: str) -> None:
        self.start(302, "text/plain; charset=utf-8", 0,
                   {"Location": location + ("?" + query if query else "")})

    def send_text(self, status: int, message: str,
                  headers: dict[str, str] | None = None) -> None:
        self.send_body(status, "text/plain; charset=utf-8", (message + "\n").encode(), headers)

    def send_body(self, status: int, kind: str, body: bytes,
                  headers: dict[str, str] | None = None) -> None:
        self.start(status, kind, len(body), headers)
        if self.command != "HEAD":
            self.wfile.write(body)

    def start(self, status: int, kind: str, length: int | None,
              headers: dict[str, str] | None = None) -> None:
        self._started = True
        self.send_response(status)
        self.send_header("Content-Type", kind)
        if length is not None:
            self.send_header("Content-Length", str(length))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
