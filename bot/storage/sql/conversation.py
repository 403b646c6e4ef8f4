"""Issued answers, the one vote on each, and questions waiting for the role; one transaction per change."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select, update

from bot.storage.conversation import IssuedAnswer, PendingQuestion, Vote
from bot.storage.feedback import Feedback
from bot.storage.sql.database import AnyRow, Database
from bot.storage.sql.schema import issued_answer, pending_question
from bot.storage.sql.writes import change_feedback, insert_feedback, replace_row

LINKS = ("feedback_id", "unanswered_id")  # to the vote and the unanswered question (`insights`)
SELECT_ANSWER = select(*(column for column in issued_answer.c if column.name not in LINKS))


def answer_from_row(row: AnyRow) -> IssuedAnswer:
    values = dict(row._mapping)
    for link in LINKS:
        values.pop(link, None)
    return IssuedAnswer.model_validate({**values, "sources": tuple(values["sources"])})


def pending_from_row(row: AnyRow) -> PendingQuestion:
    return PendingQuestion.model_validate(dict(row._mapping))


class SqlConversationStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def issue_answer(self, answer: IssuedAnswer) -> None:
        async with self._database.transaction() as db:
            values = {**answer.model_dump(), "sources": list(answer.sources)}
            await db.execute(issued_answer.insert(), values)

    async def issued_answer(self, token: str) -> IssuedAnswer | None:
        row = await self._database.row(SELECT_ANSWER.where(issued_answer.c.token == token))
        return answer_from_row(row) if row else None

    async def vote(self, token: str, user_key: str, useful: bool, at: datetime) -> Vote | None:
        async with self._database.transaction() as db:  # one press at a time: the row is locked
            query = (
                select(issued_answer)
                .where(issued_answer.c.token == token, issued_answer.c.user_key == user_key)
                .with_for_update()
            )
            row = (await db.execute(query)).first()
            if row is None:
                return None
            if row.feedback_id is not None:
                await change_feedback(db, int(row.feedback_id), useful)
                return Vote.CHANGED
            feedback_id = await insert_feedback(db, Feedback.on(answer_from_row(row), useful, at))
            await db.execute(
                update(issued_answer).where(issued_answer.c.token == token).values(feedback_id=feedback_id)
            )
            return Vote.CAST

    async def remember_question(self, pending: PendingQuestion) -> None:
        async with self._database.transaction() as db:
            await replace_row(db, pending_question, pending.model_dump(), ["user_key"])

    async def take_question(self, user_key: str) -> PendingQuestion | None:
        async with self._database.transaction() as db:
            row = (
                await db.execute(
                    delete(pending_question)
                    .where(pending_question.c.user_key == user_key)
                    .returning(*pending_question.c)
                )
            ).first()
        return pending_from_row(row) if row else None

    async def of_user(self, user_key: str) -> tuple[list[IssuedAnswer], PendingQuestion | None]:
        rows = await self._database.rows(
            SELECT_ANSWER.where(issued_answer.c.user_key == user_key).order_by(
                issued_answer.c.issued_at, issued_answer.c.token
            )
        )
        pending = await self._database.row(
            select(pending_question).where(pending_question.c.user_key == user_key)
        )
        return [answer_from_row(row) for row in rows], pending_from_row(pending) if pending else None

    async def erase_user(self, user_key: str) -> int:
        async with self._database.transaction() as db:
            answers = await db.execute(delete(issued_answer).where(issued_answer.c.user_key == user_key))
            pending = await db.execute(
                delete(pending_question).where(pending_question.c.user_key == user_key)
            )
            return int(answers.rowcount) + int(pending.rowcount)

    async def purge(self, answers_before: datetime, questions_before: datetime) -> int:
        async with self._database.transaction() as db:
            answers = await db.execute(
                delete(issued_answer).where(issued_answer.c.issued_at < answers_before)
            )
            pending = await db.execute(
                delete(pending_question).where(pending_question.c.asked_at < questions_before)
            )
            return int(answers.rowcount) + int(pending.rowcount)
