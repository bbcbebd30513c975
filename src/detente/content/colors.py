"""Party colours against the built-in theme's backgrounds (WCAG 2 contrast).

A party's colour marks it beside its name (chips, the matrix, swatches): WCAG 1.4.11 asks
3:1 against what surrounds it. Each theme shows a colour that falls short a shade darker
(light theme) or lighter (dark theme) instead, and `detente check` warns about it.
"""

from __future__ import annotations

from functools import cache

# The backgrounds a party colour is drawn on, per theme: --bg, --surface, --surface-2 of
# pages/theme/static/detente.css (tests/browser check the two agree).
LIGHT_BACKGROUNDS = ("#faf9f6", "#ffffff", "#f1efe9")
DARK_BACKGROUNDS = ("#131416", "#1b1d20", "#23262a")
MIN_CONTRAST = 3.0


def _channels(color: str) -> tuple[int, int, int]:
    return int(color[1:3], 16), int(color[3:5], 16), int(color[5:7], 16)


def luminance(color: str) -> float:
    """WCAG 2 relative luminance of '#rrggbb'."""
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in _channels(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def worst_contrast(color: str, backgrounds: tuple[str, ...]) -> float:
    return min(contrast(color, background) for background in backgrounds)


@cache
def shade_for(color: str, dark: bool) -> str:
    """`color` as the theme shows it: itself if it stands out from every background of the
    theme, else mixed towards white (dark theme) or black (light theme) until it does."""
    backgrounds = DARK_BACKGROUNDS if dark else LIGHT_BACKGROUNDS
    if worst_contrast(color, backgrounds) >= MIN_CONTRAST:
        return color
    target = 255 if dark else 0
    channels = _channels(color)
    for step in range(1, 101):
        mixed = "#" + "".join(f"{round(c + (target - c) * step / 100):02x}" for c in channels)
        if worst_contrast(mixed, backgrounds) >= MIN_CONTRAST:
            return mixed
    return "#ffffff" if dark else "#000000"


def contrast_problem(color: str) -> str:
    """'' if `color` stands out in both themes; else what falls short and what is shown."""
    problems = []
    for name, dark, backgrounds in (("light", False, LIGHT_BACKGROUNDS),
                                    ("dark", True, DARK_BACKGROUNDS)):
        worst = worst_contrast(color, backgrounds)
        if worst < MIN_CONTRAST:
            problems.append(f"{worst:.2f}:1 against the {name} theme's background (shown as "
                            f"{shade_for(color, dark)} there)")
    return "; ".join(problems)
