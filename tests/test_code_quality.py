"""The code stays typed, lint-clean and layered: content → model → site, one way."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "detente"

# The loading and linking core knows nothing of pages, templates, output or commands.
CORE = ("diagnostics", "dates", "values", "yamlnodes", "model", "schema", "prose", "load",
        "validate", "config", "link", "check")
# (The Markdown parser factory is shared: validation parses prose to find what rendering
# would drop, such as unsafe links, and report it at its line.)
OUTER = ("views", "pages", "render", "build", "parallel", "incremental", "write",
         "search", "scan", "serve", "cli", "outputs", "feed", "sitemap", "opendata", "jsonld",
         "head", "visuals", "listings", "assets", "cache", "deps", "progress", "workflow")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and \
                node.module.startswith("detente."):
            found.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names
                         if a.name.startswith("detente."))
    return found


@pytest.mark.parametrize("module", CORE)
def test_core_modules_import_no_outer_layer(module: str) -> None:
    wrong = _imports(PACKAGE / f"{module}.py") & set(OUTER)
    assert not wrong, f"detente.{module} imports {sorted(wrong)}: the core must not"


def test_only_the_command_layer_imports_cli_and_serve() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith(("serve/", "cli.py", "__main__.py", "workflow", "docgen")):
            continue
        wrong = _imports(path) & {"cli", "serve"}
        assert not wrong, f"{relative} imports {sorted(wrong)}"


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True,
                          text=True, check=False)


def test_ruff_is_clean() -> None:
    done = _run("ruff", "check", "src", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
