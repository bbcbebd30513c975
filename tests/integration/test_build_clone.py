"""CI builds after one commit: a fresh clone (new mtimes and inodes everywhere) with the
previous build's cache and site restored renders only what the commit changed, and gives
the same bytes as the build on the machine where the commit was made."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.sites import read_tree

from detente.build.pipeline import build_site
from detente.incremental.cache import CACHE_DIR

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

EVENT = "content/events/2025-03-18-trump-putin-call.md"


def git(repo: Path, *args: str, date: str) -> None:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True, check=True)


def test_a_clone_with_the_cache_restored_renders_only_what_changed(
        site_copy: Callable[[str], Path], tmp_path: Path) -> None:
    local = site_copy("example")
    git(local, "init", "-q", "-b", "main", date="2025-04-01T10:00:00+00:00")
    git(local, "add", ".", date="2025-04-01T10:00:00+00:00")
    git(local, "commit", "-q", "-m", "first", date="2025-04-01T10:00:00+00:00")
    build_site(local, local / "site", search=False)
    saved = tmp_path / "ci-cache"  # what the CI job saved after building that commit
    shutil.copytree(local / CACHE_DIR, saved / CACHE_DIR)
    shutil.copytree(local / "site", saved / "site")

    event = local / EVENT
    event.write_text(event.read_text() + "\nOne more sentence.\n")
    git(local, "commit", "-q", "-am", "second", date="2025-04-02T10:00:00+00:00")
    edited = build_site(local, local / "site", search=False)

    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(local), str(clone)], check=True,
                   capture_output=True)
    for name in (CACHE_DIR, "site"):  # restored by the next job, after a fresh checkout
        shutil.copytree(saved / name, clone / name)
    in_ci = build_site(clone, clone / "site", search=False)

    assert 0 < in_ci.rendered < in_ci.pages // 2  # (a central event: many pages show it)
    assert in_ci.rendered == edited.rendered and in_ci.changed == edited.changed == 1
    assert read_tree(clone / "site") == read_tree(local / "site")
    again = build_site(clone, clone / "site", search=False)
    assert again.site is None  # and the clone's next build is the no-op
