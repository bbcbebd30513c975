"""The theme's static assets (CSS, scripts, icons), as the build writes them under assets/."""

from __future__ import annotations

from importlib.resources.abc import Traversable

from detente.pages.render import THEME


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
