"""Durability across a killed process, and exactly-once delivery with several workers on one database."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import textwrap
from pathlib import Path

import aiohttp
import pytest

from bot.delivery.backoff import Backoff
from bot.delivery.worker import OutboxWorker
from bot.storage import Store, open_store
from bot.storage.models import CLAIM_LEASE
from bot.teams.outbound import CachedToken
from bot.teams.proactive import ConnectorSender
from tests.delivery.conftest import FakeClock, FixedCardHandler, card_text, drive, notify
from tests.fakes.outbound import CountingTokenSource
from tests.fakes.servers import FakeConnector

ROOT = Path(__file__).resolve().parents[2]

# The "report flow" in its own process: the messages are written (one transaction), the worker has claimed
# the first one — and the process is killed with SIGKILL before anything is sent.
WRITE_THEN_DIE = textwrap.dedent(
    """
    import asyncio, os, signal, sys
    from datetime import UTC, datetime
    from bot.reports.model import OutboxDraft
    from bot.storage import open_store

    async def main(url: str, claim: bool) -> None:
        store = await open_store(url)
        await store.outbox.enqueue(
            [OutboxDraft(conversation_key="reporter:u1", message={"kind": "notify", "user": "u1", "text": t})
             for t in ("een", "twee", "drie")]
        )
        if claim:
            await store.outbox.claim_due(10, datetime.now(UTC))
        os.kill(os.getpid(), signal.SIGKILL)

    asyncio.run(main(sys.argv[1], sys.argv[2] == "claim"))
    """
)


@pytest.mark.parametrize("moment", ["after the write", "after the claim"])
async def test_killed_between_write_and_send_is_delivered_after_restart(
    tmp_path: Path,
    sender: ConnectorSender,
    connector: FakeConnector,
    handler: FixedCardHandler,
    clock: FakeClock,
    moment: str,
) -> None:
    url = f"sqlite:///{tmp_path / 'magdit.sqlite3'}"
    claim = "claim" if moment == "after the claim" else "write"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        WRITE_THEN_DIE,
        url,
        claim,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stderr=asyncio.subprocess.PIPE,
    )
    _, errors = await asyncio.wait_for(process.communicate(), timeout=60)
    assert process.returncode == -signal.SIGKILL, errors.decode()
    assert connector.sent == []

    store = await open_store(url)  # the restarted process: a new store and worker on the same file
    try:
        worker = OutboxWorker(store.outbox, handler, sender, clock=clock)
        before = [m.status for m in await store.outbox.messages("reporter:u1")]
        assert before == ["pending"] * 3
        await worker.run_once()
        if claim == "claim":
            assert connector.sent == []  # the dead process's lease still holds
            clock.advance(CLAIM_LEASE.total_seconds())
        await drive(worker, clock, 30, step=1)
        assert [card_text(c.body) for c in connector.sent] == ["een", "twee", "drie"]
        assert [m.status for m in await store.outbox.messages("reporter:u1")] == ["sent"] * 3
    finally:
        await store.close()


@pytest.fixture(params=["sqlite", "postgres"])
def shared_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'shared.sqlite3'}"
    return str(request.getfixturevalue("postgres_database"))


async def test_two_workers_on_one_database_send_each_message_once(
    shared_url: str, connector: FakeConnector, session: aiohttp.ClientSession
) -> None:
    conversations, per_conversation = 15, 4
    stores: list[Store] = [await open_store(shared_url), await open_store(shared_url)]
    workers: list[OutboxWorker] = []
    try:
        await stores[0].outbox.enqueue(
            [notify(f"u{c}", f"u{c}-{n}") for n in range(per_conversation) for c in range(conversations)]
        )
        connector.delay_seconds = 0.005
        connector.fail_next = [503] * 6  # a few retries, so leases and backoff interleave too
        handlers = [FixedCardHandler(connector.url) for _ in stores]
        workers += [
            OutboxWorker(
                store.outbox,
                handler,
                ConnectorSender(session, CachedToken(CountingTokenSource()), timeout_seconds=2),
                backoff=Backoff(base_seconds=0.05, cap_seconds=0.2),
                poll_seconds=0.05,
                batch_size=4,
            )
            for store, handler in zip(stores, handlers, strict=True)
        ]
        for worker in workers:
            worker.start()
        total = conversations * per_conversation
        async with asyncio.timeout(30):
            while sum(len(h.delivered) for h in handlers) < total:  # noqa: ASYNC110 - two workers, no single event
                await asyncio.sleep(0.02)
        for worker in workers:
            await worker.stop()

        delivered = [c for c in connector.sent if c.status == 200]
        texts = [card_text(c.body) for c in delivered]
        assert len(texts) == len(set(texts)) == total  # each message sent exactly once
        for c in range(conversations):
            mine = [t for t in texts if t.startswith(f"u{c}-")]
            assert mine == [f"u{c}-{n}" for n in range(per_conversation)]  # FIFO across both workers
        shares = [len(h.delivered) for h in handlers]
        assert all(share > 0 for share in shares), shares  # both really worked
        print(f"\n{shared_url.split(':')[0]}: {total} messages, worker shares {shares}")
    finally:
        for worker in workers:
            await worker.stop()
        for store in stores:
            await store.close()
