"""Share pictures and the favicon, drawn with Pillow: PNG (and ICO) bytes, the same bytes
for the same card on the same Pillow and fonts (no timestamps, no text metadata).

Text is set in DejaVu (Sans and Serif: the fonts-dejavu-core package on Debian and Ubuntu,
free to use under the Bitstream Vera licence and public-domain changes); where it is not
installed, Pillow's own bundled font (Aileron, CC0) stands in.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterator
from functools import cache, lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from detente.content.model import Site
from detente.pages.share import ShareCard

SIZE = (1200, 630)
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
             "/usr/share/fonts/TTF", "/usr/local/share/fonts")
# The light theme's colours (pages/theme/static/detente.css).
BACKGROUND, INK, MUTED, MARK, LINE = "#faf9f6", "#1d1c1a", "#5b5852", "#a3351a", "#dcd8cf"
ACCENT = "#1a55ad"
Font = ImageFont.FreeTypeFont | ImageFont.ImageFont


@cache
def font_file(name: str) -> Path | None:
    for folder in FONT_DIRS:
        path = Path(folder) / name
        if path.is_file():
            return path
    return None


@cache
def font(name: str, size: int) -> Font:
    path = font_file(name)
    if path is None:
        return ImageFont.load_default(size)
    return ImageFont.truetype(str(path), size)


def fingerprint() -> str:
    """What the pictures' bytes depend on besides the cards: Pillow and the fonts."""
    import PIL

    digest = hashlib.blake2b(PIL.__version__.encode(), digest_size=8)
    for name in ("DejaVuSans-Bold.ttf", "DejaVuSans.ttf", "DejaVuSerif-Bold.ttf"):
        path = font_file(name)
        digest.update(path.read_bytes() if path is not None else b"-")
    return digest.hexdigest()


def _png(image: Image.Image) -> bytes:
    """The fastest compression: a card is mostly flat colour, and at 1 it is half the work of
    the default for a file a third larger (about 24 KB)."""
    out = io.BytesIO()
    image.save(out, "PNG", compress_level=1)
    return out.getvalue()


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _mix(a: tuple[int, int, int], b: tuple[int, int, int], t: float) -> tuple[int, int, int]:
    return (round(a[0] + (b[0] - a[0]) * t), round(a[1] + (b[1] - a[1]) * t),
            round(a[2] + (b[2] - a[2]) * t))


class _Canvas:
    """A palette picture drawn fast: text is set in small greyscale masks, each pasted as
    indices into a palette of shades from the background to its colour (16 per colour), so
    the picture is never quantised and compresses as the flat thing it is."""

    SHADES = 16

    def __init__(self, size: tuple[int, int], background: str) -> None:
        self.index = Image.new("L", size, 0)
        self.palette: list[tuple[int, int, int]] = [_rgb(background)]
        self.background = _rgb(background)
        self.ramps: dict[str, int] = {}
        self.solids: dict[str, int] = {}

    def _ramp(self, colour: str) -> int:
        if colour not in self.ramps:
            self.ramps[colour] = len(self.palette) - 1
            ink = _rgb(colour)
            self.palette += [_mix(self.background, ink, i / (self.SHADES - 1))
                             for i in range(1, self.SHADES)]
        return self.ramps[colour]

    def solid(self, colour: str) -> int:
        if colour not in self.solids:
            self.solids[colour] = len(self.palette)
            self.palette.append(_rgb(colour))
        return self.solids[colour]

    def text(self, xy: tuple[int, int], text: str, face: Font, colour: str) -> None:
        drawn = _text_mask(text, face)
        if drawn is None:
            return
        mask, left, top = drawn
        self.index.paste(mask.point(_shade_table(self._ramp(colour), self.SHADES)),
                         (xy[0] + left, xy[1] + top))

    def rectangle(self, box: tuple[int, int, int, int], colour: str) -> None:
        ImageDraw.Draw(self.index).rectangle(box, fill=self.solid(colour))

    def png(self) -> bytes:
        self.index.putpalette([v for colour in self.palette for v in colour])  # L → P in place
        return _png(self.index)


