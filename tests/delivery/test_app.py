"""The worker inside the app: started and stopped with it, woken by writes, and visible on /readyz."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from app import WORKER, create_app
from bot.delivery.worker import OutboxWorker
from bot.protocol.engine import RuleBook
from bot.reports.model import Category, ReportDraft
from bot.storage import Store
from bot.teams.proactive import ConnectorSender
from tests.delivery.conftest import FixedCardHandler, escalate, notify
from tests.fakes.outbound import OUTBOUND_TOKEN, CountingTokenSource
from tests.fakes.rules import test_rule_book as rules_for_tests
from tests.fakes.servers import FakeConnector
from tests.fakes.store import memory_store
from tests.http.conftest import make_settings


@pytest.fixture(scope="module")
def rule_book(tmp_path_factory: pytest.TempPathFactory) -> RuleBook:
    return rules_for_tests(tmp_path_factory.mktemp("rules"))


async def eventually(check: Callable[[], Awaitable[bool]], seconds: float) -> float:
    """Seconds until `check()` held; fails after `seconds`."""
    started = time.monotonic()
    async with asyncio.timeout(seconds):
        while not await check():  # noqa: ASYNC110 - the worker runs in the app, no event to wait on
            await asyncio.sleep(0.02)
    return time.monotonic() - started


@pytest.fixture
async def running(
    rule_book: RuleBook, connector: FakeConnector
) -> AsyncIterator[tuple[TestClient[Any, Any], Store, FixedCardHandler]]:
    store = await memory_store()
    handler = FixedCardHandler(connector.url)
    handler.register("de-breul")
    app = create_app(
        make_settings("http://127.0.0.1:9/openid"),
        rules=rule_book,
        store=store,
        token_source=CountingTokenSource(),
        outbox_handler=lambda _store: handler,
    )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield client, store, handler
    await client.close()
    await store.close()


async def test_the_app_delivers_what_any_instance_enqueued_within_a_poll(
    running: tuple[TestClient[Any, Any], Store, FixedCardHandler], connector: FakeConnector
) -> None:
    _, store, _ = running
    await store.outbox.enqueue([escalate("de-breul", "M-2026-0001"), notify("u1", "ontvangen")])

    async def delivered() -> bool:
        return len(connector.sent) == 2

    took = await eventually(delivered, 10)
    assert took < 6  # within a poll or two (2 s each), no restart needed
    assert {c.authorization for c in connector.sent} == {f"Bearer {OUTBOUND_TOKEN}-1"}  # one cached token


async def test_readyz_shows_dead_messages_and_schools_without_a_channel(
    running: tuple[TestClient[Any, Any], Store, FixedCardHandler], connector: FakeConnector
) -> None:
    client, store, _ = running
    before = await (await client.get("/readyz")).json()
    assert before["outbox_dead"] == 0 and "alert" not in before and "not_deliverable" not in before
    connector.fail_conversation["a:chat-u1"] = [404]
    await store.outbox.enqueue([notify("u1", "weg"), escalate("de-marel", "M-2026-0002")])

    async def both_outcomes_recorded() -> bool:  # not just claimed: the worker wrote what happened
        reporter, leadership = [
            (await store.outbox.messages(key))[0] for key in ("reporter:u1", "leadership:de-marel")
        ]
        return reporter.status == "dead" and (leadership.last_error or "").startswith("not deliverable")

    await eventually(both_outcomes_recorded, 5)

    async def counted() -> bool:  # read by each /readyz (bot.delivery.backlog, bounded to 1 s)
        return bool((await (await client.get("/readyz")).json())["outbox_dead"])

    await eventually(counted, 5)
    answer = await client.get("/readyz")
    body = await answer.json()
    assert answer.status == 200  # still ready to serve; the admin is alerted
    assert body["outbox_dead"] == 1
    assert "1 outbox message(s) could not be delivered" in body["alert"]
    assert body["not_deliverable"] == ["no leadership channel for school de-marel"]


async def test_the_worker_stops_with_the_app(
    rule_book: RuleBook, connector: FakeConnector, fresh_store: Store
) -> None:
    handler = FixedCardHandler(connector.url)
    app = create_app(
        make_settings("http://127.0.0.1:9/openid"),
        rules=rule_book,
        store=fresh_store,
        token_source=CountingTokenSource(),
        outbox_handler=lambda _store: handler,
    )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    worker = app[WORKER]
    task = worker._task
    assert task is not None and not task.done()
    await client.close()
    assert task.done() and not task.cancelled()  # finished its loop, not killed


async def test_without_a_handler_no_worker_runs(rule_book: RuleBook, fresh_store: Store) -> None:
    app = create_app(
        make_settings("http://127.0.0.1:9/openid"),
        rules=rule_book,
        store=fresh_store,
        token_source=CountingTokenSource(),
    )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    try:
        assert WORKER not in app
        assert (await (await client.get("/readyz")).json())["outbox_dead"] == 0
    finally:
        await client.close()


async def test_committed_enqueues_wake_the_worker_at_once(
    store: Store, sender: ConnectorSender, connector: FakeConnector, handler: FixedCardHandler
) -> None:
    worker = OutboxWorker(store.outbox, handler, sender, poll_seconds=60)
    writing = store
    stop_waking = store.on_enqueue(worker.notify)
    worker.start()
    try:
        await asyncio.sleep(0.05)  # the worker is now waiting for its (one-minute) poll
        await writing.outbox.enqueue([notify("u1", "hallo")])

        async def sent() -> bool:
            return len(connector.sent) == 1

        await eventually(sent, 20)  # fails after 20 s; the poll is 60 s: woken, not polled
        draft = ReportDraft(
            school="de-breul",
            category=Category.CYBERPESTEN,
            description="iemand zet nare berichten in de groepsapp",
            reporter_key="u2",
            reporter_conversation={},
        )
        report, created = await writing.reports.submit(draft, "token-1")
        assert created

        async def claimed() -> bool:
            return any(m.attempts for m in await store.outbox.messages("leadership:de-breul"))

        await eventually(claimed, 20)  # poll 60 s: the report's escalation was picked up at once
        assert await writing.ping() and (await writing.reports.get(report.id)) == report
    finally:
        stop_waking()
        await worker.stop()
