"""The code stays typed, lint-clean and layered: content → pages → incremental → build →
serve → cli, one way, with no import cycle between modules and none upward between packages.
"""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.fast

REPO = Path(__file__).resolve().parents[1]
PACKAGE = REPO / "src" / "detente"

# Each package may import its own modules and those of the packages before it.
LAYERS = ("content", "pages", "incremental", "build", "serve", "cli")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(("detente", *parts))


def imports(path: Path) -> set[str]:
    """The Detente modules `path` imports, at the top or inside functions."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module_name(path) if path.name == "__init__.py" else \
        module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *([base] if base else [])])
            if base.startswith("detente"):
                found.update(_submodule_or_self(base, alias.name) for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("detente"))
    return found


def _submodule_or_self(base: str, name: str) -> str:
    candidate = f"{base}.{name}"
    parts = candidate.split(".")[1:]
    if (PACKAGE.joinpath(*parts).with_suffix(".py")).is_file() or \
            PACKAGE.joinpath(*parts).is_dir():
        return candidate
    return base


@functools.cache  # (three tests read it; parsing every module takes a while)
def graph() -> dict[str, set[str]]:
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    return {name: {i for i in imports(path) if i in modules and i != name}
            for name, path in modules.items()}


def layer(module: str) -> int:
    parts = module.split(".")
    if len(parts) < 2 or parts[1] not in LAYERS:
        return len(LAYERS)  # detente/__init__ and __main__: the top
    return LAYERS.index(parts[1])


def test_no_package_imports_a_later_one() -> None:
    upward = [f"{m} imports {i}" for m, targets in graph().items() for i in sorted(targets)
              if m != "detente" and i != "detente" and layer(i) > layer(m)]
    assert not upward, "\n".join(upward)


def test_no_import_cycle_between_modules() -> None:
    edges = graph()
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(edges[node]):
            if target == "detente" or target.startswith(node + "."):
                continue  # the root's __version__; a package's own docstring module
            if state.get(target) == 1:
                cycles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(edges):
        if module not in state:
            visit(module, [module])
    assert not cycles, "\n".join(" -> ".join(c) for c in cycles)


def test_every_package_says_what_it_owns_and_may_import() -> None:
    for name in LAYERS:
        doc = ast.get_docstring(ast.parse((PACKAGE / name / "__init__.py").read_text()))
        assert doc and ("May import" in doc or "may import" in doc or "knows nothing" in doc), \
            f"detente/{name}/__init__.py needs a docstring saying what it owns and imports"


def test_modules_and_functions_stay_small() -> None:
    big = []
    for path in sorted(PACKAGE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        relative = path.relative_to(PACKAGE).as_posix()
        if text.count("\n") > MAX_MODULE_LINES:
            big.append(f"{relative}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    big.append(f"{relative}:{node.lineno} {node.name}: {length} lines")
    assert not big, "\n".join(big)


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *command], cwd=REPO, capture_output=True,
                          text=True, check=False)


def test_ruff_is_clean() -> None:
    done = _run("ruff", "check", "src", "tests", "benchmarks")
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_is_clean() -> None:
    done = _run("mypy")
    assert done.returncode == 0, done.stdout + done.stderr


@pytest.mark.parametrize("name", ["no_type_ignore_in_new_code"])
def test_type_ignores_do_not_grow(name: str) -> None:
    """Each `type: ignore` is a place mypy cannot check; their number only goes down."""
    count = sum(p.read_text(encoding="utf-8").count("type: ignore")
                for p in PACKAGE.rglob("*.py"))
    assert count <= TYPE_IGNORE_BUDGET, f"{count} `type: ignore` (at most {TYPE_IGNORE_BUDGET})"


TYPE_IGNORE_BUDGET = 4


def test_the_architecture_page_draws_the_package_imports_there_are() -> None:
    """docs/architecture.md pictures which package imports which: kept true here."""
    text = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    picture = text.split("<!-- package-imports:start -->")[1].split(
        "<!-- package-imports:end -->")[0]
    drawn: dict[str, set[str]] = {}
    for line in picture.strip().strip("`").strip().splitlines():
        name, _, rest = line.partition("→")
        targets = rest.split("  ")[0] if rest else ""
        drawn[name.split()[0]] = {t.strip() for t in targets.split(",") if t.strip()}
    actual: dict[str, set[str]] = {name: set() for name in LAYERS}
    for module, targets in graph().items():
        for target in targets:
            source_package, target_package = module.split(".")[1:2], target.split(".")[1:2]
            if source_package and target_package and source_package != target_package and \
                    source_package[0] in LAYERS and target_package[0] in LAYERS:
                actual[source_package[0]].add(target_package[0])
    assert drawn == actual
