"""Protocol insights: questions the protocol could not answer, and the 👎 votes (`feedback`), read per school
and period, purged after `RETENTION_MONTHS`. Neither holds a user id; while the issued answer behind one
lives (`ANSWER_TTL`), its row links to it, so `export --user` and `erase --user` find it."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Select, delete, select, update
from sqlalchemy.engine import Connection

from bot.insights.model import UnansweredQuestion
from bot.storage.models import Feedback
from bot.storage.sql.database import Area, read, write
from bot.storage.sql.rows import every, insert_of
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


class InsightStore(Area):
    @write
    def record_unanswered(
        self, db: Connection, question: UnansweredQuestion, answer_token: str | None = None
    ) -> None:
        """Store the question, linked to the issued answer behind `answer_token` (if it is still there)."""
        question_id = db.execute(insert_of(unanswered_question, "id"), question.model_dump()).scalar_one()
        if answer_token is not None:
            answer = issued_answer.c.token == answer_token
            db.execute(update(issued_answer).where(answer).values(unanswered_id=question_id))

    @read
    def unanswered(
        self, db: Connection, school: str, first_month: str, last_month: str
    ) -> list[UnansweredQuestion]:
        """The school's unanswered questions of the months `first_month`..`last_month`, by month, oldest
        first."""
        month = unanswered_question.c.month
        query = SELECT_QUESTION.where(
            unanswered_question.c.school == school, month.between(first_month, last_month)
        )
        return every(db, UnansweredQuestion, query.order_by(month, unanswered_question.c.id))

    @read
    def votes_down(self, db: Connection, school: str, start: datetime, end: datetime) -> list[Feedback]:
        """The school's 👎 votes cast in [start, end), oldest first."""
        down = (
            feedback.c.school == school,
            feedback.c.useful.is_(False),
            feedback.c.at >= start,
            feedback.c.at < end,
        )
        return every(db, Feedback, SELECT_VOTE.where(*down).order_by(feedback.c.at, feedback.c.id))

    @read
    def of_user(self, db: Connection, user_key: str) -> tuple[list[UnansweredQuestion], list[Feedback]]:
        """What is still linked to one person through the answers issued to them (an inzageverzoek)."""
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
        """Delete the unanswered questions and votes still linked to one person; how many rows went. Run it
        before `ConversationStore.erase_user`, which deletes the links."""
        questions = unanswered_question.c.id.in_(linked(issued_answer.c.unanswered_id, user_key))
        erased = db.execute(delete(unanswered_question).where(questions)).rowcount
        votes = feedback.c.id.in_(linked(issued_answer.c.feedback_id, user_key))
        return int(erased) + int(db.execute(delete(feedback).where(votes)).rowcount)

    @write
    def purge(self, db: Connection, months_before: str, votes_before: datetime) -> int:
        """Delete unanswered questions of months before `months_before` and votes cast before
        `votes_before`; how many rows went."""
        questions = db.execute(delete(unanswered_question).where(unanswered_question.c.month < months_before))
        votes = db.execute(delete(feedback).where(feedback.c.at < votes_before))
        return int(questions.rowcount) + int(votes.rowcount)
