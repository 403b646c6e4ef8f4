"""Hostile requests: each gets the right status, the bot never runs, nothing is stored or sent."""

from __future__ import annotations

import time
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from cryptography.hazmat.primitives.asymmetric import rsa

from app import create_app
from bot.protocol.engine import RuleBook
from bot.storage import Store
from tests.fakes.activities import OTHER_TENANT, TENANT, teams_message
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.servers import OpenIdServer
from tests.fakes.tokens import TestSigner, channel_claims
from tests.http.conftest import APP_ID, Bot, make_settings

EMULATOR_ISSUER = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/"


async def assert_untouched(bot: Bot) -> None:
    assert bot.connector.sent == []
    assert await bot.store.profiles.get_profile("aad-user-1") is None
    assert bot.tokens.fetches == 0


def other_key_token(bot: Bot) -> str:
    forger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return bot.signer.sign(channel_claims(APP_ID, bot.connector.url), key=forger)


CASES: dict[str, Any] = {
    "forged signature": other_key_token,
    "unknown kid": lambda bot: bot.signer.sign(channel_claims(APP_ID, bot.connector.url), kid="not-a-key"),
    "wrong audience": lambda bot: bot.token(aud="some-other-bot"),
    "expired": lambda bot: bot.token(exp=int(time.time()) - 3600, nbf=int(time.time()) - 7200),
    "wrong issuer": lambda bot: bot.token(iss="https://evil.example"),
    "emulator issuer": lambda bot: bot.token(iss=EMULATOR_ISSUER, appid=APP_ID, ver="1.0"),
    "other serviceurl claim": lambda bot: bot.token(serviceurl="https://evil.example/"),
    "no serviceurl claim": lambda bot: bot.token(serviceurl=None),
    "garbage": lambda bot: "not.a.jwt",
    "alg none": lambda bot: (
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJpc3MiOiJodHRwczovL2FwaS5ib3RmcmFtZXdvcmsuY29tIn0."
    ),
    "missing header": lambda bot: None,
}


@pytest.mark.parametrize("case", list(CASES))
async def test_invalid_token_is_401(bot: Bot, case: str) -> None:
    token = CASES[case](bot)

    response = await bot.post(teams_message("help", service_url=bot.connector.url), token=token)

    assert response.status == 401
    await assert_untouched(bot)


async def test_basic_scheme_is_401(bot: Bot) -> None:
    response = await bot.post(
        teams_message("help", service_url=bot.connector.url), token=None, Authorization="Basic dXNlcjpwYXNz"
    )
    assert response.status == 401
    await assert_untouched(bot)


@pytest.mark.parametrize("channel", ["", "emulator", "webchat"])
async def test_channel_other_than_msteams_is_401(bot: Bot, channel: str) -> None:
    response = await bot.post(teams_message("help", service_url=bot.connector.url, channel_id=channel))
    assert response.status == 401
    await assert_untouched(bot)


async def test_key_not_endorsed_for_msteams_is_401(
    bot: Bot, signer: TestSigner, openid: OpenIdServer
) -> None:
    # A published key endorsed only for webchat: botbuilder's endorsement check refuses it for msteams.
    webchat_only = TestSigner(kid="webchat-key", endorsements=("webchat",))
    openid.jwks = {"keys": [*signer.jwks()["keys"], *webchat_only.jwks()["keys"]]}
    assert (await bot.post(teams_message("help", service_url=bot.connector.url))).status == 201
    bot.connector.sent.clear()
    bot.tokens.fetches = 0
    token = webchat_only.sign(channel_claims(APP_ID, bot.connector.url))
    response = await bot.post(teams_message("help", service_url=bot.connector.url), token=token)
    assert response.status == 401
    assert bot.connector.sent == []


@pytest.mark.parametrize(
    ("tenant", "data_tenant"),
    [(OTHER_TENANT, None), (None, TENANT), (TENANT, OTHER_TENANT), (OTHER_TENANT, TENANT)],
    ids=["other tenant", "no conversation tenant", "tenants disagree", "conversation tenant other"],
)
async def test_tenant_not_allowed_is_403(bot: Bot, tenant: str | None, data_tenant: str | None) -> None:
    activity = teams_message("help", service_url=bot.connector.url, tenant=tenant, data_tenant=data_tenant)
    if tenant is None:
        activity["channelData"] = {"tenant": {"id": data_tenant}}
    response = await bot.post(activity)
    assert response.status == 403
    await assert_untouched(bot)


async def test_body_too_large_is_413(bot: Bot) -> None:
    response = await bot.post(teams_message("x" * 300_000, service_url=bot.connector.url))
    assert response.status == 413
    await assert_untouched(bot)


async def test_not_json_is_415_and_bad_json_400(bot: Bot) -> None:
    headers = {"Authorization": f"Bearer {bot.token()}"}
    text = await bot.client.post(
        "/api/messages", data="hello", headers={**headers, "Content-Type": "text/plain"}
    )
    broken = await bot.client.post(
        "/api/messages", data="{not json", headers={**headers, "Content-Type": "application/json"}
    )
    assert (text.status, broken.status) == (415, 400)
    await assert_untouched(bot)


async def test_metadata_unreachable_is_503(
    rule_book: RuleBook, signer: TestSigner, fresh_store: Store
) -> None:
    store, tokens = fresh_store, CountingTokenSource()
    settings = make_settings("http://127.0.0.1:9/openid")  # discard port: nothing listens
    app = create_app(settings, rules=rule_book, store=store, token_source=tokens)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        token = signer.sign(channel_claims(APP_ID, "http://127.0.0.1:9"))
        activity = teams_message("help", service_url="http://127.0.0.1:9")
        response = await client.post(
            "/api/messages", json=activity, headers={"Authorization": f"Bearer {token}"}
        )
    assert response.status == 503
    assert await store.profiles.get_profile("aad-user-1") is None
