"""The CI that `detente init` writes installs Detente: its requirement names what the running
Detente was installed from, and the workflow's install step, run offline in a fresh virtual
environment, installs it and builds the new site."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml
from tests.helpers.sites import REPO, detente

from detente.cli.scaffold.project import installed_requirement, is_local


@pytest.mark.parametrize(("direct_url", "version", "requirement"), [
    (None, "0.1.0", "detente==0.1.0"),  # from a package index
    ('{"url": "https://github.com/o/detente.git", "vcs_info": {"vcs": "git", '
     '"commit_id": "1cc7278", "requested_revision": "main"}}', "0.1.0",
     "detente @ git+https://github.com/o/detente.git@1cc7278"),
    ('{"url": "https://example.org/detente-0.1.0.tar.gz", "archive_info": {}}', "0.1.0",
     "detente @ https://example.org/detente-0.1.0.tar.gz"),
    ('{"url": "file:///home/me/detente", "dir_info": {"editable": true}}', "0.1.0",
     "detente @ file:///home/me/detente"),
])
def test_the_requirement_is_how_detente_was_installed(direct_url: str | None, version: str,
                                                      requirement: str) -> None:
    assert installed_requirement(direct_url or "", version) == requirement
    assert is_local(requirement) == requirement.startswith("detente @ file:")


def test_init_takes_a_requirement_and_notes_one_only_this_machine_has(tmp_path: Path) -> None:
    given = detente("init", tmp_path / "a", "--requirement", "detente==0.1.0")
    assert given.code == 0 and given.stderr == ""
    assert (tmp_path / "a/requirements.txt").read_text().splitlines()[-1] == "detente==0.1.0"
    local = detente("init", tmp_path / "b", "--requirement", "detente @ file:///srv/detente")
    assert local.code == 0
    assert local.stderr.startswith("detente: note: requirements.txt installs Detente from "
                                   "this machine ('detente @ file:///srv/detente')")
    refused = detente("init", tmp_path / "c", "--requirement", " ")
    assert (refused.code, refused.stderr) == (2, "detente: the requirement must be one "
                                              "non-empty line, e.g. 'detente==0.1.0'\n")
    assert not (tmp_path / "c").exists()


def _installed_from(source: Path, into: Path) -> Path:
    """A stand-in for Detente's installed metadata: installed from the folder `source`
    (what `pip install` of a checkout records). First on the path, it is the one
    `importlib.metadata` finds."""
    info = into / "detente-0.1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: detente\nVersion: 0.1.0\n")
    (info / "direct_url.json").write_text(json.dumps(
        {"url": source.as_uri(), "dir_info": {}}))
    return into


def _install_step(project: Path) -> str:
    """The install command of the generated GitHub workflow, the same in GitLab's."""
    steps = yaml.safe_load((project / ".github/workflows/detente.yml").read_text())[
        "jobs"]["build"]["steps"]
    github = [step["run"] for step in steps if "pip install" in step.get("run", "")]
    gitlab = yaml.safe_load((project / ".gitlab-ci.yml").read_text())["before_script"]
    assert len(github) == 1 and gitlab == github
    return github[0]


def test_the_generated_ci_installs_detente_offline_and_builds(tmp_path: Path) -> None:
    source = tmp_path / "detente-checkout"  # a copy: building it writes into the folder
    shutil.copytree(REPO / "src", source / "src",
                    ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, source / name)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(_installed_from(source, tmp_path / "metadata")), str(REPO / "src")]))
    site = tmp_path / "site"
    init = subprocess.run([sys.executable, "-m", "detente", "init", str(site)], env=env,
                          capture_output=True, text=True, check=False)
    assert init.returncode == 0, init.stderr
    assert (site / "requirements.txt").read_text().splitlines()[-1] == \
        f"detente @ {source.as_uri()}"
    command = _install_step(site).split()
    assert command[:3] == ["python", "-m", "pip"]
    # The CI's Python is a fresh one: here a virtual environment that sees this machine's
    # packages (Detente's dependencies and setuptools; there is no package index offline).
    venv.create(tmp_path / "venv", system_site_packages=True, with_pip=True)
    python = tmp_path / "venv" / "bin" / "python"
    offline = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    offline.pop("PYTHONPATH", None)
    install = subprocess.run([str(python), *command[1:], "--no-build-isolation"], cwd=site,
                             env=offline, capture_output=True, text=True, check=False)
    assert install.returncode == 0, install.stdout + install.stderr
    where = subprocess.run([str(python), "-c", "import detente; print(detente.__file__)"],
                           env=offline, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(tmp_path / "venv")
    build = subprocess.run([str(python), "-m", "detente", "build", "--strict", "--no-search"],
                           cwd=site, env=offline, capture_output=True, text=True, check=False)
    assert build.returncode == 0, build.stdout + build.stderr
    assert (site / "site" / "index.html").is_file()
