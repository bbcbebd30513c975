"""The check that a test run leaves no build artefact in the repository (tests/conftest.py
runs it around every session): what it reports, on a repository made up in tmp_path."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.leftovers import differences, snapshot

pytestmark = pytest.mark.fast


def _write(root: Path, *paths: str) -> None:
    for path in paths:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text("x")


def test_a_developers_own_build_at_the_root_is_not_reported(tmp_path: Path) -> None:
    _write(tmp_path, "site/index.html", ".detente-cache/cache-v1.sqlite", "content/a.yaml",
           "src/detente/cli/scaffold/site/detente.yaml")
    before = snapshot(tmp_path)
    assert "site/index.html" in before and ".detente-cache/cache-v1.sqlite" in before
    _write(tmp_path, "content/b.yaml", "tests/unit/test_x.py")  # not build artefacts
    assert differences(before, snapshot(tmp_path)) == []


def test_what_a_run_adds_changes_or_removes_is_reported(tmp_path: Path) -> None:
    _write(tmp_path, "site/index.html", "tests/fixtures/sites/full/detente.yaml",
           "tests/browser/node_modules/x/site/index.html", "tests/golden/full/index.html")
    before = snapshot(tmp_path)
    _write(tmp_path, "tests/fixtures/sites/full/.detente-cache/cache-v1.sqlite",
           ".site.tmp-123/index.html", "docs/site/index.html",
           "tests/browser/node_modules/x/site/other.html")  # (not looked at)
    os.utime(tmp_path / "site/index.html", ns=(0, 0))
    assert differences(before, snapshot(tmp_path)) == [
        "added    .site.tmp-123/",
        "added    .site.tmp-123/index.html",
        "added    docs/site/",
        "added    docs/site/index.html",
        "added    tests/fixtures/sites/full/.detente-cache/",
        "added    tests/fixtures/sites/full/.detente-cache/cache-v1.sqlite",
        "changed  site/index.html",
    ]
    (tmp_path / "site/index.html").unlink()
    assert differences(before, snapshot(tmp_path))[-1] == "removed  site/index.html"
