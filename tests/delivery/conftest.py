"""Delivery tests: the real ConnectorSender against the fake Bot Connector on loopback, the real stores
(memory and SQLite; PostgreSQL where several workers share one database), a controllable clock, and a
small but real OutboxHandler that renders a fixed card per message."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.delivery.ports import ConversationRef, NotDeliverableYet, Sender
from bot.delivery.worker import OutboxWorker
from bot.reports.model import OutboxDraft, OutboxMessage
from bot.storage import Store, open_store
from bot.teams.outbound import CachedToken
from bot.teams.proactive import ConnectorSender
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.servers import FakeConnector
from tests.fakes.store import MEMORY_URL
from tests.storage.conftest import postgres_database, postgres_url

__all__ = ["postgres_database", "postgres_url"]  # PostgreSQL fixtures shared with the storage tests

TENANT = "11111111-2222-3333-4444-555555555555"
CHANNEL = "19:leiding@thread.tacv2"


class FakeClock:
    """Starts a moment after the real now (stores stamp enqueues with the real clock) and moves only
    when told to."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC) + timedelta(seconds=1)
        self.start = self.now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def elapsed(self, moment: datetime | None = None) -> float:
        return ((moment or self.now) - self.start).total_seconds()


def card(text: str) -> dict[str, Any]:
    content = {"type": "AdaptiveCard", "version": "1.5", "body": [{"type": "TextBlock", "text": text}]}
    return {
        "type": "message",
        "summary": text,
        "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "content": content}],
    }


def card_text(activity: dict[str, Any]) -> str:
    return str(activity["attachments"][0]["content"]["body"][0]["text"])


class FixedCardHandler:
    """A real OutboxHandler for the tests: the intent names a case number; the card is rendered at send
    time from what this handler stored (the thread of a case), like the real leadership handler.

    Intents, kinds of this handler's own (stored as unknown messages): {"kind": "thread", "school", "case"}
    opens a thread in the school's channel; {"kind": "update", "school", "case", "text"} edits that
    thread's card; {"kind": "notify", "user", "text"} writes in the user's 1:1 chat. No channel for the
    school → NotDeliverableYet.
    """

    def __init__(self, service_url: str) -> None:
        self.service_url = service_url
        self.channels: dict[str, ConversationRef] = {}
        self.threads: dict[tuple[str, str], tuple[ConversationRef, str]] = {}
        self.delivered: list[int] = []  # outbox ids, in the order their send succeeded

    def register(self, school: str, channel_id: str = CHANNEL) -> None:
        self.channels[school] = ConversationRef(
            service_url=self.service_url, conversation_id=channel_id, tenant_id=TENANT, bot_id="28:bot"
        )

    def chat(self, user: str) -> ConversationRef:
        return ConversationRef(
            service_url=self.service_url, conversation_id=f"a:chat-{user}", tenant_id=TENANT
        )

    async def deliver(self, message: OutboxMessage, sender: Sender) -> None:
        kind = message.message.kind
        intent = message.message.model_extra or {}  # this handler's own kinds: stored as unknown messages
        if kind == "notify":
            await sender.send(self.chat(intent["user"]), card(intent["text"]))
        elif kind == "thread":
            channel = self.channels.get(intent["school"])
            if channel is None:
                raise NotDeliverableYet(
                    f"no leadership channel for school {intent['school']}", intent["school"]
                )
            sent = await sender.new_thread(channel, card(f"Melding {intent['case']}"))
            thread = channel.model_copy(update={"conversation_id": sent.conversation_id})
            self.threads[(intent["school"], intent["case"])] = (thread, sent.activity_id)
        elif kind == "update":
            thread, activity_id = self.threads[(intent["school"], intent["case"])]
            await sender.update(thread, activity_id, card(f"Melding {intent['case']}: {intent['text']}"))
        else:
            raise ValueError(f"unknown intent kind {kind!r}")
        self.delivered.append(message.id)


def escalate(school: str, case: str) -> OutboxDraft:
    return OutboxDraft(
        conversation_key=f"leadership:{school}", message={"kind": "thread", "school": school, "case": case}
    )


def update(school: str, case: str, text: str) -> OutboxDraft:
    return OutboxDraft(
        conversation_key=f"leadership:{school}",
        message={"kind": "update", "school": school, "case": case, "text": text},
    )


def notify(user: str, text: str) -> OutboxDraft:
    return OutboxDraft(
        conversation_key=f"reporter:{user}", message={"kind": "notify", "user": user, "text": text}
    )


async def drive(
    worker: OutboxWorker,
    clock: FakeClock,
    seconds: float,
    *,
    step: float = 2.0,
    until: Callable[[], Awaitable[bool]] | None = None,
) -> None:
    """What the worker's loop does, on the fake clock: a pass, then `step` seconds (its poll), repeated
    for `seconds` of fake time or until `until()` holds."""
    end = clock.now + timedelta(seconds=seconds)
    while clock.now < end:
        await worker.run_once()
        if until is not None and await until():
            return
        clock.advance(step)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
async def connector(clock: FakeClock) -> AsyncIterator[FakeConnector]:
    server = await FakeConnector(clock).start()
    yield server
    await server.stop()


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as opened:
        yield opened


@pytest.fixture
def tokens() -> CountingTokenSource:
    return CountingTokenSource()


@pytest.fixture
def sender(session: aiohttp.ClientSession, tokens: CountingTokenSource) -> ConnectorSender:
    return ConnectorSender(session, CachedToken(tokens), timeout_seconds=2.0)


@pytest.fixture
def handler(connector: FakeConnector) -> FixedCardHandler:
    return FixedCardHandler(connector.url)


@pytest.fixture(params=["in memory", "file"])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    url = MEMORY_URL if request.param == "in memory" else f"sqlite:///{tmp_path / 'magdit.sqlite3'}"
    opened = await open_store(url)
    yield opened
    await opened.close()
