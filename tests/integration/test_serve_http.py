"""The preview server over real HTTP on 127.0.0.1: only the built site, only GET/HEAD, no
traversal, Host and Origin checked, malformed requests answered, the script only in HTML."""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from detente.serve.reload import LiveHub, LiveState
from detente.serve.server import PreviewServer

BASE = "/explainer/"
PAGE = b"<!doctype html>\n<html><head><title>Home</title></head><body><h1>Home</h1></body></html>\n"
CSS = b"body { color: black; } /* </body> */\n"
SECRET = b"TOP-SECRET-OUTSIDE-THE-SITE"


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Running:
    server: PreviewServer
    hub: LiveHub
    root: Path

    @property
    def port(self) -> int:
        return self.server.port

    def raw(self, data: bytes, timeout: float = 5.0) -> bytes:
        with socket.create_connection(("127.0.0.1", self.port), timeout=timeout) as conn:
            conn.sendall(data)
            # Nothing more will come: a server that keeps the connection open closes it now
            # instead of after the timeout (a second answer would still be read).
            conn.shutdown(socket.SHUT_WR)
            chunks = []
            while True:
                try:
                    chunk = conn.recv(65536)
                except TimeoutError:
                    break
                if not chunk:
                    break
                chunks.append(chunk)
        return b"".join(chunks)

    def request(self, path: str, method: str = "GET", host: str | None = None,
                headers: dict[str, str] | None = None) -> Response:
        lines = [f"{method} {path} HTTP/1.1",
                 f"Host: {host if host is not None else f'127.0.0.1:{self.port}'}",
                 "Connection: close"]
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        return parse(self.raw(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")))


def parse(data: bytes) -> Response:
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ")[1])
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return Response(status, headers, body)


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Running]:
    root = tmp_path / "serve-site"
    (root / "actors" / "putin").mkdir(parents=True)
    (root / "assets").mkdir()
    (root / "index.html").write_bytes(PAGE)
    (root / "actors" / "putin" / "index.html").write_bytes(PAGE.replace(b"Home", b"Putin"))
    (root / "404.html").write_bytes(PAGE.replace(b"Home", b"Not found"))
    (root / "assets" / "detente.css").write_bytes(CSS)
    (root / "assets" / "map.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    (root / "feed.xml").write_bytes(b"<?xml version='1.0'?><feed/>")
    (root / ".detente-site").write_bytes(b"marker")
    (tmp_path / "secret.txt").write_bytes(SECRET)
    os.symlink(tmp_path / "secret.txt", root / "leak.txt")
    os.symlink(tmp_path, root / "up")
    hub = LiveHub(LiveState("build-1", BASE))
    server = PreviewServer("127.0.0.1", 0, root, hub)
    thread = threading.Thread(target=server.serve_forever, args=(0.02,), daemon=True)
    thread.start()
    try:
        yield Running(server, hub, root)
    finally:
        hub.close()
        server.shutdown()
        server.server_close()


def test_serves_pages_with_the_script_injected_in_memory_only(running: Running) -> None:
    response = running.request(BASE)
    assert response.status == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.body.count(b'<script src="/__detente/client.js" data-build="build-1">') == 1
    assert response.body.index(b"<script") < response.body.index(b"</body>")
    assert int(response.headers["content-length"]) == len(response.body)
    assert (running.root / "index.html").read_bytes() == PAGE  # nothing written to disk
    assert response.headers["cache-control"] == "no-store"
    assert response.headers["x-content-type-options"] == "nosniff"


def test_non_html_is_served_byte_for_byte(running: Running) -> None:
    css = running.request(BASE + "assets/detente.css")
    assert css.status == 200 and css.body == CSS  # '</body>' in a comment is left alone
    assert css.headers["content-type"] == "text/css; charset=utf-8"
    svg = running.request(BASE + "assets/map.svg")
    assert svg.headers["content-type"] == "image/svg+xml" and b"__detente" not in svg.body
    feed = running.request(BASE + "feed.xml")
    assert feed.headers["content-type"] == "application/xml" and b"__detente" not in feed.body


def test_head_has_the_headers_of_get_and_no_body(running: Running) -> None:
    for path in (BASE, BASE + "assets/detente.css", BASE + "missing/"):
        get = running.request(path)
        head = running.request(path, "HEAD")
        assert head.status == get.status and head.body == b""
        assert head.headers["content-length"] == str(len(get.body))
        assert head.headers["content-type"] == get.headers["content-type"]


def test_redirects_to_the_base_path_and_to_folders(running: Running) -> None:
    for path, location in (("/", BASE), ("/explainer", BASE),
                           (BASE + "actors/putin", BASE + "actors/putin/"),
                           (BASE + "actors/putin?x=1", BASE + "actors/putin/?x=1")):
        response = running.request(path)
        assert response.status == 302 and response.headers["location"] == location


def test_missing_pages_get_the_sites_404_page(running: Running) -> None:
    response = running.request(BASE + "no/such/page/")
    assert response.status == 404 and b"<h1>Not found</h1>" in response.body
    assert b"/__detente/client.js" in response.body  # so it reloads when the page appears
    outside = running.request("/other/")
    assert outside.status == 404


@pytest.mark.parametrize("path", [
    "/explainer/../secret.txt",
    "/explainer/../../../../etc/passwd",
    "/explainer/%2e%2e/secret.txt",
    "/explainer/%2E%2E/secret.txt",
    "/explainer/..%2fsecret.txt",
    "/explainer/%2e%2e%2fsecret.txt",
    "/explainer/%252e%252e/secret.txt",
    "/explainer/%252e%252e%252fsecret.txt",
    "/explainer/....//secret.txt",
    "/explainer/..././secret.txt",
    "/explainer/..\\secret.txt",
    "/explainer/%5c..%5csecret.txt",
    "/explainer/..%5csecret.txt",
    "/explainer/%c0%ae%c0%ae/secret.txt",  # overlong UTF-8 for '.'
    "/explainer/secret.txt%00.html",
    "/explainer//secret.txt",
    "/explainer/leak.txt",
    "/explainer/up/secret.txt",
    "/explainer/up/",
    "/explainer/.detente-site",
    "/../secret.txt",
    "//secret.txt",
])
def test_no_traversal(running: Running, path: str) -> None:
    response = running.request(path)
    assert response.status in (400, 403, 404), path
    assert SECRET not in response.body


def test_symlinks_leading_outside_are_forbidden(running: Running) -> None:
    assert running.request(BASE + "leak.txt").status == 403
    assert running.request(BASE + "up/secret.txt").status == 403


@pytest.mark.parametrize("host", [
    "evil.example", "evil.example:{port}", "127.0.0.1:1", "localhost", "127.0.0.1",
    "127.0.0.1.nip.io:{port}", "localhost:{port}@evil.example", "",
])
def test_host_header_checked_against_dns_rebinding(running: Running, host: str) -> None:
    response = running.request(BASE, host=host.format(port=running.port))
    assert response.status == 400 and b"Host" in response.body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LocalHost:{port}"])
def test_loopback_hosts_allowed(running: Running, host: str) -> None:
    assert running.request(BASE, host=host.format(port=running.port)).status == 200


def test_missing_or_repeated_host_header(running: Running) -> None:
    assert parse(running.raw(b"GET /explainer/ HTTP/1.0\r\n\r\n")).status == 400
    twice = (f"GET /explainer/ HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n"
             f"Host: evil.example\r\nConnection: close\r\n\r\n").encode()
    assert parse(running.raw(twice)).status == 400


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE",
                                    "CONNECT", "PROPFIND", "FOO"])
