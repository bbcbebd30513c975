"""The built-in theme's files: its templates (which a site's templates/ may override) and its
static assets (CSS, scripts, icons), which the build writes under assets/."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable

THEME = resources.files("detente.pages") / "theme"


def theme_templates() -> list[tuple[str, str]]:
    """(name, text) of each of the theme's own page templates."""
    return [(t.name, t.read_text(encoding="utf-8"))
            for t in sorted((THEME / "templates").iterdir(), key=lambda t: t.name)
            if t.name.endswith(".html")]


def theme_assets() -> list[tuple[str, bytes]]:
    return _walk(THEME / "static")


def _walk(root: Traversable, prefix: str = "") -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for child in sorted(root.iterdir(), key=lambda c: c.name):
        name = prefix + child.name
        if child.is_dir():
            out.extend(_walk(child, name + "/"))
        elif not child.name.startswith("."):
            out.append((name, child.read_bytes()))
    return out
