"""Markdown rules, table-driven from tests/fixtures/markdown/cases.yaml: one input, its exact
HTML and the citations it collects, per case (add a case for every Markdown bug fixed)."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from detente.content.markdown import ProseContext, Target, make_markdown
from tests.helpers.markdown import render_markdown
from tests.helpers.sites import REPO

CASES_FILE = REPO / "tests" / "fixtures" / "markdown" / "cases.yaml"
TARGETS = {"ana": Target("Ana North", "/b/actors/ana/"),
           "deal": Target("The <river> deal & co", "/b/proposals/deal/")}
KEYS = {"name", "input", "html", "allow_html", "citations"}


def _cases() -> list[Any]:
    cases = yaml.safe_load(CASES_FILE.read_text("utf-8"))
    assert isinstance(cases, list) and len(cases) > 20
    for case in cases:
        assert set(case) <= KEYS and {"name", "input", "html"} <= set(case), case
    return [pytest.param(case, id=case["name"]) for case in cases]


@pytest.mark.parametrize("case", _cases())
def test_markdown_case(case: dict[str, Any]) -> None:
    context = ProseContext(TARGETS.get)
    md = make_markdown(bool(case.get("allow_html", False)))
    assert render_markdown(md, case["input"], context) == case["html"]
    assert context.citations == case.get("citations", [])


def test_case_names_are_unique() -> None:
    names = [p.id for p in _cases()]
    assert len(names) == len(set(names))
