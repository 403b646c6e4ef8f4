"""Protocol insights: unanswered questions and 👎 votes, linked to a person only through an issued answer
while it lives."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, select, update

from bot.insights.model import UnansweredQuestion
from bot.storage.feedback import Feedback
from bot.storage.sql.database import AnyRow, Database
from bot.storage.sql.schema import feedback, issued_answer, unanswered_question

SELECT_QUESTION = select(
    unanswered_question.c.school,
    unanswered_question.c.role,
    unanswered_question.c.question,
    unanswered_question.c.month,
)
SELECT_VOTE = select(*(column for column in feedback.c if column.name != "id"))


def linked(column: Any, user_key: str) -> Select[Any]:
    """The ids in `column` of the answers still issued to one person."""
    return select(column).where(issued_answer.c.user_key == user_key, column.is_not(None))


def _question(row: AnyRow) -> UnansweredQuestion:
    return UnansweredQuestion.model_validate(dict(row._mapping))


def _vote(row: AnyRow) -> Feedback:
    return Feedback.model_validate(dict(row._mapping))


class SqlInsightStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def record_unanswered(self, question: UnansweredQuestion, answer_token: str | None = None) -> None:
        async with self._database.transaction() as db:
            inserted = await db.execute(
                unanswered_question.insert()
                .values(**question.model_dump())
                .returning(unanswered_question.c.id)
            )
            question_id = inserted.scalar_one()
            if answer_token is not None:
                await db.execute(
                    update(issued_answer)
                    .where(issued_answer.c.token == answer_token)
                    .values(unanswered_id=question_id)
                )

    async def unanswered(self, school: str, first_month: str, last_month: str) -> list[UnansweredQuestion]:
        month = unanswered_question.c.month
        rows = await self._database.rows(
            SELECT_QUESTION.where(
                unanswered_question.c.school == school, month.between(first_month, last_month)
            ).order_by(month, unanswered_question.c.id)
        )
        return [_question(row) for row in rows]

    async def votes_down(self, school: str, start: datetime, end: datetime) -> list[Feedback]:
        rows = await self._database.rows(
            SELECT_VOTE.where(
                feedback.c.school == school,
                feedback.c.useful.is_(False),
                feedback.c.at >= start,
                feedback.c.at < end,
            ).order_by(feedback.c.at, feedback.c.id)
        )
        return [_vote(row) for row in rows]

    async def of_user(self, user_key: str) -> tuple[list[UnansweredQuestion], list[Feedback]]:
        questions = await self._database.rows(
            SELECT_QUESTION.where(
                unanswered_question.c.id.in_(linked(issued_answer.c.unanswered_id, user_key))
            ).order_by(unanswered_question.c.id)
        )
        votes = await self._database.rows(
            SELECT_VOTE.where(feedback.c.id.in_(linked(issued_answer.c.feedback_id, user_key))).order_by(
                feedback.c.id
            )
        )
        return [_question(row) for row in questions], [_vote(row) for row in votes]

    async def erase_user(self, user_key: str) -> int:
        async with self._database.transaction() as db:
            questions = await db.execute(
                delete(unanswered_question).where(
                    unanswered_question.c.id.in_(linked(issued_answer.c.unanswered_id, user_key))
                )
            )
            votes = await db.execute(
                delete(feedback).where(feedback.c.id.in_(linked(issued_answer.c.feedback_id, user_key)))
            )
            return int(questions.rowcount) + int(votes.rowcount)

    async def purge(self, months_before: str, votes_before: datetime) -> int:
        async with self._database.transaction() as db:
            questions = await db.execute(
                delete(unanswered_question).where(unanswered_question.c.month < months_before)
            )
            votes = await db.execute(delete(feedback).where(feedback.c.at < votes_before))
            return int(questions.rowcount) + int(votes.rowcount)
