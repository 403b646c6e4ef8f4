"""The conversation's short-lived state, kept in the store so every instance (and a restarted one) sees it:
the answers the bot issued (behind 👍/👎 and "Leg mijn vraag voor aan school"), the one vote on each, and a
question asked before the role was known. Both hold question text: they expire (`ANSWER_TTL`,
`PENDING_TTL`), are deleted by the daily purge, and are erased and exported with the person."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from bot.storage.models import Feedback, IssuedAnswer, PendingQuestion, Vote
from bot.storage.sql.database import AnyRow, Area, read, statement, write
from bot.storage.sql.rows import change_feedback, every, first, insert_feedback, insert_of, replace_row
from bot.storage.sql.schema import issued_answer, pending_question

LINKS = ("feedback_id", "unanswered_id")  # to the vote and the unanswered question (`insights`)
SELECT_ANSWER = select(*(column for column in issued_answer.c if column.name not in LINKS))


def answer_from_row(row: AnyRow) -> IssuedAnswer:
    return IssuedAnswer.model_validate(
        {name: value for name, value in row._mapping.items() if name not in LINKS}
    )


class ConversationStore(Area):
    @statement
    def issue_answer(self, db: Connection, answer: IssuedAnswer) -> None:
        """Remember an answer card about to be sent (its token is new and random)."""
        db.execute(insert_of(issued_answer), {**answer.model_dump(), "sources": list(answer.sources)})

    @read
    def issued_answer(self, db: Connection, token: str) -> IssuedAnswer | None:
        """The answer behind `token`, left in place (a failed forward can be tried again)."""
        return first(db, IssuedAnswer, SELECT_ANSWER.where(issued_answer.c.token == token))

    @write
    def vote(self, db: Connection, token: str, user_key: str, useful: bool, at: datetime) -> Vote | None:
        """The one vote on the answer behind `token`, if it was issued to `user_key`, in one transaction:
        the first press stores feedback from the issued answer (school, role, question, sources, verdict),
        a later one changes it. Of two presses at once, one casts and the other changes."""
        mine = issued_answer.c.token == token, issued_answer.c.user_key == user_key
        row = db.execute(select(issued_answer).where(*mine).with_for_update()).first()  # one press at a time
        if row is None:
            return None
        if row.feedback_id is not None:
            change_feedback(db, int(row.feedback_id), useful)
            return Vote.CHANGED
        feedback_id = insert_feedback(db, Feedback.on(answer_from_row(row), useful, at))
        db.execute(
            update(issued_answer).where(issued_answer.c.token == token).values(feedback_id=feedback_id)
        )
        return Vote.CAST

    @statement
    def remember_question(self, db: Connection, pending: PendingQuestion) -> None:
        """Insert or replace the user's waiting question."""
        replace_row(db, pending_question, pending.model_dump(), ["user_key"])

    @statement
    def take_question(self, db: Connection, user_key: str) -> PendingQuestion | None:
        """The user's waiting question, deleted in the same step."""
        taken = delete(pending_question).where(pending_question.c.user_key == user_key)
        return first(db, PendingQuestion, taken.returning(*pending_question.c))

    @read
    def of_user(self, db: Connection, user_key: str) -> tuple[list[IssuedAnswer], PendingQuestion | None]:
        """Everything kept about one person (inzageverzoek): answers oldest first, the waiting question."""
        answers = SELECT_ANSWER.where(issued_answer.c.user_key == user_key)
        pending = select(pending_question).where(pending_question.c.user_key == user_key)
        return (
            every(db, IssuedAnswer, answers.order_by(issued_answer.c.issued_at, issued_answer.c.token)),
            first(db, PendingQuestion, pending),
        )

    @write
    def erase_user(self, db: Connection, user_key: str) -> int:
        """Delete everything kept about one person; how many rows went."""
        answers = db.execute(delete(issued_answer).where(issued_answer.c.user_key == user_key))
        pending = db.execute(delete(pending_question).where(pending_question.c.user_key == user_key))
        return int(answers.rowcount) + int(pending.rowcount)

    @write
    def purge(self, db: Connection, answers_before: datetime, questions_before: datetime) -> int:
        """Delete answers issued before `answers_before` and questions asked before `questions_before`."""
        answers = db.execute(delete(issued_answer).where(issued_answer.c.issued_at < answers_before))
        pending = db.execute(delete(pending_question).where(pending_question.c.asked_at < questions_before))
        return int(answers.rowcount) + int(pending.rowcount)
