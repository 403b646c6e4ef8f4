"""Draw the two Teams app icons for Mag dit? (deterministic: same bytes on every run).

- color.png: 192×192, full bleed brand colour, a white speech bubble with a question mark and a
  small yellow badge with a check mark ("you asked, here is what is allowed").
- outline.png: 32×32, the same bubble and question mark in white on a fully transparent
  background. Every pixel is either opaque white or fully transparent (Teams wants white only).

Shapes are drawn with geometry, not fonts, so the result does not depend on installed fonts.
Run: .venv/bin/python scripts/make_icons.py
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter

APP_PACKAGE_DIR = Path(__file__).resolve().parent.parent / "deployment" / "appPackage"

BRAND = (15, 110, 110)  # deep teal, also the manifest's accentColor #0F6E6E
WHITE = (255, 255, 255)
BADGE = (255, 200, 61)  # warm yellow
COLOR_SIZE = 192
OUTLINE_SIZE = 32
SUPERSAMPLE = 8

Box = tuple[float, float, float, float]


def _scaled(box: Box, factor: float) -> Box:
    return (box[0] * factor, box[1] * factor, box[2] * factor, box[3] * factor)


def _round_line(
    draw: ImageDraw.ImageDraw, start: tuple[float, float], end: tuple[float, float], width: float, fill: int
) -> None:
    """A straight stroke with rounded caps."""
    draw.line([start, end], fill=fill, width=round(width))
    radius = width / 2
    for x, y in (start, end):
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=fill)


def _bubble_mask(size: int, body: Box, tail: Sequence[tuple[float, float]], radius: float) -> Image.Image:
    """A speech bubble (rounded body plus a tail) as an 'L' mask at the given size."""
    mask = Image.new("L", (size, size), 0)
    draw = ImageDraw.Draw(mask)
    draw.rounded_rectangle(body, radius=radius, fill=255)
    draw.polygon(tail, fill=255)
    return mask


def _question_mark(draw: ImageDraw.ImageDraw, cx: float, top: float, height: float, stroke: float) -> None:
    """A geometric question mark: a hook (arc), a short stem and a dot, centred on cx."""
    hook_r = height * 0.26
    hook_cy = top + hook_r + stroke / 2
    box = (cx - hook_r, hook_cy - hook_r, cx + hook_r, hook_cy + hook_r)
    draw.arc(box, start=180, end=90, fill=255, width=round(stroke))
    # Round the open end of the hook on the left.
    r = stroke / 2
    left_x, left_y = cx - hook_r + r, hook_cy
    draw.ellipse((left_x - r, left_y - r, left_x + r, left_y + r), fill=255)
    stem_top = (cx, hook_cy + hook_r - r)
    stem_bottom = (cx, top + height * 0.62)
    _round_line(draw, stem_top, stem_bottom, stroke, 255)
    dot_r = stroke * 0.62
    dot_cy = top + height - dot_r
    draw.ellipse((cx - dot_r, dot_cy - dot_r, cx + dot_r, dot_cy + dot_r), fill=255)


def draw_color_icon() -> Image.Image:
    """The 192×192 colour icon, drawn supersampled and reduced for smooth edges."""
    k = SUPERSAMPLE
    size = COLOR_SIZE * k
    image = Image.new("RGB", (size, size), BRAND)

    body = _scaled((30, 36, 162, 134), k)
    tail = [(58 * k, 128 * k), (48 * k, 162 * k), (92 * k, 128 * k)]
    bubble = _bubble_mask(size, body, tail, radius=30 * k)
    image.paste(WHITE, (0, 0), bubble)

    mark = Image.new("L", (size, size), 0)
    _question_mark(ImageDraw.Draw(mark), cx=96 * k, top=48 * k, height=76 * k, stroke=13 * k)
    image.paste(BRAND, (0, 0), mark)

    badge = Image.new("L", (size, size), 0)
    badge_draw = ImageDraw.Draw(badge)
    badge_draw.ellipse(_scaled((122, 112, 174, 164), k), fill=255)
    ring = Image.new("L", (size, size), 0)
    ImageDraw.Draw(ring).ellipse(_scaled((116, 106, 180, 170), k), fill=255)
    image.paste(BRAND, (0, 0), ring)  # a brand-coloured ring separates badge and bubble
    image.paste(BADGE, (0, 0), badge)

    check = Image.new("L", (size, size), 0)
    check_draw = ImageDraw.Draw(check)
    points = [(135 * k, 139 * k), (145 * k, 149 * k), (162 * k, 128 * k)]
    _round_line(check_draw, points[0], points[1], 8 * k, 255)
    _round_line(check_draw, points[1], points[2], 8 * k, 255)
    image.paste(BRAND, (0, 0), check)

    return image.resize((COLOR_SIZE, COLOR_SIZE), Image.Resampling.LANCZOS)


def draw_outline_icon() -> Image.Image:
    """The 32×32 outline icon: white strokes, binary alpha, RGB white everywhere."""
    k = SUPERSAMPLE
    size = OUTLINE_SIZE * k
    stroke = 2.4 * k

    outer = _bubble_mask(
        size, _scaled((2, 3, 30, 24), k), [(7 * k, 22 * k), (6 * k, 30 * k), (14 * k, 22 * k)], 6 * k
    )
    # The stroke is the bubble minus the bubble eroded by the stroke width.
    erode = 2 * round(stroke) + 1
    inner = outer.filter(ImageFilter.MinFilter(erode))
    alpha = ImageChops.subtract(outer, inner)
    _question_mark(ImageDraw.Draw(alpha), cx=16 * k, top=6.5 * k, height=14 * k, stroke=2.6 * k)

    small = alpha.resize((OUTLINE_SIZE, OUTLINE_SIZE), Image.Resampling.LANCZOS)
    binary = small.point(lambda value: 255 if value >= 128 else 0)
    image = Image.new("RGBA", (OUTLINE_SIZE, OUTLINE_SIZE), (*WHITE, 0))
    image.putalpha(binary)
    return image


def png_bytes(image: Image.Image) -> bytes:
    """Encode as PNG without metadata, so the bytes depend only on the pixels."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False, compress_level=9)
    return buffer.getvalue()


def write_icons(directory: Path) -> list[Path]:
    """Write color.png and outline.png into directory; only touch files whose bytes change."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, image in (("color.png", draw_color_icon()), ("outline.png", draw_outline_icon())):
        path = directory / name
        data = png_bytes(image)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
        written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    directory = Path(args[0]) if args else APP_PACKAGE_DIR
    for path in write_icons(directory):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
