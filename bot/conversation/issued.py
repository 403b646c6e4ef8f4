"""Answers the bot issued, by question token: card data is forgeable, so actions are checked here.

Feedback and 'ask the school' are accepted only for a token this bot issued to this user; what is
stored comes from here, not from the card. An answer has one vote: pressing 👍 or 👎 again changes it.
Kept in the store (`ConversationStore`), so a button works on any instance and after a restart, for
`ANSWER_TTL`; the daily purge deletes what is older.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime

from bot.protocol.model import Role
from bot.storage.models import ANSWER_TTL, PENDING_TTL, IssuedAnswer, PendingQuestion, Vote
from bot.storage.sql.conversation import ConversationStore


class IssuedAnswers:
    """The issued answers and waiting questions of every instance, with their expiry applied."""

    def __init__(self, store: ConversationStore) -> None:
        self._store = store

    async def issue(
        self, user_key: str, school: str, role: Role, question: str, sources: tuple[str, ...], verdict: str
    ) -> str:
        """Remember the answer about to be sent; the token for its card."""
        token = secrets.token_urlsafe(16)
        await self._store.issue_answer(
            IssuedAnswer(
                token=token,
                user_key=user_key,
                school=school,
                role=role,
                question=question,
                sources=sources,
                verdict=verdict,
                issued_at=datetime.now(UTC),
            )
        )
        return token

    async def get(self, token: str, user_key: str) -> IssuedAnswer | None:
        """The answer behind `token` if this user was given it, left in place (a failed forward can be
        tried again; a stored one is found by its idempotency key)."""
        entry = await self._store.issued_answer(token)
        if (
            entry is None
            or entry.user_key != user_key
            or _expired(entry.issued_at, ANSWER_TTL.total_seconds())
        ):
            return None
        return entry

    async def vote(self, answer: IssuedAnswer, useful: bool) -> Vote | None:
        """Cast or change the one vote on `answer` (as `get` returned it); None if it is gone meanwhile."""
        return await self._store.vote(answer.token, answer.user_key, useful, datetime.now(UTC))

    async def remember_question(self, user_key: str, text: str) -> None:
        """Keep a question asked before the role was known, to answer it once the role is chosen."""
        await self._store.remember_question(
            PendingQuestion(user_key=user_key, question=text, asked_at=datetime.now(UTC))
        )

    async def take_question(self, user_key: str) -> str | None:
        pending = await self._store.take_question(user_key)
        if pending is None or _expired(pending.asked_at, PENDING_TTL.total_seconds()):
            return None
        return pending.question


def _expired(moment: datetime, seconds: float) -> bool:
    return (datetime.now(UTC) - moment).total_seconds() > seconds
