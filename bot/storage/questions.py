"""The forwarded questions' storage Protocol (contract-tested on SQLite and PostgreSQL).

Every state change is one transaction with its audit entry and outbox messages. Audit entries of a
question name it by `question_id` and go when the question is erased.
"""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Protocol
from uuid import UUID

from bot.questions.model import ForwardedQuestion, Json, QuestionDraft
from bot.reports.model import AuditEntry
from bot.storage.errors import QuestionClosedError


def new_question_token() -> str:
    """The token of the card showing a question's current state (a new one when it changes)."""
    return secrets.token_urlsafe(18)


def answered_question(
    question: ForwardedQuestion, card_token: str, answer: str, leader_key: str, now: datetime
) -> ForwardedQuestion:
    """The question as answered by `leader_key`, for the store to write. Raises QuestionClosedError
    (nothing to store) when it is answered already or `card_token` is not the current card's."""
    if question.status != "open" or not secrets.compare_digest(question.card_token, card_token):
        raise QuestionClosedError(question.number)
    return ForwardedQuestion.model_validate(
        {
            **question.model_dump(),
            "status": "answered",
            "card_token": new_question_token(),
            "answer": answer,
            "answered_by": leader_key,
            "answered_at": now,
            "updated_at": now,
        }
    )


class QuestionStore(Protocol):
    async def forward(self, draft: QuestionDraft, idempotency_key: str) -> tuple[ForwardedQuestion, bool]:
        """Store the question (status open, a number per school and year), its audit entry and the message
        to the leadership channel in one transaction. The same key again returns the stored question and
        False; a key used by another asker raises IdempotencyConflictError."""
        ...

    async def by_key(self, idempotency_key: str) -> ForwardedQuestion | None: ...

    async def get(self, question_id: UUID) -> ForwardedQuestion | None: ...

    async def find(self, number: str) -> list[ForwardedQuestion]:
        """Every question with this number (numbers are per school), by school."""
        ...

    async def for_asker(self, asker_key: str) -> list[ForwardedQuestion]:
        """The asker's questions, newest first."""
        ...

    async def set_thread(self, question_id: UUID, conversation: Json, activity_id: str) -> None:
        """Remember the channel thread the card was posted in. Raises QuestionNotFoundError."""
        ...

    async def answer(
        self, question_id: UUID, card_token: str, answer: str, leader_key: str
    ) -> ForwardedQuestion:
        """Store the answer (status answered, a new card token), its audit entry, the card update and the
        message to the asker in one transaction. Raises QuestionNotFoundError, or QuestionClosedError when
        the question is answered already or `card_token` is not the current one; both change nothing."""
        ...

    async def record_refusal(
        self, question_id: UUID | None, actor_key: str, action: str, detail: Json
    ) -> None:
        """Audit a refused press (a non-leader, another thread, a stale card)."""
        ...

    async def audit_trail(self, question_id: UUID) -> list[AuditEntry]:
        """Oldest first."""
        ...

    async def schools(self) -> list[str]:
        """Every school that has a forwarded question."""
        ...

    async def changed_before(self, school: str, cutoff: datetime) -> list[UUID]:
        """Questions of the school (open or answered) whose last change is before `cutoff`."""
        ...

    async def erase(self, question_id: UUID) -> bool:
        """Delete the question for good, with its audit entries and outbox messages."""
        ...
