"""Shared pytest options, the shared fixtures (tests/helpers/fixtures.py), the `fast` subset
and the check that a run leaves no build artefact in the repository.

`pytest -m fast` runs every test under tests/unit/ (marked here) and the modules that say
`pytestmark = pytest.mark.fast`: together well under 30 s (tests/README.md).

`--update-golden` rewrites tests/golden/ from the current build. `--update-expected`
rewrites the `expected.txt` (and `expected_exit`) files of tests/fixtures/invalid/ from the
current output of `detente check`. Read the diff before committing either.
"""

from __future__ import annotations

import pytest

from tests.helpers import leftovers
from tests.helpers.sites import REPO

pytest_plugins = ["tests.helpers.fixtures"]

UNIT = REPO / "tests" / "unit"
_BEFORE = pytest.StashKey[leftovers.Snapshot]()
_LEFT = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite tests/golden/ from the current build instead of comparing")
    parser.addoption("--update-expected", action="store_true", default=False,
                     help="rewrite tests/fixtures/invalid/*/expected.txt from the current "
                     "output of 'detente check' instead of comparing")


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


@pytest.fixture
def update_expected(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-expected"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.is_relative_to(UNIT):
            item.add_marker(pytest.mark.fast)


# -- a run leaves no .detente-cache/, site/ or staging folder in the repository

def pytest_sessionstart(session: pytest.Session) -> None:
    session.config.stash[_BEFORE] = leftovers.snapshot(REPO)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    before = session.config.stash.get(_BEFORE, None)
    if before is None:
        return
    left = leftovers.differences(before, leftovers.snapshot(REPO))
    session.config.stash[_LEFT] = left
    if left and session.exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    left = terminalreporter.config.stash.get(_LEFT, [])
    if left:
        terminalreporter.write_sep("=", "build artefacts left in the repository", red=True)
        for line in left:
            terminalreporter.write_line(line)
        terminalreporter.write_line(
            "a test built into the repository: build a working copy instead (see "
            "tests/helpers/sites.py); this run fails")
