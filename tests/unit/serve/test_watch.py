"""classify() and the debouncer, with a fake clock: no sleeping."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.serve.watch import Batch, ChangeFeed, ChangeKind, Debouncer, classify

C, T, S, CFG, IGN = (ChangeKind.CONTENT, ChangeKind.TEMPLATE, ChangeKind.STATIC,
                     ChangeKind.CONFIG, ChangeKind.IGNORED)


@pytest.mark.parametrize(("path", "kind"), [
    ("detente.yaml", CFG),
    ("content", C),
    ("content/events", C),
    ("content/events/oslo.yaml", C),
    ("content/events/oslo.md", C),
    ("content/positions/list.yml", C),
    ("content/events/notes.txt", C),  # not content, but the build must say so
    ("templates", T),
    ("templates/base.html", T),
    ("templates/partials/card.html", T),
    ("static/img/map.svg", S),
    # editors' swap, lock, backup and temporary files
    ("content/events/.oslo.yaml.swp", IGN),
    ("content/events/.oslo.yaml.swx", IGN),
    ("content/events/.oslo.yaml.swo", IGN),
    ("content/events/oslo.yaml~", IGN),
    ("content/events/#oslo.yaml#", IGN),
    ("content/events/.#oslo.yaml", IGN),
    ("content/events/4913", IGN),
    ("content/events/oslo.yaml.tmp", IGN),
    ("content/events/oslo.yaml.bak", IGN),
    ("content/events/oslo.yaml.orig", IGN),
    ("content/events/oslo.yaml___jb_tmp___", IGN),
    ("content/events/oslo.yaml___jb_old___", IGN),
    ("content/events/.goutputstream-ABC123", IGN),
    ("content/events/.DS_Store", IGN),
    ("static/map.svg.crdownload", IGN),
    ("content/events/sedZjOuJ4", IGN),  # `sed -i` writes here, then renames over the file
    ("content/events/sedative.yaml", C),
    ("content/.hidden/oslo.yaml", IGN),
    # outputs, tools' folders, everything else in the project
    (".git/index", IGN),
    (".git", IGN),
    ("content/.git/HEAD", IGN),
    ("site/index.html", IGN),
    ("site", IGN),
    (".detente-cache/serve-site/index.html", IGN),
    (".detente-cache/cache-v1.sqlite-wal", IGN),
    ("templates/__pycache__/x.pyc", IGN),
    ("README.md", IGN),
    ("docs/index.md", IGN),
    ("detente.yaml~", IGN),
    (".detente.yaml.swp", IGN),
    ("content.yaml", IGN),
    ("", IGN),
    (".", IGN),
    ("../other/detente.yaml", IGN),
])
def test_classify(path: str, kind: ChangeKind) -> None:
    assert classify(path) is kind


def test_debouncer_waits_for_quiet_then_gives_one_batch() -> None:
    d = Debouncer(quiet=0.075, limit=1.0)
    assert d.deadline() is None and d.take(100.0) is None
    d.add("content/a.yaml", C, 10.000)
    d.add("content/a.yaml", C, 10.030)
    d.add("templates/base.html", T, 10.060)
    assert d.deadline() == pytest.approx(10.135)
    assert d.take(10.134) is None
    batch = d.take(10.135)
    assert batch == Batch(frozenset({C, T}), ("content/a.yaml", "templates/base.html"))
    assert d.take(10.5) is None and d.deadline() is None


def test_debouncer_separate_bursts_make_separate_batches() -> None:
    d = Debouncer(quiet=0.075)
    d.add("content/a.yaml", C, 1.0)
    first = d.take(1.1)
    d.add("content/b.yaml", C, 2.0)
    second = d.take(2.1)
    assert first is not None and first.paths == ("content/a.yaml",)
    assert second is not None and second.paths == ("content/b.yaml",)


def test_debouncer_steady_stream_still_rebuilds_after_the_limit() -> None:
    d = Debouncer(quiet=0.075, limit=1.0)
    now = 0.0
    while now < 0.99:  # an event every 50 ms never leaves 75 ms of quiet
        d.add("content/a.yaml", C, now)
        assert d.take(now) is None
        now += 0.05
    d.add("content/a.yaml", C, now)
    assert d.take(1.0) is not None


def test_debouncer_waits_less_once_every_file_is_complete() -> None:
    d = Debouncer(quiet=0.075, limit=1.0, settled=0.015)
    d.add("content/a.yaml", C, 10.000)  # written to: more may follow
    assert d.deadline() == pytest.approx(10.075)
    d.add("content/a.yaml", C, 10.004, complete=True)  # closed after writing
    assert d.deadline() == pytest.approx(10.019)
    assert d.take(10.018) is None
    batch = d.take(10.019)
    assert batch is not None and batch.paths == ("content/a.yaml",)


@pytest.mark.parametrize("events", [
    # another file of the same save is still being written
    [("content/a.yaml", True), ("content/b.yaml", False)],
    # written to again after it was closed
    [("content/a.yaml", True), ("content/a.yaml", False)],
    # moved away (a backup by rename): the new file is yet to come
    [("content/a.yaml", False)],
])
def test_debouncer_waits_the_full_quiet_while_a_file_may_be_incomplete(
        events: list[tuple[str, bool]]) -> None:
    d = Debouncer(quiet=0.075, limit=1.0, settled=0.015)
    for i, (path, complete) in enumerate(events):
        d.add(path, C, i * 0.001, complete)
    last = (len(events) - 1) * 0.001
    assert d.deadline() == pytest.approx(last + 0.075)


def test_debouncer_forgets_incomplete_files_with_their_batch() -> None:
    d = Debouncer(quiet=0.075, limit=1.0, settled=0.015)
    d.add("content/a.yaml", C, 0.0)
    assert d.take(0.075) is not None
    d.add("content/b.yaml", C, 1.0, complete=True)
    assert d.deadline() == pytest.approx(1.015)


def test_debouncer_ignores_ignored_paths() -> None:
    d = Debouncer()
    d.add("site/index.html", IGN, 0.0)
    assert d.deadline() is None


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def feed_for(tmp_path: Path) -> tuple[ChangeFeed, FakeClock]:
    clock = FakeClock()
    return ChangeFeed(tmp_path, quiet=0.075, limit=1.0, clock=clock), clock


@pytest.mark.parametrize("events", [
    # vim (backupcopy=no): probe file, backup by rename, write anew, drop the backup
    ["content/events/4913", "content/events/oslo.yaml", "content/events/oslo.yaml~",
     "content/events/oslo.yaml", "content/events/oslo.yaml", "content/events/oslo.yaml~"],
    # atomic save by rename (VS Code, JetBrains, most libraries): temp file, then moved over
    ["content/events/.oslo.yaml.tmp.1234", "content/events/.oslo.yaml.tmp.1234",
     "content/events/oslo.yaml"],
    ["content/events/oslo.yaml___jb_tmp___", "content/events/oslo.yaml___jb_old___",
     "content/events/oslo.yaml"],
    # emacs: lock file, autosave, backup
    ["content/events/.#oslo.yaml", "content/events/#oslo.yaml#", "content/events/oslo.yaml~",
     "content/events/oslo.yaml"],
    # gedit
    ["content/events/.goutputstream-Q1W2E3", "content/events/oslo.yaml"],
])
def test_editor_save_sequences_make_one_batch_naming_the_file(
        tmp_path: Path, events: list[str]) -> None:
    feed, clock = feed_for(tmp_path)
    for i, path in enumerate(events):
        clock.now = i * 0.01
        feed.push(tmp_path / path)
    clock.now += 0.075
    assert feed.next_batch() == Batch(frozenset({C}), ("content/events/oslo.yaml",))


def test_a_file_made_and_removed_within_a_batch_is_no_change() -> None:
    """A tool's temporary file under a name no rule knows: created, written, then renamed
    over the real file (or deleted). Only the real file is a change."""
    d = Debouncer()
    d.add("content/events/tmpq9x1", C, 0.0, created=True)
    d.add("content/events/tmpq9x1", C, 0.01, complete=True)
    d.add("content/events/tmpq9x1", C, 0.02, gone=True)  # the rename's source
    d.add("content/events/oslo.yaml", C, 0.02, complete=True)  # and its target
    assert d.take(1.0) == Batch(frozenset({C}), ("content/events/oslo.yaml",))
    d.add("content/events/tmp2", C, 2.0, created=True)
    d.add("content/events/tmp2", C, 2.01, gone=True)
    assert d.take(3.0) is None and d.deadline() is None  # nothing left to rebuild


def test_a_file_that_existed_and_was_deleted_is_a_change() -> None:
    d = Debouncer()
    d.add("content/events/oslo.yaml", C, 0.0, gone=True)
    d.add("content/events/bergen.yaml", C, 0.0, created=True)  # made, and still there
    assert d.take(1.0) == Batch(frozenset({C}), ("content/events/bergen.yaml",
                                                 "content/events/oslo.yaml"))


def test_feed_ignores_paths_outside_the_project_and_outputs(tmp_path: Path) -> None:
    feed, clock = feed_for(tmp_path)
    assert feed.push(tmp_path.parent / "elsewhere.yaml") is IGN
    assert feed.push(tmp_path / "site" / "index.html") is IGN
    assert feed.push(tmp_path / ".detente-cache" / "serve-site" / "index.html") is IGN
    assert feed.push(tmp_path / "detente.yaml") is CFG
    clock.now = 1.0
    assert feed.next_batch() == Batch(frozenset({CFG}), ("detente.yaml",))


def test_closed_feed_gives_none(tmp_path: Path) -> None:
    feed, _ = feed_for(tmp_path)
    feed.push(tmp_path / "content" / "a.yaml")
    feed.close()
    assert feed.next_batch() is None


def test_first_batch_names_everything() -> None:
    batch = Batch.everything()
    assert batch.kinds == {C, T, S, CFG} and batch.describe() == "start"
    many = Batch(frozenset({C}), tuple(f"content/e/{i}.yaml" for i in range(5)))
    assert many.describe() == "content/e/0.yaml, content/e/1.yaml, content/e/2.yaml and 2 more"
