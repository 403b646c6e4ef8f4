"""Turns through the conversation layer with the in-memory store and the real rule book."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import CardActionIn, MessageIn, Sender, Where
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.protocol.engine import RuleBook
from bot.storage import Store
from tests.fakes.activities import TENANT
from tests.fakes.rules import SCHOOL, test_rule_book
from tests.fakes.store import throwaway_store


@pytest.fixture(scope="session")
def rule_book(tmp_path_factory: pytest.TempPathFactory) -> RuleBook:
    return test_rule_book(tmp_path_factory.mktemp("rules"))


@pytest.fixture
async def store() -> AsyncIterator[Store]:
    async with throwaway_store() as opened:
        yield opened


@pytest.fixture
def services(store: Store, rule_book: RuleBook) -> Services:
    return Services(
        store=store, rules=rule_book, schools_for=lambda tenant: (SCHOOL,) if tenant == TENANT else ()
    )


@pytest.fixture
def conversation(services: Services) -> Conversation:
    return Conversation(services, RateLimiter(limit=5, window_seconds=60))


def _context(user: str, kind: str) -> dict[str, Any]:
    return {
        "activity_id": "a1",
        "sender": Sender(teams_id=f"29:{user}", aad_object_id=f"aad-{user}"),
        "where": Where(conversation_id=f"c-{user}", kind=kind, tenant_id=TENANT),  # type: ignore[arg-type]
        "locale": "nl-NL",
    }


def message(text: str, user: str = "u1", kind: str = "personal", mentioned: bool = False) -> MessageIn:
    return MessageIn(text=text, mentioned_bot=mentioned, **_context(user, kind))


def action(verb: str, user: str = "u1", kind: str = "personal", **data: Any) -> CardActionIn:
    return CardActionIn(verb=verb, data={"verb": verb, **data}, **_context(user, kind))


__all__ = ["Path", "action", "message"]
