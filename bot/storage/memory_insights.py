"""In-memory protocol insights (the same contract as the SQL backends)."""

from __future__ import annotations

import itertools
from datetime import datetime
from typing import TYPE_CHECKING

from bot.insights.model import UnansweredQuestion
from bot.storage.base import Feedback

if TYPE_CHECKING:
    from bot.storage.memory import MemoryFeedbackStore
    from bot.storage.memory_conversation import MemoryConversationStore


class MemoryInsightStore:
    def __init__(self, feedback: MemoryFeedbackStore, conversation: MemoryConversationStore) -> None:
        self._feedback = feedback
        self._conversation = conversation
        self._questions: dict[int, UnansweredQuestion] = {}
        self._ids = itertools.count(1)

    async def record_unanswered(self, question: UnansweredQuestion, answer_token: str | None = None) -> None:
        question_id = next(self._ids)
        self._questions[question_id] = question
        if answer_token is not None and await self._conversation.issued_answer(answer_token) is not None:
            self._conversation.unanswered[answer_token] = question_id

    async def unanswered(self, school: str, first_month: str, last_month: str) -> list[UnansweredQuestion]:
        found = [
            (question.month, question_id, question)
            for question_id, question in self._questions.items()
            if question.school == school and first_month <= question.month <= last_month
        ]
        return [question for _, _, question in sorted(found, key=lambda row: row[:2])]

    async def votes_down(self, school: str, start: datetime, end: datetime) -> list[Feedback]:
        found = [
            (vote.at, vote_id, vote)
            for vote_id, vote in self._feedback.rows.items()
            if vote.school == school and not vote.useful and start <= vote.at < end
        ]
        return [vote.model_copy(deep=True) for _, _, vote in sorted(found, key=lambda row: row[:2])]

    async def of_user(self, user_key: str) -> tuple[list[UnansweredQuestion], list[Feedback]]:
        questions, votes = self._conversation.links(user_key)
        return (
            [self._questions[i] for i in sorted(questions) if i in self._questions],
            [self._feedback.rows[i].model_copy(deep=True) for i in sorted(votes) if i in self._feedback.rows],
        )

    async def erase_user(self, user_key: str) -> int:
        questions, votes = self._conversation.links(user_key)
        gone = [self._questions.pop(i, None) for i in questions] + [
            self._feedback.rows.pop(i, None) for i in votes
        ]
        return sum(row is not None for row in gone)

    async def purge(self, months_before: str, votes_before: datetime) -> int:
        questions = [i for i, question in self._questions.items() if question.month < months_before]
        votes = [i for i, vote in self._feedback.rows.items() if vote.at < votes_before]
        for question_id in questions:
            del self._questions[question_id]
        for vote_id in votes:
            del self._feedback.rows[vote_id]
        return len(questions) + len(votes)
