"""Screenshots for the README: home, an actor, an event, the timeline and the matrix of the
example site, at phone and desktop widths, light and dark, with fixed names
(`<page>-<device>-<scheme>.png`). Written to a temporary folder; with
DETENTE_UPDATE_SCREENSHOTS=1 to docs/screenshots/ (tests never write into the repository
unless asked)."""

from __future__ import annotations

import os
import struct
from pathlib import Path
from typing import Any

import pytest
from tests.browser.harness import ServedSite

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
PAGES = {
    "home": "",
    "actor": "actors/volodymyr-zelenskyy/",
    "event": "events/2025-03-18-trump-putin-call/",
    "timeline": "timeline/",
    "matrix": "positions/",
}
DEVICES = {"phone": (390, 844), "desktop": (1280, 900)}
SCREENS = 1.6  # how many screens of the page each picture shows, from the top


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", list(DEVICES))
def test_screenshots(served: dict[str, ServedSite], browser: Any, device: str,
                     scheme: str, tmp_path: Path) -> None:
    out = OUT if os.environ.get("DETENTE_UPDATE_SCREENSHOTS") == "1" else tmp_path
    site = served["example"]
    width, height = DEVICES[device]
    context = browser.new_context(viewport={"width": width, "height": height},
                                  color_scheme=scheme, device_scale_factor=1,
                                  is_mobile=device == "phone", has_touch=device == "phone")
    page = context.new_page()
    out.mkdir(parents=True, exist_ok=True)
    for name, path in PAGES.items():
        page.goto(site.url(path))
        page.evaluate("document.fonts.ready.then(() => true)")  # pictures are in at load
        full = page.evaluate("document.documentElement.scrollHeight")
        shown = min(full, int(height * SCREENS))
        target = out / f"{name}-{device}-{scheme}.png"
        page.screenshot(path=str(target), full_page=True, animations="disabled", caret="hide",
                        clip={"x": 0, "y": 0, "width": width, "height": shown})
        assert png_size(target) == (width, shown)
        dark = page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert dark == (scheme == "dark")
    context.close()
