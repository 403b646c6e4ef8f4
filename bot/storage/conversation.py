"""The conversation's short-lived state, kept in the store so every instance (and a restarted one) sees it:
the answers the bot issued (behind 👍/👎 and "Leg mijn vraag voor aan school") and a question asked before
the role was known. Both hold question text: they expire (`ANSWER_TTL`, `PENDING_TTL`), are deleted by the
daily purge, and are erased and exported with the person. Contract-tested on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.protocol.model import Role

ANSWER_TTL = timedelta(days=7)  # a button on an answer works this long
PENDING_TTL = timedelta(days=1)  # a question waiting for the role is answered within this time


class IssuedAnswer(BaseModel):
    """One answer card the bot sent: card data is forgeable, so its buttons are checked against this."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    token: str  # the question token on the card
    user_key: str
    school: str
    role: Role
    question: str
    sources: tuple[str, ...]
    verdict: str
    issued_at: AwareDatetime


class PendingQuestion(BaseModel):
    """A question typed before the role was chosen, answered once it is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    user_key: str
    question: str
    asked_at: AwareDatetime


class Vote(StrEnum):
    """What a press on 👍 or 👎 did to the one vote an issued answer has."""

    CAST = "cast"  # the first: stored as feedback
    CHANGED = "changed"  # a later one: the same feedback, now useful or not as pressed


class ConversationStore(Protocol):
    async def issue_answer(self, answer: IssuedAnswer) -> None:
        """Remember an answer card about to be sent (its token is new and random)."""
        ...

    async def issued_answer(self, token: str) -> IssuedAnswer | None:
        """The answer behind `token`, left in place (a failed forward can be tried again)."""
        ...

    async def vote(self, token: str, user_key: str, useful: bool, at: datetime) -> Vote | None:
        """The one vote on the answer behind `token`, if it was issued to `user_key`, in one transaction:
        the first press stores feedback from the issued answer (school, role, question, sources, verdict),
        a later one changes it. Of two presses at once, one casts and the other changes."""
        ...

    async def remember_question(self, pending: PendingQuestion) -> None:
        """Insert or replace the user's waiting question."""
        ...

    async def take_question(self, user_key: str) -> PendingQuestion | None:
        """The user's waiting question, deleted in the same step."""
        ...

    async def of_user(self, user_key: str) -> tuple[list[IssuedAnswer], PendingQuestion | None]:
        """Everything kept about one person (inzageverzoek): answers oldest first, the waiting question."""
        ...

    async def erase_user(self, user_key: str) -> int:
        """Delete everything kept about one person; how many rows went."""
        ...

    async def purge(self, answers_before: datetime, questions_before: datetime) -> int:
        """Delete answers issued before `answers_before` and questions asked before `questions_before`."""
        ...
