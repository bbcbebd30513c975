"""The recipes (docs/recipes.md) and the publishing page show files that work.

Every file block of the recipes is written, in order, into a new project made by
`detente init` (the recipes build on its sample); the project must then check and build with
--strict, and the built pages must show what the recipes say they show.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from tests.helpers.docblocks import DOCS, REPO, blocks

from detente.cli.scaffold.project import create_project
from detente.pages.assets import THEME


def detente(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "detente", *args, str(project)],
                          capture_output=True, text=True, timeout=300, check=False)


def text_of(path: Path) -> str:
    """A page's text without tags, whitespace collapsed: what a reader sees."""
    html = path.read_text(encoding="utf-8")
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("recipes") / "venna"
    create_project(root)
    written = 0
    for block in blocks("recipes.md"):
        if block.title is None:
            continue
        path = root / block.title
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block.text + ("" if block.text.endswith("\n") else "\n"),
                        encoding="utf-8")
        written += 1
    assert written >= 9
    done = detente(root, "build", "--strict", "--no-search", "--quiet")
    assert done.returncode == 0, done.stdout + done.stderr
    return root


def test_every_block_of_the_recipes_is_a_whole_file() -> None:
    for block in blocks("recipes.md"):
        assert block.title, f"recipes.md:{block.line}: give the block a title=\"path\""


def test_recipes_check_strict_with_and_without_drafts(project: Path) -> None:
    for extra in ((), ("--drafts",)):
        done = detente(project, "check", "--strict", *extra)
        assert (done.returncode, done.stdout, done.stderr) == (0, "", ""), extra


def test_quotes(project: Path) -> None:
    event = text_of(project / "site/events/2031-05-20-ostria-briefing/index.html")
    assert "In their words" in event
    assert "Forty per cent is our ceiling, not our floor." in event
    assert "nobody can call ours" in event
    actor = text_of(project / "site/actors/teodor-vass/index.html")
    assert "Forty per cent is our ceiling, not our floor." in actor


def test_accounts_and_disputed_claims(project: Path) -> None:
    event = text_of(project / "site/events/2031-05-25-dam-release/index.html")
    assert "How each side told it" in event
    assert "A routine safety test of the sluice gates" in event
    assert "A deliberate release to lower the lake" in event
    assert "The release lowered the lake by 40 centimetres." in event


def test_stance_history_and_status_history(project: Path) -> None:
    plan = text_of(project / "site/proposals/venna-water-sharing-plan/index.html")
    history = plan.split("Who stands where", 1)[1]
    ostria = history[history.index("Ostria"):]
    # Ostria's three stances, oldest first: the sample's, then the recipe's two.
    assert re.search(r"conditional 14 May 2031 .* conditional 20 May 2031 .* opposes 26 May 2031",
                     ostria), ostria[:600]
    assert "Status history" in plan and "suspended" in plan
    assert "Ostria withdrew after the dam release." in plan


def test_the_matrix_on_the_day_a_stance_changed(project: Path) -> None:
    day = text_of(project / "site/positions/2031-05-26/index.html")
    assert "Who stood where on 26 May 2031" in day
    assert "opposes" in day and "suspended" in day
    changes = text_of(project / "site/changes/index.html")
    assert changes.index("26 May 2031") < changes.index("20 May 2031")


def test_a_correction(project: Path) -> None:
    event = text_of(project / "site/events/2031-05-26-ostria-statement/index.html")
    assert "Correction Corrected 28 May 2031 An earlier version dated the statement" in event
    corrections = text_of(project / "site/corrections/index.html")
    assert "A correction to Ostria explains the dam release" in corrections


def test_a_draft_stays_out_until_published(project: Path, tmp_path: Path) -> None:
    assert not (project / "site/proposals/commission-charter").exists()
    event = project / "content/events/2031-06-05-charter-talks.yaml"
    event.write_text("title: Charter talks\ndate: 2031-06-05\nsource: lakes-review-2031\n"
                     "proposals: [commission-charter]\n", encoding="utf-8")
    try:
        done = detente(project, "check")
        assert done.returncode == 1
        assert re.match(r"content/events/2031-06-05-charter-talks\.yaml:4:\d+: error: "
                        r"'commission-charter' refers to a draft", done.stdout), done.stdout
        assert detente(project, "check", "--drafts").returncode == 0
    finally:
        event.unlink()


def test_dates_ranges_and_approximate_dates(project: Path) -> None:
    summit = text_of(project / "site/events/2031-06-10-summit/index.html")
    assert "10 June 2031, 09:00 UTC+02:00 – 12 June 2031, 18:00 UTC+02:00" in summit
    contacts = text_of(project / "site/events/2031-04-first-contacts/index.html")
    assert "c. April 2031" in contacts


def test_the_template_override_is_the_example_sites_and_works(project: Path) -> None:
    override = next(b for b in blocks("recipes.md") if b.title == "templates/event.html")
    assert override.text == (REPO / "templates/event.html").read_text(encoding="utf-8")
    event = text_of(project / "site/events/2031-05-12-talvik-round/index.html")
    assert "How this page is sourced" in event and "How each side told it" in event


def test_the_recipes_list_every_theme_template() -> None:
    text = (DOCS / "recipes.md").read_text(encoding="utf-8")
    listed = text.split("The templates you can replace are:", 1)[1].split("\n\n", 1)[0]
    names = set(re.findall(r"`([\w-]+\.html)`", listed))
    theme = {p.name for p in (Path(str(THEME)) / "templates").glob("*.html")}
    assert names == theme


def test_publishing_shows_the_ci_files_init_writes(tmp_path: Path) -> None:
    create_project(tmp_path / "site")
    shown = {b.title: b.text for b in blocks("publishing.md") if b.title}
    assert set(shown) == {".github/workflows/detente.yml", ".gitlab-ci.yml"}
    for path, text in shown.items():
        assert text == (tmp_path / "site" / path).read_text(encoding="utf-8"), path
