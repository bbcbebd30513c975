"""Each folder in tests/fixtures/invalid/ is a site project with one problem in it.

`expected.txt` holds exactly what `detente check <case>` prints on stdout, run from
tests/fixtures/invalid/ (so paths in messages read `<case>`); `expected_exit` holds the exit
code when it is not 1. `pytest --update-expected` rewrites both from the current output.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.cli.main import main

pytestmark = pytest.mark.fast

INVALID = Path(__file__).parent.parent / "fixtures" / "invalid"
CASES = sorted(p.name for p in INVALID.iterdir() if p.is_dir())


def run_check(case: str, monkeypatch: pytest.MonkeyPatch,
              capsys: pytest.CaptureFixture[str]) -> tuple[str, int]:
    monkeypatch.chdir(INVALID)
    code = main(["check", case])
    return capsys.readouterr().out, code


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 35


@pytest.mark.parametrize("case", CASES)
def test_invalid_site(case: str, monkeypatch: pytest.MonkeyPatch,
                      capsys: pytest.CaptureFixture[str], update_expected: bool) -> None:
    folder = INVALID / case
    output, code = run_check(case, monkeypatch, capsys)
    expected_file = folder / "expected.txt"
    exit_file = folder / "expected_exit"
    if update_expected:
        expected_file.write_text(output, encoding="utf-8", newline="\n")
        if code == 1:
            exit_file.unlink(missing_ok=True)
        else:
            exit_file.write_text(f"{code}\n", encoding="utf-8")
        return
    expected_exit = int(exit_file.read_text()) if exit_file.exists() else 1
    assert output == expected_file.read_text(encoding="utf-8")
    assert code == expected_exit
    assert code != 0, "an invalid site must not pass"


@pytest.mark.parametrize("case", CASES)
def test_invalid_site_reports_one_problem(case: str, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """One problem per case: the fixture and the checker both stay focused."""
    output, _code = run_check(case, monkeypatch, capsys)
    errors = [line for line in output.splitlines() if not line.startswith(" ")]
    assert len(errors) == 1, output
