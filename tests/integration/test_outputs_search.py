"""The Pagefind search index: built with the site, byte-identical between builds, carried
over when no page changed, fatal (and atomic) when it fails, and it finds an actor's page."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS, serve
from tests.helpers.html import parse
from tests.helpers.sites import PROJECTS, build, copy_site, detente, hash_tree

from detente.build.search import INDEX_DIR, build_index
from detente.build.write import MARKER


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A working copy of the example site, shared by this module's builds."""
    return copy_site(PROJECTS["example"], tmp_path_factory.mktemp("example") / "project")


@pytest.fixture(scope="module")
def site_root(example: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site built under root/explainer/, as it is served."""
    root = tmp_path_factory.mktemp("served")
    build(example, root / "explainer")
    return root


def indexed_pages(out: Path) -> list[str]:
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html")
                  if "data-pagefind-body" in p.read_text("utf-8"))


def test_the_index_is_built_from_the_entity_pages(site_root: Path) -> None:
    out = site_root / "explainer"
    for name in ("pagefind.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (out / INDEX_DIR / name).is_file(), name
    entry = json.loads((out / INDEX_DIR / "pagefind-entry.json").read_text("utf-8"))
    pages = [p for p in indexed_pages(out) if not p.startswith("uk/")]
    translated = [p for p in indexed_pages(out) if p.startswith("uk/")]
    assert entry["languages"]["en"]["page_count"] == len(pages)
    assert entry["languages"]["uk"]["page_count"] == len(translated) == len(pages)
    assert "actors/vladimir-putin/index.html" in pages
    assert not {"index.html", "404.html", "search/index.html", "actors/index.html"} & set(pages)
    assert len(list((out / INDEX_DIR / "fragment").iterdir())) == len(pages) * 2


def test_pages_carry_their_kind_for_grouping(site_root: Path) -> None:
    doc = parse((site_root / "explainer" / "actors" / "vladimir-putin" / "index.html")
                .read_text("utf-8"))
    assert "data-pagefind-body" in doc.main.attrs
    metas = {e.attrs["data-pagefind-meta"] for e in doc.root.iter()
             if "data-pagefind-meta" in e.attrs}
    assert metas == {"kind:actors", "kind_label:People"}


def test_two_builds_give_byte_identical_indexes(site_root: Path, example: Path,
                                                tmp_path: Path) -> None:
    again = tmp_path / "explainer"
    build(example, again)
    assert hash_tree(again / INDEX_DIR) == hash_tree(site_root / "explainer" / INDEX_DIR)


def test_an_unchanged_site_reuses_its_index(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder in (first, second):
        (folder / "a").mkdir(parents=True)
        (folder / "a" / "index.html").write_text(
            "<!doctype html><html lang=en><title>A</title><main data-pagefind-body>"
            "<h1>Alpha talks</h1></main></html>", "utf-8")
    (first / MARKER).write_text("", "utf-8")
    assert build_index(first, tmp_path / "nowhere") is True
    assert build_index(second, first) is False  # same pages: carried over
    assert hash_tree(second / INDEX_DIR) == hash_tree(first / INDEX_DIR)
    third = tmp_path / "third"
    shutil.copytree(second, third, ignore=shutil.ignore_patterns(INDEX_DIR))
    (third / "a" / "index.html").write_text(
        "<!doctype html><html lang=en><title>A</title><main data-pagefind-body>"
        "<h1>Beta talks</h1></main></html>", "utf-8")
    assert build_index(third, first) is True  # a page changed: built again
    assert hash_tree(third / INDEX_DIR) != hash_tree(first / INDEX_DIR)


def test_a_failed_index_fails_the_build_and_keeps_the_previous_site(
        site_copy: Callable[[str], Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    project = site_copy("example")
    out = tmp_path / "site"
    build(project, out, "--no-search")
    before = hash_tree(out)
    failing = tmp_path / "pagefind"
    failing.write_text("#!/bin/sh\necho 'index exploded' >&2\nexit 3\n", "utf-8")
    failing.chmod(0o755)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(failing))
    run = detente("build", project, "--out", out)
    assert run.code == 2
    assert "search index failed" in run.stderr and "index exploded" in run.stderr
    assert hash_tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == []


def test_a_search_for_an_actors_name_finds_their_page(site_root: Path) -> None:
    """Pagefind's own JavaScript API, in Chromium, against the built index."""
    from playwright.sync_api import sync_playwright

    with serve(site_root) as origin, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(f"{origin}/explainer/search/")
            found = page.evaluate("""async (query) => {
                const pagefind = await import("/explainer/pagefind/pagefind.js");
                await pagefind.options({baseUrl: "/explainer/"});
                const search = await pagefind.search(query);
                const data = await Promise.all(search.results.slice(0, 5).map(r => r.data()));
                return data.map(d => ({url: d.url, title: d.meta.title, kind: d.meta.kind,
                                       label: d.meta.kind_label}));
            }""", "Zelenskyy")
        finally:
            browser.close()
    assert found, "no results"
    assert found[0] == {"url": "/explainer/actors/volodymyr-zelenskyy/",
                        "title": "Volodymyr Zelenskyy", "kind": "actors", "label": "People"}
