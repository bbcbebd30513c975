"""`detente init DIR`: a new site project that builds at once with --strict."""

from __future__ import annotations

import json
import os
import shutil
from importlib import metadata, resources
from importlib.abc import Traversable
from pathlib import Path

from detente import __version__
from detente.content.diagnostics import DetenteError

DEFAULT_TITLE = "The Lake Venna water talks (a sample)"
_SUBSTITUTED = ("detente.yaml", "README.md", "requirements.txt")


def installed_requirement(direct_url: str | None = None, version: str | None = None) -> str:
    """The requirements.txt line that installs this Detente as it was installed itself:
    from a package index (`detente==0.1.0`), or from the repository, archive or folder pip
    recorded (PEP 610's direct_url.json). The arguments stand in for the installed
    distribution's record (tests)."""
    if direct_url is None and version is None:
        try:
            distribution = metadata.distribution("detente")
        except metadata.PackageNotFoundError:  # run from a source tree, not installed
            return f"detente=={__version__}"
        direct_url, version = distribution.read_text("direct_url.json"), distribution.version
    if not direct_url:
        return f"detente=={version or __version__}"
    record = json.loads(direct_url)
    url = record["url"]
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict):  # pinned to the commit that was installed
        commit = vcs.get("commit_id") or vcs.get("requested_revision")
        return f"detente @ {vcs['vcs']}+{url}" + (f"@{commit}" if commit else "")
    return f"detente @ {url}"  # an archive, or a folder (this machine only)


def is_local(requirement: str) -> bool:
    """A requirement only this machine can install (a folder or file on it)."""
    return "@ file:" in requirement


def scaffold_files(title: str = DEFAULT_TITLE,
                   requirement: str | None = None) -> dict[str, bytes]:
    """Path in the new project → bytes, from the package's site/ folder."""
    files: dict[str, bytes] = {}
    _collect(resources.files("detente.cli.scaffold").joinpath("site"), "", files)
    for name in _SUBSTITUTED:
        text = files[name].decode("utf-8")
        # In detente.yaml the title is a YAML string; JSON's quoting is valid YAML.
        shown = json.dumps(title, ensure_ascii=False) if name == "detente.yaml" else title
        text = text.replace("__TITLE__", shown).replace(
            "__REQUIREMENT__", requirement or installed_requirement())
        files[name] = text.encode("utf-8")
    return files


def _collect(folder: Traversable, prefix: str, files: dict[str, bytes]) -> None:
    for child in sorted(folder.iterdir(), key=lambda c: c.name):
        name = "." + child.name[len("dot-"):] if child.name.startswith("dot-") else child.name
        if child.is_dir():
            if child.name != "__pycache__":
                _collect(child, f"{prefix}{name}/", files)
        else:
            files[prefix + name] = child.read_bytes()


def create_project(target: Path, title: str = DEFAULT_TITLE,
                   requirement: str | None = None) -> list[str]:
    """Write a new project into `target` (absent or empty); the files written, sorted.
    `requirement`: how CI installs Detente (default: `installed_requirement()`).

    The files are staged beside `target` and moved in at once, so a failure leaves nothing.
    """
    if not title.strip() or "\n" in title:
        raise DetenteError("the title must be one non-empty line")
    if requirement is not None and (not requirement.strip() or "\n" in requirement):
        raise DetenteError("the requirement must be one non-empty line, e.g. 'detente==0.1.0'")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise DetenteError(f"refusing to create a site in {target}: it exists and is not an "
                           "empty folder")
    files = scaffold_files(title.strip(), requirement and requirement.strip())
    target = target.absolute()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.parent / f".{target.name}.init-{os.getpid()}"
    try:
        for path, data in files.items():
            (staging / path).parent.mkdir(parents=True, exist_ok=True)
            (staging / path).write_bytes(data)
        if target.exists():
            target.rmdir()  # empty, checked above
        os.rename(staging, target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return sorted(files)
