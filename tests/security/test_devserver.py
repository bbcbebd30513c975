"""The preview server under attack (guarantee 6): a page on another site, a name that
rebinds to 127.0.0.1, a visitor on the LAN, a slow or broken client. Each request gets one
exact answer and the server keeps serving. (tests/integration/test_serve_http.py holds the
everyday cases; these are the hostile ones.)
"""

from __future__ import annotations

import os
import socket
import time

import pytest

from detente.cli.workflow import register
from detente.serve import server as server_module
from detente.serve.server import PreviewHandler
from tests.integration.test_serve_http import BASE, SECRET, Running, parse, running

__all__ = ["running"]  # the fixture, shared with the everyday tests


# ---------------------------------------------------------------- traversal
@pytest.mark.parametrize(("path", "status"), [
    ("/explainer/%2e%2e%5csecret.txt", 404),
    ("/explainer/%2e%2e%2f%2e%2e%2fetc%2fpasswd", 404),
    ("/explainer/.%2e/secret.txt", 404),
    ("/explainer/%2E./secret.txt", 404),
    ("/explainer/..;/secret.txt", 404),
    ("/explainer/actors/../../secret.txt", 404),
    ("/explainer/actors/%2e%2e/%2e%2e/secret.txt", 404),
    ("/explainer/%ef%bc%8f..%ef%bc%8fsecret.txt", 404),  # fullwidth solidus: a name, no file
    ("/explainer/%c0%af../secret.txt", 400),  # overlong UTF-8 for '/': not UTF-8 at all
    ("/explainer/secret.txt%00", 404),
    ("/explainer/%00/../secret.txt", 404),
    ("/explainer/leak.txt/", 403),
    ("/explainer/up/up/secret.txt", 403),
    ("/explainer/up%2fsecret.txt", 403),
    ("/%2fexplainer%2f..%2fsecret.txt", 404),
    ("/explainer/./actors/putin/", 404),
    ("/explainer/.git/config", 404),
    ("/explainer/.detente-site", 404),
])
def test_traversal_is_refused(running: Running, path: str, status: int) -> None:
    response = running.request(path)
    assert response.status == status, path
    assert SECRET not in response.body


def test_links_that_stay_inside_the_site_are_served(running: Running) -> None:
    os.symlink(running.root / "assets", running.root / "static-assets")
    os.symlink(running.root / "assets" / "detente.css", running.root / "style.css")
    assert running.request(BASE + "static-assets/detente.css").status == 200
    assert running.request(BASE + "style.css").status == 200


def test_a_folder_redirect_cannot_carry_a_header(running: Running) -> None:
    response = running.request(BASE + "actors?next=%0d%0aSet-Cookie:%20a=b")
    assert response.status == 302
    assert response.headers["location"] == "/explainer/actors/?next=%0d%0aSet-Cookie:%20a=b"
    assert "set-cookie" not in response.headers


# ---------------------------------------------------------------- who may ask
@pytest.mark.parametrize("host", [
    "localhost.:{port}", "127.0.0.1.:{port}", "127.1:{port}", "0x7f000001:{port}",
    "2130706433:{port}", "a@localhost:{port}", "localhost:{port}/x", "localhost:{port} x",
    "[::1", "localhost:99999", "localhost:-1", "evil.example:{port}, localhost:{port}",
])
def test_host_names_that_are_not_loopback_are_refused(running: Running, host: str) -> None:
    response = running.request(BASE, host=host.format(port=running.port))
    assert response.status == 400
    assert response.body.startswith(b"Bad Host header")


@pytest.mark.parametrize("host", ["LOCALHOST:{port}", "[::1]:{port}", "127.0.0.1:{port}"])
def test_loopback_names_in_any_case_are_served(running: Running, host: str) -> None:
    assert running.request(BASE, host=host.format(port=running.port)).status == 200


@pytest.mark.parametrize("origin", [
    "https://127.0.0.1:{port}", "http://127.0.0.1:{port}/", "http://127.0.0.1:{port}/x",
    "http://localhost.:{port}", "http://127.0.0.1.nip.io:{port}", "http://[::2]:{port}",
    "file://", "http://127.0.0.1:{port}?x", "http://user@127.0.0.1:{port}",
])
def test_live_reload_refuses_other_origins(running: Running, origin: str) -> None:
    for path in ("/__detente/events", "/__detente/state"):
        response = running.request(path, "HEAD",
                                   headers={"Origin": origin.format(port=running.port)})
        assert response.status == 403, origin


