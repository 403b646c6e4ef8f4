"""Who notices a backlog: the outbox's pending count and the age of its oldest pending message, read with a
short timeout (never waiting on a locked database), kept for the metric and /readyz, and one ALERT log line
when the age passes the threshold (OUTBOX_ALERT_SECONDS) — one more when it is back under. Ids and counts
only; the Azure alert rule (deployment/azure/main.bicep) fires on the ALERT line.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import UTC, datetime

from bot.storage.models import OutboxBacklog
from bot.storage.sql.outbox import OutboxStore

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
READ_TIMEOUT_SECONDS = 1.0


def system_clock() -> datetime:
    return datetime.now(UTC)


class BacklogMonitor:
    def __init__(
        self,
        outbox: OutboxStore,
        threshold_seconds: float,
        *,
        clock: Clock = system_clock,
        timeout_seconds: float = READ_TIMEOUT_SECONDS,
    ) -> None:
        self._outbox = outbox
        self.threshold_seconds = threshold_seconds
        self._clock = clock
        self._timeout = timeout_seconds
        self.latest: OutboxBacklog | None = None  # the last figures read (None: never read)
        self.latest_at: datetime | None = None
        self.alerting = False

    def oldest_age_seconds(self) -> float | None:
        """The age of the oldest pending message as of the last read, aged since (None: never read)."""
        if self.latest is None:
            return None
        return self.latest.oldest_age_seconds(self._clock())

    async def check(self) -> OutboxBacklog | None:
        """Read the backlog now (bounded); None when the store did not answer in time."""
        try:
            # asyncio.timeout, not wait_for: Python 3.11's wait_for can swallow a cancellation that arrives
            # as the read finishes, and `run` would then never stop.
            async with asyncio.timeout(self._timeout):
                backlog = await self._outbox.backlog()
        except Exception as error:  # TimeoutError included: a locked or unreachable database
            log.warning("outbox backlog not read: %s", type(error).__name__)
            return None
        now = self._clock()
        self.latest, self.latest_at = backlog, now
        age = backlog.oldest_age_seconds(now)
        if age >= self.threshold_seconds and not self.alerting:
            self.alerting = True
            log.error(
                "ALERT outbox backlog: %d message(s) pending, the oldest for %.0fs (threshold %.0fs)",
                backlog.pending,
                age,
                self.threshold_seconds,
            )
        elif age < self.threshold_seconds and self.alerting:
            self.alerting = False
            log.warning("outbox backlog back under the threshold: %d message(s) pending", backlog.pending)
        return backlog

    async def run(self, every_seconds: float = 30.0) -> None:
        """Check now and then every `every_seconds`, until cancelled."""
        while True:
            await self.check()
            await asyncio.sleep(every_seconds)
