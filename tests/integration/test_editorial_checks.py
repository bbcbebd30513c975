"""Each editorial check fires on its fixture, and only there.

`tests/fixtures/editorial/<code>/` is the `clean` site with one editorial problem, the one
the check `<code>` names; `expected.txt` holds exactly what `detente check <code>` prints
run from tests/fixtures/editorial/. A warning passes `check` (exit 0) and fails it with
`--strict` (exit 1). `pytest --update-expected -k <code>` writes a new case's expected.txt.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from tests.helpers.sites import REPO, SITES

from detente.cli.main import main
from detente.content.check import check_project
from detente.content.editorial.codes import CHECKS

EDITORIAL = Path(__file__).parent.parent / "fixtures" / "editorial"
CASES = sorted(p.name for p in EDITORIAL.iterdir() if p.is_dir() and p.name != "clean")
# Not a content problem: tested with a real shallow clone (tests/integration/test_history.py).
NOT_A_FIXTURE = {"shallow-history"}


def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        *args: str) -> tuple[str, int]:
    monkeypatch.chdir(EDITORIAL)
    code = main(["check", *args])
    return capsys.readouterr().out, code


def test_every_check_has_a_fixture() -> None:
    assert set(CASES) == set(CHECKS) - NOT_A_FIXTURE


def test_the_base_site_is_clean(monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    assert run(monkeypatch, capsys, "--strict", "clean") == ("", 0)


@pytest.mark.parametrize("case", CASES)
def test_check_fires_on_its_fixture(case: str, monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str],
                                    update_expected: bool) -> None:
    output, code = run(monkeypatch, capsys, case)
    expected = EDITORIAL / case / "expected.txt"
    if update_expected:
        expected.write_text(output, encoding="utf-8", newline="\n")
        return
    assert output == expected.read_text(encoding="utf-8")
    assert code == 0, "a warning alone does not fail the check"
    problems = [line for line in output.splitlines() if not line.startswith(" ")]
    assert len(problems) == 1, output
    assert ": warning: " in problems[0] and problems[0].endswith(f" [{case}]")


@pytest.mark.parametrize("case", CASES)
def test_strict_turns_the_warning_into_a_failure(case: str, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    output, code = run(monkeypatch, capsys, "--strict", case)
    assert code == 1
    expected = (EDITORIAL / case / "expected.txt").read_text(encoding="utf-8")
    assert output == expected.replace(": warning: ", ": error: ", 1)


@pytest.mark.parametrize("case", CASES)
def test_machine_formats_carry_the_code(case: str, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    output, code = run(monkeypatch, capsys, "--format", "json", case)
    [problem] = json.loads(output)
    assert (problem["code"], problem["severity"], code) == (case, "warning", 0)
    assert problem["path"].startswith("content/") and problem["line"] >= 1
    output, code = run(monkeypatch, capsys, "--format", "github", "--strict", case)
    assert output.startswith(f"::error file={problem['path']},line={problem['line']},"
                             f"col={problem['column']},title={case}::")
    assert code == 1


def _copy(case: str, tmp_path: Path) -> Path:
    project = tmp_path / case
    shutil.copytree(EDITORIAL / case, project)
    return project


@pytest.mark.parametrize("case", CASES)
def test_the_site_can_ignore_a_check(case: str, tmp_path: Path) -> None:
    project = _copy(case, tmp_path)
    config = project / "detente.yaml"
    config.write_text(config.read_text() + f"checks: {{ignore: [{case}]}}\n")
    result = check_project(project)
    assert result.diagnostics.items == []


def test_an_entity_can_ignore_a_check_for_itself(tmp_path: Path) -> None:
    project = _copy("source-without-url", tmp_path)
    source = project / "content" / "sources" / "daily-report.yaml"
    source.write_text(source.read_text() + "checks: {ignore: [source-without-url]}\n")
    assert check_project(project).diagnostics.items == []
    # ... and only that check: another one on the same entity still fires
    source.write_text(source.read_text().replace("date: 2024-01-11\n", ""))
    assert [d.code for d in check_project(project).diagnostics.items] == \
        ["source-without-date"]


def test_stale_after_is_set_by_the_site_or_the_stance(tmp_path: Path) -> None:
    project = _copy("stale-stance", tmp_path)
    config = project / "detente.yaml"
    config.write_text(config.read_text() + "checks: {stale_after: 21w}\n")  # 147 days
    assert check_project(project).diagnostics.items == []
    config.write_text(config.read_text().replace("21w", "20w"))  # 140 days < 143
    assert [d.code for d in check_project(project).diagnostics.items] == ["stale-stance"]
    positions = project / "content" / "positions" / "river-deal.yaml"
    positions.write_text(positions.read_text().replace(
        "  source: daily-report\n", "  source: daily-report\n  checks: {stale_after: 150d}\n",
        1))
    assert check_project(project).diagnostics.items == []


def test_drafts_are_not_checked(tmp_path: Path) -> None:
    project = _copy("unlinked", tmp_path)
    actor = project / "content" / "actors" / "cara-mede.yaml"
    actor.write_text(actor.read_text() + "draft: true\n")
    assert check_project(project, include_drafts=True).diagnostics.items == []


@pytest.mark.parametrize("project", [REPO, SITES / "full", SITES / "links", SITES / "minimal",
                                     EDITORIAL / "clean"],
                         ids=["example", "full", "links", "minimal", "clean"])
def test_the_sites_meant_to_be_clean_are(project: Path) -> None:
    result = check_project(project)
    assert [str(d) for d in result.diagnostics.sorted()] == []


def _codes(project: Path) -> list[tuple[str, str]]:
    return [(str(d.span), d.code) for d in check_project(project).diagnostics.sorted()]


def test_a_stance_without_a_source(tmp_path: Path) -> None:
    project = _copy("clean", tmp_path)
    positions = project / "content" / "positions" / "river-deal.yaml"
    positions.write_text(positions.read_text().replace("  source: daily-report\n",
                                                       "  sources: []\n", 1))
    assert _codes(project) == [("content/positions/river-deal.yaml:1:3", "unsourced")]


def test_a_dispute_answered_by_the_partys_person_or_account_is_not_one_sided(
        tmp_path: Path) -> None:
    project = _copy("one-sided-dispute", tmp_path)
    event = project / "content" / "events" / "first-talks.yaml"
    text = event.read_text().replace("disputed_by: [southland]", "disputed_by: [northland]")
    event.write_text(text + "quotes:\n  - text: We came to listen.\n    by: ana-north\n")
    assert _codes(project) == []  # Ana North speaks for Northland
    event.write_text(text.replace("disputed_by: [northland]", "disputed_by: [southland]")
                     + "accounts:\n  - by: southland\n    summary: The river is shared.\n")
    assert _codes(project) == []


def test_link_text_may_be_part_of_a_name_an_alias_or_a_title(tmp_path: Path) -> None:
    project = _copy("link-text-mismatch", tmp_path)
    event = project / "content" / "events" / "first-talks.yaml"
    text = event.read_text()
    for link in ("[[northland|Northland's]]", "[[ana-north|the minister]]",
                 "[[ana-north|North]]"):
        event.write_text(text.replace("[[northland|Southland]]", link))
        assert _codes(project) == [], link
    event.write_text(text)
    parties = project / "content" / "parties" / "parties.yaml"
    parties.write_text(parties.read_text().replace(
        "  short_name: Northland\n", "  short_name: Northland\n  aliases: [Southland]\n"))
    assert _codes(project) == []  # (an odd alias, but the editor's to give)


def test_a_correction_may_tell_of_a_dispute_once_wrongly_shown(tmp_path: Path) -> None:
    project = _copy("disputed-without-disputer", tmp_path)
    event = project / "content" / "events" / "first-talks.yaml"
    event.write_text(event.read_text().replace(
        "summary: Northland's claim to the river was disputed.\n",
        "corrections:\n  - date: 2024-01-12\n    text: An earlier version showed the claim "
        "as disputed.\n    source: daily-report\n"))
    assert _codes(project) == []