@cache
def _shade_table(base: int, shades: int) -> list[int]:
    """A text mask's grey levels → palette indices: the ramp of its colour from `base`."""
    return [0] + [base + max(1, v * (shades - 1) // 255) for v in range(1, 256)]


@lru_cache(maxsize=256)  # the site's title, labels and dates recur on card after card
def _text_mask(text: str, face: Font) -> tuple[Image.Image, int, int] | None:
    left, top, right, bottom = (round(v) for v in face.getbbox(text))
    if right <= left or bottom <= top:
        return None
    mask = Image.new("L", (right - left, bottom - top), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, font=face, fill=255)
    return mask, left, top


def share_png(card: ShareCard) -> bytes:
    width, height = SIZE
    canvas = _Canvas(SIZE, BACKGROUND)
    colours = card.colours or (ACCENT,)
    band = width / len(colours)
    for n, colour in enumerate(colours):
        canvas.rectangle((round(n * band), 0, round((n + 1) * band) - 1, 17), colour)
    left, top = 72, 70
    canvas.text((left, top), card.site_title, font("DejaVuSans-Bold.ttf", 30), MUTED)
    y = top + 70
    if card.label:
        canvas.text((left, y), card.label.upper(), font("DejaVuSans-Bold.ttf", 26), MARK)
        y += 50
    title_font = font("DejaVuSerif-Bold.ttf", 62)
    for line in _wrap(card.title, title_font, width - 2 * left, 4):
        canvas.text((left, y), line, title_font, INK)
        y += 78
    canvas.rectangle((left, height - 97, width - left, height - 96), LINE)
    if card.date:
        canvas.text((left, height - 78), card.date, font("DejaVuSans.ttf", 32), INK)
    return canvas.png()


def _wrap(text: str, face: Font, width: int, lines: int) -> list[str]:
    """`text` in at most `lines` lines of at most `width` pixels, cut with '…' if longer."""
    out: list[str] = []
    words = text.split()
    while words and len(out) < lines:
        line = words.pop(0)
        if face.getlength(line) > width:  # a word wider than a line: cut where it fits
            cut = len(line) - 1
            while cut > 1 and face.getlength(line[:cut]) > width:
                cut -= 1
            words.insert(0, line[cut:])
            line = line[:cut]
        while words and face.getlength(f"{line} {words[0]}") <= width:
            line += " " + words.pop(0)
        out.append(line)
    if words and out:
        last = out[-1]
        while len(last) > 1 and face.getlength(last + " …") > width:
            last = last.rsplit(" ", 1)[0] if " " in last else last[:-1]
        out[-1] = last + " …"
    return out


def favicon_pngs(letter: str, sizes: tuple[int, ...]) -> dict[int, Image.Image]:
    """The site's initial, white on the theme's accent, in a rounded square, per size."""
    out = {}
    for size in sizes:
        image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        draw = ImageDraw.Draw(image)
        draw.rounded_rectangle((0, 0, size - 1, size - 1), radius=max(2, size // 6),
                               fill=ACCENT)
        face = font("DejaVuSerif-Bold.ttf", round(size * 0.68))
        draw.text((size / 2, size / 2), letter, font=face, fill="#ffffff", anchor="mm")
        out[size] = image
    return out


def favicon_files(title: str) -> dict[str, bytes]:
    """favicon.ico (16, 32, 48), apple-touch-icon.png (180) and favicon.svg."""
    letter = next((c for c in title if c.isalnum()), "D").upper()
    images = favicon_pngs(letter, (16, 32, 48, 180))
    ico = io.BytesIO()
    images[48].save(ico, "ICO", sizes=[(16, 16), (32, 32), (48, 48)],
                    append_images=[images[16], images[32]])
    touch = Image.new("RGB", (180, 180), ACCENT)
    touch.paste(images[180], (0, 0), images[180])
    svg = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">'
           f'<rect width="32" height="32" rx="6" fill="{ACCENT}"/>'
           '<text x="16" y="23" text-anchor="middle" font-family="DejaVu Serif, Georgia, serif" '
           f'font-weight="700" font-size="22" fill="#fff">{_xml(letter)}</text></svg>\n')
    return {"favicon.ico": ico.getvalue(), "apple-touch-icon.png": _png(touch),
            "favicon.svg": svg.encode("utf-8")}


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def produce(site: Site) -> Iterator[tuple[str, tuple[bytes]]]:
    """The favicon set, at the site's root."""
    for name, data in favicon_files(site.config.title).items():
        yield name, (data,)
