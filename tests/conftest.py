"""Shared pytest options.

`--update-golden` rewrites tests/golden/ from the current build. `--update-expected`
rewrites the `expected.txt` (and `expected_exit`) files of tests/fixtures/invalid/ from the
current output of `detente check`. Read the diff before committing either.
"""

from __future__ import annotations

import pytest


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
