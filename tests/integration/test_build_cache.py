"""The build cache: a warm build is byte-identical to a cold one, does no work when nothing
changed, and an incremental build after any edit equals a clean build of the same input."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers.sites import PROJECTS, copy_site, read_tree

from detente.build import parallel, prerender
from detente.build.pipeline import build_site
from detente.content.check import check_project
from detente.content.markdown import make_markdown, render_template
from detente.incremental.cache import CACHE_DIR, text_key
from detente.pages import render
from detente.pages.feed import atom_feed


def _age(project: Path) -> None:
    """Make every input file look older than the 'modified just now' guard."""
    past = time.time() - 60
    for path in project.rglob("*"):
        if path.is_file() and CACHE_DIR not in path.parts:
            os.utime(path, (past, past))


@pytest.fixture()
def project(site_copy: Callable[[str], Path]) -> Path:
    copy = site_copy("example")
    _age(copy)
    return copy


# Clean builds by a digest of their input: several tests compare with the same one.
_CLEAN_BUILDS: dict[str, dict[str, bytes]] = {}


def _input_digest(project: Path, skip: tuple[Path, ...]) -> str:
    digest = hashlib.sha256()
    for path in sorted(project.rglob("*")):
        if path.is_file() and CACHE_DIR not in path.parts and \
                not any(path.is_relative_to(folder) for folder in skip):
            digest.update(path.relative_to(project).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _clean_build(project: Path, out: Path) -> dict[str, bytes]:
    """What a build of `project` from scratch writes (the site in project/site is not input)."""
    key = _input_digest(project, (project / "site", out))
    if key not in _CLEAN_BUILDS:
        shutil.rmtree(out, ignore_errors=True)
        build_site(project, out, use_cache=False, search=False)
        _CLEAN_BUILDS[key] = read_tree(out)
    return _CLEAN_BUILDS[key]


def test_warm_build_with_nothing_changed_does_nothing(project: Path, tmp_path: Path) -> None:
    out = project / "site"
    cold = build_site(project, out, search=False)
    assert cold.rendered == cold.pages
    before = {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*")}
    warm = build_site(project, out, search=False)
    assert warm.rendered == 0 and warm.pages == cold.pages
    assert {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.rglob("*")} == before
    assert read_tree(out) == _clean_build(project, tmp_path / "clean")


def test_warm_build_after_a_damaged_output_restores_it(project: Path) -> None:
    out = project / "site"
    build_site(project, out, search=False)
    expected = read_tree(out)
    (out / "timeline" / "index.html").unlink()
    (out / "index.html").write_text("defaced")
    build_site(project, out, search=False)
    assert read_tree(out) == expected


def test_cache_hit_renders_only_affected_pages(project: Path, tmp_path: Path) -> None:
    out = project / "site"
    build_site(project, out, search=False)
    event = project / "content/events/2025-03-18-trump-putin-call.md"
    event.write_text(event.read_text() + "\nOne more sentence.\n")
    _age(project)
    result = build_site(project, out, search=False)
    # Pages that show this (central) event are checked again; only its own page changes.
    assert 0 < result.rendered < result.pages
    assert result.changed == 1
    assert read_tree(out) == _clean_build(project, tmp_path / "clean")


def test_markdown_rendered_alongside_the_check_is_cached(project: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A cold build stores the prose its workers rendered during the check (from a thread,
    while the pages render), so that a page rendered again later does not render it again."""
    monkeypatch.setattr(prerender, "PRERENDER_THRESHOLD", 1)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    build_site(project, project / "site", jobs=2, search=False)
    site = check_project(project).site
    assert site is not None
    bodies = {text_key(e.body.text): e.body.text for e in site.entities.values()
              if getattr(e, "body", None) is not None and e.body.span.path.endswith(".md")}
    with sqlite3.connect(next((project / CACHE_DIR).glob("cache-v*.sqlite"))) as db:
        cached = dict(db.execute("SELECT key, html FROM markdown"))
    assert len(bodies) > 5 and bodies.keys() <= cached.keys()
    md = make_markdown()
    assert all(cached[key] == render_template(md, text) for key, text in bodies.items())