def test_two_origin_headers_are_refused(running: Running) -> None:
    data = (f"GET /__detente/state HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n"
            f"Origin: http://127.0.0.1:{running.port}\r\nOrigin: http://evil.example\r\n"
            "Connection: close\r\n\r\n").encode()
    assert parse(running.raw(data)).status == 403


@pytest.mark.parametrize("method", ["get", "Get", "head", "M-SEARCH", "BREW"])
def test_unknown_or_miscased_methods_are_refused(running: Running, method: str) -> None:
    answer = running.raw(f"{method} {BASE} HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n"
                         "Connection: close\r\n\r\n".encode())
    assert parse(answer).status in (400, 405)
    assert running.request(BASE).status == 200


def test_a_body_is_not_read_as_a_second_request(running: Running) -> None:
    """Request smuggling: the server closes the connection rather than reading the body."""
    hidden = b"GET /explainer/feed.xml HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    data = (f"GET {BASE} HTTP/1.1\r\nHost: 127.0.0.1:{running.port}\r\n"
            f"Content-Length: {len(hidden)}\r\n\r\n").encode() + hidden
    answer = running.raw(data)
    assert answer.count(b"HTTP/1.1 ") == 1
    assert b"Connection: close" in answer and b"<feed/>" not in answer


@pytest.mark.parametrize(("data", "status"), [
    (b"GET /explainer/ HTTP/1.1\r\n" + b"X: y\r\n" * 101 + b"\r\n", 431),
    (b"GET /" + b"a" * 65537 + b" HTTP/1.1\r\n\r\n", 414),
    (b"GET /explainer/\x00 HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n", 404),
    (b"GET /explainer/%zz HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n", 404),
    (b"GET http://127.0.0.1:{port}/explainer/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n",
     400),
    (b"GET /explainer/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTransfer-Encoding: chunked\r\n"
     b"\r\n0\r\n\r\n", 200),
])
def test_malformed_requests_get_one_answer(running: Running, data: bytes, status: int) -> None:
    answer = running.raw(data.replace(b"{port}", str(running.port).encode()))
    assert parse(answer).status == status
    assert answer.count(b"HTTP/1.") == 1
    assert running.request(BASE).status == 200


# ---------------------------------------------------------------- slow clients, limits
@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Running:
    """The everyday test server, but its clients get 0.5 s to send a request and 8
    connections at once."""
    monkeypatch.setattr(PreviewHandler, "timeout", 0.5)
    monkeypatch.setattr(server_module, "MAX_CONNECTIONS", 8)
    served: Running = request.getfixturevalue("running")
    return served


def test_a_half_sent_request_is_dropped_after_the_timeout(quick: Running) -> None:
    with socket.create_connection(("127.0.0.1", quick.port), timeout=10) as slow:
        slow.sendall(b"GET /explainer/ HTT")
        started = time.monotonic()
        assert slow.recv(100) == b""  # closed by the server, without an answer
        assert time.monotonic() - started < 5


def test_slow_clients_cannot_take_every_thread(quick: Running) -> None:
    slow = [socket.create_connection(("127.0.0.1", quick.port)) for _ in range(8)]
    try:
        for conn in slow:
            conn.sendall(b"GET /explainer/ HTTP/1.1\r\nHost: 127")
        deadline = time.monotonic() + 30  # until the server has taken in all eight
        while (busy := quick.request(BASE)).status != 503:
            assert time.monotonic() < deadline, busy.status
            time.sleep(0.02)
        assert busy.body == b"Too many connections to the preview.\n"
        assert busy.headers["retry-after"] == "1"
    finally:
        for conn in slow:
            conn.close()
    deadline = time.monotonic() + 5
    while quick.request(BASE).status != 200:  # slots come back as slow clients go
        assert time.monotonic() < deadline
        time.sleep(0.05)


def test_a_failing_request_is_answered_500_and_the_server_goes_on(
        running: Running, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: PreviewHandler, *args: object) -> None:
        raise FileNotFoundError("removed while being served")

    with monkeypatch.context() as patch:
        patch.setattr(PreviewHandler, "send_file", broken)
        response = running.request(BASE)
    assert (response.status, response.body) == (500, b"The preview server failed on this "
                                                      b"request.\n")
    assert running.request(BASE).status == 200


def test_the_preview_listens_on_loopback_unless_told_otherwise() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["serve", "."])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


def test_responses_forbid_sniffing_and_caching(running: Running) -> None:
    headers = running.request(BASE + "assets/map.svg").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-store"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["content-type"] == "image/svg+xml"
