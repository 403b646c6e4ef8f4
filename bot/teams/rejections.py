"""Log lines about rejected requests, rate-limited: anyone can send requests, so anyone could flood the
log with them. At most `limit` lines a window; the rest are counted and reported in one line later."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from bot.observability import log_value

log = logging.getLogger(__name__)


class RejectionLog:
    """`rejected(status, reason, activity_id)` logs a rejected request, within the rate limit."""

    def __init__(
        self,
        *,
        limit: int = 20,
        window_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._limit = limit
        self._window = window_seconds
        self._clock = clock
        self._window_start = clock()
        self._logged = 0
        self._suppressed = 0

    def rejected(self, status: int, reason: str, activity_id: object = None) -> None:
        """`reason` is ours (never request text); `activity_id` comes from the request and is escaped."""
        now = self._clock()
        if now - self._window_start >= self._window:
            if self._suppressed:
                log.warning(
                    "%d more rejected request(s) not logged in the last %.0fs", self._suppressed, self._window
                )
            self._window_start, self._logged, self._suppressed = now, 0, 0
        if self._logged >= self._limit:
            if not self._suppressed:
                log.warning("over %d rejected requests: the rest of this window is only counted", self._limit)
            self._suppressed += 1
            return
        self._logged += 1
        level = logging.ERROR if status >= 500 else logging.WARNING
        log.log(level, "rejected with %d: %s (activity %s)", status, reason, log_value(activity_id))
