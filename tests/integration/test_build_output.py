"""Where and how `detente build` writes: atomically, only where it may, the same bytes each time.

Builds go through the CLI (`detente.cli.main.main` in this process; one run of
`python -m detente build` in a child process) on a copy of the links fixture site.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from tests.helpers.sites import build, detente, hash_tree, read_tree

from detente.build import parallel, prerender
from detente.build.pipeline import build_site
from detente.build.workers import forking
from detente.build.write import SiteWriter
from detente.content.check import check_project
from detente.incremental.cache import CACHE_DIR, text_key
from detente.pages import opendata
from detente.pages.page import PageKey, page_keys
from detente.pages.render import Renderer


@pytest.fixture
def project(site_copy: Callable[[str], Path]) -> Path:
    """A writable copy of the links fixture, already built once into its site/."""
    copy = site_copy("links")
    an_hour_ago = time.time() - 3600  # old enough for the warm-build shortcuts to apply
    for path in copy.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    build(copy, copy / "site", "--no-search")
    return copy


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".site."))


# -- a failed build leaves the previous site byte-identical

def test_content_error_leaves_site_untouched(project: Path) -> None:
    before = hash_tree(project / "site")
    parties = project / "content" / "parties" / "parties.yaml"
    parties.write_text(parties.read_text("utf-8") + "  colour: '#ff0000'\n", "utf-8")
    run = detente("build", project)
    assert run.code == 1
    assert "parties.yaml" in run.stdout and "nothing was written" in run.stderr
    assert hash_tree(project / "site") == before
    assert _leftovers(project) == []


BROKEN_TEMPLATES = {
    # renders the first pages fine, then fails on a name the view does not have
    "undefined": ('{% extends "theme/actor.html" %}\n{% block content %}\n'
                  '{{ page.sections.no_such_section }}\n{% endblock %}\n', "actor.html:3"),
    "syntax": ('{% extends "theme/actor.html" %}\n{% block content %}\n{% if %}\n'
               '{% endblock %}\n', "actor.html:3"),
    "missing parent": ('{% extends "no-such-base.html" %}\n', "actor.html"),
}


@pytest.mark.parametrize("case", sorted(BROKEN_TEMPLATES))
def test_template_error_leaves_site_untouched(project: Path, case: str) -> None:
    text, where = BROKEN_TEMPLATES[case]
    (project / "templates").mkdir()
    (project / "templates" / "actor.html").write_text(text, "utf-8")
    before = hash_tree(project / "site")
    run = detente("build", project)
    assert run.code != 0
    assert f"templates/{where}" in run.stderr and "template error" in run.stderr, run.stderr
    assert hash_tree(project / "site") == before
    assert _leftovers(project) == []


def test_failed_first_build_writes_nothing(site_copy: Callable[[str], Path]) -> None:
    copy = site_copy("links")
    (copy / "content" / "events" / "broken.yaml").write_text("title: No date\n", "utf-8")
    run = detente("build", copy)
    assert run.code == 1
    assert not (copy / "site").exists()
    assert _leftovers(copy) == []


def test_stale_staging_folders_are_cleaned_only_if_ours(project: Path) -> None:
    ours = project / ".site.tmp-999999"
    ours.mkdir()
    (ours / ".detente-site").write_text("marker\n", "utf-8")
    theirs = project / ".site.tmp-notours"
    theirs.mkdir()
    (theirs / "keep.txt").write_text("mine\n", "utf-8")
    # A killed build leaves its staging folder and no record of a finished build, so the
    # next build is a full one; here an edited file makes sure of that.
    page = project / "content" / "pages" / "index.md"
    page.write_text(page.read_text("utf-8") + "\nEdited.\n", "utf-8")
    build(project, project / "site", "--no-search")
    assert not ours.exists()
    assert (theirs / "keep.txt").read_text("utf-8") == "mine\n"


# -- --out: only a folder Detente made, or an empty one

@pytest.mark.parametrize("where", ["project root", "parent of the project", "inside content",
                                   "inside templates", "not ours, not empty"])
def test_out_refuses(project: Path, where: str) -> None:
    (project / "templates").mkdir()
    foreign = project.parent / "someone-elses"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me\n", "utf-8")
    out = {"project root": project, "parent of the project": project.parent,
           "inside content": project / "content" / "out",
           "inside templates": project / "templates" / "out",
           "not ours, not empty": foreign}[where]
    before = hash_tree(project.parent)
    run = detente("build", project, "--out", out)
    assert run.code == 2
    assert "refusing" in run.stderr, run.stderr
    assert hash_tree(project.parent) == before


def test_out_accepts_an_empty_folder_and_replaces_its_own(project: Path,
                                                          tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    build(project, empty, "--no-search")
    assert read_tree(empty) == read_tree(project / "site")
    (empty / "stale.html").write_text("from an older build\n", "utf-8")
    build(project, empty, "--no-search")  # it holds Detente's marker now: replaced whole
    assert read_tree(empty) == read_tree(project / "site")


# -- the same input gives the same bytes

def test_two_builds_are_byte_identical(project: Path, tmp_path: Path) -> None:
    """Search index included; in another folder; and again, warm, in the same one."""
    build(project, tmp_path / "one")
    build(project, tmp_path / "elsewhere" / "two")
    first = read_tree(tmp_path / "one")
    assert any(path.startswith("pagefind/") for path in first)
    assert any(path.endswith("/share.png") for path in first) and "favicon.ico" in first
    assert read_tree(tmp_path / "elsewhere" / "two") == first
    build(project, tmp_path / "one")
    assert read_tree(tmp_path / "one") == first
    plain = read_tree(project / "site")
    build(project, project / "site", "--no-search")
    assert read_tree(project / "site") == plain


def test_forked_rendering_gives_the_same_bytes(project: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # The site is too small to be split across workers by default; lower the threshold.
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    result = build_site(project, tmp_path / "forked", jobs=2, use_cache=False, search=False)
    assert result.pages > 2
    assert read_tree(tmp_path / "forked") == read_tree(project / "site")


def test_the_main_process_renders_beside_its_workers(project: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Jobs - 1 workers: the main process renders whenever no worker's batch is ready,
    and every page is rendered once, by one of them."""
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(parallel, "BATCH", 1)
    monkeypatch.setattr(parallel, "AHEAD", 1)
    log = tmp_path / "renders.log"  # (appended to by every process)
    real_render = Renderer.render

    def logged_render(self: Renderer, key: PageKey, reader: Any = None) -> tuple[str, bytes]:
        if os.getpid() != main:
            time.sleep(0.05)  # a slow worker: the main process must take up the slack
        with log.open("a") as file:
            file.write(f"{os.getpid()} {key.path}\n")
        return real_render(self, key, reader)

    main = os.getpid()
    monkeypatch.setattr(Renderer, "render", logged_render)  # (the forked workers' too)
    result = build_site(project, tmp_path / "shared", jobs=2, use_cache=False, search=False)
    rows = [line.split(" ", 1) for line in log.read_text().splitlines()]
    by_process = {pid for pid, _ in rows}
    assert str(main) in by_process and len(by_process) == 2
    paths = [path for _, path in rows]
    assert len(paths) == len(set(paths)) == result.pages
    assert read_tree(tmp_path / "shared") == read_tree(project / "site")


