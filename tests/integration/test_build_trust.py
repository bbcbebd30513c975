"""A build trusts what it has just written: the build right after an edited build does no
work, a file rewritten within the clock's resolution is still noticed, and the search index
is carried over without reading the site's pages."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.sites import read_tree

from detente.build import search
from detente.build.pipeline import build_site
from detente.build.search import INDEX_DIR, build_index
from detente.build.write import MARKER

EVENT = "content/events/2025-03-18-trump-putin-call.md"


@pytest.fixture()
def project(site_copy: Callable[[str], Path]) -> Path:
    return site_copy("example")


def test_the_build_after_an_edited_build_does_nothing(project: Path, tmp_path: Path) -> None:
    out, cache = tmp_path / "site", tmp_path / "cache"
    build_site(project, out, search=False, cache_dir=cache)
    event = project / EVENT
    event.write_text(event.read_text() + "\nOne more sentence.\n")  # just now: no ageing
    edited = build_site(project, out, search=False, cache_dir=cache)
    assert edited.site is not None and edited.changed == 1
    before = {p: p.stat().st_ino for p in out.rglob("*")}
    again = build_site(project, out, search=False, cache_dir=cache)
    assert again.site is None and again.rendered == 0  # the no-op path: nothing loaded
    assert again.pages == edited.pages and again.warnings == edited.warnings
    assert {p: p.stat().st_ino for p in out.rglob("*")} == before


def test_a_rewrite_in_the_same_clock_tick_is_noticed(project: Path, tmp_path: Path) -> None:
    """Same size, same mtime, other bytes: the stat cannot tell, so a file modified as
    recently as the record was made is read again."""
    out, cache = tmp_path / "site", tmp_path / "cache"
    event = project / EVENT
    event.write_text(event.read_text() + "\nAlpha sentence.\n")
    build_site(project, out, search=False, cache_dir=cache)
    stat = event.stat()
    event.write_text(event.read_text().replace("Alpha sentence.", "Omega sentence."))
    os.utime(event, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert event.stat().st_size == stat.st_size
    rebuilt = build_site(project, out, search=False, cache_dir=cache)
    assert rebuilt.site is not None and rebuilt.changed >= 1
    assert "Omega sentence." in (out / "events/2025-03-18-trump-putin-call/index.html").read_text()


def test_touching_every_file_is_not_a_change(project: Path, tmp_path: Path) -> None:
    """New mtimes and inodes with the same bytes (a fresh clone, a restored cache)."""
    out, cache = tmp_path / "site", tmp_path / "cache"
    build_site(project, out, search=False, cache_dir=cache)
    for path in project.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            path.unlink()
            path.write_bytes(data)
    again = build_site(project, out, search=False, cache_dir=cache)
    assert again.site is None and again.rendered == 0


def test_the_index_stamp_reads_no_page_the_build_knows(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    pages = {f"p{i}/index.html": f"<h1>Talks {i}</h1>" for i in range(3)}
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        for name, body in pages.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text("<!doctype html><html lang=en><title>T</title>"
                                       f"<main data-pagefind-body>{body}</main></html>")
    (first / MARKER).write_text("")
    digests = {name: f"digest-{name}" for name in pages}
    assert build_index(first, tmp_path / "none", list(pages), digests) is True
    opened: list[Path] = []
    read_bytes = Path.read_bytes
    monkeypatch.setattr(search.Path, "read_bytes",
                        lambda self: opened.append(self) or read_bytes(self))
    assert build_index(second, first, list(pages), digests) is False  # carried over
    assert opened == []
    assert read_tree(second / INDEX_DIR) == read_tree(first / INDEX_DIR)
