"""This repository's own CI workflow and pre-commit hook definition."""

from __future__ import annotations

import re

import yaml
from tests.helpers.sites import REPO


def test_pre_commit_hook_runs_detente_check_on_content() -> None:
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert hooks == [{
        "id": "detente-check", "name": "detente check", "description": hooks[0]["description"],
        "entry": "detente check", "language": "python", "pass_filenames": False,
        "files": r"^(content/|detente\.yaml)"}]
    pattern = re.compile(hooks[0]["files"])
    assert pattern.search("content/events/x.yaml") and pattern.search("detente.yaml")
    assert not pattern.search("src/detente/cli/main.py") and not pattern.search("README.md")


def test_ci_tests_builds_strict_and_deploys_main_to_pages() -> None:
    workflow = yaml.safe_load((REPO / ".github/workflows/ci.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key 'on' as true
    assert "push" in triggers and "pull_request" in triggers
    jobs = workflow["jobs"]
    assert [s.get("run") for s in jobs["test"]["steps"]][-1] == "bash .ci/run"
    site = " ".join(s.get("run", "") for s in jobs["site"]["steps"])
    assert "detente build --strict" in site
    assert {"uses": "actions/upload-pages-artifact@v3", "with": {"path": "site/"}} in \
        jobs["site"]["steps"]
    deploy = jobs["deploy"]
    assert deploy["needs"] == ["test", "site"] and "refs/heads/main" in deploy["if"]
    assert deploy["steps"][0]["uses"] == "actions/deploy-pages@v4"


def test_every_checkout_fetches_the_whole_history() -> None:
    """Pages are dated from the git history; a shallow clone warns and --strict fails on it.
    So this repository's CI and the CI files `detente init` writes fetch all of it."""
    scaffold = REPO / "src/detente/cli/scaffold/site"
    for path in (REPO / ".github/workflows/ci.yml", scaffold / "dot-github/workflows/detente.yml"):
        workflow = yaml.safe_load(path.read_text())
        checkouts = [step for job in workflow["jobs"].values() for step in job["steps"]
                     if step.get("uses", "").startswith("actions/checkout@")]
        assert checkouts, path
        assert all(step.get("with", {}).get("fetch-depth") == 0 for step in checkouts), path
    gitlab = yaml.safe_load((scaffold / "dot-gitlab-ci.yml").read_text())
    assert gitlab["variables"]["GIT_DEPTH"] == 0
    assert not gitlab["image"].endswith("-slim")  # the slim image has no git


def test_ci_keeps_the_build_cache_and_site_between_runs() -> None:
    """A commit that changes one page builds that page again, not the whole site: this
    repository's CI and the CI files `detente init` writes restore and save the cache."""
    scaffold = REPO / "src/detente/cli/scaffold/site"
    for path, job in ((REPO / ".github/workflows/ci.yml", "site"),
                      (scaffold / "dot-github/workflows/detente.yml", "build")):
        steps = yaml.safe_load(path.read_text())["jobs"][job]["steps"]
        cache = next(s for s in steps if s.get("uses") == "actions/cache@v4")
        assert cache["with"]["path"].split() == [".detente-cache", "site"], path
        assert "github.sha" in cache["with"]["key"] and cache["with"]["restore-keys"], path
        build = next(i for i, s in enumerate(steps) if "detente build" in s.get("run", ""))
        assert steps.index(cache) < build, path
    gitlab = yaml.safe_load((scaffold / "dot-gitlab-ci.yml").read_text())
    kept = next(c for c in gitlab["cache"] if ".detente-cache/" in c["paths"])
    assert {"site/", "public/"} <= set(kept["paths"]) and "CI_JOB_NAME" in kept["key"]
