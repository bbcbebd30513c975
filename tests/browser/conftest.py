"""Browser-test fixtures: the example site and the full fixture site, built once per session
into temporary folders, served on 127.0.0.1, and one headless Chromium to look at them.

The browser is Debian's /usr/bin/chromium driven by Playwright (`pip install playwright`,
never `playwright install`); `.ci/run` installs both, and axe-core and vnu-jar with
`npm ci --prefix tests/browser`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, ServedSite, build_into, serve
from tests.helpers.sites import PROJECTS

from detente.content.routes import output_file
from detente.pages.page import page_keys

SITES = ("example", "full")
NODE_MODULES = Path(__file__).parent / "node_modules"

if not CHROMIUM.exists():  # pragma: no cover - CI installs it (.ci/run)
    pytest.skip(f"{CHROMIUM} is not installed (bash .ci/run installs it)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="pip install playwright")


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ServedSite]]:
    """Both sites, each served on its own port under its base path (/explainer/, ...)."""
    with ExitStack() as stack:
        sites = {}
        for name in SITES:
            project = PROJECTS[name]
            root = tmp_path_factory.mktemp(name)
            out, site, base_path = build_into(project, root, tmp_path_factory.mktemp("cache"))
            origin = stack.enter_context(serve(root))
            sites[name] = ServedSite(name, project, root, out, site, origin, base_path)
        yield sites


# Per module: two Playwright sync sessions cannot be open at once in one thread, and other
# modules here start their own.
@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def page_types(site: ServedSite) -> dict[str, str]:
    """One page per template (the one with the most HTML, so the most to check): path."""
    chosen: dict[str, tuple[int, str]] = {}
    for key in page_keys(site.site):
        file = site.out / output_file(key.path)
        size = file.stat().st_size
        if key.template not in chosen or size > chosen[key.template][0]:
            chosen[key.template] = (size, key.path)
    return {template: path for template, (_, path) in sorted(chosen.items())}


def needs_node_module(name: str) -> Path:
    folder = NODE_MODULES / name
    if not folder.is_dir():
        pytest.fail(f"{folder} is missing: run `npm ci --prefix tests/browser` (bash .ci/run)")
    return folder
