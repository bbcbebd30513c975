"""The git log is read into each content file's newest commit date."""

from __future__ import annotations

from detente.content.history import parse_log


def test_git_log_gives_each_file_its_newest_commit() -> None:
    log = ("\x1e2024-02-20T23:30:00+00:00\0\ncontent/parties/p.yaml\0"
           "\x1e2024-01-05T10:00:00+01:00\0\ncontent/parties/p.yaml\0content/events/e.md\0"
           "\x1e2023-12-01T00:00:00+00:00\0"  # a commit touching nothing (a merge)
           "\x1enot a date\0\ncontent/x.yaml\0")
    dates = {path: value.iso() for path, value in parse_log(log).items()}
    assert dates == {"content/parties/p.yaml": "2024-02-20T23:30:00Z",
                     "content/events/e.md": "2024-01-05T10:00:00+01:00"}
