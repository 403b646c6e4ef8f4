"""What /readyz reports about the store, checked in the background so the endpoint never waits on it.

A probe pings the store every few seconds, bounded by a timeout; /readyz answers at once from the last
result. A store that did not answer within the timeout, or whose last good answer is stale, is reported as
not ready. (The outbox figures on /readyz come from `bot.delivery.backlog`, read with their own timeout.)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from bot.storage import Store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoreState:
    ok: bool
    checked_seconds_ago: float | None  # None: not checked yet


class StoreHealth:
    """The store's last known state, refreshed by `run()` every `interval` seconds."""

    def __init__(
        self,
        store: Store,
        *,
        interval: float = 5.0,
        timeout: float = 2.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._store = store
        self._interval = interval
        self._timeout = timeout
        self._clock = clock
        self._ok_at: float | None = None
        self._checked_at: float | None = None
        self._ok = False

    def state(self) -> StoreState:
        now = self._clock()
        fresh = self._ok_at is not None and now - self._ok_at <= 3 * self._interval + self._timeout
        ago = None if self._checked_at is None else round(now - self._checked_at, 1)
        return StoreState(ok=self._ok and fresh, checked_seconds_ago=ago)

    async def check(self) -> None:
        """One probe, never longer than the timeout, never raising."""
        ok = False
        try:
            async with asyncio.timeout(self._timeout):
                ok = await self._store.ping()
        except TimeoutError:
            log.warning("store health probe: no answer within %.1f s", self._timeout)
            ok = False
        except Exception as error:
            log.error("store health probe failed: %s", type(error).__name__)
            ok = False
        self._checked_at = self._clock()
        self._ok = ok
        if ok:
            self._ok_at = self._checked_at

    async def run(self) -> None:
        while True:
            await self.check()
            await asyncio.sleep(self._interval)


@contextlib.asynccontextmanager
async def probing(health: StoreHealth) -> AsyncIterator[None]:
    """Run the probe for the lifetime of the block."""
    task = asyncio.create_task(health.run(), name="store-health")
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
