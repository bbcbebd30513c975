"""The example site and the full fixture site build to their checked-in golden output.

Every file is compared byte for byte, and so is the list of files, for both paths a build
can take: cold (a working copy with no cache) and warm (built again with the record of the
last build gone: every page is carried over from the cache and the previous output). After a
deliberate change to the rendered output, rewrite the golden files with
`pytest --update-golden` and read the diff (`git diff tests/golden`) before committing it.

Built with `--no-search`: the Pagefind index under pagefind/ is written by the Pagefind
binary, whose bytes change with its version (pyproject accepts any >= 1.1), not by Detente.
That it is byte-identical from build to build is tested in test_build_output.py.

The pictures (each page's share.png, the favicons) are left out for the same reason: their
bytes are Pillow's and FreeType's, and change with their versions and the fonts installed.
That every page has its picture is tested in test_outputs_head.py, that two builds give the
same bytes in test_build_output.py.
"""

from __future__ import annotations

import difflib
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.sites import GOLDEN, build, read_tree, write_tree

from detente.build.pipeline import build_site
from detente.incremental.cache import CACHE_DIR
from detente.incremental.inputs import forget_last_build

pytestmark = pytest.mark.fast

PROJECTS = ("example", "full")
PICTURES = (".png", ".ico")


def _first_difference(name: str, path: str, expected: bytes, actual: bytes) -> str:
    try:
        lines = difflib.unified_diff(expected.decode().splitlines(),
                                     actual.decode().splitlines(),
                                     f"golden/{name}/{path}", f"built/{path}", lineterm="", n=1)
        return "\n".join(list(lines)[:40])
    except UnicodeDecodeError:
        return f"{path}: binary files differ"


@pytest.mark.parametrize("path", ["cold", "warm"])
@pytest.mark.parametrize("name", PROJECTS)
def test_build_matches_golden(name: str, path: str, site_copy: Callable[[str], Path],
                              tmp_path: Path, update_golden: bool) -> None:
    project = site_copy(name)
    out = tmp_path / "site"
    build(project, out, "--no-search")
    if path == "warm":
        forget_last_build(project / CACHE_DIR)  # not a no-op: the build looks at every page
        warm = build_site(project, out, search=False)
        assert warm.pages > 0 and warm.rendered == 0, "every page should be carried over"
    built = {file: data for file, data in read_tree(out).items()
             if not file.endswith(PICTURES)}
    golden = GOLDEN / name
    if update_golden and path == "cold":
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
