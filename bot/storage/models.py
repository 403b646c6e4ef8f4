"""The domain models the store keeps that belong to no other package: profiles, votes, the conversation's
short-lived state and the outbox's backlog, with the times they are kept for."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.protocol.model import Role

# How long a claimed message stays hidden from other workers. The claiming worker renews it while it sends
# (`OutboxStore.renew`), so this bounds only how long a crashed instance's messages wait.
CLAIM_LEASE = timedelta(seconds=15)
ANSWER_TTL = timedelta(days=7)  # a button on an answer works this long
PENDING_TTL = timedelta(days=1)  # a question waiting for the role is answered within this time


class Profile(BaseModel):
    """One Teams user: which school and role the bot answers for."""

    model_config = ConfigDict(extra="forbid")

    user_key: str  # the user's Entra object id (aadObjectId), else the Teams user id
    tenant_id: str
    school: str | None = None  # school slug, chosen once when a tenant hosts several schools
    role: Role | None = None
    role_source: Literal["asked", "graph"] | None = None
    updated_at: AwareDatetime


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


class Feedback(BaseModel):
    """A thumbs up or down on one answer; the question is stored, never logged."""

    model_config = ConfigDict(extra="forbid")

    school: str
    role: Role
    question: str
    sources: list[str]  # article ids of the answer
    verdict: str
    useful: bool
    at: AwareDatetime

    @classmethod
    def on(cls, answer: IssuedAnswer, useful: bool, at: datetime) -> Feedback:
        """The vote on an issued answer: what is stored comes from the answer, not from the card."""
        kept = answer.model_dump(include={"school", "role", "question", "sources", "verdict"})
        return cls(**kept, useful=useful, at=at)


class OutboxBacklog(BaseModel):
    """What waits in the outbox (for /readyz, the metric and the alert): counts and a time, no content."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pending: int
    oldest_pending_at: AwareDatetime | None
    dead: int

    def oldest_age_seconds(self, now: datetime) -> float:
        """How long the oldest pending message has waited; 0 when nothing waits."""
        if self.oldest_pending_at is None:
            return 0.0
        return max(0.0, (now - self.oldest_pending_at).total_seconds())