def test_markdown_rendered_with_the_pages_is_cached(project: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a prerender, every body is rendered by a worker or the main process, batch
    by batch, and each batch's HTML reaches the cache (handed to its thread as it comes)."""
    monkeypatch.setattr(prerender, "PRERENDER_THRESHOLD", 10**9)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 1)
    monkeypatch.setattr(parallel, "BATCH", 1)
    shutil.rmtree(project / CACHE_DIR, ignore_errors=True)  # (a cold build)
    build_site(project, project / "site", jobs=2, search=False)
    site = check_project(project).site
    assert site is not None
    bodies = {text_key(e.body.text): e.body.text for e in site.entities.values()
              if getattr(e, "body", None) is not None}
    with sqlite3.connect(next((project / CACHE_DIR).glob("cache-v*.sqlite"))) as db:
        cached = dict(db.execute("SELECT key, html FROM markdown"))
    assert len(bodies) > 5 and bodies.keys() <= cached.keys()
    md = make_markdown()
    assert all(cached[key] == render_template(md, text) for key, text in bodies.items())


def _markdown_rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts rendered from Markdown from now on, in this process."""
    rendered: list[str] = []

    def counting(md: object, text: str) -> str:
        rendered.append(text)
        return render_template(md, text)  # type: ignore[arg-type]

    monkeypatch.setattr(render, "render_template", counting)
    return rendered


def test_template_edit_renders_every_page_but_no_markdown(
        project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rendered Markdown depends on its text, the code and `allow_html`, not on templates:
    after a template edit every page renders again from the cached prose."""
    out = project / "site"
    build_site(project, out, jobs=1, search=False)
    template = next((project / "templates").rglob("*.html"))
    template.write_text(template.read_text() + "{# edited #}\n")
    _age(project)
    rendered = _markdown_rendered(monkeypatch)
    result = build_site(project, out, jobs=1, search=False)
    assert result.rendered == result.pages
    site = check_project(project).site
    assert site is not None
    shown_in_feed = _markdown_rendered(monkeypatch)  # (the feed renders its own, uncached)
    atom_feed(site)
    assert set(rendered) <= set(shown_in_feed)
    assert len(rendered) < len({text_key(e.body.text) for e in site.entities.values()
                                if getattr(e, "body", None) is not None}) // 2
    assert read_tree(out) == _clean_build(project, tmp_path / "clean")


def test_allowing_html_renders_the_markdown_again(project: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    out = project / "site"
    build_site(project, out, jobs=1, search=False)
    config = project / "detente.yaml"
    config.write_text(config.read_text().replace("allow_html: false", "allow_html: true"))
    _age(project)
    rendered = _markdown_rendered(monkeypatch)
    build_site(project, out, jobs=1, search=False)
    assert len(rendered) > 5


def test_corrupt_cache_is_ignored(project: Path, tmp_path: Path) -> None:
    out = project / "site"
    build_site(project, out, search=False)
    for path in (project / CACHE_DIR).iterdir():
        if path.is_file():
            path.write_bytes(b"\x00garbage" * 100)
    result = build_site(project, out, search=False)
    assert result.rendered == result.pages
    assert read_tree(out) == _clean_build(project, tmp_path / "clean")


EVENT_YAML = "content/events/2025-03-18-trump-putin-call.yaml"
EDITS = st.sampled_from([
    ("content/events/2025-03-18-trump-putin-call.md", "\nAn added paragraph.\n", "append"),
    ("content/parties/ukraine.md", "\nMore on Ukraine.\n", "append"),
    (EVENT_YAML, "title: ", "title: Revised "),
    (EVENT_YAML, "date: 2025-03-18", "date: 2025-03-17"),
    ("content/events/new-event.md", "---\ntitle: A new event\ndate: 2025-03-21\n"
     "source: trump-putin-talk-2025-03-20\n---\nSee [[vladimir-putin]].\n", "create"),
    ("content/actors/karoline-leavitt.md", "name: ", "name: Press secretary "),
])


@pytest.fixture(scope="module")
def warm_example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example built once, its site and cache inside it: each example below starts
    from a copy (dates kept), as an editor's next build starts from the last one."""
    project = copy_site(PROJECTS["example"], tmp_path_factory.mktemp("warm") / "example")
    _age(project)
    build_site(project, project / "site", search=False)
    return project


@settings(max_examples=6, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(EDITS, min_size=1, max_size=3))
def test_incremental_build_equals_clean_build(edits: list[tuple[str, str, str]],
                                              warm_example: Path, tmp_path: Path) -> None:
    work = tmp_path / f"p{len(list(tmp_path.iterdir()))}"
    shutil.copytree(warm_example, work, symlinks=True)
    out = work / "site"
    assert build_site(work, out, search=False).rendered == 0, "the copy should be up to date"
    for path, first, second in edits:
        file = work / path
        if second == "create":
            file.write_text(first)
        elif second == "append":
            file.write_text(file.read_text() + first)
        elif first in file.read_text():
            file.write_text(file.read_text().replace(first, second, 1))
        _age(work)
        build_site(work, out, search=False)
    assert read_tree(out) == _clean_build(work, tmp_path / "clean")
