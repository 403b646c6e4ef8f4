"""Votes on answers: the 👎 and 👍 a person gives an issued answer, counted per article."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from pydantic import AwareDatetime, BaseModel, ConfigDict

from bot.protocol.model import Role
from bot.storage.conversation import IssuedAnswer


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
        return cls(
            school=answer.school,
            role=answer.role,
            question=answer.question,
            sources=list(answer.sources),
            verdict=answer.verdict,
            useful=useful,
            at=at,
        )


class FeedbackStore(Protocol):
    async def add_feedback(self, feedback: Feedback) -> None:
        """Store a vote (a vote on an issued answer goes through `ConversationStore.vote`)."""
        ...

    async def feedback_counts(self, school: str) -> list[tuple[str, int, int]]:
        """(article id, useful, not useful) per article cited in this school's feedback, sorted by id."""
        ...
