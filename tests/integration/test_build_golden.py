"""The example site and the full fixture site build to their checked-in golden output.

Every file is compared byte for byte, and so is the list of files. After a deliberate change
to the rendered output, rewrite the golden files with `pytest --update-golden` and read the
diff (`git diff tests/golden`) before committing it.

Built with `--no-search`: the Pagefind index under pagefind/ is written by the Pagefind
binary, whose bytes change with its version (pyproject accepts any >= 1.1), not by Detente.
That it is byte-identical from build to build is tested in test_build_output.py.
"""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from tests.helpers.sites import GOLDEN, REPO, SITES, build, read_tree, write_tree

PROJECTS = {"example": REPO, "full": SITES / "full"}


def _first_difference(name: str, path: str, expected: bytes, actual: bytes) -> str:
    try:
        lines = difflib.unified_diff(expected.decode().splitlines(),
                                     actual.decode().splitlines(),
                                     f"golden/{name}/{path}", f"built/{path}", lineterm="", n=1)
        return "\n".join(list(lines)[:40])
    except UnicodeDecodeError:
        return f"{path}: binary files differ"


@pytest.mark.parametrize("name", sorted(PROJECTS))
def test_build_matches_golden(name: str, tmp_path: Path, update_golden: bool) -> None:
    out = tmp_path / "site"
    build(PROJECTS[name], out, "--no-search")
    built = read_tree(out)
    golden = GOLDEN / name
    if update_golden:
        shutil.rmtree(golden, ignore_errors=True)
        write_tree(golden, built)
    assert golden.is_dir(), f"no golden output for {name}: run pytest --update-golden"
    expected = read_tree(golden)
    assert sorted(built) == sorted(expected), "the built files differ from the golden list"
    differing = [p for p in sorted(built) if built[p] != expected[p]]
    assert not differing, (f"{len(differing)} files differ from tests/golden/{name} "
                           "(after a deliberate change: pytest --update-golden):\n"
                           + _first_difference(name, differing[0], expected[differing[0]],
                                               built[differing[0]]))
