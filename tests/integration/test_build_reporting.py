"""What `detente build` prints for people: one summary line, stage timings with --verbose,
nothing with --quiet, and no progress at a terminal in CI."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.helpers.sites import REPO, detente


def test_build_prints_one_summary_line_verbose_stages_and_nothing_when_quiet(
        site_copy: Callable[[str], Path], tmp_path: Path) -> None:
    project, out = site_copy("minimal"), tmp_path / "out"
    plain = detente("build", project, "--out", out)
    assert plain.code == 0
    lines = plain.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Built ") and " changed) in " in lines[0]
    assert "\r" not in plain.stderr
    verbose = detente("build", project, "--out", tmp_path / "v", "--verbose")
    assert verbose.code == 0
    assert [line.split()[0] for line in verbose.stderr.splitlines()[:-1]][:3] == \
        ["check", "plan", "render"]
    quiet = detente("build", project, "--out", tmp_path / "q", "--quiet")
    assert quiet.code == 0 and quiet.stderr == "" and quiet.stdout == ""


def test_no_progress_at_a_terminal_in_ci(site_copy: Callable[[str], Path],
                                         tmp_path: Path) -> None:
    leader, follower = pty.openpty()
    env = dict(os.environ, CI="true")
    try:
        run = subprocess.run([sys.executable, "-m", "detente", "build", str(site_copy("full")),
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
