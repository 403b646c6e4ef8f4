"""A per-user sliding-window rate limit, in memory (one instance per process)."""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from enum import Enum


class Verdict(Enum):
    ALLOWED = "allowed"
    REJECTED_FIRST = "rejected_first"  # tell the user once per window
    REJECTED = "rejected"  # stay silent: replying to a flood would amplify it


class RateLimiter:
    """At most `limit` turns per user per `window_seconds`."""

    MAX_USERS = 50_000

    def __init__(
        self, limit: int, window_seconds: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self._limit = limit
        self._window = window_seconds
        self._clock = clock
        self._hits: dict[str, deque[float]] = {}
        self._told: dict[str, float] = {}

    def check(self, user_key: str) -> Verdict:
        now = self._clock()
        hits = self._hits.setdefault(user_key, deque())
        while hits and now - hits[0] >= self._window:
            hits.popleft()
        if len(hits) < self._limit:
            hits.append(now)
            self._prune(now)
            return Verdict.ALLOWED
        told = self._told.get(user_key)
        if told is not None and now - told < self._window:
            return Verdict.REJECTED
        self._told[user_key] = now
        return Verdict.REJECTED_FIRST

    def _prune(self, now: float) -> None:
        if len(self._hits) <= self.MAX_USERS:
            return
        for key in [key for key, hits in self._hits.items() if not hits or now - hits[-1] >= self._window]:
            del self._hits[key]
            self._told.pop(key, None)
