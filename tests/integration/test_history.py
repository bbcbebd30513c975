"""Pages are dated from the project's git history when `updated:` does not say: a temporary
repository with two commits dates each page by the newer commit touching its files, and a
shallow clone dates nothing and says why."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest
from tests.helpers.sites import build, detente

from detente.build.pipeline import build_site
from detente.content.check import check_project
from detente.content.model import Site
from detente.incremental.patch import files_of, patch_site

CLEAN = Path(__file__).parent.parent / "fixtures" / "editorial" / "clean"
FIRST, SECOND = "2024-01-05T10:00:00+00:00", "2024-02-20T23:30:00+00:00"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(repo: Path, *args: str, date: str = FIRST) -> str:
    env = {**os.environ, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
           "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org",
           "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    done = subprocess.run(["git", "-C", str(repo), *args], env=env, capture_output=True,
                          text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """The clean editorial fixture in a repository: everything in the first commit, one
    party file changed in the second."""
    project = tmp_path / "repo"
    shutil.copytree(CLEAN, project)
    (project / "expected.txt").unlink(missing_ok=True)
    git(project, "init", "-q", "-b", "main")
    git(project, "add", ".")
    git(project, "commit", "-q", "-m", "first")
    parties = project / "content" / "parties" / "parties.yaml"
    parties.write_text(parties.read_text().replace("Kingdom of Southland", "Southland"))
    git(project, "commit", "-q", "-am", "second", date=SECOND)
    return project


def _site(project: Path) -> Site:
    result = check_project(project)
    assert result.site is not None, result.diagnostics.items
    return result.site


def test_each_page_is_dated_by_the_last_commit_touching_its_files(repo: Path) -> None:
    site = _site(repo)
    modified = {i: e.modified.iso() if e.modified else None for i, e in site.entities.items()
                if "#" not in i}
    assert modified == {
        "northland": "2024-02-20T23:30:00Z", "southland": "2024-02-20T23:30:00Z",  # one file
        "ana-north": "2024-01-05T10:00:00Z", "river-deal": "2024-01-05T10:00:00Z",
        "first-talks": "2024-01-05T10:00:00Z", "daily-report": "2024-01-05T10:00:00Z"}


def test_updated_wins_over_the_history(repo: Path) -> None:
    event = repo / "content" / "events" / "first-talks.yaml"
    event.write_text(event.read_text() + "updated: 2024-03-01\n")
    git(repo, "commit", "-q", "-am", "third", date="2024-03-05T08:00:00+00:00")
    talks = _site(repo).entities["first-talks"]
    assert talks.modified is not None and talks.modified.iso() == "2024-03-05T08:00:00Z"
    assert talks.last_updated is not None and talks.last_updated.iso() == "2024-03-01"


def test_pages_sitemap_json_ld_and_feed_say_the_same_date(repo: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    build(repo, out, "--no-search")
    party = (out / "parties" / "northland" / "index.html").read_text()
    assert '<p class="updated">Updated <time datetime="2024-02-20T23:30:00Z">20 February ' \
           '2024</time></p>' in party
    data = json.loads(party.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["mainEntityOfPage"]["dateModified"] == "2024-02-20T23:30:00Z"
    sitemap = (out / "sitemap.xml").read_text()
    assert ("<loc>https://example.org/checks/parties/northland/</loc>"
            "<lastmod>2024-02-20T23:30:00Z</lastmod>") in sitemap
    assert ("<loc>https://example.org/checks/events/first-talks/</loc>"
            "<lastmod>2024-01-05T10:00:00Z</lastmod>") in sitemap
    feed = (out / "feed.xml").read_text()
    assert "<published>2024-01-10T00:00:00Z</published>\n<updated>2024-01-05T10:00:00Z" \
           "</updated>" in feed


def test_a_site_zone_decides_the_day_shown(repo: Path, tmp_path: Path) -> None:
    config = repo / "detente.yaml"
    config.write_text(config.read_text() + "timezone: Asia/Tokyo\n")  # +09:00
    out = tmp_path / "site"
    build(repo, out, "--no-search")
    party = (out / "parties" / "northland" / "index.html").read_text()
    assert '<time datetime="2024-02-20T23:30:00Z">21 February 2024</time>' in party


def test_a_shallow_clone_dates_nothing_and_warns(repo: Path, tmp_path: Path) -> None:
    shallow = tmp_path / "shallow"
    subprocess.run(["git", "clone", "-q", "--depth", "1", f"file://{repo}", str(shallow)],
                   check=True, capture_output=True)
    result = check_project(shallow)
    assert [(str(d.span), d.code, d.message) for d in result.diagnostics.items] == [
        ("detente.yaml:1:1", "shallow-history",
         "dates from git need the full history: fetch-depth: 0")]
    assert result.site is not None
    assert all(e.modified is None for e in result.site.entities.values())
    run = detente("check", "--strict", shallow)
    assert run.code == 1 and "[shallow-history]" in run.stdout
    config = shallow / "detente.yaml"
    config.write_text(config.read_text() + "checks: {ignore: [shallow-history]}\n")
    assert check_project(shallow).diagnostics.items == []


def test_outside_a_checkout_nothing_is_dated_and_nothing_said(tmp_path: Path) -> None:
    project = tmp_path / "plain"
    shutil.copytree(CLEAN, project)
    result = check_project(project)
    assert result.diagnostics.items == []
    assert result.site is not None
    assert all(e.modified is None for e in result.site.entities.values())


def test_a_file_never_committed_is_not_dated(repo: Path) -> None:
    new = repo / "content" / "actors" / "cara-mede.yaml"
    new.write_text("name: Cara Mede\nroles:\n  - party: southland\n")
    site = _site(repo)
    assert site.entities["cara-mede"].modified is None
    assert site.entities["ana-north"].modified is not None


def _shown_date(out: Path, page: str) -> str:
    html = (out / page / "index.html").read_text()
    return html.split('<p class="updated">Updated <time datetime="')[1].split('"')[0]


def test_a_commit_alone_dates_pages_again_on_a_warm_build(repo: Path, tmp_path: Path) -> None:
    """Committing an edit changes no file of the project, yet the page's date."""
    out, cache = tmp_path / "site", tmp_path / "cache"
    parties = repo / "content" / "parties" / "parties.yaml"
    parties.write_text(parties.read_text().replace("short_name: Northland", "short_name: N."))
    an_hour_ago = time.time() - 3600  # old enough for the warm-build shortcut to apply
    for path in repo.rglob("*"):
        os.utime(path, (an_hour_ago, an_hour_ago))
    build_site(repo, out, search=False, cache_dir=cache)
    assert _shown_date(out, "parties/northland") == "2024-02-20T23:30:00Z"  # not committed
    git(repo, "commit", "-q", "-am", "third", date="2024-03-05T08:00:00+00:00")
    result = build_site(repo, out, search=False, cache_dir=cache)
    assert result.rendered > 0
    assert _shown_date(out, "parties/northland") == "2024-03-05T08:00:00Z"
    assert _shown_date(out, "events/first-talks") == "2024-01-05T10:00:00Z"


def test_a_live_edit_keeps_the_date_of_the_history(repo: Path) -> None:
    site = _site(repo)
    parties = repo / "content" / "parties" / "parties.yaml"
    parties.write_text(parties.read_text().replace("name: Southland", "name: South Land"))
    patch = patch_site(repo, site, files_of(site), ["content/parties/parties.yaml"])
    assert patch is not None and patch.changed == ("southland",)
    southland = patch.site.entities["southland"]
    assert southland.modified == site.entities["southland"].modified is not None
