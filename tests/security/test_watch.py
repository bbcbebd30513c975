"""Watching and rebuilding (guarantees 4 and 6 for `detente serve`): real editors' saves on a
real folder are one rebuild of the real file, swap and backup files are never content, a
burst is one rebuild, a file vanishing mid-build or a broken save keeps the last good site
served, and the fix brings back exactly what a clean build gives.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from detente.build.pipeline import build_site
from detente.serve.live import LiveRebuild
from detente.serve.reload import LiveHub, LiveState
from detente.serve.session import BuildLoop, Outcome, Session
from detente.serve.watch import Batch, ChangeKind, Watcher
from tests.helpers.serve import watching
from tests.helpers.sites import hash_tree
from tests.helpers.watching import SettledFeed
from tests.security import kit

WAIT = 60.0  # for a batch that is due to be handed over; only a stalled machine waits long
WATER = "content/issues/water.yaml"
ONE_SAVE = Batch(frozenset({ChangeKind.CONTENT}), (WATER,))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return kit.write_site(tmp_path / "project")


@pytest.fixture
def feed(project: Path) -> Iterator[SettledFeed]:
    # The clock moves only once every event is in (tests/helpers/watching.py): a loaded
    # machine cannot split a save into two batches.
    with watching(SettledFeed(project, quiet=0.3)) as feed:
        yield feed


def vim(target: Path) -> None:
    probe = target.with_name("4913")
    probe.write_text("")
    probe.unlink()
    os.rename(target, target.with_name(target.name + "~"))
    target.write_text("title: Water\nsummary: Saved by vim.\n")
    target.with_name(target.name + "~").unlink()


def vim_swap_only(target: Path) -> None:
    """vim writing its swap file while the buffer is being edited, before any save."""
    for name in (f".{target.name}.swp", f".{target.name}.swx", f".{target.name}.swo"):
        target.with_name(name).write_bytes(b"b0VIM 9.0")


def atomic_rename(target: Path) -> None:
    temp = target.with_name(f".{target.name}.tmp.4242")
    temp.write_text("title: Water\nsummary: Saved atomically.\n")
    os.replace(temp, target)


def jetbrains(target: Path) -> None:
    temp = target.with_name(target.name + "___jb_tmp___")
    old = target.with_name(target.name + "___jb_old___")
    temp.write_text("title: Water\nsummary: Saved by an IDE.\n")
    os.rename(target, old)
    os.rename(temp, target)
    old.unlink()


def emacs(target: Path) -> None:
    lock = target.with_name(f".#{target.name}")
    lock.symlink_to("editor@host.4242:1700000000")
    autosave = target.with_name(f"#{target.name}#")
    autosave.write_text("title: Water\n")
    os.rename(target, target.with_name(target.name + "~"))
    target.write_text("title: Water\nsummary: Saved by emacs.\n")
    autosave.unlink()
    lock.unlink()


def gedit(target: Path) -> None:
    temp = target.with_name(".goutputstream-Q1W2E3")
    temp.write_text("title: Water\nsummary: Saved by gedit.\n")
    os.replace(temp, target)


def kate(target: Path) -> None:
    swap = target.with_name(f".{target.name}.kate-swp")
    swap.write_bytes(b"Kate Swap File 2.0")
    target.write_text("title: Water\nsummary: Saved by kate.\n")
    swap.unlink()


def in_place_in_two_writes(target: Path) -> None:
    with target.open("w") as handle:
        handle.write("title: Wat")
        handle.flush()
        handle.write("er\nsummary: Written in two parts.\n")


def sed_in_place(target: Path) -> None:
    """`sed -i`: the new text goes to 'sedXXXXXX' beside the file, renamed over it."""
    subprocess.run(["sed", "-i", "s/Water/Water (sed)/", str(target)], check=True)


def unknown_tool(target: Path) -> None:
    """A tool whose temporary file no rule knows: made and renamed away in one save."""
    temp = target.with_name("tmp8f3k2q")
    temp.write_text("title: Water\nsummary: Saved by a tool.\n")
    os.replace(temp, target)


SAVES: dict[str, Callable[[Path], None]] = {
    "vim": vim, "atomic-rename": atomic_rename, "jetbrains": jetbrains, "emacs": emacs,
    "gedit": gedit, "kate": kate, "in-place-in-two-writes": in_place_in_two_writes,
    "sed-in-place": sed_in_place, "unknown-tool": unknown_tool}


@pytest.mark.parametrize("editor", sorted(SAVES))
def test_an_editors_save_is_one_batch_naming_only_the_file(project: Path, feed: SettledFeed,
                                                           editor: str) -> None:
    SAVES[editor](project / WATER)
    feed.settle((project / WATER).parent)
    assert feed.next_batch(WAIT) == ONE_SAVE
    feed.settle((project / WATER).parent)
    assert not feed.pending()  # nothing trails behind


def test_swap_files_alone_are_no_change(project: Path, feed: SettledFeed) -> None:
    vim_swap_only(project / WATER)
    (project / "content/issues/Thumbs.db").write_bytes(b"")
    (project / "content/issues/water.yaml.part").write_bytes(b"")
    (project / "content/issues/water.yaml.bak").write_bytes(b"")
    feed.settle(project / "content/issues")
    assert not feed.pending()


def test_a_burst_of_200_changes_is_one_batch(project: Path, feed: SettledFeed) -> None:
    events = project / "content/events"
    for i in range(200):
        (events / f"burst-{i:03}.yaml").write_text(f"title: E{i}\ndate: 2024\nsource: readout\n")
    feed.settle(events)
    batch = feed.next_batch(WAIT)
    assert batch is not None and batch.kinds == {ChangeKind.CONTENT}
    assert batch.paths == tuple(f"content/events/burst-{i:03}.yaml" for i in range(200))
    feed.settle(events)
    assert not feed.pending()


def test_a_burst_is_one_rebuild_through_the_build_loop(project: Path) -> None:
    calls: list[Batch] = []
    rebuilt = threading.Condition()

    def rebuild(batch: Batch) -> Outcome:
        with rebuilt:
            calls.append(batch)
            rebuilt.notify_all()
        return Outcome(True, (), "/talks/")

    feed = SettledFeed(project, quiet=0.3)
    watcher = Watcher(project, feed)
    session = Session(rebuild, LiveHub(LiveState("", "/talks/")), io.StringIO())
    loop = BuildLoop(feed, session)
    watcher.start()
    loop.start()
    try:
        assert loop.first_done.wait(WAIT)
        for i in range(200):
            (project / WATER).write_text(f"title: Water {i}\n")
        feed.settle((project / WATER).parent)  # every write is in; the batch falls due
        with rebuilt:
            assert rebuilt.wait_for(lambda: len(calls) == 2, WAIT)
        feed.settle((project / WATER).parent)
        assert not feed.pending()  # no second rebuild can follow
    finally:
        feed.close()
        watcher.stop()
        loop.join(10)
    assert calls == [Batch.everything(), ONE_SAVE]


# ---------------------------------------------------------------- rebuilds that fail
@pytest.fixture
def live(project: Path, tmp_path: Path) -> tuple[Session, LiveHub, Path]:
    out = tmp_path / "serve-site"
    hub = LiveHub(LiveState("", "/talks/"))
    session = Session(LiveRebuild(project, out, False, "http://127.0.0.1:8000"), hub,
                      io.StringIO())
    assert session.apply(Batch.everything()).ok
    return session, hub, out


def _clean_build(project: Path, out: Path) -> dict[str, str]:
    build_site(project, out, base_url="http://127.0.0.1:8000/talks/", use_cache=False)
    return _without_index(hash_tree(out))


def _without_index(tree: dict[str, str]) -> dict[str, str]:
    """The preview builds its search index once and keeps it (src/detente/serve/session.py):
    compare everything else."""
    return {path: digest for path, digest in tree.items() if not path.startswith("pagefind/")}


def test_a_broken_save_keeps_the_last_good_site_and_the_fix_matches_a_clean_build(
        project: Path, tmp_path: Path, live: tuple[Session, LiveHub, Path]) -> None:
    session, hub, out = live
    good = hash_tree(out)
    _, before = hub.current()
    (project / WATER).write_text("title: Water\nparent: watr\n")
    broken = session.apply(ONE_SAVE)
    assert not broken.ok
    assert [(str(d.span), d.message) for d in broken.diagnostics] == [
        (f"{WATER}:2:9", "'watr' is not the id of any issue")]
    _, state = hub.current()
    assert (state.ok, state.build) == (False, before.build)  # browsers keep the good pages
    assert hash_tree(out) == good
    (project / WATER).write_text("title: Water, fixed\n")
    fixed = session.apply(ONE_SAVE)
    assert fixed.ok and hub.current()[1].ok
    assert _without_index(hash_tree(out)) == _clean_build(project, tmp_path / "clean")


def test_a_file_deleted_mid_build_fails_that_build_and_the_next_one_succeeds(
        project: Path, tmp_path: Path, live: tuple[Session, LiveHub, Path],
        monkeypatch: pytest.MonkeyPatch) -> None:
    session, _hub, out = live
    good = hash_tree(out)
    spare = project / "content/issues/spare.yaml"
    spare.write_text("title: Spare\n")
    real_read = Path.read_bytes

    def read_after_delete(path: Path) -> bytes:
        if path.name == "spare.yaml" and path.exists():
            path.unlink()  # listed a moment ago, gone now
        return real_read(path)

    monkeypatch.setattr(Path, "read_bytes", read_after_delete)
    added = Batch(frozenset({ChangeKind.CONTENT}), ("content/issues/spare.yaml",))
    failed = session.apply(added)
    assert not failed.ok
    assert [(str(d.span), d.message) for d in failed.diagnostics] == [
        ("content/issues/spare.yaml:1:1", "cannot read the file: No such file or directory")]
    assert hash_tree(out) == good
    monkeypatch.undo()
    assert session.apply(added).ok  # the deletion's own event
    assert _without_index(hash_tree(out)) == _clean_build(project, tmp_path / "clean")


def test_a_symlink_loop_appearing_while_serving_is_reported_not_followed(
        project: Path, live: tuple[Session, LiveHub, Path]) -> None:
    session, _hub, _out = live
    events = project / "content/events"
    (events / "a.yaml").symlink_to(events / "b.yaml")
    (events / "b.yaml").symlink_to(events / "a.yaml")
    done = threading.Event()
    outcome: list[Outcome] = []

    def apply() -> None:
        outcome.append(session.apply(Batch(frozenset({ChangeKind.CONTENT}),
                                           ("content/events/a.yaml",))))
        done.set()

    threading.Thread(target=apply, daemon=True).start()
    assert done.wait(60)
    assert [(str(d.span), d.message) for d in outcome[0].diagnostics] == [
        ("content/events/a.yaml:1:1", "'content/events/a.yaml' is a symbolic link that loops"),
        ("content/events/b.yaml:1:1", "'content/events/b.yaml' is a symbolic link that loops")]


def test_an_edit_that_would_publish_script_fails_the_live_rebuild(tmp_path: Path) -> None:
    """The live path (only the edited entity's pages) scans what it writes, like a build."""
    project = kit.write_site(tmp_path / "project")
    config = project / "detente.yaml"
    config.write_text(config.read_text() + "markdown: {allow_html: true}\n")
    out = tmp_path / "serve-site"
    rebuild = LiveRebuild(project, out, False, "http://127.0.0.1:8000")
    session = Session(rebuild, LiveHub(LiveState("", "/talks/")), io.StringIO())
    assert session.apply(Batch.everything()).ok
    good = hash_tree(out)
    (project / "content/events/first-round.md").write_text("<img src=x onerror=alert(1)>\n")
    outcome = session.apply(Batch(frozenset({ChangeKind.CONTENT}),
                                  ("content/events/first-round.md",)))
    assert not outcome.ok
    assert re.fullmatch(r"serve-site/events/first-round/index\.html:\d+:\d+",
                        str(outcome.diagnostics[0].span))
    assert outcome.diagnostics[0].message == \
        "unsafe output: event-handler attribute 'onerror' on <img>"
    assert hash_tree(out) == good
