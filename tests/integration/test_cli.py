"""The command line as a new user meets it: exit codes as the README gives them, in every
command; usage errors that say what was meant; and a project that is somewhere else."""

from __future__ import annotations

import argparse
import io
import re
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest
from tests.helpers.sites import REPO, SITES, Run

from detente.cli.main import build_parser, main

PROJECT_COMMANDS = (["check"], ["build"], ["serve"], ["new", "event", "oslo"])
NO_PROJECT = ("detente: no detente.yaml in {path} (run Detente in a site project's folder, "
              "or start one with 'detente init DIR')\n")


def run(*args: str | Path, cwd: Path | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> Run:
    """`detente ARGS` in this process; argparse's own exits become exit codes."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return Run(code, out.getvalue(), err.getvalue())


@pytest.mark.parametrize("command", PROJECT_COMMANDS, ids=lambda c: c[0])
def test_no_detente_yaml_is_a_usage_error_in_every_command(
        tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run(*command) == Run(2, "", NO_PROJECT.format(path="."))


@pytest.mark.parametrize("command", PROJECT_COMMANDS, ids=lambda c: c[0])
def test_inside_the_project_the_message_names_where_it_is(
        tmp_path: Path, command: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "detente.yaml").write_text("title: T\n")
    (tmp_path / "content" / "events").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "content" / "events")
    assert run(*command) == Run(2, "", (
        "detente: no detente.yaml in .: the site project is '../..' "
        f"(run 'detente {command[0]} ../..')\n"))
    monkeypatch.chdir(tmp_path)
    assert run(*command, "content") == Run(2, "", (
        "detente: no detente.yaml in content: the site project is '.' "
        f"(run 'detente {command[0]}')\n"))


def test_a_folder_that_does_not_exist_is_named(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert run("build", "nosuchdir") == Run(2, "", "detente: there is no folder 'nosuchdir'\n")
    (tmp_path / "notes.txt").write_text("")
    assert run("check", "notes.txt") == Run(
        2, "", "detente: 'notes.txt' is a file, not a site project's folder\n")


def _last_line(text: str) -> str:
    return text.rstrip("\n").rsplit("\n", 1)[-1]


@pytest.mark.parametrize(("args", "usage", "error"), [
    (["biuld"], "usage: detente [-h]",
     "detente: error: unknown command 'biuld'; did you mean 'build'?"),
    (["build", "--output", "x"], "usage: detente build [-h]",
     "detente build: error: unknown option '--output'; did you mean '--out'?"),
    (["build", "--output=x"], "usage: detente build [-h]",
     "detente build: error: unknown option '--output'; did you mean '--out'?"),
    (["serve", "--prot", "8001"], "usage: detente serve [-h]",
     "detente serve: error: unknown option '--prot'; did you mean '--port', '--host'?"),
    (["check", "--format", "jsn"], "usage: detente check [-h]",
     "detente check: error: unknown value for --format 'jsn'; did you mean 'json'?"),
    (["check", "--xyz"], "usage: detente check [-h]",
     "detente check: error: unknown option '--xyz'; 'detente check --help' lists them"),
    (["check", ".", "extra"], "usage: detente check [-h]",
     "detente check: error: unexpected argument 'extra'"),
])
def test_usage_errors_show_the_commands_usage_and_what_was_meant(
        args: list[str], usage: str, error: str) -> None:
    done = run(*args)
    assert done.code == 2 and done.stdout == ""
    assert done.stderr.startswith(usage)
    assert _last_line(done.stderr) == error


def test_an_invalid_detente_yaml_exits_2_in_check_and_build(tmp_path: Path) -> None:
    (tmp_path / "detente.yaml").write_text("title: T\nlangauge: en\n")
    expected = ("detente.yaml:2:1: error: unknown setting 'langauge'\n"
                "    hint: did you mean 'language', 'languages'?\n")
    check = run("check", tmp_path)
    assert (check.code, check.stdout) == (2, expected)
    build = run("build", tmp_path, "--out", tmp_path / "out", "--quiet")
    assert (build.code, build.stdout) == (2, expected)
    assert build.stderr == "build failed: 1 error, 0 warnings; nothing was written\n"


def test_content_errors_exit_1_and_a_clean_project_0(tmp_path: Path) -> None:
    assert run("check", SITES / "minimal") == Run(0, "", "")
    assert run("build", SITES / "minimal", "--out", tmp_path / "out", "--quiet",
               "--no-search", "--cache-dir", tmp_path / "cache").code == 0
    broken = tmp_path / "broken"
    (broken / "content" / "issues").mkdir(parents=True)
    (broken / "detente.yaml").write_text("title: T\n")
    (broken / "content" / "issues" / "x.yaml").write_text("title: X\nparent: y\n")
    assert run("check", broken).code == 1
    assert run("build", broken, "--out", tmp_path / "out2", "--quiet").code == 1


def test_build_and_serve_keep_their_cache_where_they_are_told(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "content" / "pages").mkdir(parents=True)
    (project / "detente.yaml").write_text("title: T\n")
    (project / "content" / "pages" / "index.md").write_text("Home.\n")
    done = run("build", project, "--out", tmp_path / "out", "--cache-dir", tmp_path / "cache",
               "--quiet", "--no-search")
    assert done.code == 0, done.stdout + done.stderr
    assert sorted(p.name for p in project.iterdir()) == ["content", "detente.yaml"]
    assert (tmp_path / "cache").is_dir() and (tmp_path / "out" / "index.html").is_file()
    serve = build_parser().parse_args(["serve", str(project), "--cache-dir", "c"])
    assert serve.cache_dir == Path("c")


def test_new_suggests_the_kind_a_new_user_means(tmp_path: Path) -> None:
    (tmp_path / "detente.yaml").write_text("title: T\n")
    kinds = "party, actor, issue, proposal, position, event, timeline, source, page"
    assert run("new", "person", "x", tmp_path) == Run(
        2, "", f"detente: unknown kind 'person'; did you mean 'actor'? (the kinds are: {kinds})\n")
    assert run("new", "evnt", "x", tmp_path).stderr.startswith(
        "detente: unknown kind 'evnt'; did you mean 'event'?")


def test_new_says_which_fields_to_fill_and_dates_an_event_by_its_id(tmp_path: Path) -> None:
    (tmp_path / "detente.yaml").write_text("title: T\n")
    event = run("new", "event", "2031-06-02-second-round", tmp_path)
    assert event == Run(0, "Created content/events/2031-06-02-second-round.yaml: fill in "
                        "'source'; then run 'detente check'.\n", "")
    text = (tmp_path / "content/events/2031-06-02-second-round.yaml").read_text()
    assert "\ntitle: Second round\ndate: 2031-06-02  # required;" in text
    party = run("new", "party", "north", tmp_path, "--title", "North")
    assert party == Run(0, "Created content/parties/north.yaml: every required field has "
                        "a value; then run 'detente check'.\n", "")
    assert "marked 'required'" not in (tmp_path / "content/parties/north.yaml").read_text()


def _options(parser: argparse.ArgumentParser) -> dict[str, set[str]]:
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {name: {o for action in sub._actions for o in action.option_strings
                   if o.startswith("--") and o != "--help"}
            for name, sub in commands.choices.items()}


def test_the_readme_shows_every_option_of_every_command() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    use = readme[readme.index("## Use"):readme.index("## Screenshots")]
    missing = []
    for name, options in _options(build_parser()).items():
        block = re.search(rf"detente {name}\b.*?(?=\n    detente |\n\n)", use, re.DOTALL)
        assert block is not None, f"'detente {name}' is not in the README's Use section"
        missing += [f"{name} {o}" for o in sorted(options) if o not in block.group(0)]
    assert not missing, missing
