"""The ConnectorSender against the fake Bot Connector: request shapes, the token, and status mapping."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import aiohttp
import pytest

from bot.delivery.ports import ConversationRef, DeliveryError
from bot.teams.proactive import ConnectorSender
from tests.delivery.conftest import CHANNEL, TENANT, card
from tests.fakes.outbound import OUTBOUND_TOKEN, CountingTokenSource
from tests.fakes.servers import FakeConnector


def ref(connector: FakeConnector, conversation_id: str = "a:chat-1") -> ConversationRef:
    return ConversationRef(service_url=connector.url, conversation_id=conversation_id, tenant_id=TENANT)


async def test_new_thread_posts_a_group_conversation_in_the_channel(
    sender: ConnectorSender, connector: FakeConnector
) -> None:
    channel = ref(connector, CHANNEL).model_copy(update={"bot_id": "28:bot"})
    sent = await sender.new_thread(channel, card("Melding M-2026-0001"))
    [call] = connector.sent
    assert (call.method, call.path) == ("POST", "/v3/conversations")
    assert call.authorization == f"Bearer {OUTBOUND_TOKEN}-1"
    assert call.body["isGroup"] is True
    assert call.body["channelData"] == {"channel": {"id": CHANNEL}, "tenant": {"id": TENANT}}
    assert call.body["bot"] == {"id": "28:bot"}
    assert call.body["activity"] == card("Melding M-2026-0001")
    assert sent.conversation_id == f"{CHANNEL};messageid={sent.activity_id}"


async def test_open_chat_asks_for_the_bots_one_to_one_chat_with_the_member(
    sender: ConnectorSender, connector: FakeConnector
) -> None:
    chat = ref(connector, "").model_copy(update={"bot_id": "28:bot", "user_id": "29:pupil"})
    assert await sender.open_chat(chat) == "a:chat-29:pupil"
    [call] = connector.sent
    assert (call.method, call.path) == ("POST", "/v3/conversations")
    assert call.body == {
        "isGroup": False,
        "members": [{"id": "29:pupil"}],
        "channelData": {"tenant": {"id": TENANT}},
        "tenantId": TENANT,
        "bot": {"id": "28:bot"},
    }


async def test_reply_in_thread_and_update_quote_the_conversation_id(
    sender: ConnectorSender, connector: FakeConnector
) -> None:
    thread = ref(connector, f"{CHANNEL};messageid=1700000000000")
    sent = await sender.send(thread, card("opgepakt"))
    await sender.update(thread, sent.activity_id, card("bijgewerkt"))
    post, put = connector.sent
    assert (post.method, post.path) == ("POST", f"/v3/conversations/{thread.conversation_id}/activities")
    assert (put.method, put.path) == (
        "PUT",
        f"/v3/conversations/{thread.conversation_id}/activities/{sent.activity_id}",
    )
    assert put.body["id"] == sent.activity_id and put.body["summary"] == "bijgewerkt"
    assert post.authorization == put.authorization  # one cached token for both calls


async def test_a_conversation_id_cannot_leave_the_conversation_path(
    sender: ConnectorSender, connector: FakeConnector
) -> None:
    await sender.send(ref(connector, "../../v3/other?x=1#y"), card("x"))
    [call] = connector.sent
    assert call.conversation_id == "../../v3/other?x=1#y"  # one segment, percent-encoded on the wire


@pytest.mark.parametrize("status", [403, 404, 412, 502, 503, 504])
async def test_statuses_become_delivery_errors(
    sender: ConnectorSender, connector: FakeConnector, status: int
) -> None:
    connector.fail_next = [status]
    with pytest.raises(DeliveryError) as raised:
        await sender.send(ref(connector), card("x"))
    assert (raised.value.status, raised.value.retry_after) == (status, None)


async def test_429_carries_retry_after_in_seconds_or_as_a_date(
    sender: ConnectorSender, connector: FakeConnector
) -> None:
    in_a_minute = format_datetime(datetime.now(UTC) + timedelta(seconds=60), usegmt=True)
    connector.fail_next = [(429, {"Retry-After": "7"}), (429, {"Retry-After": in_a_minute}), 429]
    found = []
    for _ in range(3):
        with pytest.raises(DeliveryError) as raised:
            await sender.send(ref(connector), card("x"))
        found.append(raised.value)
    assert [e.status for e in found] == [429, 429, 429]
    assert found[0].retry_after == 7.0
    assert found[1].retry_after is not None and 55 <= found[1].retry_after <= 60
    assert found[2].retry_after is None


async def test_connection_refused_and_timeouts_have_no_status(
    session: aiohttp.ClientSession, connector: FakeConnector
) -> None:
    sender = ConnectorSender(session, None, timeout_seconds=0.3)
    connector.delay_seconds = 2.5
    started = time.monotonic()
    with pytest.raises(DeliveryError) as slow:
        await sender.send(ref(connector), card("x"))
    assert (
        slow.value.status is None and time.monotonic() - started < 2.0
    )  # 0.3 s timeout, not the 2.5 s reply
    await connector.down()
    with pytest.raises(DeliveryError) as refused:
        await sender.send(ref(connector), card("x"))
    assert refused.value.status is None
    await connector.up()
    connector.delay_seconds = 0
    assert (await sender.send(ref(connector), card("x"))).activity_id


@pytest.mark.parametrize(
    "service_url",
    [
        "http://example.org/",  # plain http beyond loopback
        "ftp://127.0.0.1/",
        "https://user:secret@smba.trafficmanager.net/emea/",
        "https://smba.trafficmanager.net/emea/?next=https://evil.example",
    ],
)
async def test_the_token_goes_only_to_an_acceptable_service_url(
    sender: ConnectorSender, tokens: CountingTokenSource, service_url: str
) -> None:
    target = ConversationRef(service_url=service_url, conversation_id="a:chat-1", tenant_id=TENANT)
    with pytest.raises(DeliveryError) as refused:
        await sender.send(target, card("x"))
    assert refused.value.status == 403  # permanent: the worker keeps it as dead and alerts
    assert tokens.fetches == 0  # refused before even fetching a token


async def test_redirects_are_not_followed_so_the_token_stays_home(
    sender: ConnectorSender, connector: FakeConnector
) -> None:
    elsewhere = await FakeConnector().start()
    try:
        connector.fail_next = [(307, {"Location": f"{elsewhere.url}/steal"})]
        with pytest.raises(DeliveryError) as raised:
            await sender.send(ref(connector), card("x"))
        assert raised.value.status == 307
        assert elsewhere.sent == []
    finally:
        await elsewhere.stop()


async def test_local_development_sends_no_authorization(
    session: aiohttp.ClientSession, connector: FakeConnector
) -> None:
    await ConnectorSender(session, None, timeout_seconds=2).send(ref(connector), card("x"))
    assert connector.sent[0].authorization is None
