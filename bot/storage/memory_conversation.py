"""In-memory issued answers and waiting questions (the same contract as the SQL backends)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.storage.base import Feedback, as_utc
from bot.storage.conversation import IssuedAnswer, PendingQuestion, Vote

if TYPE_CHECKING:
    from bot.storage.memory import MemoryFeedbackStore


class MemoryConversationStore:
    def __init__(self, feedback: MemoryFeedbackStore) -> None:
        self._feedback = feedback
        self._answers: dict[str, IssuedAnswer] = {}
        self._votes: dict[str, int] = {}  # token -> the feedback id of its vote
        self.unanswered: dict[str, int] = {}  # token -> the id of its unanswered question (`insights`)
        self._pending: dict[str, PendingQuestion] = {}

    async def issue_answer(self, answer: IssuedAnswer) -> None:
        self._answers[answer.token] = answer.model_copy(update={"issued_at": as_utc(answer.issued_at)})

    async def issued_answer(self, token: str) -> IssuedAnswer | None:
        return self._answers.get(token)

    async def vote(self, token: str, user_key: str, useful: bool, at: datetime) -> Vote | None:
        found = self._answers.get(token)
        if found is None or found.user_key != user_key:
            return None
        earlier = self._votes.get(token)
        if earlier is not None:
            self._feedback.change(earlier, useful)
            return Vote.CHANGED
        self._votes[token] = self._feedback.insert(Feedback.on(found, useful, at))
        return Vote.CAST

    async def remember_question(self, pending: PendingQuestion) -> None:
        self._pending[pending.user_key] = pending.model_copy(update={"asked_at": as_utc(pending.asked_at)})

    async def take_question(self, user_key: str) -> PendingQuestion | None:
        return self._pending.pop(user_key, None)

    async def of_user(self, user_key: str) -> tuple[list[IssuedAnswer], PendingQuestion | None]:
        answers = sorted(
            (a for a in self._answers.values() if a.user_key == user_key),
            key=lambda a: (a.issued_at, a.token),
        )
        return answers, self._pending.get(user_key)

    async def erase_user(self, user_key: str) -> int:
        tokens = [token for token, answer in self._answers.items() if answer.user_key == user_key]
        for token in tokens:
            self._forget(token)
        return len(tokens) + (self._pending.pop(user_key, None) is not None)

    async def purge(self, answers_before: datetime, questions_before: datetime) -> int:
        tokens = [token for token, answer in self._answers.items() if answer.issued_at < answers_before]
        users = [key for key, pending in self._pending.items() if pending.asked_at < questions_before]
        for token in tokens:
            self._forget(token)
        for key in users:
            del self._pending[key]
        return len(tokens) + len(users)

    def links(self, user_key: str) -> tuple[list[int], list[int]]:
        """The unanswered questions and votes linked to the answers issued to one person (`insights`)."""
        tokens = [token for token, answer in self._answers.items() if answer.user_key == user_key]
        unanswered = [self.unanswered[token] for token in tokens if token in self.unanswered]
        return unanswered, [self._votes[token] for token in tokens if token in self._votes]

    def _forget(self, token: str) -> None:
        del self._answers[token]
        self._votes.pop(token, None)
        self.unanswered.pop(token, None)
