"""A token source for outbound calls that counts fetches (the real ones need Entra ID)."""

from __future__ import annotations

import time

from bot.teams import AccessToken

OUTBOUND_TOKEN = "outbound-test-token"


class CountingTokenSource:
    def __init__(self, lifetime_seconds: float = 3600.0) -> None:
        self.fetches = 0
        self._lifetime = lifetime_seconds

    async def fetch(self) -> AccessToken:
        self.fetches += 1
        return AccessToken(f"{OUTBOUND_TOKEN}-{self.fetches}", time.time() + self._lifetime)
