"""Turn replies go to the Bot Connector over the app's kept-alive connections (`bot.teams.connector_client`):
with the cached token and msrest's user agent as before, no new connection per turn, never redirected,
and a connector that does not answer fails the turn as msrest's own sender did."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.protocol.engine import RuleBook
from bot.teams.connector_client import KEEPALIVE_SECONDS, connector_session
from tests.fakes.activities import teams_message
from tests.fakes.outbound import OUTBOUND_TOKEN, CountingTokenSource
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.store import memory_store, throwaway_store
from tests.fakes.tokens import TestSigner
from tests.http.conftest import Bot, make_settings


class PeerConnector(FakeConnector):
    """Notes the bot's end (port) of the connection each call came over."""

    def __init__(self) -> None:
        super().__init__()
        self.peers: list[int] = []

    async def _record(self, request: web.Request) -> web.Response:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        self.peers.append(int(peer[1]) if peer else 0)
        return await super()._record(request)


class EmptyAnswerConnector(PeerConnector):
    """Answers a reply with 200 and an empty JSON body, as the Agents Playground's connector does."""

    async def _record(self, request: web.Request) -> web.Response:
        await super()._record(request)
        return web.Response(status=200, content_type="application/json")


@pytest.fixture
async def peer_connector() -> AsyncIterator[PeerConnector]:
    server = PeerConnector()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture
async def quick_bot(
    openid: OpenIdServer, peer_connector: PeerConnector, signer: TestSigner, rule_book: RuleBook
) -> AsyncIterator[Bot]:
    """A bot that gives up on the connector after 0.3 s."""
    store, tokens = await memory_store(), CountingTokenSource()
    settings = make_settings(openid.metadata_url, outbound_timeout_seconds=0.3)
    app = create_app(settings, rules=rule_book, store=store, token_source=tokens)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield Bot(client, store, peer_connector, signer, tokens)
    await client.close()
    await store.close()


async def test_the_replies_of_several_turns_share_one_connection(quick_bot: Bot) -> None:
    connector = quick_bot.connector
    assert isinstance(connector, PeerConnector)
    for _ in range(3):
        response = await quick_bot.post(teams_message("help", service_url=connector.url))
        assert response.status == 201
    assert [call.body.get("type") for call in connector.sent] == ["typing", "message"] * 3
    assert len(set(connector.peers)) == 1  # one kept-alive connection, not a new one per turn
    for call in connector.sent:
        assert call.authorization == f"Bearer {OUTBOUND_TOKEN}-1"
        assert "msrest" in call.user_agent and "BotBuilder Python" in call.user_agent
    assert quick_bot.tokens.fetches == 1


async def test_a_redirect_is_not_followed(quick_bot: Bot) -> None:
    connector = quick_bot.connector
    connector.fail_next = [(307, {"Location": f"{connector.url}/elsewhere"})] * 3  # each typing attempt
    await quick_bot.post(teams_message("help", service_url=connector.url))
    assert connector.sent and all(call.path.startswith("/v3/conversations/") for call in connector.sent)


async def test_a_connector_that_does_not_answer_fails_the_turn_in_time(
    quick_bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    connector = quick_bot.connector
    connector.delay_seconds = 2.0
    caplog.set_level(logging.ERROR, logger="bot.teams.endpoint")
    async with asyncio.timeout(5):  # two sends of 0.3 s each, not two of 2 s
        await quick_bot.post(teams_message("help", service_url=connector.url))
    failed = [r.getMessage() for r in caplog.records if r.getMessage().startswith("turn failed")]
    assert failed and "ClientRequestError" in failed[0]


async def test_an_empty_answer_from_the_connector_is_a_sent_reply(
    openid: OpenIdServer, signer: TestSigner, rule_book: RuleBook, caplog: pytest.LogCaptureFixture
) -> None:
    """msrest's own aiohttp response refuses an empty body ("Body is not available"): the Playground's
    connector answers a reply with one, and the turn must not fail on it."""
    connector = EmptyAnswerConnector()
    await connector.start()
    settings = make_settings(openid.metadata_url)
    caplog.set_level(logging.ERROR, logger="bot.teams.endpoint")
    async with throwaway_store() as store:
        app = create_app(settings, rules=rule_book, store=store, token_source=CountingTokenSource())
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            bot = Bot(client, store, connector, signer, CountingTokenSource())
            response = await bot.post(teams_message("help", service_url=connector.url))
    await connector.stop()
    assert response.status == 201
    assert [call.body.get("type") for call in connector.sent] == ["typing", "message"]
    assert not [r for r in caplog.records if r.getMessage().startswith("turn failed")]


async def test_an_idle_connection_is_not_reused_past_the_keep_alive_limit(
    peer_connector: PeerConnector,
) -> None:
    """The app's session lets an idle connection go before the server may close it: a reply sent on a
    connection the server is closing at that moment is lost (a POST is not retried)."""
    assert KEEPALIVE_SECONDS < 5.0  # Node's own idle limit, which the Agents Playground has

    async def peers_of_two_calls(session: aiohttp.ClientSession, pause: float) -> set[int]:
        for _ in range(2):
            async with session.post(f"{peer_connector.url}/v3/conversations/c/activities", json={}) as answer:
                assert answer.status == 200
            await asyncio.sleep(pause)
        return set(peer_connector.peers[-2:])

    async with connector_session(keepalive_seconds=0.2) as session:
        assert len(await peers_of_two_calls(session, 0.01)) == 1  # kept alive while in use
        assert len(await peers_of_two_calls(session, 0.5)) == 2  # let go once idle past the limit
