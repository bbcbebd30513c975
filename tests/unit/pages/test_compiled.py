"""Templates are compiled once per process: environments that differ only in their catalogs
share the code; a changed source or a setting that changes the code compiles anew."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
import pytest

from detente.pages.compiled import SharedBytecode
from detente.pages.render import make_environment
from tests.helpers.sites import PROJECTS


def _refuse_to_compile(env: jinja2.Environment, monkeypatch: pytest.MonkeyPatch) -> None:
    def compile_(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("compiled again")

    monkeypatch.setattr(env, "compile", compile_)


def test_a_second_language_reuses_the_first_ones_code(monkeypatch: pytest.MonkeyPatch) -> None:
    project = PROJECTS["example"]
    english = make_environment(project, "en")
    english.get_template("event.html")
    ukrainian = make_environment(project, "uk")
    _refuse_to_compile(ukrainian, monkeypatch)
    template = ukrainian.get_template("event.html")
    assert template.environment is ukrainian  # its own catalog, the shared code


def _env(cache: SharedBytecode, source: str, **settings: Any) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader({"t.html": source}),
                              bytecode_cache=cache, **settings)


def test_a_changed_source_is_compiled_again() -> None:
    cache = SharedBytecode()
    assert _env(cache, "one {{ x }}").get_template("t.html").render(x=1) == "one 1"
    assert _env(cache, "two {{ x }}").get_template("t.html").render(x=1) == "two 1"


def test_settings_that_change_the_code_are_not_shared(monkeypatch: pytest.MonkeyPatch) -> None:
    cache = SharedBytecode()
    source = "{% if x %}\nyes\n{% endif %}"
    assert _env(cache, source).get_template("t.html").render(x=1) == "\nyes\n"
    trimmed = _env(cache, source, trim_blocks=True)
    assert trimmed.get_template("t.html").render(x=1) == "yes\n"
    same = _env(cache, source, trim_blocks=True)
    _refuse_to_compile(same, monkeypatch)
    assert same.get_template("t.html").render(x=1) == "yes\n"


def test_a_site_template_is_not_taken_for_the_theme_one(tmp_path: Path) -> None:
    theme = make_environment(PROJECTS["full"], "en").get_template("base.html")
    project = tmp_path / "site"
    (project / "templates").mkdir(parents=True)
    (project / "templates" / "base.html").write_text("own base {{ 1 + 1 }}")
    own = make_environment(project, "en").get_template("base.html")
    assert own.render() == "own base 2"
    assert own.filename != theme.filename
