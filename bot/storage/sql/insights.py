"""Protocol insights: unanswered questions and 👎 votes, linked to a person only through an issued answer
while it lives."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, select, update
from sqlalchemy.engine import Connection

from bot.insights.model import UnansweredQuestion
from bot.storage.feedback import Feedback
from bot.storage.sql.database import Area, read, write
from bot.storage.sql.rows import every
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


class SqlInsightStore(Area):
    @write
    def record_unanswered(
        self, db: Connection, question: UnansweredQuestion, answer_token: str | None = None
    ) -> None:
        inserted = (
            unanswered_question.insert().values(**question.model_dump()).returning(unanswered_question.c.id)
        )
        question_id = db.execute(inserted).scalar_one()
        if answer_token is not None:
            answer = issued_answer.c.token == answer_token
            db.execute(update(issued_answer).where(answer).values(unanswered_id=question_id))

    @read
    def unanswered(
        self, db: Connection, school: str, first_month: str, last_month: str
    ) -> list[UnansweredQuestion]:
        month = unanswered_question.c.month
        query = SELECT_QUESTION.where(
            unanswered_question.c.school == school, month.between(first_month, last_month)
        )
        return every(db, UnansweredQuestion, query.order_by(month, unanswered_question.c.id))

    @read
    def votes_down(self, db: Connection, school: str, start: datetime, end: datetime) -> list[Feedback]:
        down = (
            feedback.c.school == school,
            feedback.c.useful.is_(False),
            feedback.c.at >= start,
            feedback.c.at < end,
        )
        return every(db, Feedback, SELECT_VOTE.where(*down).order_by(feedback.c.at, feedback.c.id))

    @read
    def of_user(self, db: Connection, user_key: str) -> tuple[list[UnansweredQuestion], list[Feedback]]:
        questions = SELECT_QUESTION.where(
            unanswered_question.c.id.in_(linked(issued_answer.c.unanswered_id, user_key))
        )
        votes = SELECT_VOTE.where(feedback.c.id.in_(linked(issued_answer.c.feedback_id, user_key)))
        return (
            every(db, UnansweredQuestion, questions.order_by(unanswered_question.c.id)),
            every(db, Feedback, votes.order_by(feedback.c.id)),
        )

    @write
    def erase_user(self, db: Connection, user_key: str) -> int:
        questions = unanswered_question.c.id.in_(linked(issued_answer.c.unanswered_id, user_key))
        erased = db.execute(delete(unanswered_question).where(questions)).rowcount
        votes = feedback.c.id.in_(linked(issued_answer.c.feedback_id, user_key))
        return int(erased) + int(db.execute(delete(feedback).where(votes)).rowcount)

    @write
    def purge(self, db: Connection, months_before: str, votes_before: datetime) -> int:
        questions = db.execute(delete(unanswered_question).where(unanswered_question.c.month < months_before))
        votes = db.execute(delete(feedback).where(feedback.c.at < votes_before))
        return int(questions.rowcount) + int(votes.rowcount)
