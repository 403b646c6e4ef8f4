"""Big photos cleaned at reduced cost: what is kept looks like a full decode scaled down (a JPEG is decoded
at reduced scale), the photo stays upright, no metadata of any kind survives, the bytes do not depend on
where Pillow encodes into, and the decoding thread gives way to the event loop."""

from __future__ import annotations

import io
import os
import sys
import threading

import pytest
from PIL import Image, ImageChops, ImageCms, ImageStat, PngImagePlugin

from bot.reporting import decoding
from bot.reporting.decoding import ImageCleaner
from bot.reporting.images import MAX_SIDE, _reduced, clean_image

RED = (220, 30, 30)


def landscape_photo(size: tuple[int, int], orientation: int | None = None) -> bytes:
    """A JPEG whose top half is red and bottom half a horizontal gradient over blue, with an EXIF
    orientation tag when given."""
    width, height = size
    image = Image.new("RGB", size, RED)
    ramp = Image.linear_gradient("L").rotate(90).resize((width, height - height // 2))
    image.paste(Image.merge("RGB", (ramp, Image.new("L", ramp.size, 30), Image.new("L", ramp.size, 220))),
                (0, height // 2))  # fmt: skip
    exif = Image.Exif()
    if orientation is not None:
        exif[0x0112] = orientation
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90, exif=exif)
    return out.getvalue()


def test_a_big_jpeg_is_kept_at_max_side_looking_like_a_full_decode_scaled_down() -> None:
    data = landscape_photo((6400, 4000))  # not square: 4000 // 3000 == 1 must not stop the reduced decode
    kept = clean_image(data)
    assert (kept.content_type, kept.width, kept.height) == ("image/jpeg", MAX_SIDE, 1875)
    with Image.open(io.BytesIO(data)) as full:
        reference = full.convert("RGB").resize((MAX_SIDE, 1875), Image.Resampling.BILINEAR)
    with Image.open(io.BytesIO(kept.data)) as shown:
        difference = ImageStat.Stat(ImageChops.difference(shown.convert("RGB"), reference))
    assert max(difference.mean) < 2  # on a 0-255 scale: the same picture


@pytest.mark.parametrize(
    ("size", "decoded"),
    [((6400, 4000), (3200, 2000)), ((4000, 6400), (2000, 3200)), ((12800, 3000), (3200, 750))],
)
def test_a_big_jpeg_is_decoded_at_the_smallest_scale_still_above_the_kept_size(
    size: tuple[int, int], decoded: tuple[int, int]
) -> None:
    with Image.open(io.BytesIO(landscape_photo(size))) as opened:
        kept = _reduced(opened)
        assert opened.size == decoded  # the decoder's output: a quarter (a sixteenth) of the pixels
    assert max(kept.size) == MAX_SIDE


def test_a_big_photo_taken_sideways_is_kept_upright() -> None:
    kept = clean_image(landscape_photo((6000, 4000), orientation=6))  # shown turned 90° clockwise
    assert (kept.width, kept.height) == (2000, MAX_SIDE)
    with Image.open(io.BytesIO(kept.data)) as shown:
        assert shown.getexif() == {}
        left, right = shown.getpixel((100, 1500)), shown.getpixel((1900, 1500))
    assert isinstance(left, tuple) and isinstance(right, tuple)
    assert right[0] > 180 and right[2] < 80  # the red top half is on the right now
    assert left[2] > 180 and left[0] < 150  # the gradient over blue on the left


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_no_metadata_survives_neither_exif_nor_icc_nor_comments_nor_text(kind: str) -> None:
    image = Image.open(io.BytesIO(landscape_photo((400, 300), orientation=1)))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    icc = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    if kind == "JPEG":
        image.save(out, format="JPEG", exif=exif, icc_profile=icc, comment=b"secret-comment", dpi=(300, 300))
    else:
        text = PngImagePlugin.PngInfo()
        text.add_text("Author", "secret-author")
        image.save(out, format="PNG", exif=exif, icc_profile=icc, pnginfo=text, dpi=(300, 300))
    kept = clean_image(out.getvalue())
    assert b"PhoneMaker" not in kept.data and b"secret" not in kept.data and b"ICC_PROFILE" not in kept.data
    shown = Image.open(io.BytesIO(kept.data))
    assert shown.getexif() == {}
    assert not {"icc_profile", "comment", "Author", "exif", "dpi"} & set(shown.info)
    assert shown.size == (400, 300)


def test_the_kept_bytes_are_the_same_without_an_anonymous_memory_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = landscape_photo((3200, 1800))
    png = io.BytesIO()
    Image.open(io.BytesIO(data)).save(png, format="PNG")
    with_memory_file = [clean_image(data), clean_image(png.getvalue())]
    monkeypatch.delattr(os, "memfd_create", raising=False)  # as on macOS
    assert [clean_image(data), clean_image(png.getvalue())] == with_memory_file


@pytest.mark.skipif(sys.platform != "linux", reason="a nice value per thread is Linux only")
async def test_the_decoding_thread_runs_at_lower_priority_than_the_event_loop() -> None:
    loop_niceness = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    before = set(threading.enumerate())  # other tests' cleaners may still have their threads
    cleaner = ImageCleaner()
    try:
        await cleaner.clean("aad-u1", landscape_photo((64, 48)))
        [worker] = [
            thread for thread in set(threading.enumerate()) - before if thread.name.startswith("image")
        ]
        assert worker.native_id is not None
        worker_niceness = os.getpriority(os.PRIO_PROCESS, worker.native_id)
    finally:
        cleaner.close()
    assert worker_niceness == min(19, loop_niceness + decoding.WORKER_NICENESS)
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == loop_niceness
