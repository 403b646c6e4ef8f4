"""A screenshot made safe to keep: the type checked by its first bytes (not its name or the sender's
content type), decoded by Pillow within a pixel limit, and re-encoded from pixels only, so EXIF, GPS,
comments and any other metadata or trailing data are gone.

Larger than MAX_SIDE on a side, it is kept at MAX_SIDE (a 4K screen stays readable): a JPEG is decoded
at 1/2, 1/4 or 1/8 scale straight away when that is still at least the kept size (Pillow's draft mode),
which bounds time and memory; other formats are reduced after decoding. Plain CPU work:
`bot.reporting.decoding` runs it off the event loop.
"""

from __future__ import annotations

import io
import os
import warnings
from dataclasses import dataclass
from typing import Final

from PIL import Image, ImageOps, UnidentifiedImageError

from bot.reporting.model import ImageType

MAX_PIXELS: Final = 40_000_000  # far above any phone screenshot, far below a decompression bomb
MAX_SIDE: Final = 3000  # pixels kept on the longest side
# Pillow's format name for each type we accept, found by magic bytes.
FORMATS: Final[dict[str, ImageType]] = {
    "PNG": "image/png",
    "JPEG": "image/jpeg",
    "GIF": "image/gif",
    "WEBP": "image/webp",
}


class NotAnImageError(ValueError):
    """Not a PNG, JPEG, GIF or WebP, or not decodable as one."""


@dataclass(frozen=True)
class CleanImage:
    content_type: ImageType
    width: int
    height: int
    data: bytes


def sniff(data: bytes) -> str | None:
    """The format by magic bytes: PNG, JPEG, GIF or WEBP; None for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if data.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if data[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def clean_image(data: bytes) -> CleanImage:
    """Decode and re-encode: JPEG stays JPEG, everything else becomes PNG (first frame of an animation)."""
    kind = sniff(data)
    if kind is None:
        raise NotAnImageError("not a PNG, JPEG, GIF or WebP")
    pixels = _decoded(data, kind)
    # A new image with the pixels alone: no info, no EXIF, no ICC profile, no text chunks. Pasted in C with
    # the GIL released; `frombytes(tobytes())` held it for much of a 3000² photo's 27 MB round trip through
    # a bytes object (~15 ms in which no other turn of this process moves).
    fresh = Image.new(pixels.mode, pixels.size)
    fresh.paste(pixels)
    del pixels  # one full-size copy at a time (memory bound, `decoding`)
    if kind == "JPEG":
        rgb = fresh if fresh.mode == "RGB" else fresh.convert("RGB")
        encoded = _encoded(rgb, "JPEG", quality=90, optimize=True)
        content_type: ImageType = "image/jpeg"
    else:
        encoded = _encoded(fresh, "PNG", optimize=True)
        content_type = "image/png"
    return CleanImage(content_type=content_type, width=fresh.width, height=fresh.height, data=encoded)


def _decoded(data: bytes, kind: str) -> Image.Image:
    """The first frame, upright, at most MAX_SIDE on a side, in mode RGB, RGBA or L."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=[kind]) as opened:
                if opened.width * opened.height > MAX_PIXELS:
                    raise NotAnImageError("too many pixels")
                opened.seek(0)
                kept = _reduced(opened) if max(opened.size) > MAX_SIDE else opened
                ImageOps.exif_transpose(kept, in_place=True)  # keep the photo's orientation, drop the tag
                return _plain_mode(kept)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:  # fmt: skip
        if isinstance(error, NotAnImageError):
            raise
        raise NotAnImageError(f"cannot decode: {type(error).__name__}") from None


def _reduced(opened: Image.Image) -> Image.Image:
    """`opened` scaled to MAX_SIDE on its longest side. A JPEG is first told to decode at the smallest
    1/2, 1/4 or 1/8 scale that is still at least that size (draft mode: a 6300² photo decodes at 3150²,
    a quarter of the pixels); `thumbnail` alone would ask for twice the kept size, which a photo under
    2 × MAX_SIDE never is. Bilinear is ~4x cheaper than Lanczos here."""
    scale = MAX_SIDE / max(opened.size)
    size = (max(1, round(opened.width * scale)), max(1, round(opened.height * scale)))
    drafted = opened.draft(None, size)  # None for formats without a draft mode
    box = drafted[1] if drafted is not None else None  # the part of the reduced pixels that is the image
    return opened.resize(size, Image.Resampling.BILINEAR, box=box, reducing_gap=2.0)


def _encoded(image: Image.Image, kind: str, **options: object) -> bytes:
    """`image` saved as `kind`. Into a file with a descriptor Pillow encodes with the GIL released; into
    a BytesIO its JPEG encoder holds the GIL for the whole image (~60-100 ms for a 3000² photo, in which
    no other turn of this process moves). The file is anonymous memory (memfd), never on a disk; where
    there is none (not Linux), a BytesIO."""
    try:
        descriptor = os.memfd_create("screenshot", os.MFD_CLOEXEC)
    except (AttributeError, OSError):
        out = io.BytesIO()
        image.save(out, format=kind, **options)
        return out.getvalue()
    with open(descriptor, "w+b") as memory:
        image.save(memory, format=kind, **options)
        memory.seek(0)
        return memory.read()


def _plain_mode(image: Image.Image) -> Image.Image:
    """`image` itself when its mode needs no conversion (`clean_image` copies the pixels anyway)."""
    if image.mode in ("RGB", "RGBA", "L"):
        return image
    return image.convert("RGBA" if "A" in image.getbands() or "transparency" in image.info else "RGB")


def pixel_count(data: bytes) -> int:
    """Width × height from the header alone (no decoding); 0 when it cannot be read."""
    kind = sniff(data)
    if kind is None:
        return 0
    try:
        with Image.open(io.BytesIO(data), formats=[kind]) as opened:
            return int(opened.width * opened.height)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return 0
