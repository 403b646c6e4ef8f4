"""A slow send keeps its claim (the worker renews the lease while sending), so a short lease is safe; a
crashed worker's claim is taken over after one lease. Fake clock: the test waits for events, not time."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from typing import cast

from bot.delivery.ports import Sender
from bot.delivery.worker import OutboxWorker
from bot.reports.model import OutboxDraft, OutboxMessage
from bot.storage import Store
from tests.delivery.conftest import FakeClock

LEASE = timedelta(seconds=15)
NO_SENDER = cast(Sender, object())  # the handlers here never send


class HeldHandler:
    """Delivers only when released: a send that takes long (a slow connector)."""

    def __init__(self) -> None:
        self.started = asyncio.Event()
        self.release = asyncio.Event()
        self.calls = 0

    async def deliver(self, message: OutboxMessage, sender: Sender) -> None:
        self.calls += 1
        self.started.set()
        await self.release.wait()


async def renewed_past(store: Store, key: str, clock: FakeClock, seconds: float) -> None:
    """Wait (bounded) until the message's lease reaches `seconds` after the clock's start."""
    target = clock.start + timedelta(seconds=seconds)

    async def lease_end() -> datetime:
        return (await store.outbox.messages(key))[0].next_attempt_at

    async with asyncio.timeout(10):
        while await lease_end() < target:  # noqa: ASYNC110 - another task writes it
            await asyncio.sleep(0.01)


async def test_a_slow_send_keeps_its_claim_while_another_worker_polls(store: Store, clock: FakeClock) -> None:
    await store.outbox.enqueue([OutboxDraft(conversation_key="leadership:de-breul", message={"kind": "x"})])
    slow = HeldHandler()
    a = OutboxWorker(store.outbox, slow, NO_SENDER, clock=clock, lease=LEASE, heartbeat_seconds=0.01)
    other = HeldHandler()
    b = OutboxWorker(store.outbox, other, NO_SENDER, clock=clock, lease=LEASE)

    sending = asyncio.create_task(a.run_once())
    await asyncio.wait_for(slow.started.wait(), 10)
    clock.advance(10)  # the send is still going after 10 s
    await renewed_past(store, "leadership:de-breul", clock, 24)  # a's heartbeat moved the lease on
    clock.advance(10)  # 20 s: past the first lease, still within the renewed one
    assert await b.run_once() == 0 and other.calls == 0  # not sent a second time

    slow.release.set()
    assert await asyncio.wait_for(sending, 10) == 1
    [message] = await store.outbox.messages("leadership:de-breul")
    assert (message.status, message.claimed_by) == ("sent", None)


async def test_a_crashed_workers_message_goes_out_after_one_lease(store: Store, clock: FakeClock) -> None:
    await store.outbox.enqueue([OutboxDraft(conversation_key="leadership:de-breul", message={"kind": "x"})])
    await store.outbox.claim_due(1, clock(), owner="crashed-instance")  # claimed, then the process died
    survivor_handler = HeldHandler()
    survivor_handler.release.set()
    survivor = OutboxWorker(store.outbox, survivor_handler, NO_SENDER, clock=clock)

    clock.advance(16)  # one default lease later, not a minute
    assert await survivor.run_once() == 1 and survivor_handler.calls == 1
