"""The tutorial (docs/tutorial.md) works exactly as written.

Every block of the page is run in order in an empty folder: each `$ detente ...` command
(its output must match what the page shows, numbers aside, and it must exit 0, or 1 where
the page shows errors), `$ cd`, and each file block written to its path. `detente serve`
runs for the rest of the tutorial, as the page says, on a free port instead of 8000; at the
end the preview must show what the tutorial added, and Ctrl-C must stop it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.helpers.docblocks import Block, Command, blocks, commands, output_differences
from tests.helpers.serve import ServeProcess

PAGE = "tutorial.md"
NEW_EVENT = "events/2031-06-02-second-round/"


def as_installed_from_an_index(folder: Path) -> dict[str, str]:
    """An environment in which Detente's installed metadata says it came from a package
    index, as for the tutorial's reader: `detente init` then writes `detente==VERSION`
    and says nothing of where this checkout is."""
    info = folder / "detente-0.1.0.dist-info"
    info.mkdir(parents=True, exist_ok=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: detente\nVersion: 0.1.0\n")
    path = [str(folder), *filter(None, [os.environ.get("PYTHONPATH")])]
    return dict(os.environ, PYTHONPATH=os.pathsep.join(path))


def run_detente(command: Command, cwd: Path, env: dict[str, str]) -> list[str]:
    done = subprocess.run([sys.executable, "-m", "detente", *command.argv[1:]], cwd=cwd,
                          capture_output=True, text=True, timeout=300, check=False, env=env)
    output = (done.stdout + done.stderr).splitlines()
    expected_code = 1 if command.expects_errors else 0
    assert done.returncode == expected_code, (
        f"{PAGE}:{command.line}: '{command.shown}' exited {done.returncode}, not "
        f"{expected_code}:\n{done.stdout}{done.stderr}")
    return output


def check_output(command: Command, actual: list[str]) -> None:
    problems = output_differences(command.expected, actual)
    assert not problems, f"{PAGE}:{command.line}: '{command.shown}':\n" + "\n".join(problems)


def wait_for_page(serve: ServeProcess, path: str, text: str, timeout: float = 120) -> bytes:
    deadline = time.monotonic() + timeout
    body = b""
    while time.monotonic() < deadline:
        status, body = serve.get(serve.base_path + path)
        if status == 200 and text.encode() in body:
            return body
        time.sleep(0.25)
    raise AssertionError(f"the preview never showed {text!r} at {path}; stdout:\n"
                         + "".join(serve.out))


class Tutorial:
    def __init__(self, folder: Path, metadata: Path) -> None:
        self.cwd = folder
        self.env = as_installed_from_an_index(metadata)
        self.serve: ServeProcess | None = None

    def file(self, block: Block) -> None:
        assert block.title is not None
        path = self.cwd / block.title
        assert path.parent.is_dir(), f"{PAGE}:{block.line}: no folder for {block.title}"
        path.write_text(block.text, encoding="utf-8")

    def command(self, command: Command) -> None:
        argv = command.argv
        if argv[0] == "cd":
            self.cwd = self.cwd / argv[1]
            assert self.cwd.is_dir(), f"{PAGE}:{command.line}: no folder {argv[1]}"
        elif argv[:2] == ["detente", "serve"]:
            assert self.serve is None
            self.serve = ServeProcess(self.cwd, *argv[2:])
            self.serve.wait_for_output(r"Serving ")
            check_output(command, [line.rstrip("\n") for line in self.serve.out])
        else:
            assert argv[0] == "detente", f"{PAGE}:{command.line}: not a detente command"
            check_output(command, run_detente(command, self.cwd, self.env))

    def stop(self) -> None:
        if self.serve is not None:
            self.serve.close()


@pytest.fixture
def tutorial(tmp_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Tutorial]:
    run = Tutorial(tmp_path, tmp_path_factory.mktemp("metadata"))
    try:
        yield run
    finally:
        run.stop()


def test_every_block_is_a_command_or_a_file() -> None:
    for block in blocks(PAGE):
        assert block.language == "console" or block.title, (
            f"{PAGE}:{block.line}: a block the tutorial test cannot run: give it "
            "```console and '$ ' lines, or a title=\"path\" for a whole file")


def test_the_tutorial_runs_as_written(tutorial: Tutorial) -> None:
    shown_commands = 0
    for block in blocks(PAGE):
        if block.title:
            tutorial.file(block)
            continue
        for command in commands(block):
            tutorial.command(command)
            shown_commands += 1
    assert shown_commands >= 10

    project = tutorial.cwd
    assert project.name == "venna-talks"
    event = (project / "site" / NEW_EVENT / "index.html").read_text(encoding="utf-8")
    assert "The second Talvik round" in event
    assert "A plan that measures the lake honestly" in event  # the quote
    assert 'href="/proposals/venna-water-sharing-plan/"' in event  # [[...]] became a link
    assert 'href="/sources/venna-herald-2031-06-04/"' in event  # the citation's source
    plan = (project / "site/proposals/venna-water-sharing-plan/index.html").read_text("utf-8")
    assert "Union of River States" in plan or "River Union" in plan  # the new stance
    union = (project / "site/parties/river-union/index.html").read_text(encoding="utf-8")
    assert "Mira Holt" in union

    serve = tutorial.serve
    assert serve is not None, "the tutorial no longer runs detente serve"
    page = wait_for_page(serve, NEW_EVENT, "The second Talvik round")
    assert b"A plan that measures the lake honestly" in page
    wait_for_page(serve, "parties/", f'href="{serve.base_path}parties/river-union/"')
    assert serve.interrupt() == 0
    assert "Stopped.\n" in serve.out
