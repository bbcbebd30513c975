"""Static files: the theme's assets (under assets/) and the site's static/ (under static/)."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

from detente.load import walk_files
from detente.render import THEME
from detente.write import SiteWriter


def copy_static(project: Path, writer: SiteWriter) -> int:
    count = 0
    for name, data in theme_assets():
        writer.write(f"assets/{name}", data)
        count += 1
    static = project / "static"
    if static.is_dir():
        for path in walk_files(static, project):
            writer.copy("static/" + path.relative_to(static).as_posix(), path)
            count += 1
    return count


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
