"""Limits (guarantee 7): oversized files, deep nesting, alias bombs, huge lists, long lines
and pathological Markdown end in an exact error or a correct build, never a hang or a
crash. Runs go through a child process with a generous time limit: a hang fails the test
(how fast things are is for benchmarks/bench_scale.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from detente.content.check import check_project
from tests.helpers.sites import REPO
from tests.security import kit

HANG = 300.0  # seconds: far beyond any of these on a loaded machine


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "detente", *map(str, args)],
                          capture_output=True, text=True, timeout=HANG, cwd=REPO, check=False,
                          env=dict(os.environ, PYTHONPATH=str(REPO / "src")))


def errors(project: Path) -> list[str]:
    """The errors `detente check` reports (not the editorial checks' warnings)."""
    done = run("check", project)
    return [line for line in done.stdout.splitlines() if ": error: " in line]


@pytest.mark.parametrize(("name", "size"), [("content/pages/big.md", 5 * 1024 * 1024),
                                            ("content/issues/big.yaml", 4 * 1024 * 1024 + 1)])
def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path, name: str,
                                                      size: int) -> None:
    head = b"title: Big\nsummary: " if name.endswith(".yaml") else b"---\ntitle: Big\n---\n"
    data = (head + b"words " * (size // 6 + 1))[:size]
    project = kit.write_site(tmp_path, extra={name: data})
    assert errors(project) == [f"{name}:1:1: error: file is {size:,} bytes; the limit is "
                               "4,194,304"]


def test_yaml_nested_past_the_limit(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={
        "content/issues/x.yaml": "title: X\nsummary: " + "[" * 70 + "]" * 70 + "\n"})
    assert "content/issues/x.yaml:2:74: error: YAML nested deeper than 64 levels" in \
        errors(project)


def test_a_billion_laughs_is_refused_before_it_expands(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 10)]
    project = kit.write_site(tmp_path, extra={"content/issues/x.yaml": "\n".join(lines) + "\n"})
    assert errors(project) == [
        "content/issues/x.yaml:6:5: error: aliases expand this value to 1,111,111 YAML values; "
        "the limit is 200,000"]


def amplified(long: int, aliases: int) -> str:
    """One string of `long` bytes aliased `aliases` times (issue 18: 100 KB × 2,000)."""
    return ("title: Amplified\nsummary: &a " + "x" * long + "\nprovisions:\n"
            + "- *a\n" * aliases)


def test_text_amplified_by_aliases_is_refused_at_its_line(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={
        "content/proposals/amplified.yaml": amplified(100_000, 2000)})
    assert errors(project) == [
        "content/proposals/amplified.yaml:4:1: error: aliases expand this value to 200,000,000 "
        "bytes of text; the limit is 4,194,304"]


def test_the_expansion_budget_is_set_in_detente_yaml(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={
        "content/proposals/amplified.yaml": amplified(5_000, 1000)})
    assert errors(project) == [
        "content/proposals/amplified.yaml:4:1: error: aliases expand this value to 5,000,000 "
        "bytes of text; the limit is 4,194,304"]
    config = project / "detente.yaml"
    config.write_text(config.read_text() + "limits: {expanded_bytes: 6000000}\n")
    assert errors(project) == []
    config.write_text(config.read_text().replace("6000000", "'lots'"))
    done = run("check", project)
    assert (done.returncode, done.stdout) == (2, (
        f"detente.yaml:{len(config.read_text().splitlines())}:26: error: "
        "'expanded_bytes' takes a whole number, e.g. 4194304\n"))


def test_a_long_name_that_every_page_would_repeat_is_refused_at_its_line(
        tmp_path: Path) -> None:
    """Without aliases: a 1 MB party name, linked from 2,000 events (2 GB of pages)."""
    events = "".join(f"- id: e{i}\n  title: E{i}\n  date: 2024\n  source: readout\n"
                     f"  parties: [long]\n" for i in range(2000))
    project = kit.write_site(tmp_path, extra={"content/parties/long.yaml": "name: " + "x" *
                                              1_000_000 + "\n",
                                              "content/events/many.yaml": events})
    assert errors(project) == [
        "content/parties/long.yaml:1:7: error: 'name' is 1,000,000 characters; the limit is "
        "500, as it is repeated wherever the entity is linked"]
    config = project / "detente.yaml"
    config.write_text(config.read_text() + "limits: {label_chars: 2000000}\n")
    assert errors(project) == []


def test_too_many_values_in_one_file(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={
        "content/issues/x.yaml": "- id: x\n  title: X\n  summary: [" + "a, " * 200_000 + "a]\n"})
    assert errors(project) == ["content/issues/x.yaml:3:599998: error: more than 200,000 YAML "
                               "values in one file"]


def test_a_list_file_of_10000_entities_loads_completely(tmp_path: Path) -> None:
    project = kit.write_site(tmp_path, extra={"content/sources/many.yaml": "".join(
        f"- id: source-{i}\n  title: Source {i}\n  url: https://example.org/{i}\n"
        for i in range(10_000))})
    result = check_project(project)
    assert result.diagnostics.errors == []
    assert result.site is not None and len(result.site.by_kind["sources"]) == 10_001


def test_a_deep_issue_tree_is_checked_in_one_walk(tmp_path: Path) -> None:
    chain = "".join(f"- id: i{n}\n  title: I{n}\n" + (f"  parent: i{n - 1}\n" if n else "")
                    for n in range(20_000))
    project = kit.write_site(tmp_path, extra={"content/issues/chain.yaml": chain})
    assert errors(project) == []


def test_a_one_megabyte_line_builds(tmp_path: Path) -> None:
    title = "word " * 200_000 + "END"
    project = kit.write_site(tmp_path / "p", {"issue.title": title})
    config = project / "detente.yaml"  # a title this long is refused unless allowed
    config.write_text(config.read_text() + "limits: {label_chars: 2000000}\n")
    done = run("build", project, "--out", tmp_path / "site", "--no-search", "--quiet")
    assert done.returncode == 0, done.stderr
    assert f"<h1>{title}</h1>" in (tmp_path / "site/issues/water/index.html").read_text()


PATHOLOGICAL = {
    "50000 brackets": "[" * 50_000,
    "30000 emphasis openers": "*a " * 30_000,
    "50000 angle brackets": "<" * 50_000,
    "50000 backticks": "`" * 50_000,
    "20000 links": "[x](https://example.org/) " * 20_000,
    "20000 references": "[[water-plan]] " * 20_000,
    "10000 entities": "&amp;" * 10_000,
    "a megabyte of prose": ("Words and more words. " * 40 + "\n\n") * 1200,
}


@pytest.mark.parametrize("case", sorted(PATHOLOGICAL))
def test_pathological_markdown_builds_and_keeps_its_text(tmp_path: Path, case: str) -> None:
    body = PATHOLOGICAL[case]
    project = kit.write_site(tmp_path / "p", {"page.body": body + "\n\nTHE-END"})
    done = run("build", project, "--out", tmp_path / "site", "--no-search", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    page = (tmp_path / "site/about/index.html").read_text()
    # (50,000 backticks open a code block that runs to the end: THE-END is its text)
    assert "<p>THE-END</p>" in page or "THE-END\n</code></pre>" in page


@pytest.mark.parametrize("body", ["> " * 25, ">" * 30])
def test_markdown_nested_deep_with_nothing_in_the_deepest_level_is_no_error(
        tmp_path: Path, body: str) -> None:
    """Only text the renderer would drop is an error; empty containers drop nothing."""
    project = kit.write_site(tmp_path, {"page.body": body + "\n\nAfter."})
    assert errors(project) == []


@pytest.mark.parametrize(("body", "line"), [
    (">" * 10_000 + " deep", 4),
    ("Intro.\n\n" + "".join("  " * i + f"- level {i}\n" for i in range(12)), 15),
    ("> " * 25 + "deep", 4),
])
def test_markdown_nested_past_the_renderer_is_an_error(tmp_path: Path, body: str,
                                                       line: int) -> None:
    project = kit.write_site(tmp_path, {"page.body": body})
    assert errors(project) == [
        f"content/pages/about.md:{line}:1: error: Markdown nested deeper than 20 levels: the "
        "renderer would drop the text from here"]
