"""The watchdog adapter on a real folder: saves become one batch; outputs and reads do not."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers.serve import watching
from tests.helpers.watching import SettledFeed

from detente.serve.watch import SETTLED_SECONDS, Batch, ChangeFeed, ChangeKind, Watcher

WAIT = 60.0  # generous: the machine is shared; a batch normally comes within ~0.1 s


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "detente.yaml").write_text("title: T\n")
    (tmp_path / "content" / "events").mkdir(parents=True)
    (tmp_path / "content" / "events" / "oslo.yaml").write_text("title: Oslo\n")
    (tmp_path / "site").mkdir()
    return tmp_path


@pytest.fixture
def feed(project: Path) -> Iterator[SettledFeed]:
    with watching(SettledFeed(project)) as feed:  # its clock moves once every event is in
        yield feed


def test_atomic_save_by_rename_is_one_batch(project: Path, feed: SettledFeed) -> None:
    target = project / "content" / "events" / "oslo.yaml"
    temp = target.with_name(".oslo.yaml.tmp-1")
    temp.write_text("title: Oslo talks\n")
    os.replace(temp, target)
    feed.settle(target.parent)
    assert feed.next_batch(WAIT) == Batch(frozenset({ChangeKind.CONTENT}),
                                          ("content/events/oslo.yaml",))
    feed.settle(target.parent)
    assert not feed.pending()


class StoppedClock:
    """Every event arrives at time 0: the batch's deadline then tells how long the feed
    would wait after the last one."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize("save", ["in place", "by rename"])
def test_a_finished_save_needs_only_the_short_quiet(project: Path, save: str) -> None:
    """inotify reports a close after writing, or the rename onto the file, after the
    other events of a save: then the feed waits SETTLED_SECONDS, not QUIET_SECONDS."""
    clock = StoppedClock()
    feed = ChangeFeed(project, quiet=0.075, limit=1.0, clock=clock)
    watcher = Watcher(project, feed)
    watcher.start()
    try:
        target = project / "content" / "events" / "oslo.yaml"
        if save == "in place":
            target.write_text("title: Oslo talks\n")
        else:
            temp = target.with_name(".oslo.yaml.tmp-1")
            temp.write_text("title: Oslo talks\n")
            os.replace(temp, target)
        give_up = time.monotonic() + WAIT
        while feed._debouncer.deadline() != pytest.approx(SETTLED_SECONDS):
            assert time.monotonic() < give_up, f"deadline {feed._debouncer.deadline()}"
            time.sleep(0.01)
        clock.now = SETTLED_SECONDS
        assert feed.next_batch(WAIT) == Batch(frozenset({ChangeKind.CONTENT}),
                                              ("content/events/oslo.yaml",))
    finally:
        feed.close()
        watcher.stop()


def test_outputs_and_reads_are_not_changes(project: Path, feed: SettledFeed) -> None:
    (project / "site" / "index.html").write_text("<p>built</p>")
    (project / ".detente-cache").mkdir()
    (project / ".detente-cache" / "x").write_text("cache")
    (project / "content" / "events" / "oslo.yaml").read_text()  # the build reads content
    feed.settle(project / "content" / "events")
    (project / "detente.yaml").write_text("title: New\n")
    feed.settle(project)
    assert feed.next_batch(WAIT) == Batch(frozenset({ChangeKind.CONFIG}), ("detente.yaml",))


def test_a_source_folder_created_later_is_watched(project: Path, feed: SettledFeed) -> None:
    (project / "templates").mkdir()
    feed.settle(project)
    first = feed.next_batch(WAIT)
    assert first is not None and "templates" in first.paths
    (project / "templates" / "base.html").write_text("<html></html>")
    feed.settle(project / "templates")
    second = feed.next_batch(WAIT)
    assert second is not None and second.kinds == {ChangeKind.TEMPLATE}
    assert "templates/base.html" in second.paths