def test_only_get_and_head(running: Running, method: str) -> None:
    response = running.request(BASE, method)
    assert response.status == 405 and response.headers["allow"] == "GET, HEAD"


@pytest.mark.parametrize("data", [
    b"GARBAGE\r\n\r\n",
    b"GET\r\n\r\n",
    b"GET /explainer/ HTTP/9.9\r\n\r\n",
    b"GET /explainer/ FTP/1.0\r\n\r\n",
    b"GET /explainer/ HTTP/1.1 extra\r\n\r\n",
    b"GET http://evil.example/ HTTP/1.1\r\nHost: evil.example\r\n\r\n",
    b"GET * HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
    b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + bytes(range(256)) + b"\r\n\r\n",
    b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n",
    b"GET /explainer/ HTTP/1.1\r\nno colon here\r\n\r\n",
    b"GET /explainer/ HTTP/1.1\r\n" + b"X-Long: " + b"x" * 70000 + b"\r\n\r\n",
    b"GET /explainer/ HTTP/1.1\r\n" + b"".join(b"X-%d: y\r\n" % i for i in range(200)) + b"\r\n",
    b"GET /%ff%fe HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n",
    b"\r\n\r\n",
])
def test_malformed_requests_are_answered_and_the_server_lives(running: Running,
                                                              data: bytes) -> None:
    answer = running.raw(data.replace(b"{port}", str(running.port).encode()))
    assert answer.startswith(b"HTTP/1.") or answer == b""
    if answer:
        status = parse(answer).status
        assert 400 <= status < 500 or status == 505  # 505: HTTP version not supported
    assert running.request(BASE).status == 200


