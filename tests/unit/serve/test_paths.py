"""Request paths → files, the Host/Origin policy and content types."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from detente.serve.paths import (
    HostPolicy,
    Redirect,
    Refused,
    Serve,
    content_type,
    locate,
    resolve_target,
    url_host,
)

BASE = "/explainer/"


@pytest.mark.parametrize(("raw", "route"), [
    ("/explainer/", Serve((), True)),
    ("/explainer/actors/putin/", Serve(("actors", "putin"), True)),
    ("/explainer/assets/detente.css", Serve(("assets", "detente.css"), False)),
    ("/explainer/actors", Serve(("actors",), False)),
    ("/explainer/%C3%A9t%C3%A9/", Serve(("été",), True)),
    ("/explainer/%252e%252e/x", Serve(("%2e%2e", "x"), False)),  # decoded once: a plain name
    ("/", Redirect(BASE)),
    ("/explainer", Redirect(BASE)),
])
def test_resolve_target_serves(raw: str, route: object) -> None:
    assert resolve_target(raw, BASE) == route


@pytest.mark.parametrize("raw", [
    "/explainer/../etc/passwd",
    "/explainer/%2e%2e/etc/passwd",
    "/explainer/%2E%2E/%2E%2E/etc/passwd",
    "/explainer/..%2f..%2fetc/passwd",
    "/explainer/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/explainer/actors/../../secret",
    "/explainer/./index.html",
    "/explainer/....//x",
    "/explainer/..../x",
    "/explainer/..",
    "/explainer//etc/passwd",
    "/explainer/actors//x",
    "/explainer/..\\..\\secret",
    "/explainer/%5c..%5csecret",
    "/explainer/a%00.html",
    "/explainer/a%0d%0aSet-Cookie:x",
    "/explainer/.detente-site",
    "/explainer/.git/config",
    "/etc/passwd",
    "/explainerx/index.html",
    "//etc/passwd",
])
def test_resolve_target_refuses_traversal(raw: str) -> None:
    route = resolve_target(raw, BASE)
    assert isinstance(route, Refused) and route.status == 404


def test_resolve_target_refuses_bad_encoding_and_relative_paths() -> None:
    assert resolve_target("/explainer/%ff%fe", BASE) == Refused(400, "the path is not UTF-8")
    bad = resolve_target("explainer/", BASE)
    assert isinstance(bad, Refused) and bad.status == 400


def test_root_base_path() -> None:
    assert resolve_target("/", "/") == Serve((), True)
    assert resolve_target("/a/b", "/") == Serve(("a", "b"), False)
    refused = resolve_target("/../x", "/")
    assert isinstance(refused, Refused) and refused.status == 404


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "actors" / "putin").mkdir(parents=True)
    (root / "index.html").write_text("home")
    (root / "actors" / "putin" / "index.html").write_text("putin")
    (root / "empty").mkdir()
    (tmp_path / "secret.txt").write_text("SECRET")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "index.html").write_text("SECRET")
    os.symlink(tmp_path / "secret.txt", root / "leak.txt")
    os.symlink(tmp_path / "outside", root / "leakdir")
    os.symlink(root / "index.html", root / "alias.html")
    return root


def test_locate_files_and_folders(site: Path) -> None:
    assert locate(site, Serve((), True)) == site.resolve() / "index.html"
    assert locate(site, Serve(("actors", "putin"), True)) == \
        site.resolve() / "actors" / "putin" / "index.html"
    assert locate(site, Serve(("actors", "putin"), False)) == Redirect("actors/putin/")
    assert locate(site, Serve(("alias.html",), False)) == site.resolve() / "index.html"
    for missing in (Serve(("empty",), True), Serve(("nope.html",), False),
                    Serve(("index.html",), True)):
        found = locate(site, missing)
        assert isinstance(found, Refused) and found.status == 404


def test_locate_refuses_symlinks_leading_outside(site: Path) -> None:
    for route in (Serve(("leak.txt",), False), Serve(("leakdir",), True),
                  Serve(("leakdir", "index.html"), False)):
        found = locate(site, route)
        assert isinstance(found, Refused) and found.status == 403


@pytest.mark.parametrize(("host", "ok"), [
    ("127.0.0.1:8000", True),
    ("localhost:8000", True),
    ("LOCALHOST:8000", True),
    ("[::1]:8000", True),
    ("127.0.0.1:8001", False),
    ("127.0.0.1", False),  # port 80 implied
    ("evil.example:8000", False),
    ("evil.example", False),
    ("localhost.:8000", False),
    ("127.0.0.1.nip.io:8000", False),
    ("localhost:8000@evil.example", False),
    ("localhost:80000000", False),
    ("localhost:", False),
    ("[::1", False),
    ("", False),
    ("192.168.1.20:8000", False),
])
def test_host_policy_loopback(host: str, ok: bool) -> None:
    assert HostPolicy.for_bind("127.0.0.1", 8000).allows_host(host) is ok


def test_host_policy_other_binds() -> None:
    wildcard = HostPolicy.for_bind("0.0.0.0", 8000)
    assert wildcard.allows_host("192.168.1.20:8000")
    assert wildcard.allows_host("[fe80::1]:8000")
    assert not wildcard.allows_host("attacker.example:8000")
    lan = HostPolicy.for_bind("192.168.1.20", 8000)
    assert lan.allows_host("192.168.1.20:8000") and not lan.allows_host("10.0.0.1:8000")
    assert HostPolicy.for_bind("::1", 8000).allows_host("[::1]:8000")
    assert url_host("::1") == "[::1]" and url_host("0.0.0.0") == "127.0.0.1"


@pytest.mark.parametrize(("origin", "ok"), [
    ("http://127.0.0.1:8000", True),
    ("http://localhost:8000", True),
    ("https://127.0.0.1:8000", False),
    ("http://127.0.0.1:9999", False),
    ("http://evil.example", False),
    ("http://evil.example:8000", False),
    ("null", False),
    ("http://127.0.0.1:8000/path", False),
])
def test_origin_policy(origin: str, ok: bool) -> None:
    assert HostPolicy.for_bind("127.0.0.1", 8000).allows_origin(origin) is ok


@pytest.mark.parametrize(("name", "kind"), [
    ("index.html", "text/html; charset=utf-8"),
    ("detente.css", "text/css; charset=utf-8"),
    ("detente.js", "text/javascript; charset=utf-8"),
    ("feed.xml", "application/xml"),
    ("site.json", "application/json"),
    ("events.csv", "text/csv; charset=utf-8"),
    ("map.svg", "image/svg+xml"),
    ("photo.JPG", "image/jpeg"),
    ("font.woff2", "font/woff2"),
    ("robots.txt", "text/plain; charset=utf-8"),
    ("blob.unknownext", "application/octet-stream"),
    ("noext", "application/octet-stream"),
])
def test_content_types(name: str, kind: str) -> None:
    assert content_type(name) == kind

