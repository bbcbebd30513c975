"""axe-core finds no accessibility violations on any page type of either site, in light and
dark, at desktop and phone widths (with the page's JavaScript running, as readers see it)."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from tests.browser.conftest import needs_node_module, page_types
from tests.browser.harness import ServedSite

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 4).map(n => n.target.join(" ") + " | " + n.failureSummary)}));
}"""


# The page types whose layout changes most at phone width (grids, sticky columns, scrolling).
PHONE_LAYOUTS = ("home.html", "event.html", "full-timeline.html", "positions.html",
                 "party.html", "actor.html", "search.html")


def search_query(site: ServedSite) -> str:
    """A word every site has pages for: the first actor's surname."""
    actor = site.site.by_kind["actors"][0]
    return actor.label.split()[-1]


def axe_violations(context: Any, site: ServedSite, scheme: str,
                   templates: tuple[str, ...] = ()) -> list[str]:
    # Served beside the sites (not inline) so Chromium compiles it once and caches the code.
    axe = site.root / "axe.min.js"
    if not axe.exists():
        shutil.copyfile(needs_node_module("axe-core") / "axe.min.js", axe)
    page = context.new_page()
    problems: list[str] = []
    for template, path in page_types(site).items():
        if templates and template not in templates:
            continue
        if template == "search.html":  # with results showing, the page's busiest state
            path += f"?q={search_query(site)}"
        page.goto(site.url(path))
        if template == "search.html":
            page.wait_for_selector(".search-hit")
        dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert dark == (scheme == "dark"), "the colour scheme was not emulated"
        page.add_script_tag(url=site.origin + "/axe.min.js")
        for v in page.evaluate(RUN_AXE):
            nodes = "\n      ".join(v["nodes"])
            problems.append(f"{site.name} {path} ({template}, {scheme}): {v['id']} "
                            f"[{v['impact']}] {v['help']}\n      {nodes}")
    page.close()
    return problems


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("site_name", ["example", "full"])
def test_no_axe_violations_on_any_page_type(served: dict[str, ServedSite], browser: Any,
                                            site_name: str, scheme: str) -> None:
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    problems = axe_violations(context, served[site_name], scheme)
    context.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site_name", ["example", "full"])
def test_no_axe_violations_at_phone_width(served: dict[str, ServedSite], browser: Any,
                                          site_name: str) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 320, "height": 640})
    problems = axe_violations(context, served[site_name], "dark", PHONE_LAYOUTS)
    context.close()
    assert not problems, "\n".join(problems)
