"""Someone notices a backlog: /readyz shows the pending count and the oldest message's age, the metric
carries the same figures, one ALERT is logged when the age passes the threshold (and one line when it is
back under), and a health check never waits on a database that does not answer."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from app import create_app
from bot.delivery.backlog import BacklogMonitor
from bot.observability import backlog_gauges
from bot.protocol.engine import RuleBook
from bot.reports.model import OutboxDraft
from bot.storage import Store, open_store
from tests.delivery.conftest import FakeClock
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.rules import test_rule_book as rules_for_tests
from tests.fakes.store import store_busy
from tests.http.conftest import make_settings
from tests.leadership.test_http import eventually

WAITING = OutboxDraft(conversation_key="leadership:de-breul", message={"kind": "test"})


@pytest.fixture(scope="module")
def rule_book(tmp_path_factory: pytest.TempPathFactory) -> RuleBook:
    return rules_for_tests(tmp_path_factory.mktemp("rules"))


async def test_one_alert_when_the_oldest_message_waits_too_long_and_one_line_when_it_is_over(
    store: Store, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    monitor = BacklogMonitor(store.outbox, threshold_seconds=300, clock=clock)
    await store.outbox.enqueue([WAITING, WAITING])
    with caplog.at_level(logging.INFO, logger="bot.delivery.backlog"):
        await monitor.check()
        clock.advance(301)
        for _ in range(3):
            backlog = await monitor.check()
        assert backlog is not None and backlog.pending == 2
        for message in await store.outbox.claim_due(10, clock()):
            await store.outbox.mark_sent(message.id)
        await store.outbox.claim_due(10, clock() + timedelta(hours=1))  # the second, after the first
        for message in await store.outbox.messages(WAITING.conversation_key):
            await store.outbox.mark_sent(message.id)
        await monitor.check()
    lines = [r.getMessage() for r in caplog.records]
    [alert] = [line for line in lines if line.startswith("ALERT")]  # once, not at every check
    assert alert.startswith("ALERT outbox backlog: 2 message(s) pending, the oldest for 30")
    assert alert.endswith("(threshold 300s)")
    assert lines[-1] == "outbox backlog back under the threshold: 0 message(s) pending"


async def test_the_metric_carries_pending_age_and_dead(store: Store, clock: FakeClock) -> None:
    reader = InMemoryMetricReader()
    monitor = BacklogMonitor(store.outbox, threshold_seconds=300, clock=clock)
    assert backlog_gauges(monitor, MeterProvider(metric_readers=[reader])) is True
    await store.outbox.enqueue([WAITING])
    await monitor.check()
    clock.advance(42)
    data = reader.get_metrics_data()
    assert data is not None
    values = {
        metric.name: metric.data.data_points[0].value
        for resource in data.resource_metrics
        for scope in resource.scope_metrics
        for metric in scope.metrics
    }
    assert values["magdit.outbox.pending"] == 1 and values["magdit.outbox.dead"] == 0
    assert 42 <= values["magdit.outbox.oldest_pending_age"] < 44


@pytest.fixture
async def app_on_sqlite(
    tmp_path: Path, rule_book: RuleBook
) -> AsyncIterator[tuple[TestClient[Any, Any], Store, Path]]:
    path = tmp_path / "magdit.sqlite3"
    store = await open_store(f"sqlite:///{path}")
    app = create_app(
        make_settings("http://127.0.0.1:9/openid", outbox_alert_seconds=60),
        rules=rule_book,
        store=store,
        token_source=CountingTokenSource(),
    )
    client = TestClient(TestServer(app, host="127.0.0.1"))
    await client.start_server()
    yield client, store, path
    await client.close()
    await store.close()


async def test_readyz_shows_the_backlog_and_alerts_when_it_is_old(
    app_on_sqlite: tuple[TestClient[Any, Any], Store, Path],
) -> None:
    client, store, path = app_on_sqlite
    quiet = await (await client.get("/readyz")).json()
    assert (quiet["outbox_pending"], quiet["outbox_oldest_pending_seconds"], quiet["outbox_dead"]) == (
        0,
        0,
        0,
    )
    assert "alert" not in quiet

    await store.outbox.enqueue([WAITING])

    def backdate() -> None:
        with sqlite3.connect(path) as db:  # the message has waited ten minutes (Teams down all that time)
            db.execute(
                "UPDATE outbox SET created_at = ?",
                ((datetime.now(UTC) - timedelta(minutes=10)).isoformat(),),
            )

    # Off the event loop: the worker, woken by the enqueue, may be inside its claim and needs the loop to
    # commit it.
    await asyncio.to_thread(backdate)
    response = await client.get("/readyz")
    body = await response.json()
    assert response.status == 200  # a new instance would not reach Teams either: still ready
    assert body["outbox_pending"] == 1 and 590 <= body["outbox_oldest_pending_seconds"] <= 700
    assert "1 outbox message(s) pending" in body["alert"]


async def test_readyz_answers_while_the_database_does_not(
    app_on_sqlite: tuple[TestClient[Any, Any], Store, Path],
) -> None:
    """The backlog figures are read within 1 s; the store's state comes from the background probe
    (`bot.health`), which notices the lock within its own timeout. Neither connection answers: the writer's
    is held (a transaction of this process waits on a locked database file) and the reader is busy."""
    client, store, _ = app_on_sqlite

    async def ready() -> tuple[int, dict[str, Any]]:
        response = await asyncio.wait_for(client.get("/readyz"), timeout=30)  # a liveness guard
        return response.status, await response.json()

    async with store_busy(store):  # a transaction of this process waits on a locked database file
        _, body = await ready()
        assert body["outbox"] == "unknown (the store did not answer in time)"
        assert "outbox_pending" not in body

        async def store_down() -> bool:
            status, body = await ready()
            return status == 503 and body["store"] is False

        await eventually(store_down, 15)

    async def free_again() -> bool:
        status, body = await ready()
        return status == 200 and body["store"] is True and body["outbox_pending"] == 0

    await eventually(free_again, 15)