def test_half_sent_request_does_not_block_others(running: Running) -> None:
    with socket.create_connection(("127.0.0.1", running.port)) as slow:
        slow.sendall(b"GET /explainer/ HTT")
        assert running.request(BASE).status == 200


def test_client_script_is_served(running: Running) -> None:
    response = running.request("/__detente/client.js")
    assert response.status == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert b"EventSource" in response.body and b"innerHTML" not in response.body
    assert running.request("/__detente/nothing").status == 404


def read_events(conn: socket.socket, count: int) -> list[bytes]:
    buffer = b""
    while buffer.count(b"event: state") < count:
        chunk = conn.recv(65536)
        assert chunk, "the event stream ended"
        buffer += chunk
    return [block for block in buffer.split(b"\n\n") if block.startswith(b"event: state")]


def test_event_stream_sends_the_state_then_each_new_one(running: Running) -> None:
    request = (f"GET /__detente/events HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n"
               f"Origin: http://127.0.0.1:{running.port}\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", running.port), timeout=10) as conn:
        conn.sendall(request)
        first = read_events(conn, 1)
        assert b'"build": "build-1"' in first[0] and b'"ok": true' in first[0]
        running.hub.publish(LiveState("build-1", BASE, False, ({"where": "a.yaml:1:1"},)))
        failed = read_events(conn, 1)
        assert b'"ok": false' in failed[0] and b'"where": "a.yaml:1:1"' in failed[0]
        running.hub.publish(LiveState("build-2", BASE))
        fixed = read_events(conn, 1)
    assert b'"build": "build-2"' in fixed[0] and b'"problems": []' in fixed[0]


@pytest.mark.parametrize("headers", [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Origin": "http://127.0.0.1:1"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_event_stream_refuses_other_origins(running: Running, headers: dict[str, str]) -> None:
    for path in ("/__detente/events", "/__detente/state"):
        response = running.request(path, headers=headers)
        assert response.status == 403 and b'"build"' not in response.body


def test_state_for_this_origin(running: Running) -> None:
    response = running.request("/__detente/state",
                               headers={"Origin": f"http://localhost:{running.port}",
                                        "Sec-Fetch-Site": "same-origin"})
    assert response.status == 200 and b'"build": "build-1"' in response.body


def test_before_any_good_build_pages_say_so(running: Running) -> None:
    running.hub.publish(LiveState.of("", BASE, False, []))
    response = running.request(BASE + "actors/putin/")
    assert response.status == 503
    assert b"not built yet" in response.body and b"/__detente/client.js" in response.body
