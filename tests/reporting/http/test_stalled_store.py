"""A database another process keeps write-locked: every turn is answered within its budget — a report form
comes back filled in with "Niet verzonden", and trying again once the lock is gone gives one case — and the
health endpoints answer without waiting on the database.

The lock is held until the test lets go; `asyncio.timeout` only turns a hang into a failure (the old code
waited out SQLite's 10 s busy timeout per transaction, queued behind one another)."""

from __future__ import annotations

import asyncio
import json
import sqlite3
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import create_app
from bot.protocol.engine import RuleBook
from bot.storage import Store
from bot.texts import t
from cards.ids import Verb
from tests.fakes.activities import execute_action
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.servers import FakeConnector, OpenIdServer
from tests.fakes.tokens import TestSigner
from tests.http.conftest import Bot, make_settings
from tests.leadership.test_http import eventually
from tests.reporting.http.test_message_action_http import open_dialog, send_form, token_of
from tests.reporting.http.test_report_http import VALID, start

FORM_TOKEN = "form_token"
HANG = 8.0  # far above the 1 s budget, far below two busy timeouts


@pytest.fixture
async def sqlite_bot(
    tmp_path: Path, openid: OpenIdServer, connector: FakeConnector, signer: TestSigner, rule_book: RuleBook
) -> AsyncIterator[tuple[Bot, Path]]:
    path = tmp_path / "magdit.sqlite3"
    store = await Store.open(f"sqlite:///{path}")
    settings = make_settings(openid.metadata_url, turn_budget_seconds=1.0)
    app = create_app(settings, rules=rule_book, store=store, token_source=CountingTokenSource())
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield Bot(client, store, connector, signer, CountingTokenSource()), path  # type: ignore[arg-type]
    await client.close()
    await store.close()


def begin_immediate(path: Path) -> sqlite3.Connection:
    other = sqlite3.connect(path, isolation_level=None, timeout=HANG, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")
    return other


@asynccontextmanager
async def write_locked(path: Path) -> AsyncIterator[None]:
    """Another process's writer holding the database's write lock. Taken off the event loop: the bot's own
    startup work (the daily purge, the reminders) may be mid-transaction and needs the loop to finish it."""
    other = await asyncio.to_thread(begin_immediate, path)
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


async def press(bot: Bot, token: str) -> dict[str, Any]:
    activity = execute_action(Verb.SUBMIT_REPORT, {FORM_TOKEN: token, **VALID}, service_url=bot.connector.url)
    response = await bot.post(activity)
    assert response.status == 200
    body: dict[str, Any] = await response.json()
    return dict(body["value"])


async def test_a_locked_database_gets_an_honest_answer_in_time_and_the_form_kept(
    sqlite_bot: tuple[Bot, Path],
) -> None:
    bot, path = sqlite_bot
    first, second = await start(bot), await start(bot)
    async with write_locked(path):
        async with asyncio.timeout(HANG):
            cards = await asyncio.gather(press(bot, first), press(bot, second))
        for card in cards:
            shown = json.dumps(card, ensure_ascii=False)
            assert "Niet verzonden" in shown and VALID["description"] in shown
            assert any(a.get("verb") == Verb.SUBMIT_REPORT for a in card["actions"])
    await eventually(bot.store.ping, HANG)  # the cancelled writes left no transaction behind
    again = [await press(bot, first), await press(bot, second)]
    reports = await bot.store.reports.for_reporter("aad-user-1")
    assert len(reports) == 2
    assert all(any(r.case_number in json.dumps(card) for r in reports) for card in again)
    assert await press(bot, first) == again[0]  # still one case per form


async def test_health_endpoints_do_not_wait_on_a_locked_database(sqlite_bot: tuple[Bot, Path]) -> None:
    bot, path = sqlite_bot
    token = await start(bot)
    async with write_locked(path):
        stalled = asyncio.create_task(press(bot, token))  # holds the store's own lock behind SQLite's
        await asyncio.sleep(0.2)
        async with asyncio.timeout(HANG / 2):
            assert (await bot.client.get("/healthz")).status == 200
            ready = await bot.client.get("/readyz")
        assert ready.status in (200, 503) and "store" in await ready.json()
        await stalled


async def test_a_locked_database_keeps_the_dialog_and_its_form(sqlite_bot: tuple[Bot, Path]) -> None:
    """'Meld dit bericht' under a write lock: the dialog's form stays open with what was typed and the same
    token, a new dialog says it did not work; sending again afterwards gives one case."""
    bot, path = sqlite_bot
    token = token_of(await open_dialog(bot))
    async with write_locked(path):
        async with asyncio.timeout(HANG):
            kept = await send_form(bot, token)
            refused = await open_dialog(bot)
        assert kept["type"] == "continue" and token_of(kept) == token
        shown = json.dumps(kept, ensure_ascii=False)
        assert "Niet verzonden" in shown and "Daan Jansen" in shown
        assert refused == {"type": "message", "value": t("reply.too_slow")}
    await eventually(bot.store.ping, HANG)
    closing = await send_form(bot, token)
    [report] = await bot.store.reports.for_reporter("aad-user-1")
    assert report.case_number in closing["value"] and await send_form(bot, token) == closing
