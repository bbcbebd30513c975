"""Request targets → files of the built site, and which Host/Origin a request may name.

Pure functions (plus one that looks at the filesystem), so every traversal trick can be
tested without a server.
"""

from __future__ import annotations

import ipaddress
import mimetypes
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote_to_bytes, urlsplit

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "[::1]"})
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})


@dataclass(frozen=True, slots=True)
class Redirect:
    location: str


@dataclass(frozen=True, slots=True)
class Serve:
    segments: tuple[str, ...]  # below the base path, each a plain name
    directory: bool  # the URL ends in '/': serve its index.html


@dataclass(frozen=True, slots=True)
class Refused:
    status: int  # 400 (undecodable), 403 (leads outside the site), 404 (never a file)
    reason: str


Route = Redirect | Serve | Refused


def resolve_target(raw_path: str, base_path: str) -> Route:
    """The path part of a request target (still percent-encoded) → what to answer.

    Decoded once: '%252e' stays the name '%2e'. Any '.', '..', empty or hidden segment, a
    backslash or a control character is refused, so nothing leaves the site folder by name.
    """
    try:
        path = unquote_to_bytes(raw_path).decode("utf-8")
    except UnicodeDecodeError:
        return Refused(400, "the path is not UTF-8")
    if not path.startswith("/"):
        return Refused(400, "the path must start with '/'")
    if "\\" in path or any(ord(ch) < 32 or ord(ch) == 127 for ch in path):
        return Refused(404, "not a path of the site")
    if path + "/" == base_path or (path == "/" and base_path != "/"):
        return Redirect(base_path)
    if not path.startswith(base_path):
        return Refused(404, f"the site is served under {base_path}")
    rest = path[len(base_path):]
    directory = rest == "" or rest.endswith("/")
    segments = rest.split("/")[:-1] if directory else rest.split("/")
    if any(s in ("", ".", "..") or s.startswith(".") for s in segments):
        return Refused(404, "not a path of the site")
    return Serve(tuple(segments), directory)


def locate(root: Path, route: Serve) -> Path | Redirect | Refused:
    """The file a route names inside `root`, following symlinks only if they stay inside.

    A folder named without its trailing slash gives a Redirect relative to the base path.
    """
    real_root = os.path.realpath(root)
    real = os.path.realpath(os.path.join(real_root, *route.segments))
    if not _inside(real, real_root):
        return Refused(403, "the path leads outside the site")
    if os.path.isdir(real):
        if not route.directory:
            return Redirect("/".join((*route.segments, "")))
        real = os.path.realpath(os.path.join(real, "index.html"))
        if not _inside(real, real_root):
            return Refused(403, "the path leads outside the site")
    elif route.directory:
        return Refused(404, "no such page")
    if not os.path.isfile(real):
        return Refused(404, "no such page")
    return Path(real)


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".map": "application/json",
    ".xml": "application/xml", ".txt": "text/plain; charset=utf-8",
    ".csv": "text/csv; charset=utf-8", ".md": "text/markdown; charset=utf-8",
    ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
    ".gif": "image/gif", ".webp": "image/webp", ".avif": "image/avif", ".ico": "image/x-icon",
    ".woff2": "font/woff2", ".woff": "font/woff", ".pdf": "application/pdf",
    ".wasm": "application/wasm", ".geojson": "application/geo+json",
    ".webmanifest": "application/manifest+json",
}


def content_type(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name, strict=True)
    return guessed or "application/octet-stream"


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """The Host names a request may carry (DNS rebinding: a hostile name resolving to us).

    Loopback names always; the bound address too. Bound to all interfaces, any IP literal is
    accepted (rebinding needs a host *name*), but still no other name.
    """

    port: int
    names: frozenset[str]
    any_ip: bool = False

    @classmethod
    def for_bind(cls, host: str, port: int) -> HostPolicy:
        names = set(LOOPBACK_NAMES)
        if host not in WILDCARD_HOSTS:
            names.add(url_host(host).lower())
        return cls(port, frozenset(names), host in WILDCARD_HOSTS)

    def allows_host(self, value: str) -> bool:
        parsed = _split_host(value.strip().lower())
        if parsed is None:
            return False
        name, port = parsed
        if (port if port is not None else 80) != self.port:
            return False
        return name in self.names or (self.any_ip and _is_ip(name))

    def allows_origin(self, origin: str) -> bool:
        try:
            parts = urlsplit(origin.strip())
        except ValueError:
            return False
        return (parts.scheme == "http" and not parts.path and not parts.query
                and self.allows_host(parts.netloc))


def url_host(host: str) -> str:
    """A bind address as it appears in a URL: '::1' → '[::1]'; the wildcard → 127.0.0.1."""
    if host in WILDCARD_HOSTS:
        return "127.0.0.1"
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _split_host(value: str) -> tuple[str, int | None] | None:
    if value.startswith("["):
        end = value.find("]")
        if end < 0:
            return None
        name, rest = value[:end + 1], value[end + 1:]
    else:
        name, sep, port_text = value.partition(":")
        rest = ":" + port_text if sep else ""
    if not name or any(ch in name for ch in "/@?# "):
        return None
    if not rest:
        return name, None
    digits = rest[1:]
    if not rest.startswith(":") or not digits.isdigit() or len(digits) > 5:
        return None
    return name, int(digits)


def _is_ip(name: str) -> bool:
    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True
