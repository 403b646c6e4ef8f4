"""Requests built to break or flood the endpoint: bodies nested thousands of levels deep, tokens without
an expiry, request values that would forge or flood log lines. Through `create_app` with signed tokens."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import pytest
from aiohttp import ClientResponse
from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.observability import TEXT_FORMAT, TextLineFormatter
from bot.protocol.engine import RuleBook
from bot.settings import Settings
from bot.storage import Store
from tests.fakes.activities import OTHER_TENANT, TENANT, teams_message
from tests.fakes.rules import SCHOOL
from tests.fakes.store import MEMORY_URL
from tests.http.conftest import Bot

FORGED_LINE = "2026-12-01 10:00:00,000 CRITICAL magdit.app forged line"


def nested_body(activity: dict[str, Any], depth: int) -> str:
    """`activity` as JSON with a `value` nested `depth` objects deep (json.dumps itself would recurse)."""
    placeholder = "__NESTED__"
    text = json.dumps({**activity, "value": placeholder})
    return text.replace(f'"{placeholder}"', '{"a":' * depth + "1" + "}" * depth)


async def post_raw(bot: Bot, body: str, token: str | None) -> ClientResponse:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    return await bot.client.post("/api/messages", data=body.encode(), headers=headers)


async def assert_untouched(bot: Bot) -> None:
    assert bot.connector.sent == []
    assert await bot.store.profiles.get_profile("aad-user-1") is None


def no_errors_logged(caplog: pytest.LogCaptureFixture) -> bool:
    return not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


# 8. Deeply nested bodies.


async def test_a_deep_body_without_a_token_is_refused_before_it_is_parsed(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    body = nested_body(teams_message("help", service_url=bot.connector.url), 5000)

    response = await post_raw(bot, body, token=None)

    assert response.status == 401  # the token is checked first: the body is never parsed
    assert no_errors_logged(caplog)
    await assert_untouched(bot)


@pytest.mark.parametrize("depth", [5000, 500, 40])
async def test_a_deep_body_with_a_valid_token_is_400(
    bot: Bot, caplog: pytest.LogCaptureFixture, depth: int
) -> None:
    body = nested_body(teams_message("help", service_url=bot.connector.url), depth)

    response = await post_raw(bot, body, token=bot.token())

    assert response.status == 400
    assert (await response.json())["error"] == "body nests too deep"
    assert no_errors_logged(caplog)
    await assert_untouched(bot)


async def test_a_deep_body_in_local_mode_is_400(
    rule_book: RuleBook, caplog: pytest.LogCaptureFixture, fresh_store: Store
) -> None:
    settings = Settings(
        _env_file=None,
        dangerously_allow_unauthenticated_local_dev=True,
        host="127.0.0.1",
        allowed_tenant_ids=TENANT,
        tenant_schools={TENANT: [SCHOOL]},
        database_url=MEMORY_URL,
    )
    store = fresh_store
    app = create_app(settings, rules=rule_book, store=store)
    async with TestClient(TestServer(app, host="127.0.0.1")) as client:
        body = nested_body(teams_message("help", service_url="http://127.0.0.1:9"), 5000)
        response = await client.post(
            "/api/messages", data=body.encode(), headers={"Content-Type": "application/json"}
        )
    assert response.status == 400
    assert no_errors_logged(caplog)
    assert await store.profiles.get_profile("aad-user-1") is None


# 13. Tokens without an expiry.


async def test_a_token_without_exp_is_401(bot: Bot) -> None:
    response = await bot.post(teams_message("help", service_url=bot.connector.url), token=bot.token(exp=None))

    assert response.status == 401
    await assert_untouched(bot)
    assert bot.tokens.fetches == 0


# 11. Request values in log lines.


async def test_a_huge_activity_id_with_a_newline_neither_floods_nor_forges_the_log(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    activity = teams_message("help", service_url=bot.connector.url, tenant=OTHER_TENANT)
    activity["id"] = "A" * 100_000 + "\n" + FORGED_LINE

    response = await bot.post(activity)

    assert response.status == 403
    rejected = [r.getMessage() for r in caplog.records if r.name.startswith("bot.teams")]
    assert rejected, "the rejection is logged"
    assert all(len(message) < 300 and "\n" not in message for message in rejected)
    assert all(FORGED_LINE not in message for message in rejected)
    await assert_untouched(bot)


async def test_rejected_requests_are_logged_at_a_bounded_rate(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    activity = teams_message("help", service_url=bot.connector.url)

    for _ in range(60):
        assert (await bot.post(activity, token=None)).status == 401

    lines = [r for r in caplog.records if r.name.startswith("bot.teams")]
    assert 1 <= len(lines) <= 21  # 20 a minute, and one line saying the rest is only counted
    await assert_untouched(bot)


def test_a_text_log_line_stays_one_line_whatever_its_message_holds() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(TextLineFormatter(TEXT_FORMAT))
    logger = logging.getLogger("magdit.test.one_line")
    logger.propagate = False
    logger.addHandler(handler)
    try:
        logger.warning("activity %s", "a1\n" + FORGED_LINE + "\r\u2028\u202e")
    finally:
        logger.removeHandler(handler)

    lines = stream.getvalue().splitlines()
    assert len(lines) == 1
    assert "a1\\u000a" in lines[0] and "\\u202e" in lines[0]
