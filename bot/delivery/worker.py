"""The outbox worker: claim due messages, let the handler deliver them, record the outcome.

- 429: the next attempt is not before the connector's Retry-After.
- 401/408/412/425/5xx and connection errors or timeouts: exponential backoff with jitter (`Backoff`).
- Any other 4xx (403 bot removed, 404 conversation gone, 400, 413): dead — kept, counted on /readyz,
  logged as an alert with ids only.
- NotDeliverableYet (e.g. no leadership channel yet): tried again after a minute, listed on /readyz.
- A handler that fails in any other way keeps its message and backs off: nothing is lost to a bug.

FIFO per conversation comes from the store (`claim_due` hands out only each conversation's oldest
pending message), exactly-once between instances from its row locking and leases. While a message is
being sent its lease is renewed every third of the lease (a heartbeat), so a short lease is safe: a slow
send keeps its claim, and the messages of a crashed instance wait one lease, not a minute. The loop wakes at
once when this process enqueues (`notify`), otherwise it polls, so other instances' messages and
messages left by a crashed process are picked up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import secrets
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from bot.delivery.backoff import Backoff
from bot.delivery.ports import DeliveryError, NotDeliverableYet, OutboxHandler, Sender
from bot.reports.model import OutboxMessage
from bot.storage.models import CLAIM_LEASE
from bot.storage.sql.outbox import OutboxStore

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

RETRY_STATUSES = frozenset({401, 408, 412, 425, 429})
NOT_DELIVERABLE_RETRY = timedelta(seconds=60)


def system_clock() -> datetime:
    return datetime.now(UTC)


def is_retryable(status: int | None) -> bool:
    return status is None or status in RETRY_STATUSES or 500 <= status <= 599


class OutboxWorker:
    def __init__(
        self,
        outbox: OutboxStore,
        handler: OutboxHandler,
        sender: Sender,
        *,
        clock: Clock = system_clock,
        backoff: Backoff | None = None,
        poll_seconds: float = 2.0,
        batch_size: int = 20,
        lease: timedelta = CLAIM_LEASE,
        heartbeat_seconds: float | None = None,
    ) -> None:
        self._outbox = outbox
        self._handler = handler
        self._sender = sender
        self._clock = clock
        self._backoff = backoff or Backoff()
        self._poll = poll_seconds
        self._batch = batch_size
        self._lease = lease
        self._heartbeat = heartbeat_seconds or lease.total_seconds() / 3
        self.owner = f"pid{os.getpid()}-{secrets.token_hex(4)}"  # claims of this worker, not of a dead one
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None
        self._not_deliverable: dict[str, str] = {}  # conversation key -> reason (ids only)

    def notify(self) -> None:
        """Something was enqueued in this process: look now instead of at the next poll."""
        self._wake.set()

    def not_deliverable(self) -> list[str]:
        """Why messages wait with nowhere to go, e.g. "no leadership channel for school de-breul"."""
        return sorted(set(self._not_deliverable.values()))

    async def run_once(self) -> int:
        """Claim what is due now and deliver it, one message per conversation concurrently."""
        messages = await self._outbox.claim_due(self._batch, self._clock(), self._lease, self.owner)
        await asyncio.gather(*(self._deliver(message) for message in messages))
        return len(messages)

    async def run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            try:
                handled = await self.run_once()
            except Exception as error:  # the store is down: keep polling, nothing is claimed
                log.error("outbox claim failed: %s", type(error).__name__)
                handled = 0
            if handled or self._stopping:
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self._poll)

    def start(self) -> None:
        if self._task is None:
            self._stopping = False
            self._task = asyncio.create_task(self.run(), name="outbox-worker")

    async def stop(self, grace_seconds: float = 15.0) -> None:
        """Finish the deliveries in flight (each bounded by the sender's timeout), then return."""
        task, self._task = self._task, None
        if task is None:
            return
        self._stopping = True
        self._wake.set()
        try:
            await asyncio.wait_for(task, timeout=grace_seconds)
        except TimeoutError:
            log.warning("outbox worker did not stop within %.0fs: cancelled", grace_seconds)

    async def _deliver(self, message: OutboxMessage) -> None:
        heartbeat = asyncio.create_task(self._keep_claim(message.id), name=f"outbox-lease-{message.id}")
        try:
            await self._deliver_claimed(message)
        finally:
            heartbeat.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await heartbeat

    async def _keep_claim(self, message_id: int) -> None:
        """Renew the lease while the message is being sent, until the claim is lost or the send is done."""
        while True:
            await asyncio.sleep(self._heartbeat)
            try:
                kept = await self._outbox.renew(message_id, self.owner, self._clock() + self._lease)
            except Exception as error:  # the store is slow or down: try again at the next beat
                log.warning("outbox message %d: lease not renewed: %s", message_id, type(error).__name__)
                continue
            if not kept:
                log.warning("outbox message %d: claim lost (lease passed)", message_id)
                return

    async def _deliver_claimed(self, message: OutboxMessage) -> None:
        try:
            try:
                await self._handler.deliver(message, self._sender)
            except DeliveryError as error:
                await self._failed(message, error)
            except NotDeliverableYet as error:
                self._not_deliverable[message.conversation_key] = error.reason
                log.warning("outbox message %d waits: %s", message.id, error.reason)
                await self._outbox.retry_later(
                    message.id, self._clock() + NOT_DELIVERABLE_RETRY, f"not deliverable: {error.reason}"
                )
            except Exception as error:  # a bug in rendering or a store failure: keep it, back off
                log.error("outbox message %d: handler failed: %s", message.id, type(error).__name__)
                await self._retry(message, self._backoff.delay(message.attempts), type(error).__name__)
            else:
                self._not_deliverable.pop(message.conversation_key, None)
                await self._outbox.mark_sent(message.id)
        except Exception as error:  # recording the outcome failed: the lease hands it out again
            log.error("outbox message %d: outcome not recorded: %s", message.id, type(error).__name__)

    async def _failed(self, message: OutboxMessage, error: DeliveryError) -> None:
        code = "connection error" if error.status is None else f"HTTP {error.status}"
        if not is_retryable(error.status):
            log.error(
                "ALERT outbox message %d to %s is dead (%s): kept, not retried",
                message.id,
                message.conversation_key,
                code,
            )
            await self._outbox.mark_dead(message.id, code)
            return
        if error.status == 429:
            delay = self._backoff.after_throttle(message.attempts, error.retry_after)
        else:
            delay = self._backoff.delay(message.attempts)
        log.warning(
            "outbox message %d: %s, attempt %d, next in %.1fs", message.id, code, message.attempts, delay
        )
        await self._retry(message, delay, code)

    async def _retry(self, message: OutboxMessage, delay: float, code: str) -> None:
        await self._outbox.retry_later(message.id, self._clock() + timedelta(seconds=delay), code)
