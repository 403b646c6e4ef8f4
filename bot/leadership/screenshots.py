"""A case's screenshots for the leader who opened its details: one at a time, small enough for a card.

A bot's message to Teams must stay under ~28 KB and the details view already carries the report, so a
screenshot is shown as a JPEG `data:` URI of at most `BUDGET` characters, scaled down step by step (the
full image stays available through `bot export`). It only ever goes
into the invoke response of the leader who pressed the button; each view is audited by the desk. Made
off the event loop, on the worker that decodes the pupils' photos (`bot.reporting.decoding`).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Final
from uuid import UUID

from PIL import Image

from bot.reporting.decoding import ImageCleaner
from bot.storage import Store

BUDGET: Final = 14_000  # characters of the data URI
WIDTHS: Final = (560, 440, 340, 260)
QUALITIES: Final = (60, 45, 30)


@dataclass(frozen=True)
class Shown:
    """The screenshot on show: its stored id, its place (1-based) among the case's, and the image."""

    attachment_id: int
    number: int
    total: int
    data_uri: str


def preview(data: bytes) -> str | None:
    """A JPEG data URI of the image within `BUDGET`, or None when even the smallest step is too big.
    Plain CPU work (a stored JPEG up to 3000² is decoded at 1/2 to 1/8 scale, still at least the largest
    step): `screenshot` runs it on the image worker, off the event loop."""
    with Image.open(io.BytesIO(data)) as opened:
        factor = min(WIDTHS[0] / opened.width, WIDTHS[0] * 4 / opened.height, 1.0)
        opened.draft("RGB", (max(1, round(opened.width * factor)), max(1, round(opened.height * factor))))
        image = opened.convert("RGB")
    for width in WIDTHS:
        scaled = image.copy()
        scaled.thumbnail((width, width * 4))
        for quality in QUALITIES:
            buffer = io.BytesIO()
            scaled.save(buffer, "JPEG", quality=quality, optimize=True)
            uri = "data:image/jpeg;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")
            if len(uri) <= BUDGET:
                return uri
    return None


async def screenshot(store: Store, images: ImageCleaner, report_id: UUID, index: int) -> Shown | None:
    """The `index`-th (0-based, clamped) screenshot of the case, or None when it has none; its preview made
    on the image worker (`images`), in turn with the pupils' photos."""
    attachments = await store.reporting.attachments(report_id)
    if not attachments:
        return None
    position = min(max(index, 0), len(attachments) - 1)
    chosen = attachments[position]
    data = await store.reporting.attachment_data(chosen.id)
    uri = await images.run(preview, data) if data else None
    if uri is None:
        return None
    return Shown(attachment_id=chosen.id, number=position + 1, total=len(attachments), data_uri=uri)
