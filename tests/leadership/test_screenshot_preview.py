"""A leader's preview of a stored screenshot is made on the image worker, in turn with the pupils' photos:
while that worker is busy the details press waits and other people's turns go on; it is small and cheap
(a big JPEG decoded at reduced scale) and looks like the screenshot."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import threading

from PIL import Image, ImageStat

from bot.leadership.screenshots import BUDGET, preview
from bot.reporting.decoding import ImageCleaner
from bot.reporting.model import AttachmentDraft
from cards.ids import Verb
from tests.leadership.conftest import Desk, card_data, mention, press
from tests.leadership.test_case_ux import opened

RED = (200, 30, 30)


def jpeg(side: int) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (side, side), RED).save(out, format="JPEG", quality=90)
    return out.getvalue()


async def yield_to_others(times: int = 50) -> None:
    """Let every other task run as far as it can without waiting for a thread."""
    for _ in range(times):
        await asyncio.sleep(0)


async def test_the_details_press_waits_for_the_image_worker_while_other_turns_go_on(desk: Desk) -> None:
    images = ImageCleaner()
    assert desk.conversation._services.leadership is not None
    desk.conversation._services.leadership.images = images
    report, card = await opened(desk)
    draft = AttachmentDraft(
        report_id=report.id,  # type: ignore[attr-defined]
        uploader_key="pupil-1",
        content_type="image/jpeg",
        width=3000,
        height=3000,
        data=jpeg(3000),
    )
    await desk.store.reporting.add_attachment(draft)
    gate = threading.Event()
    photo = asyncio.create_task(images.run(lambda _: gate.wait(), b""))  # a pupil's photo being cleaned
    try:
        details = asyncio.create_task(
            desk.conversation.handle(press(Verb.CASE_DETAILS, **card_data(card, Verb.CASE_DETAILS)))
        )
        await yield_to_others()
        other = await desk.conversation.handle(mention("help"))
        assert other.replies  # someone else's turn is answered meanwhile
        await yield_to_others()
        assert not details.done()  # the preview waits for the worker, not made on the event loop
    finally:
        gate.set()
    await photo
    shown = json.dumps((await details).updated_card, ensure_ascii=False)
    assert "Screenshot 1 van 1" in shown and '"url": "data:image/jpeg;base64,' in shown


async def test_one_image_at_a_time_on_the_worker() -> None:
    images = ImageCleaner()
    loop = asyncio.get_running_loop()
    gate, started, order = threading.Event(), asyncio.Event(), []

    def first(_: bytes) -> None:
        order.append("first started")
        loop.call_soon_threadsafe(started.set)
        gate.wait()
        order.append("first done")

    running = asyncio.create_task(images.run(first, b""))
    await started.wait()
    second = asyncio.create_task(images.run(lambda _: order.append("second"), b""))
    await yield_to_others()
    assert order == ["first started"]
    gate.set()
    await asyncio.gather(running, second)
    assert order == ["first started", "first done", "second"]
    images.close()


def test_the_preview_of_a_big_jpeg_fits_the_card_and_looks_like_it() -> None:
    uri = preview(jpeg(3000))
    assert uri is not None and len(uri) <= BUDGET
    shown = Image.open(io.BytesIO(base64.b64decode(uri.split(",", 1)[1])))
    assert shown.width <= 560
    red, green, blue = ImageStat.Stat(shown).mean
    assert abs(red - RED[0]) < 12 and abs(green - RED[1]) < 12 and abs(blue - RED[2]) < 12
