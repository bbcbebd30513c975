"""Building sites through the CLI in-process, and reading built folders back."""

from __future__ import annotations

import hashlib
import io
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from detente.cli.main import main

REPO = Path(__file__).resolve().parents[2]
SITES = REPO / "tests" / "fixtures" / "sites"
GOLDEN = REPO / "tests" / "golden"


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


def detente(*args: str | Path) -> Run:
    """`detente ARGS` in this process, with its output captured."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main([str(a) for a in args])
    return Run(code, out.getvalue(), err.getvalue())


def build(project: Path, out: Path, *extra: str) -> Run:
    """Build `project` into `out`; fails the test with the diagnostics if it fails."""
    run = detente("build", project, "--out", out, "--quiet", *extra)
    assert run.code == 0, f"build of {project} failed ({run.code}):\n{run.stdout}{run.stderr}"
    return run


def read_tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (hidden ones included) by its POSIX path relative to it."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted(root.rglob("*")) if p.is_file()}


def hash_tree(root: Path) -> dict[str, str]:
    """Path → SHA-256 of every file, plus every folder (as '<dir>'), under `root`."""
    hashes = {p.relative_to(root).as_posix(): "<dir>"
              for p in sorted(root.rglob("*")) if p.is_dir()}
    hashes.update((path, hashlib.sha256(data).hexdigest())
                  for path, data in read_tree(root).items())
    return hashes


def write_tree(root: Path, files: dict[str, bytes]) -> None:
    for path, data in files.items():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
