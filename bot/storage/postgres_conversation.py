"""PostgreSQL issued answers and waiting questions; each change is one statement or transaction."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from bot.storage.base import Feedback
from bot.storage.conversation import IssuedAnswer, PendingQuestion, Vote
from bot.storage.postgres import change_feedback, insert_feedback

ANSWER_COLUMNS = "token, user_key, school, role, question, sources, verdict, issued_at"
# Built from the constant column list above, never from input.
SELECT_ANSWER = f"SELECT {ANSWER_COLUMNS} FROM issued_answer"  # noqa: S608


def answer_from_row(row: asyncpg.Record) -> IssuedAnswer:
    fields = {name: row[name] for name in IssuedAnswer.model_fields}
    return IssuedAnswer.model_validate({**fields, "sources": tuple(row["sources"])})


class PostgresConversationStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def issue_answer(self, answer: IssuedAnswer) -> None:
        await self._pool.execute(
            f"INSERT INTO issued_answer ({ANSWER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",  # noqa: S608
            answer.token,
            answer.user_key,
            answer.school,
            answer.role,
            answer.question,
            list(answer.sources),
            answer.verdict,
            answer.issued_at,
        )

    async def issued_answer(self, token: str) -> IssuedAnswer | None:
        row = await self._pool.fetchrow(SELECT_ANSWER + " WHERE token = $1", token)
        return answer_from_row(row) if row else None

    async def vote(self, token: str, user_key: str, useful: bool, at: datetime) -> Vote | None:
        async with self._pool.acquire() as connection, connection.transaction():
            row = await connection.fetchrow(  # the row stays locked: one press at a time
                f"SELECT {ANSWER_COLUMNS}, feedback_id FROM issued_answer"  # noqa: S608
                " WHERE token = $1 AND user_key = $2 FOR UPDATE",
                token,
                user_key,
            )
            if row is None:
                return None
            if row["feedback_id"] is not None:
                await change_feedback(connection, row["feedback_id"], useful)
                return Vote.CHANGED
            answer = answer_from_row(row)
            feedback_id = await insert_feedback(connection, Feedback.on(answer, useful, at))
            await connection.execute(
                "UPDATE issued_answer SET feedback_id = $1 WHERE token = $2", feedback_id, token
            )
            return Vote.CAST

    async def remember_question(self, pending: PendingQuestion) -> None:
        await self._pool.execute(
            "INSERT INTO pending_question (user_key, question, asked_at) VALUES ($1, $2, $3)"
            " ON CONFLICT (user_key) DO UPDATE SET question = excluded.question,"
            " asked_at = excluded.asked_at",
            pending.user_key,
            pending.question,
            pending.asked_at,
        )

    async def take_question(self, user_key: str) -> PendingQuestion | None:
        row = await self._pool.fetchrow(
            "DELETE FROM pending_question WHERE user_key = $1 RETURNING user_key, question, asked_at",
            user_key,
        )
        return PendingQuestion.model_validate(dict(row)) if row else None

    async def of_user(self, user_key: str) -> tuple[list[IssuedAnswer], PendingQuestion | None]:
        rows = await self._pool.fetch(
            SELECT_ANSWER + ' WHERE user_key = $1 ORDER BY issued_at, token COLLATE "C"', user_key
        )
        pending = await self._pool.fetchrow(
            "SELECT user_key, question, asked_at FROM pending_question WHERE user_key = $1", user_key
        )
        return [answer_from_row(row) for row in rows], (
            PendingQuestion.model_validate(dict(pending)) if pending else None
        )

    async def erase_user(self, user_key: str) -> int:
        async with self._pool.acquire() as connection, connection.transaction():
            answers = await connection.execute("DELETE FROM issued_answer WHERE user_key = $1", user_key)
            pending = await connection.execute("DELETE FROM pending_question WHERE user_key = $1", user_key)
        return int(answers.split()[-1]) + int(pending.split()[-1])

    async def purge(self, answers_before: datetime, questions_before: datetime) -> int:
        async with self._pool.acquire() as connection, connection.transaction():
            answers = await connection.execute(
                "DELETE FROM issued_answer WHERE issued_at < $1", answers_before
            )
            pending = await connection.execute(
                "DELETE FROM pending_question WHERE asked_at < $1", questions_before
            )
        return int(answers.split()[-1]) + int(pending.split()[-1])
