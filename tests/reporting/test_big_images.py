"""Big photos: decoded off the event loop (another person's turn is answered meanwhile), kept at a bounded
size, and within a budget per person per minute (past it a friendly word, while others still send theirs)."""

from __future__ import annotations

import asyncio
import io
from dataclasses import dataclass, field
from typing import Any

from PIL import Image

from bot.conversation.dispatcher import Conversation
from bot.conversation.rate_limit import RateLimiter
from bot.protocol.engine import RuleBook
from bot.reporting.decoding import ImageCleaner
from bot.reporting.images import MAX_SIDE
from bot.storage import Store
from cards.ids import Verb
from tests.reporting.conftest import (
    SERVICE_URL,
    FakeFiles,
    execute,
    form_token,
    image_message,
    make_services,
    message,
)
from tests.reporting.test_report_turns import VALID, set_up, text_of
from tests.reporting.test_screenshots import report

PHOTO = SERVICE_URL + "v3/attachments/photo/views/original"


def photo(side: int) -> bytes:
    """A camera-sized JPEG (a gradient, so it is not trivially small)."""
    image = Image.linear_gradient("L").resize((side, side)).convert("RGB")
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=30)
    return out.getvalue()


@dataclass
class SignallingFiles(FakeFiles):
    """Serves files like FakeFiles and says when one was handed over."""

    handed_over: asyncio.Event = field(default_factory=asyncio.Event)

    async def fetch(self, url: str, *, service_url: str | None, with_token: bool, max_bytes: int) -> bytes:
        data = await super().fetch(url, service_url=service_url, with_token=with_token, max_bytes=max_bytes)
        self.handed_over.set()
        return data


def conversation_with(store: Store, book: RuleBook, files: FakeFiles, **cleaner: int) -> Conversation:
    services = make_services(store, book, files)
    services.screenshot_max_bytes = 5 * 1024 * 1024
    services.images = ImageCleaner(**cleaner)
    return Conversation(services, RateLimiter(limit=1000, window_seconds=60))


async def test_another_persons_turn_is_answered_while_a_photo_is_decoded(
    book: RuleBook, fresh_store: Store
) -> None:
    store, files = fresh_store, SignallingFiles()
    conversation = conversation_with(store, book, files)
    await report(conversation)
    [case] = await store.reports.for_reporter("aad-u1")
    files.files[PHOTO] = photo(6300)

    sending = asyncio.create_task(conversation.handle(image_message(PHOTO)))
    await files.handed_over.wait()
    other = await conversation.handle(message("help", user="u2"))
    assert "Zo werkt" in text_of(other)
    assert await store.reporting.attachments(case.id) == []  # the photo was still being decoded
    assert "Toegevoegd" in text_of(await sending)


async def test_a_huge_photo_is_kept_at_a_bounded_size(book: RuleBook, fresh_store: Store) -> None:
    store, files = fresh_store, FakeFiles()
    conversation = conversation_with(store, book, files)
    await report(conversation)
    files.files[PHOTO] = photo(6300)
    assert "Toegevoegd" in text_of(await conversation.handle(image_message(PHOTO)))
    [case] = await store.reports.for_reporter("aad-u1")
    [kept] = await store.reporting.attachments(case.id)
    assert (kept.width, kept.height) == (MAX_SIDE, MAX_SIDE)


async def open_case(conversation: Conversation, user: str) -> None:
    token = form_token(await set_up(conversation, user))
    await conversation.handle(execute(Verb.SUBMIT_REPORT, user, form_token=token, **VALID))


async def test_past_the_budget_a_pupil_is_told_to_wait_and_others_are_not(
    book: RuleBook, fresh_store: Store
) -> None:
    store, files = fresh_store, FakeFiles()
    conversation = conversation_with(store, book, files, pixels_per_minute=20_000_000)
    for user in ("u1", "u2"):
        await open_case(conversation, user)
    files.files[PHOTO] = files.files[PHOTO + "2"] = photo(4000)  # 16 million pixels: one fits, two do not

    flood = text_of(await conversation.handle(image_message(PHOTO, PHOTO + "2")))
    assert "Toegevoegd" in flood and "over een minuutje nog een keer" in flood
    other = text_of(await conversation.handle(image_message(PHOTO, user="u2")))
    assert "Toegevoegd" in other and "minuutje" not in other
    [mine] = await store.reports.for_reporter("aad-u1")
    assert len(await store.reporting.attachments(mine.id)) == 1


@dataclass
class StoreWatchingFiles(FakeFiles):
    """Serves files like FakeFiles and notes how many screenshots had been stored when each download started
    (`stored` is counted as each store returns): read at once, so the note is that moment's, not a later one
    after a database read of its own."""

    stored: int = 0
    stored_at_download: list[int] = field(default_factory=list)

    async def fetch(self, url: str, *, service_url: str | None, with_token: bool, max_bytes: int) -> bytes:
        self.stored_at_download.append(self.stored)
        return await super().fetch(url, service_url=service_url, with_token=with_token, max_bytes=max_bytes)


async def test_the_next_photo_downloads_before_this_one_is_stored_and_all_keep_their_order(
    book: RuleBook, fresh_store: Store
) -> None:
    store = fresh_store
    files = StoreWatchingFiles()
    add_attachment = store.reporting.add_attachment

    async def counted(*args: Any, **kwargs: Any) -> Any:
        stored = await add_attachment(*args, **kwargs)
        files.stored += 1
        return stored

    store.reporting.add_attachment = counted  # type: ignore[method-assign]
    conversation = conversation_with(store, book, files)
    await report(conversation)
    sides = (700, 500, 900)
    urls = [f"{PHOTO}{n}" for n in range(len(sides))]
    files.files.update({url: photo(side) for url, side in zip(urls, sides, strict=True)})
    assert "Toegevoegd" in text_of(await conversation.handle(image_message(*urls)))
    # One step ahead: each next photo's download starts before this one is stored (the worker never waits
    # for a download): the second before the first is stored, the third before the second is.
    assert files.stored_at_download[:2] == [0, 0]
    assert files.stored_at_download[2] <= 1
    [case] = await store.reports.for_reporter("aad-u1")
    assert [a.width for a in await store.reporting.attachments(case.id)] == list(sides)
