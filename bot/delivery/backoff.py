"""How long to wait before the next attempt of an outbox message.

Exponential with jitter: the n-th failed attempt waits between half and all of
`ceiling(n) = min(cap, base * 2**(n-1))`. The fixed half guarantees a floor (never a hot loop) and,
below the cap, a delay at least as long as the one before; the random half spreads instances and
conversations so they do not retry in lockstep.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

MAX_RETRY_AFTER_SECONDS = 24 * 3600.0  # a Retry-After beyond this is a connector bug, not advice


@dataclass
class Backoff:
    base_seconds: float = 1.0
    cap_seconds: float = 300.0
    rng: random.Random = field(default_factory=random.Random)

    def ceiling(self, attempt: int) -> float:
        """The longest wait after the `attempt`-th failure (1-based)."""
        exponent = min(max(attempt, 1) - 1, 62)
        return min(self.cap_seconds, self.base_seconds * 2.0**exponent)

    def delay(self, attempt: int) -> float:
        ceiling = self.ceiling(attempt)
        return ceiling / 2 + self.rng.uniform(0, ceiling / 2)

    def after_throttle(self, attempt: int, retry_after: float | None) -> float:
        """A 429: what the connector asked for (never earlier), or the backoff when it said nothing."""
        if retry_after is None:
            return self.delay(attempt)
        return min(max(retry_after, 0.0), MAX_RETRY_AFTER_SECONDS)
