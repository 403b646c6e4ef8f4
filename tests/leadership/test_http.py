"""The whole path over HTTP: signed tokens, `create_app` with the outbox worker, the fake Bot Connector.

A leader registers the channel → a report is stored → the worker opens a thread with the card → the
leader presses *Ik pak dit op* (a signed invoke) → the card is updated in place and the reporter is told.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.protocol.engine import RuleBook
from bot.storage import Store
from cards.ids import Verb
from tests.fakes.activities import execute_action, teams_message
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.store import memory_store
from tests.fakes.tokens import TestSigner, channel_claims
from tests.http.conftest import APP_ID, connector, make_settings, openid, signer
from tests.leadership.conftest import HOSTILE, card_data, submit

__all__ = ["connector", "openid", "signer"]
LEADERS = json.dumps({"testschool": {"aad-leader": "Mw. De Vries"}})


async def eventually(check: Callable[[], Awaitable[bool] | bool], seconds: float = 6.0) -> None:
    async with asyncio.timeout(seconds):
        while True:
            outcome = check()
            if await outcome if isinstance(outcome, Awaitable) else outcome:
                return
            await asyncio.sleep(0.02)


@pytest.fixture
async def app_client(
    openid: OpenIdServer, connector: FakeConnector, rule_book: RuleBook
) -> AsyncIterator[tuple[TestClient[Any, Any], Store]]:
    store = await memory_store()
    settings = make_settings(openid.metadata_url, leaders=LEADERS)
    app = create_app(
        settings,
        rules=rule_book,
        store=store,
        token_source=CountingTokenSource(),
        outbox_handler=lambda opened: LeadershipOutbox(opened, settings, rule_book),
    )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield client, store
    await client.close()
    await store.close()


async def post(client: TestClient[Any, Any], signer: TestSigner, url: str, activity: dict[str, Any]) -> Any:
    token = signer.sign(channel_claims(APP_ID, url))
    return await client.post("/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"})


async def register_report_channel(
    client: TestClient[Any, Any], signer: TestSigner, url: str
) -> dict[str, Any]:
    """A leader says "@Mag dit? meldingen hier" in a channel; the activity as sent."""
    register = teams_message("meldingen hier", service_url=url, user="leader", conversation_type="channel",
                             mention_bot=True)  # fmt: skip
    assert (await post(client, signer, url, register)).status == 201
    return register


async def test_report_to_thread_to_leader_action_to_reporter(
    app_client: tuple[TestClient[Any, Any], Store], connector: FakeConnector, signer: TestSigner
) -> None:
    client, store = app_client
    started = time.monotonic()
    register = teams_message(
        "meldingen hier",
        service_url=connector.url,
        user="leader",
        conversation_type="channel",
        mention_bot=True,
    )
    assert (await post(client, signer, connector.url, register)).status == 201
    assert any("ontvangt vanaf nu de meldingen" in m.get("text", "") for m in connector.messages())

    chat = {
        "service_url": connector.url,
        "conversation_id": "a:chat-pupil",
        "tenant_id": register["conversation"]["tenantId"],
    }
    report = await submit(store, reporter="aad-pupil", reporter_conversation=chat)

    def thread_opened() -> bool:
        return any(s.method == "POST" and s.path == "/v3/conversations" for s in connector.sent)

    await eventually(thread_opened)
    opened = next(s for s in connector.sent if s.path == "/v3/conversations")
    assert opened.body["channelData"]["channel"]["id"] == "19:channel@thread.tacv2"
    activity = opened.body["activity"]
    encoded = json.dumps(activity, ensure_ascii=False)
    assert report.case_number in encoded and "Klik hier" not in encoded and "Jan" not in encoded
    assert activity["entities"][0]["mentioned"]["id"] == "aad-leader"
    card = activity["attachments"][0]["content"]

    # A pupil forging the press over HTTP: refused, nothing changes.
    forged = execute_action(
        Verb.CASE_TAKE, card_data(card, Verb.CASE_TAKE), service_url=connector.url, user="pupil"
    )
    refused = await post(client, signer, connector.url, forged)
    assert (
        refused.status == 200
        and (await refused.json())["type"] == "application/vnd.microsoft.activity.message"
    )
    assert (await store.reports.get(report.id)).version == 1  # type: ignore[union-attr]

    # Bekijk details: only in the invoke response, literal.
    details = execute_action(
        Verb.CASE_DETAILS, card_data(card, Verb.CASE_DETAILS), service_url=connector.url, user="leader",
        conversation_type="channel",
    )  # fmt: skip
    shown = await (await post(client, signer, connector.url, details)).json()
    assert shown["type"] == "application/vnd.microsoft.card.adaptive"
    assert "\\[Klik hier\\]" in json.dumps(shown["value"], ensure_ascii=False).replace("\\\\", "\\")
    assert not any(HOSTILE[:20] in json.dumps(m, ensure_ascii=False) for m in connector.messages())

    take = execute_action(
        Verb.CASE_TAKE, card_data(card, Verb.CASE_TAKE), service_url=connector.url, user="leader",
        conversation_type="channel",
    )  # fmt: skip
    answer = await post(client, signer, connector.url, take)
    body = await answer.json()
    assert answer.status == 200 and body["type"] == "application/vnd.microsoft.card.adaptive"
    assert "In behandeling" in json.dumps(body["value"], ensure_ascii=False)

    def updated_and_notified() -> bool:
        put = any(s.method == "PUT" and "messageid=" in s.path for s in connector.sent)
        told = any(
            s.conversation_id == "a:chat-pupil" and "in behandeling" in s.body.get("text", "")
            for s in connector.sent
        )
        return put and told

    await eventually(updated_and_notified)
    put = next(s for s in connector.sent if s.method == "PUT")
    [thread] = await store.leadership.escalations(report.id)
    assert (
        put.path
        == f"/v3/conversations/{thread.conversation['conversation_id']}/activities/{thread.activity_id}"
    )
    assert "In behandeling" in json.dumps(put.body, ensure_ascii=False)
    assert any("is opgepakt door Mw. De Vries" in m.get("text", "") for m in connector.messages())
    stored = await store.reports.get(report.id)
    assert stored is not None and stored.status == "opgepakt" and stored.handler_key == "aad-leader"
    print(f"report → card → action → reporter notified in {time.monotonic() - started:.2f}s")
