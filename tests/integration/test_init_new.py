"""`detente init` makes a project that builds with --strict; `detente new` writes stubs
from the schema declaration and refuses ids that exist anywhere."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import yaml
from tests.helpers.sites import detente

from detente.cli.scaffold.stub import create_stub
from detente.content import schema as s


def keys(mapping: dict[object, object]) -> set[object]:
    """PyYAML reads YAML 1.1, where the key 'on' is the boolean true."""
    return {"on" if key is True else key for key in mapping}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("init") / "my-explainer"
    run = detente("init", target, "--title", 'Talks: "a" test')
    assert run.code == 0, run.stderr
    return target


def test_init_builds_at_once_with_strict(project: Path, tmp_path: Path) -> None:
    check = detente("check", project, "--strict")
    assert check.code == 0 and check.stdout == "", check.stdout
    build = detente("build", project, "--strict", "--out", tmp_path / "site")
    assert build.code == 0, build.stdout + build.stderr
    home = (tmp_path / "site" / "index.html").read_text()
    assert "Talks: &#34;a&#34; test" in home or "Talks: &quot;a&quot; test" in home


def test_init_files(project: Path) -> None:
    config = yaml.safe_load((project / "detente.yaml").read_text())
    assert config["title"] == 'Talks: "a" test'
    ignored = (project / ".gitignore").read_text().split()
    assert "/site/" in ignored and "/.detente-cache/" in ignored
    assert "Talks" in (project / "README.md").read_text()
    kinds = {p.name for p in (project / "content").iterdir()}
    assert kinds == set(s.KINDS)  # the sample shows every kind
    sources = yaml.safe_load((project / "content/sources/sources.yaml").read_text())
    assert all("(fictional)" in source["publisher"] for source in sources)


def test_github_workflow_builds_strict_and_deploys_pages(project: Path) -> None:
    workflow = yaml.safe_load((project / ".github/workflows/detente.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert "push" in triggers and "pull_request" in triggers
    build = workflow["jobs"]["build"]["steps"]
    runs = " ".join(step.get("run", "") for step in build)
    assert "detente build --strict" in runs
    uses = [step.get("uses", "") for step in build]
    assert "actions/upload-pages-artifact@v3" in uses and "actions/configure-pages@v5" in uses
    deploy = workflow["jobs"]["deploy"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["steps"][0]["uses"] == "actions/deploy-pages@v4"
    assert "default_branch" in deploy["if"]


def test_gitlab_ci_builds_strict_and_publishes_pages(project: Path) -> None:
    ci = yaml.safe_load((project / ".gitlab-ci.yml").read_text())
    assert any("detente build --strict" in line for line in ci["check"]["script"])
    pages = ci["pages"]
    assert any(line.startswith("detente build --strict --out public") for line in pages["script"])
    assert pages["artifacts"]["paths"] == ["public"]


def test_init_refuses_a_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine")
    run = detente("init", tmp_path)
    assert run.code == 2 and "not an empty folder" in run.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert detente("init", empty).code == 0 and (empty / "detente.yaml").is_file()
    assert not list(tmp_path.glob(".*init-*"))  # no staging folder left behind


def test_new_stub_lists_required_and_commented_optional_fields(tmp_path: Path) -> None:
    target = tmp_path / "p"
    assert detente("init", target).code == 0
    run = detente("new", "event", "2031-06-02-second-round", target,
                  "--title", "The second round: Talvik")
    assert run.code == 0, run.stderr
    path = target / "content/events/2031-06-02-second-round.yaml"
    text = path.read_text()
    data = yaml.safe_load(text)
    assert data["title"] == "The second round: Talvik"
    assert set(data) == {"title", "date", "source"}  # the required fields, uncommented
    for field in s.EVENTS.fields:
        if not field.required and field.key not in ("id", "source"):
            assert f"\n# {field.key}:  # " in text, field.key
    assert "council-readout-2031-05-14" in text  # existing source ids as examples
    check = detente("check", target)
    assert check.stdout.splitlines() == [
        "content/events/2031-06-02-second-round.yaml:5:8: error: 'source' has no value",
        "    hint: give it the id of a source"]


@pytest.mark.parametrize("kind", sorted(s.KINDS))
def test_new_stub_for_every_kind_is_yaml_with_the_required_keys(tmp_path: Path,
                                                                kind: str) -> None:
    project = tmp_path / "p"
    (project / "content").mkdir(parents=True)
    made = create_stub(project, kind, "a-new-one", "A new one", datetime.date(2031, 1, 2))
    text = made.path.read_text()
    if kind == "pages":
        assert made.path.name == "a-new-one.md" and text.startswith("---\ntitle: A new one\n")
        return
    data = yaml.safe_load(text)
    entry = data[0] if kind == "positions" else data
    exclusive = {key for group in s.KINDS[kind].one_of for key in group[1:]}
    required = {f.key for f in s.KINDS[kind].fields if f.required} - exclusive
    assert required <= keys(entry), (required, entry)


def test_new_refuses_an_id_used_in_any_kind(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert detente("init", project).code == 0
    for kind, taken in (("event", "ostria"), ("issue", "ilka-moro"), ("source", "talks"),
                        ("party", "2031-06-01-commission-meets"), ("page", "about")):
        run = detente("new", kind, taken, project)
        assert run.code == 2 and "already used by" in run.stderr, (kind, taken, run.stderr)


def test_new_refuses_an_invalid_id_with_a_suggestion(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert detente("init", project).code == 0
    run = detente("new", "events", "Second Round_2", project)
    assert run.code == 2 and "try 'second-round-2'" in run.stderr
    assert detente("new", "treaty", "x", project).code == 2


def test_new_position_appends_to_a_list_file(tmp_path: Path) -> None:
    project = tmp_path / "p"
    assert detente("init", project).code == 0
    path = project / "content/positions/venna-water-sharing-plan.yaml"
    before = yaml.safe_load(path.read_text())
    run = detente("new", "position", "venna-water-sharing-plan", project)
    assert run.code == 0 and run.stdout.startswith("Added a position to")
    after = yaml.safe_load(path.read_text())
    assert after[:len(before)] == before and len(after) == len(before) + 1
    assert keys(after[-1]) == {"party", "on", "stance", "date", "source"}
