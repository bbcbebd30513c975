"""The preview's live path gives exactly what a clean build gives, and takes the live path
for the edits it is meant for (prose, summaries, quotes) and a full build for the rest."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.build.pipeline import build_site
from detente.serve.live import LiveRebuild
from detente.serve.watch import Batch, ChangeKind

ORIGIN = "http://127.0.0.1:8123"
EVENT_MD = "content/events/2025-03-18-trump-putin-call.md"
EVENT_YAML = "content/events/2025-03-18-trump-putin-call.yaml"


def _tree(root: Path) -> dict[str, bytes]:
    """Every built file except the search index (the preview does not rebuild it live)."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and not p.relative_to(root).as_posix().startswith("pagefind/")}


@pytest.fixture()
def project(site_copy: Callable[[str], Path]) -> Path:
    """The example site in English alone: a site with translations takes the full build
    for every edit (test_a_translated_site_takes_the_full_build)."""
    return english_only(site_copy("example"))


def english_only(project: Path) -> Path:
    config = project / "detente.yaml"
    lines = config.read_text("utf-8").splitlines(keepends=True)
    kept, skipping = [], False
    for line in lines:
        if line.startswith(("languages:", "translations:", "i18n:")):
            skipping = line.startswith("translations:")
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        kept.append(line)
    config.write_text("".join(kept), "utf-8")
    for overlay in (project / "content").rglob("*.uk.*"):
        overlay.unlink()
    return project


def test_a_translated_site_takes_the_full_build(site_copy: Callable[[str], Path]) -> None:
    """Edits of a site with translations are rebuilt in full (every language's pages
    from the edit), and the result is a clean build's."""
    project = site_copy("example")
    rebuild, out = _live(project)
    path = "content/actors/vladimir-putin.uk.yaml"
    _edit(rebuild, project, path, "name: Володимир Путін", "name: В. Путін")
    assert "В. Путін" in (out / "uk" / "actors" / "vladimir-putin" / "index.html").read_text()
    assert _tree(out) == _clean(project, project.parent / "clean")


def _live(project: Path) -> tuple[LiveRebuild, Path]:
    out = project / ".detente-cache" / "serve-site"
    rebuild = LiveRebuild(project, out, False, ORIGIN)
    assert rebuild(Batch.everything()).ok
    return rebuild, out


def _clean(project: Path, tmp: Path) -> dict[str, bytes]:
    out = tmp / "clean"
    shutil.rmtree(out, ignore_errors=True)
    config = (project / "detente.yaml").read_text()
    base_path = "/explainer/" if "/explainer/" in config else "/"
    build_site(project, out, base_url=ORIGIN + base_path, use_cache=False, search=False)
    return _tree(out)


def _edit(rebuild: LiveRebuild, project: Path, path: str, old: str, new: str) -> None:
    file = project / path
    text = file.read_text()
    assert old in text, f"{old!r} not in {path}"
    file.write_text(text.replace(old, new, 1))
    assert rebuild(Batch(frozenset({ChangeKind.CONTENT}), (path,))).ok


def test_prose_edit_takes_the_live_path_and_matches_a_clean_build(project: Path,
                                                                   tmp_path: Path) -> None:
    rebuild, out = _live(project)
    _edit(rebuild, project, EVENT_MD, "What was agreed", "What the two sides agreed")
    assert rebuild.patches == 1
    page = (out / "events/2025-03-18-trump-putin-call/index.html").read_text()
    assert "What the two sides agreed" in page
    assert _tree(out) == _clean(project, tmp_path)


def test_title_edit_that_keeps_the_order_is_live_and_matches(project: Path,
                                                             tmp_path: Path) -> None:
    rebuild, out = _live(project)
    # 'The Trump–Putin ...' still sorts between 'Overnight ...' and 'Zelenskyy ...'.
    _edit(rebuild, project, EVENT_YAML, "title: ", "title: The ")
    assert rebuild.patches == 1
    assert "The Trump" in (out / "timeline/index.html").read_text()
    assert _tree(out) == _clean(project, tmp_path)


def test_second_title_edit_in_a_row_is_shown_everywhere(project: Path, tmp_path: Path) -> None:
    """Pages rendered by one live patch must not lend the next one links that carry the
    old title (the renderer keeps link views for the pages of one Site)."""
    rebuild, out = _live(project)
    _edit(rebuild, project, EVENT_YAML, "title: ", "title: The ")
    _edit(rebuild, project, EVENT_YAML, "title: The ", "title: The reported ")
    assert rebuild.patches == 2
    assert "The reported Trump" in (out / "timeline/index.html").read_text()
    assert _tree(out) == _clean(project, tmp_path)


def test_title_edit_that_reorders_takes_a_full_build_and_matches(project: Path,
                                                                 tmp_path: Path) -> None:
    rebuild, out = _live(project)
    # Now first of the three events that followed the call that day (`after:`), by title.
    _edit(rebuild, project, "content/events/2025-03-18-zelenskyy-in-helsinki.yaml",
          "title: ", "title: A ")
    assert rebuild.patches == 0
    assert _tree(out) == _clean(project, tmp_path)


def test_broken_reference_falls_back_and_reports(project: Path) -> None:
    rebuild, _out = _live(project)
    file = project / EVENT_MD
    file.write_text(file.read_text() + "\nSee [[no-such-entity]].\n")
    outcome = rebuild(Batch(frozenset({ChangeKind.CONTENT}), (EVENT_MD,)))
    assert not outcome.ok
    assert any("no-such-entity" in d.message for d in outcome.diagnostics)
    assert rebuild.patches == 0


PROSE_FILES = [EVENT_MD, "content/parties/ukraine.md", "content/pages/index.md",
               "content/actors/volodymyr-zelenskyy.md"]
WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz *_", min_size=1, max_size=30)


@settings(max_examples=5, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(st.tuples(st.sampled_from(PROSE_FILES), WORDS), min_size=1,
                      max_size=4))
def test_random_prose_edits_match_a_clean_build(edits: list[tuple[str, str]],
                                                project: Path, tmp_path: Path) -> None:
    rebuild, out = _live(project)
    for path, words in edits:
        file = project / path
        file.write_text(file.read_text() + f"\n\n{words.strip() or 'x'}\n")
        assert rebuild(Batch(frozenset({ChangeKind.CONTENT}), (path,))).ok
    assert rebuild.patches == len(edits)
    assert _tree(out) == _clean(project, tmp_path)
