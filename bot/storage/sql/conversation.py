"""Issued answers, the one vote on each, and questions waiting for the role; one transaction per change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.engine import Connection

from bot.storage.conversation import IssuedAnswer, PendingQuestion, Vote
from bot.storage.feedback import Feedback
from bot.storage.sql.database import AnyRow, Area, read, write
from bot.storage.sql.rows import change_feedback, every, first, insert_feedback, replace_row
from bot.storage.sql.schema import issued_answer, pending_question

LINKS = ("feedback_id", "unanswered_id")  # to the vote and the unanswered question (`insights`)
SELECT_ANSWER = select(*(column for column in issued_answer.c if column.name not in LINKS))


def answer_from_row(row: AnyRow) -> IssuedAnswer:
    return IssuedAnswer.model_validate(
        {name: value for name, value in row._mapping.items() if name not in LINKS}
    )


def issue_answer(db: Connection, answer: IssuedAnswer) -> None:
    db.execute(issued_answer.insert(), {**answer.model_dump(), "sources": list(answer.sources)})


def issued(db: Connection, token: str) -> IssuedAnswer | None:
    return first(db, IssuedAnswer, SELECT_ANSWER.where(issued_answer.c.token == token))


def vote(db: Connection, token: str, user_key: str, useful: bool, at: datetime) -> Vote | None:
    mine = issued_answer.c.token == token, issued_answer.c.user_key == user_key
    row = db.execute(select(issued_answer).where(*mine).with_for_update()).first()  # one press at a time
    if row is None:
        return None
    if row.feedback_id is not None:
        change_feedback(db, int(row.feedback_id), useful)
        return Vote.CHANGED
    feedback_id = insert_feedback(db, Feedback.on(answer_from_row(row), useful, at))
    db.execute(update(issued_answer).where(issued_answer.c.token == token).values(feedback_id=feedback_id))
    return Vote.CAST


def remember_question(db: Connection, pending: PendingQuestion) -> None:
    replace_row(db, pending_question, pending.model_dump(), ["user_key"])


def take_question(db: Connection, user_key: str) -> PendingQuestion | None:
    taken = delete(pending_question).where(pending_question.c.user_key == user_key)
    return first(db, PendingQuestion, taken.returning(*pending_question.c))


def of_user(db: Connection, user_key: str) -> tuple[list[IssuedAnswer], PendingQuestion | None]:
    answers = SELECT_ANSWER.where(issued_answer.c.user_key == user_key)
    pending = select(pending_question).where(pending_question.c.user_key == user_key)
    return (
        every(db, IssuedAnswer, answers.order_by(issued_answer.c.issued_at, issued_answer.c.token)),
        first(db, PendingQuestion, pending),
    )


def erase_user(db: Connection, user_key: str) -> int:
    answers = db.execute(delete(issued_answer).where(issued_answer.c.user_key == user_key))
    pending = db.execute(delete(pending_question).where(pending_question.c.user_key == user_key))
    return int(answers.rowcount) + int(pending.rowcount)


def purge(db: Connection, answers_before: datetime, questions_before: datetime) -> int:
    answers = db.execute(delete(issued_answer).where(issued_answer.c.issued_at < answers_before))
    pending = db.execute(delete(pending_question).where(pending_question.c.asked_at < questions_before))
    return int(answers.rowcount) + int(pending.rowcount)


class SqlConversationStore(Area):
    issue_answer = write(issue_answer)
    issued_answer = read(issued)
    vote = write(vote)
    remember_question = write(remember_question)
    take_question = write(take_question)
    of_user = read(of_user)
    erase_user = write(erase_user)
    purge = write(purge)
