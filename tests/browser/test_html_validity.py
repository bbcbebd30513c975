"""The Nu HTML Checker (vnu.jar from npm, run with the machine's Java) finds no errors in any
page of either built site, nor in the theme's stylesheet."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from tests.browser.conftest import needs_node_module
from tests.browser.harness import ServedSite


def test_every_built_page_is_valid_html(served: dict[str, ServedSite]) -> None:
    java = shutil.which("java")
    if java is None:
        pytest.fail("java is not installed (bash .ci/run installs default-jre-headless)")
    jar = needs_node_module("vnu-jar") / "build" / "dist" / "vnu.jar"
    pages = sorted(p for site in served.values() for p in site.out.rglob("*.html"))
    stylesheets = sorted(p for site in served.values() for p in (site.out / "assets").glob("*.css"))
    assert len(pages) > 80, "both sites should have been built"
    done = subprocess.run(
        [java, "-jar", str(jar), "--errors-only", "--also-check-css", "--format", "json",
         *map(str, pages + stylesheets)],
        capture_output=True, text=True, timeout=900, check=False)
    messages = json.loads(done.stderr or done.stdout or '{"messages": []}')["messages"]
    errors = [f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m.get('message')}\n    "
              f"{m.get('extract', '').strip()}" for m in messages if m.get("type") != "info"]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)
    assert done.returncode == 0, done.stderr[-2000:]
