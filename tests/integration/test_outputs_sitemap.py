"""sitemap.xml validates against the sitemaps.org schema and lists every page; robots.txt
points at it."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import pytest
from tests.helpers.sites import REPO, build

SCHEMA = REPO / "tests" / "schemas" / "sitemap.xsd"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE_URLS = {"example": "https://example.org/explainer/", "full": "https://example.org/verrand/"}
NOT_LISTED = {f"{lang}{page}" for lang in ("", "uk/")  # (the example's translation)
              for page in ("404.html", "search/index.html")}


def xmllint(*args: str | Path) -> subprocess.CompletedProcess[str]:
    found = shutil.which("xmllint")
    assert found, "xmllint is needed (Debian: libxml2-utils; .ci/run installs it)"
    return subprocess.run([found, *map(str, args)], capture_output=True, text=True)


@pytest.fixture(scope="module", params=sorted(BASE_URLS))
def built(request: pytest.FixtureRequest, built_site: Callable[..., Path]) -> tuple[Path, str]:
    return built_site(request.param, "--no-search"), BASE_URLS[request.param]


def test_sitemap_validates_against_the_sitemaps_org_schema(built: tuple[Path, str]) -> None:
    out, _base = built
    run = xmllint("--noout", "--schema", SCHEMA, out / "sitemap.xml")
    assert run.returncode == 0, run.stderr


def test_the_schema_rejects_a_misnamed_element_or_a_bad_priority(
        built: tuple[Path, str], tmp_path: Path) -> None:
    out, _base = built
    text = (out / "sitemap.xml").read_text("utf-8")
    for broken in (text.replace("<loc>", "<location>", 1).replace("</loc>", "</location>", 1),
                   text.replace("<url>", "<url><priority>2</priority>", 1)):
        path = tmp_path / "sitemap.xml"
        path.write_text(broken, "utf-8")
        assert xmllint("--noout", "--schema", SCHEMA, path).returncode != 0


def test_sitemap_lists_every_page_once_by_its_full_address(built: tuple[Path, str]) -> None:
    out, base = built
    locs = [loc.text or "" for loc in ET.parse(out / "sitemap.xml").getroot()
            .iter(f"{SM}loc")]
    assert len(locs) == len(set(locs))
    assert all(loc.startswith(base) for loc in locs)
    listed = {(loc.removeprefix(base) + "index.html") if loc.endswith("/")
              else loc.removeprefix(base) for loc in locs}
    pages = {p.relative_to(out).as_posix() for p in out.rglob("*.html")}
    assert listed == pages - NOT_LISTED
    assert "data/index.html" in listed and "" not in listed


def test_robots_txt_points_at_the_sitemap(built: tuple[Path, str]) -> None:
    out, base = built
    lines = (out / "robots.txt").read_text("utf-8").splitlines()
    assert lines[:2] == ["User-agent: *", "Disallow:"]
    assert f"Sitemap: {base}sitemap.xml" in lines


def test_a_site_without_a_host_has_no_sitemap(site_copy: Callable[[str], Path],
                                              tmp_path: Path) -> None:
    """Sitemaps take full addresses only; base_url '/preview/' cannot give them."""
    out = tmp_path / "site"
    build(site_copy("full"), out, "--no-search", "--base-url", "/preview/")
    assert not (out / "sitemap.xml").exists()
    assert "Sitemap:" not in (out / "robots.txt").read_text("utf-8")
