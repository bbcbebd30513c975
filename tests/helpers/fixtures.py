"""Fixtures shared by the whole suite (registered in tests/conftest.py).

- `site_copy(name)`: a working copy of one of the repository's site projects
  (`sites.PROJECTS`: example, full, links, minimal) in the test's tmp_path, to build, serve or
  edit.
- `built_site(name, *flags)`: that project built once per session through the CLI, from its
  own working copy into its own output with its own cache; shared between tests, so read
  it, never change it.
- `serve`: `detente serve` (a subprocess) on the test module's own `project` fixture,
  stopped after the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.helpers.serve import ServeProcess
from tests.helpers.sites import PROJECTS, build, copy_site


@pytest.fixture
def site_copy(tmp_path: Path) -> Callable[[str], Path]:
    def make(name: str) -> Path:
        return copy_site(PROJECTS[name], tmp_path / f"{name}-project")

    return make


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., Path]:
    built: dict[tuple[str, ...], Path] = {}

    def get(name: str, *flags: str) -> Path:
        key = (name, *flags)
        if key not in built:
            root = tmp_path_factory.mktemp(f"built-{name}")
            project = copy_site(PROJECTS[name], root / "project")
            build(project, root / "site", *flags)
            built[key] = root / "site"
        return built[key]

    return get


@pytest.fixture
def serve(project: Path) -> Iterator[ServeProcess]:
    process = ServeProcess(project)
    try:
        yield process
    finally:
        process.close()
