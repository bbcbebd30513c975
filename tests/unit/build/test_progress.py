"""The build's progress display: only at a terminal outside CI, redrawn at most every 0.1 s,
stage timings, one summary line (what the command prints: tests/integration/
test_build_reporting.py)."""

from __future__ import annotations

import io

import pytest

from detente.build.progress import BuildReporter, live_display_wanted, summary


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(("stream", "environ", "wanted"), [
    (Tty(), {}, True),
    (Tty(), {"CI": "false"}, True),
    (Tty(), {"CI": "true"}, False),
    (Tty(), {"CI": "1"}, False),
    (Tty(), {"TERM": "dumb"}, False),
    (io.StringIO(), {}, False),
])
def test_live_display_only_at_a_terminal_outside_ci(stream: io.StringIO,
                                                    environ: dict[str, str],
                                                    wanted: bool) -> None:
    assert live_display_wanted(stream, environ) is wanted


def test_reporter_draws_only_long_builds_and_clears_its_line() -> None:
    stream, clock = Tty(), Clock()
    reporter = BuildReporter(stream, True, clock)
    reporter.stage("check")
    clock.now += 0.2
    reporter.stage("render", 1234)
    reporter.done(10)
    assert stream.getvalue() == ""  # 0.2 s in: too short to bother anyone
    clock.now += 0.5
    reporter.done(600)
    assert stream.getvalue() == "\rrender 600/1,234 pages  0.70 s"
    clock.now += 0.01
    reporter.done(700)  # redrawn at most every 0.1 s
    assert stream.getvalue().count("\r") == 1
    clock.now += 1.0
    reporter.stage("write")
    reporter.finish()
    assert stream.getvalue().endswith("\r" + " " * len("render 600/1,234 pages  0.70 s") + "\r")
    assert [name for name, _, _ in reporter.stages] == ["check", "render", "write"]
    timings = reporter.timings()
    assert "  check           0.20 s\n" in timings
    assert "  render           1.5 s  (1,234 pages)\n" in timings


def test_reporter_off_draws_nothing() -> None:
    stream, clock = Tty(), Clock()
    reporter = BuildReporter(stream, False, clock)
    reporter.stage("render", 10)
    clock.now += 5
    reporter.done(5)
    reporter.finish()
    assert stream.getvalue() == ""


def test_summary_line() -> None:
    assert summary(1234, 45, 1.23) == "Built 1,234 pages (45 changed) in 1.2 s"
    assert summary(1, 0, 0.051) == "Built 1 page (0 changed) in 0.05 s"

