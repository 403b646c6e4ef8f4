"""Shutting down closes what the app opened: with MicrosoftAppType=UserAssignedMSI the managed-identity
client (azure-identity, an aiohttp session inside) used to stay open and log ERROR "Unclosed client
session" at exit. Here the real `ManagedIdentityCredential` fetches its token from a fake App Service
identity endpoint on loopback, a signed turn makes the bot use it, then the app stops."""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.protocol.engine import RuleBook
from bot.storage import Store
from tests.fakes.activities import teams_message
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.tokens import TestSigner, channel_claims
from tests.http.conftest import APP_ID, make_settings

MI_TOKEN = "managed-identity-test-token"


@pytest.fixture
async def identity_endpoint(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[list[dict[str, str]]]:
    """An App Service managed-identity endpoint (IDENTITY_ENDPOINT + IDENTITY_HEADER) on loopback."""
    asked: list[dict[str, str]] = []

    async def token(request: web.Request) -> web.Response:
        asked.append(dict(request.query))
        return web.json_response(
            {
                "access_token": MI_TOKEN,
                "expires_on": str(int(time.time()) + 3600),
                "resource": request.query.get("resource", ""),
                "token_type": "Bearer",
            }
        )

    app = web.Application()
    app.router.add_get("/msi/token", token)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    monkeypatch.setenv("IDENTITY_ENDPOINT", str(server.make_url("/msi/token")))
    monkeypatch.setenv("IDENTITY_HEADER", "test-identity-header")
    yield asked
    await server.close()


async def test_shutdown_closes_the_managed_identity_client(
    identity_endpoint: list[dict[str, str]],
    openid: OpenIdServer,
    connector: FakeConnector,
    signer: TestSigner,
    rule_book: RuleBook,
    caplog: pytest.LogCaptureFixture,
    fresh_store: Store,
) -> None:
    settings = make_settings(openid.metadata_url, app_type="UserAssignedMSI", app_password=None)
    app = create_app(  # as `python app.py` builds it: no token source given, the outbox worker on
        settings,
        rules=rule_book,
        store=fresh_store,
        outbox_handler=lambda store: LeadershipOutbox(store, settings, rule_book),
    )
    client: TestClient[Any, Any] = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    token = signer.sign(channel_claims(APP_ID, connector.url))
    response = await client.post(
        "/api/messages",
        json=teams_message("help", service_url=connector.url),
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status == 201
    assert identity_endpoint and identity_endpoint[0]["client_id"] == APP_ID
    assert connector.sent and connector.sent[0].authorization == f"Bearer {MI_TOKEN}"

    caplog.clear()
    caplog.set_level(logging.ERROR)
    await client.close()
    del client, app
    gc.collect()

    unclosed = [r.getMessage() for r in caplog.records if "Unclosed" in r.getMessage()]
    assert unclosed == []
