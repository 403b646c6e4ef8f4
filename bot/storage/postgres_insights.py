"""PostgreSQL protocol insights: unanswered questions and 👎 votes, linked to a person only through an
issued answer while it lives."""

from __future__ import annotations

from datetime import datetime

import asyncpg

from bot.insights.model import UnansweredQuestion
from bot.storage.base import Feedback

QUESTION_COLUMNS = "school, role, question, month"
FEEDBACK_COLUMNS = "f.school, f.role, f.question, f.sources, f.verdict, f.useful, f.at"
LINKED = "SELECT {column} FROM issued_answer WHERE user_key = $1 AND {column} IS NOT NULL"


def _vote(row: asyncpg.Record) -> Feedback:
    return Feedback.model_validate({**dict(row), "sources": list(row["sources"])})


class PostgresInsightStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def record_unanswered(self, question: UnansweredQuestion, answer_token: str | None = None) -> None:
        async with self._pool.acquire() as connection, connection.transaction():
            question_id = await connection.fetchval(
                f"INSERT INTO unanswered_question ({QUESTION_COLUMNS}) VALUES ($1, $2, $3, $4)"  # noqa: S608
                " RETURNING id",
                question.school,
                question.role,
                question.question,
                question.month,
            )
            if answer_token is not None:
                await connection.execute(
                    "UPDATE issued_answer SET unanswered_id = $1 WHERE token = $2", question_id, answer_token
                )

    async def unanswered(self, school: str, first_month: str, last_month: str) -> list[UnansweredQuestion]:
        rows = await self._pool.fetch(
            f"SELECT {QUESTION_COLUMNS} FROM unanswered_question"  # noqa: S608
            " WHERE school = $1 AND month BETWEEN $2 AND $3 ORDER BY month, id",
            school,
            first_month,
            last_month,
        )
        return [UnansweredQuestion.model_validate(dict(row)) for row in rows]

    async def votes_down(self, school: str, start: datetime, end: datetime) -> list[Feedback]:
        rows = await self._pool.fetch(
            f"SELECT {FEEDBACK_COLUMNS} FROM feedback f"  # noqa: S608
            " WHERE f.school = $1 AND NOT f.useful AND f.at >= $2 AND f.at < $3 ORDER BY f.at, f.id",
            school,
            start,
            end,
        )
        return [_vote(row) for row in rows]

    async def of_user(self, user_key: str) -> tuple[list[UnansweredQuestion], list[Feedback]]:
        questions = await self._pool.fetch(
            f"SELECT {QUESTION_COLUMNS} FROM unanswered_question WHERE id IN"  # noqa: S608
            f" ({LINKED.format(column='unanswered_id')}) ORDER BY id",
            user_key,
        )
        votes = await self._pool.fetch(
            f"SELECT {FEEDBACK_COLUMNS} FROM feedback f WHERE f.id IN"  # noqa: S608
            f" ({LINKED.format(column='feedback_id')}) ORDER BY f.id",
            user_key,
        )
        return [UnansweredQuestion.model_validate(dict(row)) for row in questions], [
            _vote(row) for row in votes
        ]

    async def erase_user(self, user_key: str) -> int:
        async with self._pool.acquire() as connection, connection.transaction():
            questions = await connection.execute(
                f"DELETE FROM unanswered_question WHERE id IN ({LINKED.format(column='unanswered_id')})",  # noqa: S608
                user_key,
            )
            votes = await connection.execute(
                f"DELETE FROM feedback WHERE id IN ({LINKED.format(column='feedback_id')})",  # noqa: S608
                user_key,
            )
            return _count(questions) + _count(votes)

    async def purge(self, months_before: str, votes_before: datetime) -> int:
        async with self._pool.acquire() as connection, connection.transaction():
            questions = await connection.execute(
                "DELETE FROM unanswered_question WHERE month < $1", months_before
            )
            votes = await connection.execute("DELETE FROM feedback WHERE at < $1", votes_before)
            return _count(questions) + _count(votes)


def _count(status: str) -> int:
    """The row count of a command status such as `DELETE 3`."""
    return int(status.rsplit(" ", 1)[-1])
