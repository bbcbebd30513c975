"""The watchdog adapter on a real folder: saves become one batch; outputs and reads do not."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.serve.watch import Batch, ChangeFeed, ChangeKind, Watcher

WAIT = 10.0  # generous: the machine is shared; a batch normally comes within ~0.1 s


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "detente.yaml").write_text("title: T\n")
    (tmp_path / "content" / "events").mkdir(parents=True)
    (tmp_path / "content" / "events" / "oslo.yaml").write_text("title: Oslo\n")
    (tmp_path / "site").mkdir()
    return tmp_path


@pytest.fixture
def feed(project: Path) -> Iterator[ChangeFeed]:
    feed = ChangeFeed(project)
    watcher = Watcher(project, feed)
    watcher.start()
    try:
        yield feed
    finally:
        feed.close()
        watcher.stop()


def test_atomic_save_by_rename_is_one_batch(project: Path, feed: ChangeFeed) -> None:
    target = project / "content" / "events" / "oslo.yaml"
    temp = target.with_name(".oslo.yaml.tmp-1")
    temp.write_text("title: Oslo talks\n")
    os.replace(temp, target)
    assert feed.next_batch(WAIT) == Batch(frozenset({ChangeKind.CONTENT}),
                                          ("content/events/oslo.yaml",))


def test_outputs_and_reads_are_not_changes(project: Path, feed: ChangeFeed) -> None:
    (project / "site" / "index.html").write_text("<p>built</p>")
    (project / ".detente-cache").mkdir()
    (project / ".detente-cache" / "x").write_text("cache")
    (project / "content" / "events" / "oslo.yaml").read_text()  # the build reads content
    (project / "detente.yaml").write_text("title: New\n")
    assert feed.next_batch(WAIT) == Batch(frozenset({ChangeKind.CONFIG}), ("detente.yaml",))


def test_a_source_folder_created_later_is_watched(project: Path, feed: ChangeFeed) -> None:
    (project / "templates").mkdir()
    first = feed.next_batch(WAIT)
    assert first is not None and "templates" in first.paths
    (project / "templates" / "base.html").write_text("<html></html>")
    second = feed.next_batch(WAIT)
    assert second is not None and second.kinds == {ChangeKind.TEMPLATE}
    assert "templates/base.html" in second.paths
