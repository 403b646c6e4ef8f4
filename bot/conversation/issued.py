"""Answers the bot issued, by question token: card data is forgeable, so actions are checked here.

Feedback and 'ask the school' are accepted only for a token this bot issued to this user, once; what
is stored comes from here, not from the card. Kept in memory: after a restart old buttons only thank, and
'ask the school' says honestly that the question has to be asked again.
"""

from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass

from bot.protocol.model import Role


@dataclass(frozen=True)
class IssuedAnswer:
    user_key: str
    school: str
    role: Role
    question: str
    sources: tuple[str, ...]
    verdict: str
    issued_at: float


class IssuedAnswers:
    def __init__(self, max_entries: int = 20_000, ttl_seconds: float = 7 * 24 * 3600) -> None:
        self._entries: OrderedDict[str, IssuedAnswer] = OrderedDict()
        self._votes: dict[str, int] = {}  # question token -> stored feedback id, so a vote can change
        self._max = max_entries
        self._ttl = ttl_seconds

    def issue(self, answer: IssuedAnswer) -> str:
        token = secrets.token_urlsafe(16)
        self._entries[token] = answer
        while len(self._entries) > self._max:
            old, _ = self._entries.popitem(last=False)
            self._votes.pop(old, None)
        return token

    def vote(self, token: str) -> int | None:
        """The stored feedback id of the vote already cast on this answer, if any."""
        return self._votes.get(token)

    def record_vote(self, token: str, feedback_id: int) -> None:
        if token in self._entries:
            self._votes[token] = feedback_id

    def get(self, token: str, user_key: str) -> IssuedAnswer | None:
        """The answer behind `token` if this user was given it, left in place (a failed forward can be
        tried again; a stored one is found by its idempotency key)."""
        entry = self._entries.get(token)
        if entry is None or entry.user_key != user_key or time.monotonic() - entry.issued_at > self._ttl:
            return None
        return entry

    def take(self, token: str, user_key: str) -> IssuedAnswer | None:
        """The answer behind `token` if this user was given it (and it was not taken before)."""
        entry = self._entries.get(token)
        if entry is None or entry.user_key != user_key or time.monotonic() - entry.issued_at > self._ttl:
            return None
        del self._entries[token]
        return entry
