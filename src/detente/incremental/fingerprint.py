"""The global cache key: everything that, when changed, invalidates every cached page.

Detente's own code (so a new version, or an edited checkout, never reuses old pages), the
templates (theme and site overrides), the site settings and the build flags.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from detente import __version__

if TYPE_CHECKING:
    from detente.content.model import Site


def _hash_tree(h: hashlib.blake2b, root: Path, suffixes: tuple[str, ...]) -> None:
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file() and path.suffix in suffixes:
            h.update(path.relative_to(root).as_posix().encode())
            h.update(b"\x00")
            h.update(path.read_bytes())
            h.update(b"\x00")


@lru_cache(maxsize=1)
def code_key() -> str:
    """Detente's version and a hash of its installed code and theme."""
    h = hashlib.blake2b(digest_size=16)
    h.update(__version__.encode())
    package = Path(str(resources.files("detente")))
    _hash_tree(h, package, (".py", ".html", ".css", ".js", ".svg", ".xml", ".txt", ".json",
                              ".po"))
    return h.hexdigest()


def markdown_key(allow_html: bool) -> str:
    """What rendered Markdown depends on besides its text: Detente's code (our syntax and
    its rendering), the Markdown libraries, and whether raw HTML is allowed. Not the
    templates or the rest of the settings: a template edit re-renders every page, but no
    Markdown (at 10,000 events, that was 10 s of CPU again after every template edit)."""
    import markdown_it
    import mdit_py_plugins

    parts = (code_key(), markdown_it.__version__, mdit_py_plugins.__version__,
             "html" if allow_html else "escaped")
    return hashlib.blake2b("|".join(parts).encode(), digest_size=16).hexdigest()


def global_key(site: Site, project: Path, include_drafts: bool, shared: str = "") -> str:
    """`shared`: what every page shows from the site as a whole (nav, titles)."""
    h = hashlib.blake2b(digest_size=16)
    h.update(code_key().encode())
    h.update(repr(site.config).encode())
    h.update(shared.encode("utf-8", "surrogatepass"))
    h.update(b"drafts" if include_drafts else b"published")
    _hash_tree(h, project / "templates", (".html", ".xml", ".txt", ".j2", ".jinja"))
    _hash_tree(h, project / "locales", (".po",))  # the site's own words for the theme
    return h.hexdigest()
