"""End to end: `detente serve` in a subprocess, the page in headless Chromium; every save
shows up without a manual reload, and a broken reference shows an overlay naming the file
and line until it is fixed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright
from tests.browser.harness import CHROMIUM, CHROMIUM_ARGS
from tests.helpers.serve import ServeProcess, save_aldmark

WAIT_MS = 60_000  # a rebuild takes about a second; the machine is shared


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def project(site_copy: Callable[[str], Path]) -> Path:
    return site_copy("full")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    page = context.new_page()
    yield page
    context.close()


def test_save_reloads_and_errors_show_in_an_overlay(project: Path, serve: ServeProcess,
                                                    page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400
            else None)
    page.goto(serve.url("parties/aldmark/"))
    heading = page.locator("main h1")
    expect(heading).to_have_text("Republic of Aldmark")
    overlay = page.locator("#detente-overlay")
    expect(overlay).to_have_count(0)

    save_aldmark(project, "Republic of Aldmark (edited)", "norway")
    expect(heading).to_have_text("Republic of Aldmark (edited)", timeout=WAIT_MS)

    save_aldmark(project, "Republic of Aldmark (broken)", "norwya")
    where = overlay.locator("code.where")
    expect(where).to_have_text("content/parties/aldmark.yaml:6:11", timeout=WAIT_MS)
    expect(overlay.locator(".message")).to_contain_text("norwya")
    expect(overlay.locator(".hint")).to_contain_text("norway")
    expect(heading).to_have_text("Republic of Aldmark (edited)")  # the last good page stays

    save_aldmark(project, "Republic of Aldmark (fixed)", "norway")
    expect(heading).to_have_text("Republic of Aldmark (fixed)", timeout=WAIT_MS)
    expect(overlay).to_have_count(0)
    assert page.locator('script[src="/__detente/client.js"]').count() == 1
    assert errors == []


def test_overlay_shows_markup_in_messages_as_text(project: Path, serve: ServeProcess,
                                                  page: Page) -> None:
    page.goto(serve.url("parties/aldmark/"))
    expect(page.locator("main h1")).to_have_text("Republic of Aldmark")
    save_aldmark(project, "Aldmark", "'<img src=x onerror=window.pwned=1>'")
    overlay = page.locator("#detente-overlay")
    expect(overlay.locator(".message")).to_contain_text("<img src=x", timeout=WAIT_MS)
    assert overlay.locator("img").count() == 0
    assert page.evaluate("window.pwned") is None
    overlay.get_by_role("button", name="Dismiss").click()
    expect(overlay).to_have_count(0)
