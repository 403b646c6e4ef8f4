"""The whole path: `create_app` with GRAPH_ENABLED builds the role directory from settings (MSAL client
credentials against the fake identity platform), a signed Teams activity comes in, and the pupil's
first question is answered without a role card. The Graph token goes to Graph only."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.graph import GraphConfigError
from bot.protocol.engine import RuleBook
from bot.storage import Store
from tests.fakes import rules as fake_rules
from tests.fakes.activities import teams_message
from tests.fakes.outbound import OUTBOUND_TOKEN, CountingTokenSource
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.tokens import TestSigner, channel_claims
from tests.graph.conftest import CLIENT_ID, CLIENT_SECRET, PARENT, STUDENT, TEACHER
from tests.graph.fakes import FakeGraph, FakeIdentityPlatform
from tests.http.conftest import APP_ID, make_settings

QUESTION = "Mag ik leerlingen appen via WhatsApp?"


@pytest.fixture(scope="module")
def rule_book(tmp_path_factory: pytest.TempPathFactory) -> RuleBook:
    return fake_rules.test_rule_book(tmp_path_factory.mktemp("rules"))


@pytest.fixture(scope="module")
def signer() -> TestSigner:
    return TestSigner()


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    server = await FakeConnector().start()
    yield server
    await server.stop()


@pytest.fixture
async def client(
    signer: TestSigner,
    connector: FakeConnector,
    identity: FakeIdentityPlatform,
    graph: FakeGraph,
    rule_book: RuleBook,
    fresh_store: Store,
) -> AsyncIterator[TestClient[Any, Any]]:
    openid = await OpenIdServer(signer.jwks()).start()
    settings = make_settings(
        openid.metadata_url,
        graph_enabled=True,
        graph_client_id=CLIENT_ID,
        graph_client_secret=CLIENT_SECRET,
        graph_base_url=graph.url,
        graph_authority_url=identity.url,
    )
    app = create_app(settings, rules=rule_book, store=fresh_store, token_source=CountingTokenSource())
    test_client = TestClient(TestServer(app, host="127.0.0.1"))
    await test_client.start_server()
    yield test_client
    await test_client.close()
    await openid.stop()


async def ask(client: TestClient[Any, Any], signer: TestSigner, connector: FakeConnector, user: str) -> str:
    activity = teams_message(QUESTION, service_url=connector.url, user=user)
    activity["from"]["aadObjectId"] = user
    token = signer.sign(channel_claims(APP_ID, connector.url))
    response = await client.post("/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"})
    assert response.status == 201
    return str(connector.messages()[-1])


async def test_a_pupil_and_a_teacher_are_answered_at_once_and_the_graph_token_stays_with_graph(
    client: TestClient[Any, Any],
    signer: TestSigner,
    connector: FakeConnector,
    identity: FakeIdentityPlatform,
    graph: FakeGraph,
) -> None:
    for user in (STUDENT, TEACHER):
        reply = await ask(client, signer, connector, user)
        assert "testschool:A.1" in reply and "choose_role" not in reply

    assert len(identity.token_requests) == 1
    graph_tokens = {f"Bearer {token}" for token in identity.issued}
    assert {call.authorization for call in graph.calls} == graph_tokens
    assert all(sent.authorization == f"Bearer {OUTBOUND_TOKEN}-1" for sent in connector.sent)
    assert all(request.authorization is None for request in identity.token_requests)


async def test_a_parent_gets_the_role_card(
    client: TestClient[Any, Any], signer: TestSigner, connector: FakeConnector
) -> None:
    reply = await ask(client, signer, connector, PARENT)
    assert "choose_role" in reply and "Wie ben je?" in reply


def test_an_unsafe_graph_base_url_stops_the_start(rule_book: RuleBook) -> None:
    settings = make_settings(
        "https://login.example/openid",
        graph_enabled=True,
        graph_client_id=CLIENT_ID,
        graph_client_secret=CLIENT_SECRET,
        graph_base_url="http://graph.example/v1.0",
    )
    with pytest.raises(GraphConfigError):
        create_app(settings, rules=rule_book)


def test_without_graph_enabled_no_directory_is_built(rule_book: RuleBook) -> None:
    from bot.graph import role_directory_from

    assert role_directory_from(make_settings("https://login.example/openid")) is None


def test_an_empty_graph_secret_stops_the_start() -> None:
    with pytest.raises(ValueError, match="GRAPH_CLIENT_SECRET"):
        make_settings(
            "https://login.example/openid",
            graph_enabled=True,
            graph_client_id=CLIENT_ID,
            graph_client_secret="",
        )
