"""`detente new KIND ID --lang LANG`: an overlay listing what may be translated."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.helpers.sites import detente


def test_new_overlay_lists_the_translatable_fields(site_copy: Callable[[str], Path]) -> None:
    project = site_copy("arabic")
    (project / "content" / "events" / "events.ar.yaml").unlink()
    run = detente("new", "event", "first-talks", project, "--lang", "ar")
    assert run.code == 0, run.stderr
    path = project / "content" / "events" / "first-talks.ar.yaml"
    text = path.read_text("utf-8")
    assert "id: first-talks\n" in text  # (a list file's entity: its id is not the name)
    assert "# title: First talks\n" in text and "# - text: We came to listen.\n" in text
    for untranslatable in ("date:", "parties:", "source:", "by:", "claimed_by:"):
        assert untranslatable not in text
    before = detente("check", project)  # all commented out: nothing translated yet
    assert before.code == 0 and "ar: 20 of 34" in before.stderr
    path.write_text(text.replace("# title: First talks", "title: المحادثات الأولى"), "utf-8")
    checked = detente("check", project)
    assert checked.code == 0 and "ar: 21 of 34" in checked.stderr


def test_new_overlay_refuses_a_language_the_site_lacks(site_copy: Callable[[str], Path]) -> None:
    project = site_copy("arabic")
    run = detente("new", "event", "first-talks", project, "--lang", "he")
    assert run.code == 2
    assert "'he' is not one of the site's other languages (ar)" in run.stderr
