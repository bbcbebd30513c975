"""`detente build`: check, render every page (in parallel), write the site atomically."""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from pathlib import Path

from detente.check import check_project
from detente.diagnostics import ContentError, Diagnostic
from detente.link import Site
from detente.outputs import site_files
from detente.pages import PageKey, page_keys
from detente.render import THEME, Renderer
from detente.search import build_index
from detente.write import SiteWriter, check_output_folder

PARALLEL_THRESHOLD = 400  # below this many pages, forking costs more than it saves


@dataclass(frozen=True, slots=True)
class BuildResult:
    pages: int
    files: int
    warnings: list[Diagnostic]


def build_site(project: Path, out: Path, include_drafts: bool = False,
               strict: bool = False, jobs: int | None = None, search: bool = True,
               base_url: str | None = None) -> BuildResult:
    check_output_folder(out, project)
    result = check_project(project, include_drafts, base_url)
    diagnostics = result.diagnostics.sorted()
    if result.site is None or result.diagnostics.has_errors(strict):
        raise ContentError(diagnostics)
    site = result.site
    keys = page_keys(site)
    writer = SiteWriter(out)
    try:
        render_all(site, project, keys, writer, jobs)
        extra = site_files(site)
        for path, data in sorted(extra.items()):
            writer.write(path, data)
        files = copy_static(project, writer) + len(extra)
        if search:
            build_index(writer.staging, writer.out)
        writer.commit()
    except BaseException:
        writer.abort()
        raise
    return BuildResult(len(keys), len(keys) + files, diagnostics)


def render_all(site: Site, project: Path, keys: list[PageKey], writer: SiteWriter,
               jobs: int | None) -> None:
    workers = jobs or min(os.cpu_count() or 1, 8)
    if workers <= 1 or len(keys) < PARALLEL_THRESHOLD or "fork" not in \
            multiprocessing.get_all_start_methods():
        _render_chunk(site, project, keys, writer)
        return
    chunks = [keys[i::workers] for i in range(workers)]
    context = multiprocessing.get_context("fork")
    global _FORK_STATE
    _FORK_STATE = (site, project, writer)
    try:
        with context.Pool(workers) as pool:
            pool.map(_render_forked, chunks)
    finally:
        _FORK_STATE = None


# The site is handed to forked workers through memory they inherit, not pickled.
_FORK_STATE: tuple[Site, Path, SiteWriter] | None = None


def _render_forked(keys: list[PageKey]) -> None:
    assert _FORK_STATE is not None
    site, project, writer = _FORK_STATE
    _render_chunk(site, project, keys, writer)


def _render_chunk(site: Site, project: Path, keys: list[PageKey], writer: SiteWriter) -> None:
    renderer = Renderer(site, project)
    for key in keys:
        path, data = renderer.render(key)
        writer.write(path, data)


def copy_static(project: Path, writer: SiteWriter) -> int:
    """The theme's assets under assets/, then the site's static/ under static/."""
    count = 0
    theme_static = THEME / "static"
    for item in sorted(_walk_resources(theme_static)):
        writer.write(f"assets/{item[0]}", item[1])
        count += 1
    static = project / "static"
    if static.is_dir():
        from detente.load import walk_files
        for path in walk_files(static):
            writer.copy("static/" + path.relative_to(static).as_posix(), path)
            count += 1
    return count


def _walk_resources(root: object, prefix: str = "") -> list[tuple[str, bytes]]:
    out: list[tuple[str, bytes]] = []
    for child in sorted(root.iterdir(), key=lambda c: c.name):  # type: ignore[attr-defined]
        name = prefix + child.name
        if child.is_dir():
            out.extend(_walk_resources(child, name + "/"))
        elif not child.name.startswith("."):
            out.append((name, child.read_bytes()))
    return out