def _wait_for_workers(log: Path, pages: int, limit: float = 10.0) -> None:
    """Until `pages` pages are rendered in all (bounded: the test fails, not hangs)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if log.exists() and log.read_text().count("\n") >= pages:
            return
        time.sleep(0.001)


def test_site_files_are_written_between_the_workers_batches(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The main process writes the open data a piece at a time, taking in the workers'
    batches in between: written in one go, a big site's workers would fill their room for
    finished batches and wait. Each piece waits until the workers have rendered one more
    page (a big site's piece takes time to make), so the test holds on a busy machine."""
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(parallel, "BATCH", 1)
    monkeypatch.setattr(opendata, "PIECE", 256)
    rendered_log = tmp_path / "rendered.log"  # a line per page rendered
    checked = check_project(project)
    assert checked.site is not None
    total = len(page_keys(checked.site))
    events: list[str] = []
    real_write, real_pieces, real_render = SiteWriter.write, SiteWriter.write_pieces, \
        Renderer.render

    def render(self: Renderer, key: Any, reader: Any = None) -> tuple[str, bytes]:
        done = real_render(self, key, reader)
        with rendered_log.open("a") as log:
            log.write(f"{os.getpid()}\n")
        return done

    def write(self: SiteWriter, relative: str, data: bytes) -> None:
        events.append("page" if relative.endswith("index.html") else "file")
        real_write(self, relative, data)

    def write_pieces(self: SiteWriter, relative: str, pieces: Any) -> Iterator[None]:
        for step in real_pieces(self, relative, pieces):
            events.append("piece")
            _wait_for_workers(rendered_log, min(events.count("piece") + 1, total))
            yield step

    monkeypatch.setattr(Renderer, "render", render)
    monkeypatch.setattr(SiteWriter, "write", write)
    monkeypatch.setattr(SiteWriter, "write_pieces", write_pieces)
    build_site(project, tmp_path / "interleaved", jobs=2, use_cache=False, search=False)
    first, last = events.index("piece"), len(events) - events[::-1].index("piece")
    assert "page" in events[first:last]
    assert read_tree(tmp_path / "interleaved") == read_tree(project / "site")


