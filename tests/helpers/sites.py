"""The repository's site projects, working copies of them, building them through the CLI
in-process, and reading built folders back.

Tests never build a project inside the repository: a build writes `.detente-cache/` (and by
default `site/`) into its project, so a test that did would leave them behind and make the
next run start warm. Build a working copy (`copy_site`, or the `site_copy` fixture) or pass
`cache_dir` to `build_site`; `build` refuses a project inside the repository.
"""

from __future__ import annotations

import hashlib
import io
import shutil
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

from detente.cli.main import main

REPO = Path(__file__).resolve().parents[2]
SITES = REPO / "tests" / "fixtures" / "sites"
GOLDEN = REPO / "tests" / "golden"
# Every site project in the repository by name: the example site (at the root) and the
# fixture sites (`full` uses every kind and field; `minimal` is the smallest).
PROJECTS = {"example": REPO, "full": SITES / "full", "links": SITES / "links",
            "arabic": SITES / "arabic",
            "minimal": SITES / "minimal"}
SOURCE_FOLDERS = ("content", "templates", "static")


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


def copy_site(source: Path, target: Path) -> Path:
    """A working copy of a site project's sources (no build output, no cache)."""
    target.mkdir(parents=True)
    shutil.copy2(source / "detente.yaml", target / "detente.yaml")
    for folder in SOURCE_FOLDERS:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder)
    return target


def outside_the_repository(project: Path) -> Path:
    """`project`, once it is known not to be one of the repository's own folders."""
    assert not project.resolve().is_relative_to(REPO), (
        f"{project} is in the repository: build a working copy of it (copy_site or the "
        "site_copy fixture) so that its cache and output stay out of the repository")
    return project


def build(project: Path, out: Path, *extra: str) -> Run:
    """Build `project` (a working copy, never the repository's) into `out`; fails the test
    with the diagnostics if it fails."""
    run = detente("build", outside_the_repository(project), "--out", out, "--quiet", *extra)
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
