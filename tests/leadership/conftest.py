"""Turn tests for the leadership side: the real conversation, the in-memory store, a recording Sender."""

from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

import pytest

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardActionIn, MessageIn, Sender, Where
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.delivery.ports import ConversationRef, Sent
from bot.leadership.desk import LeadershipDesk
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.protocol.engine import RuleBook
from bot.reports.model import Category, Report, ReportDraft
from bot.settings import Settings
from bot.storage import Store
from tests.fakes.activities import TENANT
from tests.fakes.rules import SCHOOL, test_rule_book
from tests.fakes.store import MEMORY_URL, throwaway_store

CHANNEL = "19:leiding@thread.tacv2"
SERVICE = "https://smba.example/emea/"
LEADER = "aad-leader"
HOSTILE = (
    "[Klik hier](https://evil.example/login) **vet** <at>Iedereen</at> <b>html</b> <img src=x onerror=1> "
    "&amp; \u202egnp.exe\u202c # kop\n- lijst"
)


def settings(**overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "app_id": "00000000-aaaa-bbbb-cccc-000000000001",
        "app_password": "test-secret",
        "app_tenant_id": TENANT,
        "tenant_schools": {TENANT: [SCHOOL]},
        "database_url": MEMORY_URL,
        "leaders": json.dumps({SCHOOL: {LEADER: "Mw. De Vries", "aad-second": "Dhr. Bakker"}}),
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@dataclass
class RecordingSender:
    """Implements `bot.delivery.ports.Sender`; records every call."""

    threads: list[tuple[ConversationRef, dict[str, Any]]] = field(default_factory=list)
    sends: list[tuple[ConversationRef, dict[str, Any]]] = field(default_factory=list)
    updates: list[tuple[ConversationRef, str, dict[str, Any]]] = field(default_factory=list)
    chats: list[ConversationRef] = field(default_factory=list)  # 1:1 chats opened by member
    _ids: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    async def new_thread(self, channel: ConversationRef, activity: dict[str, Any]) -> Sent:
        self.threads.append((channel, activity))
        activity_id = f"act-{next(self._ids)}"
        return Sent(
            activity_id=activity_id, conversation_id=f"{channel.conversation_id};messageid={activity_id}"
        )

    async def send(self, conversation: ConversationRef, activity: dict[str, Any]) -> Sent:
        self.sends.append((conversation, activity))
        return Sent(activity_id=f"act-{next(self._ids)}", conversation_id=conversation.conversation_id)

    async def update(self, conversation: ConversationRef, activity_id: str, activity: dict[str, Any]) -> None:
        self.updates.append((conversation, activity_id, activity))

    async def open_chat(self, chat: ConversationRef) -> str:
        self.chats.append(chat)
        return f"a:chat-{chat.user_id}"


@dataclass
class Desk:
    store: Store
    conversation: Conversation
    handler: LeadershipOutbox
    sender: RecordingSender

    async def deliver(self) -> int:
        """Deliver every due outbox message, as the worker would (FIFO per conversation)."""
        count = 0
        while batch := await self.store.outbox.claim_due(10, datetime.now(UTC)):
            for message in batch:
                await self.handler.deliver(message, self.sender)
                await self.store.outbox.mark_sent(message.id)
                count += 1
        return count


@pytest.fixture(scope="session")
def rule_book(tmp_path_factory: pytest.TempPathFactory) -> RuleBook:
    return test_rule_book(tmp_path_factory.mktemp("rules"))


@pytest.fixture
async def store() -> AsyncIterator[Store]:
    async with throwaway_store() as opened:
        yield opened


@pytest.fixture
def desk(rule_book: RuleBook, store: Store) -> Desk:
    config = settings()
    services = Services(store=store, rules=rule_book, schools_for=config.schools_for)
    services.leadership = LeadershipDesk(store, config, rule_book)
    conversation = Conversation(services, RateLimiter(limit=100, window_seconds=60))
    return Desk(store, conversation, LeadershipOutbox(store, config, rule_book), RecordingSender())


def where(kind: str = "channel", conversation_id: str = CHANNEL, **changes: Any) -> Where:
    values: dict[str, Any] = {
        "conversation_id": conversation_id,
        "kind": kind,
        "tenant_id": TENANT,
        "team_id": "19:team@thread.tacv2" if kind == "channel" else None,
        "service_url": SERVICE,
        "channel_id": conversation_id.split(";")[0] if kind == "channel" else None,
        "bot_id": "28:bot",
    }
    values.update(changes)
    return Where(**values)


def person(aad: str) -> Sender:
    return Sender(teams_id=f"29:{aad}", aad_object_id=aad, name="Iemand")


def mention(text: str, aad: str = LEADER, **where_changes: Any) -> MessageIn:
    return MessageIn(
        text=text, mentioned_bot=True, sender=person(aad), where=where(**where_changes), locale="nl-NL"
    )


def press(
    verb: str, aad: str = LEADER, thread: str = "act-1", kind: str = "channel", **data: Any
) -> CardActionIn:
    conversation = f"{CHANNEL};messageid={thread}" if kind == "channel" else f"a:chat-{aad}"
    return CardActionIn(
        verb=verb,
        data={"verb": verb, **data},
        sender=person(aad),
        where=where(kind, conversation),
        locale="nl-NL",
    )


def reporter_chat(reporter: str) -> dict[str, Any]:
    return {"service_url": SERVICE, "conversation_id": f"a:chat-{reporter}", "tenant_id": TENANT}


async def submit(store: Store, reporter: str = "pupil-1", key: str = "form-1", **changes: Any) -> Report:
    values: dict[str, Any] = {
        "school": SCHOOL,
        "category": Category.BEDREIGING,
        "description": (HOSTILE * 200)[:4000],
        "platform": HOSTILE[:200],
        "happened": "gisteren",
        "involved": "<at>Jan</at> uit 2B",
        "in_danger": False,
        "anonymous": True,
        "reporter_key": reporter,
        "reporter_conversation": reporter_chat(reporter),
    }
    values.update(changes)
    report, _ = await store.reports.submit(ReportDraft.model_validate(values), key)
    return report


def card_data(card: dict[str, Any], verb: str) -> dict[str, Any]:
    """The data of the card's button with this verb (what Teams sends back when it is pressed)."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            if node.get("type") == "Action.Execute" and node.get("verb") == verb:
                return node["data"]
            for value in node.values():
                if (found := walk(value)) is not None:
                    return found
        elif isinstance(node, list):
            for item in node:
                if (found := walk(item)) is not None:
                    return found
        return None

    found = walk(card)
    assert found is not None, f"no {verb} button"
    return {k: v for k, v in found.items() if k != "verb"}


def card_of(activity: dict[str, Any]) -> dict[str, Any]:
    content: dict[str, Any] = activity["attachments"][0]["content"]
    return content


__all__ = ["UUID"]