def test_a_worker_that_fails_fails_the_build(project: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    main = os.getpid()
    real_render = Renderer.render

    def failing_render(self: Renderer, key: PageKey, reader: Any = None) -> tuple[str, bytes]:
        if os.getpid() != main:
            raise RuntimeError("a worker failed")
        return real_render(self, key, reader)

    monkeypatch.setattr(Renderer, "render", failing_render)  # (the forked workers' too)
    out = tmp_path / "failed"
    with pytest.raises(RuntimeError, match="a worker failed"):
        build_site(project, out, jobs=2, use_cache=False, search=False)
    assert not out.exists() and list(tmp_path.iterdir()) == [project]


def test_markdown_rendered_alongside_the_check_gives_the_same_bytes(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build renders the `.md` prose in workers while the check runs; every body
    from a `.md` file is among what they rendered, and the pages come out the same."""
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(prerender, "PRERENDER_THRESHOLD", 1)
    monkeypatch.setattr(prerender, "CHUNK", 1)
    collect = prerender.Prerender.collect

    def collect_all(self: prerender.Prerender, allow_html: bool) -> dict[bytes, str]:
        _wait_for(self)  # (a build takes what is ready when its check ends)
        return collect(self, allow_html)

    monkeypatch.setattr(prerender.Prerender, "collect", collect_all)
    started = prerender.start_prerender(project, False, 2)
    assert started is not None and len(started.pending) > 1
    html = started.collect(False)
    site = check_project(project).site
    assert site is not None
    bodies = {text_key(e.body.text) for e in site.entities.values()
              if getattr(e, "body", None) is not None and e.body.span.path.endswith(".md")}
    assert bodies and bodies <= html.keys()
    log = tmp_path / "stores.log"  # (written by the forked workers)
    real_store = parallel.MarkdownStore

    def counting_store(db: Path | None, preloaded: dict[bytes, str] | None = None) -> Any:
        with log.open("a") as file:
            file.write(f"{len(bodies & (preloaded or {}).keys())}\n")
        return real_store(db, preloaded)

    monkeypatch.setattr(parallel, "MarkdownStore", counting_store)
    build_site(project, tmp_path / "cold", jobs=2, use_cache=False, search=False)
    assert log.read_text().split() == [str(len(bodies))] * 2  # both render workers had them
    assert read_tree(tmp_path / "cold") == read_tree(project / "site")


def test_no_thread_runs_when_a_pool_forks(project: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker forked while another thread holds a lock (SQLite's, while the cache is
    written) inherits the lock held, and hangs on it: pools fork with the main thread
    alone."""
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(prerender, "PRERENDER_THRESHOLD", 1)
    threads: list[list[str]] = []
    before = set(threading.enumerate())  # (other tests' servers may be running)

    @contextmanager
    def watched() -> Iterator[None]:
        threads.append([t.name for t in threading.enumerate() if t not in before])
        with forking():
            yield

    monkeypatch.setattr(parallel, "forking", watched)
    monkeypatch.setattr(prerender, "forking", watched)
    shutil.rmtree(project / CACHE_DIR)  # cold: prerender, and the cache written
    build_site(project, tmp_path / "cold", jobs=2, search=False)
    assert threads == [[], []]  # the prerender and render pools: no thread of the build


def _wait_for(started: prerender.Prerender) -> None:
    for part in started.pending:
        part.wait()


def test_a_failed_prerender_only_loses_its_head_start(project: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prerender, "PRERENDER_THRESHOLD", 1)

    def broken(md: object, text: str) -> str:
        raise RuntimeError("a worker failed")

    monkeypatch.setattr(prerender, "render_template", broken)  # (the forked workers' too)
    started = prerender.start_prerender(project, False, 2)
    assert started is not None
    _wait_for(started)
    assert started.pending and not any(part.successful() for part in started.pending)
    assert started.collect(False) == {}
    build_site(project, tmp_path / "cold", jobs=2, use_cache=False, search=False)
    assert read_tree(tmp_path / "cold") == read_tree(project / "site")


def test_prerendered_html_is_dropped_when_allow_html_changed_meanwhile(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It is keyed by text alone: HTML made with raw HTML allowed must not reach a build
    whose detente.yaml (read again by the check) escapes it."""
    monkeypatch.setattr(prerender, "PRERENDER_THRESHOLD", 1)
    for made_with, checked_with, expect_any in ((True, True, True), (True, False, False)):
        started = prerender.start_prerender(project, made_with, 2)
        assert started is not None
        _wait_for(started)
        assert bool(started.collect(checked_with)) is expect_any


@pytest.mark.parametrize(("epoch", "stamp"), [("0", "1970-01-01T00:00:00Z"),
                                              ("1700000000", "2023-11-14T22:13:20Z"),
                                              ("not-a-number", None)])
def test_source_date_epoch_changes_only_the_feed_date(project: Path, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch,
                                                      epoch: str, stamp: str | None) -> None:
    """Nothing carries a build time; only the feeds' own <updated> honours the variable."""
    plain = read_tree(project / "site")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    build(project, project / "site", "--no-search")  # warm: must not be skipped as a no-op
    pinned = read_tree(project / "site")
    assert sorted(pinned) == sorted(plain)
    feeds = ("changes.xml", "corrections.xml", "feed.xml")
    differ = sorted(p for p in plain if pinned[p] != plain[p])
    assert differ == [] if stamp is None else "feed.xml" in differ and set(differ) <= set(feeds)
    for feed in feeds:
        changed = [(a, b) for a, b in zip(plain[feed].decode().splitlines(),
                                          pinned[feed].decode().splitlines(), strict=True)
                   if a != b]
        assert [b for _a, b in changed] in ([], [f"<updated>{stamp}</updated>"])
        if stamp is not None:  # (a feed without entries may have had that date already)
            assert f"<updated>{stamp}</updated>" in pinned[feed].decode()


def test_python_m_detente_build_in_a_fresh_process(project: Path, tmp_path: Path) -> None:
    """A different process, with its own hash seed, builds the same bytes."""
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    env.pop("SOURCE_DATE_EPOCH", None)
    done = subprocess.run(
        [sys.executable, "-m", "detente", "build", str(project), "--out",
         str(tmp_path / "child")], capture_output=True, text=True, env=env, timeout=300,
        check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Built " in done.stderr and " pages " in done.stderr
    build(project, tmp_path / "here")
    assert read_tree(tmp_path / "child") == read_tree(tmp_path / "here")
