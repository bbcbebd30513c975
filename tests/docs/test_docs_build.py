"""The editor's guide builds with `mkdocs build --strict`, without a warning, and works offline.

Offline: no page loads anything from another host (no web fonts, no CDN scripts, no
analytics); links out to other sites are fine.
"""

from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest
import yaml
from tests.helpers.docblocks import DOCS, REPO

# Loads of other resources: these must stay on the guide's own files.
_LOADS = {("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src"),
          ("source", "src"), ("video", "src"), ("audio", "src"), ("embed", "src"),
          ("object", "data")}
_EXTERNAL_RE = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if (tag, name) in _LOADS and not (tag == "link" and ("rel", "canonical") in attrs):
                self.urls.append(value)
            if name == "id":
                self.ids.add(value)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(path: Path) -> _Loads:
    parser = _Loads()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("docs-site")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict",
                           "--site-dir", str(out)], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=600, check=False)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    return out, log


def nav_pages() -> list[str]:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    return [next(iter(item.values())) for item in config["nav"]]


def test_builds_strict_without_warnings(built: tuple[Path, str]) -> None:
    _, log = built
    assert "WARNING" not in log and "ERROR" not in log, log


def test_every_page_is_in_the_nav_and_built(built: tuple[Path, str]) -> None:
    out, _ = built
    pages = nav_pages()
    assert sorted(pages) == sorted(p.name for p in DOCS.glob("*.md"))
    assert pages[:2] == ["index.md", "tutorial.md"]
    for page in pages:
        html = out / page.replace(".md", ".html")
        assert html.is_file(), html
        assert "Detente editor" in html.read_text(encoding="utf-8")


def test_nothing_is_loaded_from_another_host(built: tuple[Path, str]) -> None:
    out, _ = built
    pages = sorted(out.rglob("*.html"))
    assert len(pages) >= 9
    for page in pages:
        external = [u for u in parse(page).urls if _EXTERNAL_RE.match(u)]
        assert external == [], f"{page.relative_to(out)} loads {external}"
    for sheet in out.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8", errors="replace")
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", text), sheet
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index and "fonts.gstatic" not in index


def test_pages_link_to_files_so_the_guide_opens_from_disk(built: tuple[Path, str]) -> None:
    out, _ = built
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="tutorial.html"' in index  # not tutorial/, which needs a web server
    assert (out / "search" / "search_index.json").is_file()


def test_generated_reference_and_included_files_are_in_the_guide(
        built: tuple[Path, str]) -> None:
    out, _ = built
    model = parse(out / "content-model.html")
    assert {"parties", "events", "events-quotes", "proposals-status", "files-and-ids", "dates",
            "prose", "country-codes"} <= model.ids
    cli = parse(out / "cli.html")
    assert {"check", "build", "serve", "init", "new", "schema"} <= cli.ids
    recipes = "".join(parse(out / "recipes.html").text)
    override = (REPO / "templates/event.html").read_text(encoding="utf-8")
    assert '{% extends "theme/event.html" %}' in recipes
    assert "Everything on this page is as reported in the" in recipes and \
        "Everything on this page is as reported in the" in override
    publishing = "".join(parse(out / "publishing.html").text)
    assert "actions/deploy-pages" in publishing and "CI_PAGES_URL" in publishing


def test_benchmark_results_and_screenshots_when_present(built: tuple[Path, str]) -> None:
    out, _ = built
    page = parse(out / "benchmarks.html")
    text = "".join(page.text)
    results = REPO / "benchmarks" / "RESULTS.md"
    if results.is_file():
        second_heading = next(line for line in results.read_text(encoding="utf-8").splitlines()
                              if line.startswith("## "))
        assert second_heading[3:].strip() in text
        assert "No results yet" not in text
    else:
        assert "No results yet" in text
    shots = sorted(p.name for p in (DOCS / "screenshots").glob("*")
                   if p.suffix.lower() in (".png", ".jpg", ".jpeg", ".webp")) \
        if (DOCS / "screenshots").is_dir() else []
    images = [u for u in page.urls if u.startswith("screenshots/")]
    assert images == [f"screenshots/{name}" for name in shots]
    assert ("No screenshots yet" in text) == (not shots)


# ---------------------------------------------------------------- the include hook
def _hook() -> ModuleType:
    spec = importlib.util.spec_from_file_location("guide_includes", DOCS / "hooks/includes.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _run_hook(markdown: str, root: Path) -> str:
    (root / "docs").mkdir(exist_ok=True)
    config = {"config_file_path": str(root / "mkdocs.yml"), "docs_dir": str(root / "docs")}
    page = SimpleNamespace(file=SimpleNamespace(src_path="page.md"))
    result: str = _hook().on_page_markdown(markdown, page=page, config=config, files=None)
    return result


def test_hook_includes_a_file_with_its_headings_one_level_down(tmp_path: Path) -> None:
    (tmp_path / "RESULTS.md").write_text("# Results\n\nText.\n\n## N = 10\n\n| a |\n",
                                         encoding="utf-8")
    page = "## Results\n\n<!-- include: RESULTS.md -->\nNone yet.\n<!-- /include -->\n\nEnd.\n"
    assert _run_hook(page, tmp_path) == "## Results\n\nText.\n\n### N = 10\n\n| a |\n\nEnd.\n"


def test_hook_keeps_the_fallback_when_there_is_nothing_to_include(tmp_path: Path) -> None:
    page = ("<!-- include: RESULTS.md -->\nNone yet.\n<!-- /include -->\n"
            "<!-- screenshots: shots -->\nNo pictures.\n<!-- /screenshots -->\n")
    assert _run_hook(page, tmp_path) == "None yet.\nNo pictures.\n"
    (tmp_path / "docs" / "shots").mkdir()
    (tmp_path / "docs" / "shots" / "notes.txt").write_text("not a picture", encoding="utf-8")
    assert _run_hook(page, tmp_path) == "None yet.\nNo pictures.\n"


def test_hook_shows_pictures_in_name_order(tmp_path: Path) -> None:
    shots = tmp_path / "docs" / "shots"
    shots.mkdir(parents=True)
    for name in ("b-event-page.png", "a-home_dark.PNG"):
        (shots / name).write_bytes(b"\x89PNG")
    page = "<!-- screenshots: shots -->\nNo pictures.\n<!-- /screenshots -->\n"
    assert _run_hook(page, tmp_path) == (
        "![A home dark](shots/a-home_dark.PNG)\n\n*A home dark*\n\n"
        "![B event page](shots/b-event-page.png)\n\n*B event page*\n")
