"""What `detente build` prints for people: progress only at a terminal outside CI, stage
timings with --verbose, one summary line, nothing with --quiet."""

from __future__ import annotations

import io
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers.sites import REPO, SITES, detente

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


def test_build_prints_one_summary_line_verbose_stages_and_nothing_when_quiet(
        tmp_path: Path) -> None:
    out = tmp_path / "out"
    plain = detente("build", SITES / "minimal", "--out", out)
    assert plain.code == 0
    lines = plain.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Built ") and " changed) in " in lines[0]
    assert "\r" not in plain.stderr
    verbose = detente("build", SITES / "minimal", "--out", tmp_path / "v", "--verbose")
    assert verbose.code == 0
    assert [line.split()[0] for line in verbose.stderr.splitlines()[:-1]][:3] == \
        ["check", "plan", "render"]
    quiet = detente("build", SITES / "minimal", "--out", tmp_path / "q", "--quiet")
    assert quiet.code == 0 and quiet.stderr == "" and quiet.stdout == ""


def test_no_progress_at_a_terminal_in_ci(tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    env = dict(os.environ, CI="true")
    try:
        run = subprocess.run([sys.executable, "-m", "detente", "build", str(SITES / "full"),
                              "--out", str(tmp_path / "out")], stderr=follower,
                             stdout=subprocess.DEVNULL, env=env, cwd=REPO, timeout=300)
        os.close(follower)
        follower = -1
        output = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            output += chunk
    finally:
        os.close(leader)
        if follower >= 0:
            os.close(follower)
    assert run.returncode == 0
    assert b"\r" not in output.replace(b"\r\n", b"\n") and b"Built " in output
