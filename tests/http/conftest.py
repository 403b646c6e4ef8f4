"""The real HTTP path: `create_app` on loopback, real botbuilder token validation against a local
OpenID server publishing a test key, and a fake Bot Connector recording what the bot sends."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.protocol.engine import RuleBook
from bot.settings import Settings
from bot.storage import Store
from tests.fakes.activities import TENANT
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.rules import SCHOOL, test_rule_book
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.store import MEMORY_URL, memory_store
from tests.fakes.tokens import TestSigner, channel_claims

APP_ID = "00000000-aaaa-bbbb-cccc-000000000001"


@pytest.fixture(scope="session")
def signer() -> TestSigner:
    return TestSigner()


@pytest.fixture(scope="session")
def rule_book(tmp_path_factory: pytest.TempPathFactory) -> RuleBook:
    return test_rule_book(tmp_path_factory.mktemp("rules"))


@pytest.fixture
async def openid(signer: TestSigner) -> AsyncIterator[OpenIdServer]:
    server = await OpenIdServer(signer.jwks()).start()
    yield server
    await server.stop()


@pytest.fixture
async def connector() -> AsyncIterator[FakeConnector]:
    server = await FakeConnector().start()
    yield server
    await server.stop()


def make_settings(metadata_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "app_id": APP_ID,
        "app_password": "test-secret",
        "app_tenant_id": TENANT,
        "tenant_schools": {TENANT: [SCHOOL]},
        "database_url": MEMORY_URL,
        "openid_metadata_url": metadata_url,
        "openid_timeout_seconds": 1.0,
        "outbound_timeout_seconds": 2.0,
        "health_probe_seconds": 0.2,  # /readyz follows the store within a moment
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


@dataclass
class Bot:
    client: TestClient[Any, Any]
    store: Store
    connector: FakeConnector
    signer: TestSigner
    tokens: CountingTokenSource

    def token(self, **overrides: Any) -> str:
        return self.signer.sign(channel_claims(APP_ID, self.connector.url, **overrides))

    async def post(
        self,
        activity: dict[str, Any],
        token: str | None = "valid",  # noqa: S107 a marker, not a password
        **headers: str,
    ) -> ClientResponse:
        if token == "valid":
            token = self.token()
        if token is not None:
            headers.setdefault("Authorization", f"Bearer {token}")
        return await self.client.post("/api/messages", json=activity, headers=headers)


@pytest.fixture
async def bot(
    openid: OpenIdServer, connector: FakeConnector, signer: TestSigner, rule_book: RuleBook
) -> AsyncIterator[Bot]:
    store = await memory_store()
    tokens = CountingTokenSource()
    app = create_app(make_settings(openid.metadata_url), rules=rule_book, store=store, token_source=tokens)
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield Bot(client, store, connector, signer, tokens)
    await client.close()
    await store.close()
