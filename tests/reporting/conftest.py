"""Reporting turns through the real conversation layer: the real De Breul rules, the in-memory store (or
SQLite where a real transaction matters) and a fake file source that serves screenshots."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import AttachmentIn, CardActionIn, CardSubmitIn, MessageIn, Sender, Where
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.protocol.engine import RuleBook
from bot.reporting.download import TooLargeError, checked_url
from bot.storage import Store, open_store
from cards.ids import FORM_TOKEN, Verb
from tests.fakes.activities import TENANT
from tests.fakes.store import throwaway_store

SCHOOL = "de-breul"
SERVICE_URL = "https://smba.trafficmanager.net/emea/"


@dataclass
class FakeFiles:
    """`bot.reporting.download.FileSource`: serves bytes by URL, applies the cap and the token rule."""

    files: dict[str, bytes] = field(default_factory=dict)
    fetched: list[tuple[str, bool]] = field(default_factory=list)

    async def fetch(self, url: str, *, service_url: str | None, with_token: bool, max_bytes: int) -> bytes:
        checked_url(url, service_url if with_token else None)
        self.fetched.append((url, with_token))
        data = self.files[url]
        if len(data) > max_bytes:
            raise TooLargeError("above the cap")
        return data


def make_services(store: Store, book: RuleBook, files: FakeFiles) -> Services:
    return Services(
        store=store,
        rules=book,
        schools_for=lambda tenant: (SCHOOL,) if tenant == TENANT else (),
        files=files,
        screenshot_max_bytes=200_000,
    )


@pytest.fixture
def files() -> FakeFiles:
    return FakeFiles()


@pytest.fixture
async def store() -> AsyncIterator[Store]:
    async with throwaway_store() as opened:
        yield opened


@pytest.fixture
def conversation(store: Store, book: RuleBook, files: FakeFiles) -> Conversation:
    return Conversation(make_services(store, book, files), RateLimiter(limit=1000, window_seconds=60))


@pytest.fixture
async def sqlite_store(tmp_path: Path) -> AsyncIterator[Store]:
    opened = await open_store(f"sqlite:///{tmp_path / 'magdit.sqlite3'}")
    yield opened
    await opened.close()


def _context(user: str, kind: str) -> dict[str, Any]:
    return {
        "activity_id": "a1",
        "sender": Sender(teams_id=f"29:{user}", aad_object_id=f"aad-{user}", name="Lotte de Vries"),
        "where": Where(
            conversation_id=f"a:chat-{user}" if kind == "personal" else "19:x@thread.tacv2",
            kind=kind,  # type: ignore[arg-type]
            tenant_id=TENANT,
            service_url=SERVICE_URL,
            bot_id="28:bot",
        ),
        "locale": "nl-NL",
    }


def message(text: str, user: str = "u1", kind: str = "personal", **extra: Any) -> MessageIn:
    return MessageIn(text=text, mentioned_bot=kind != "personal", **extra, **_context(user, kind))


def image_message(*urls: str, user: str = "u1", kind: str = "personal") -> MessageIn:
    attachments = tuple(AttachmentIn(content_type="image/png", url=url, needs_token=True) for url in urls)
    return message("", user, kind, attachments=attachments)


def execute(verb: str, user: str = "u1", kind: str = "personal", **data: Any) -> CardActionIn:
    return CardActionIn(verb=verb, data={"verb": verb, **data}, **_context(user, kind))


def submit_fallback(user: str = "u1", **data: Any) -> CardSubmitIn:
    return CardSubmitIn(data={"verb": Verb.SUBMIT_REPORT.value, **data}, **_context(user, "personal"))


def form_token(card: dict[str, Any]) -> str:
    [button] = [a for a in card["actions"] if a.get("verb") == Verb.SUBMIT_REPORT]
    return str(button["data"][FORM_TOKEN])


def png(width: int = 40, height: int = 30, text_chunk: str | None = None) -> bytes:
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    if text_chunk:
        info.add_text("Comment", text_chunk)
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (32, 24), (10, 120, 200))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (52.0, 5.0, 0.0)}  # GPS IFD: a place
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()
