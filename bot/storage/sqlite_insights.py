"""SQLite protocol insights: unanswered questions and 👎 votes, linked to a person only through an issued
answer while it lives."""

from __future__ import annotations

import json
from datetime import datetime

import aiosqlite

from bot.insights.model import UnansweredQuestion
from bot.storage.base import Feedback
from bot.storage.sqlite import SqliteDatabase, from_text, to_text

QUESTION_COLUMNS = "school, role, question, month"
FEEDBACK_COLUMNS = "f.school, f.role, f.question, f.sources, f.verdict, f.useful, f.at"
LINKED = "SELECT {column} FROM issued_answer WHERE user_key = ? AND {column} IS NOT NULL"


def _question(row: aiosqlite.Row) -> UnansweredQuestion:
    return UnansweredQuestion(school=row[0], role=row[1], question=row[2], month=row[3])


def _vote(row: aiosqlite.Row) -> Feedback:
    return Feedback(
        school=row[0],
        role=row[1],
        question=row[2],
        sources=json.loads(row[3]),
        verdict=row[4],
        useful=bool(row[5]),
        at=from_text(row[6]),
    )


class SqliteInsightStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def record_unanswered(self, question: UnansweredQuestion, answer_token: str | None = None) -> None:
        async with self._database.transaction() as db:
            cursor = await db.execute(
                f"INSERT INTO unanswered_question ({QUESTION_COLUMNS}) VALUES (?, ?, ?, ?)",  # noqa: S608
                (question.school, question.role, question.question, question.month),
            )
            if answer_token is not None:
                await db.execute(
                    "UPDATE issued_answer SET unanswered_id = ? WHERE token = ?",
                    (cursor.lastrowid, answer_token),
                )

    async def unanswered(self, school: str, first_month: str, last_month: str) -> list[UnansweredQuestion]:
        rows = await self._database.fetchall(
            f"SELECT {QUESTION_COLUMNS} FROM unanswered_question"  # noqa: S608
            " WHERE school = ? AND month BETWEEN ? AND ? ORDER BY month, id",
            (school, first_month, last_month),
        )
        return [_question(row) for row in rows]

    async def votes_down(self, school: str, start: datetime, end: datetime) -> list[Feedback]:
        rows = await self._database.fetchall(
            f"SELECT {FEEDBACK_COLUMNS} FROM feedback f"  # noqa: S608
            " WHERE f.school = ? AND f.useful = 0 AND f.at >= ? AND f.at < ? ORDER BY f.at, f.id",
            (school, to_text(start), to_text(end)),
        )
        return [_vote(row) for row in rows]

    async def of_user(self, user_key: str) -> tuple[list[UnansweredQuestion], list[Feedback]]:
        questions = await self._database.fetchall(
            f"SELECT {QUESTION_COLUMNS} FROM unanswered_question WHERE id IN"  # noqa: S608
            f" ({LINKED.format(column='unanswered_id')}) ORDER BY id",
            (user_key,),
        )
        votes = await self._database.fetchall(
            f"SELECT {FEEDBACK_COLUMNS} FROM feedback f WHERE f.id IN"  # noqa: S608
            f" ({LINKED.format(column='feedback_id')}) ORDER BY f.id",
            (user_key,),
        )
        return [_question(row) for row in questions], [_vote(row) for row in votes]

    async def erase_user(self, user_key: str) -> int:
        async with self._database.transaction() as db:
            questions = await db.execute(
                f"DELETE FROM unanswered_question WHERE id IN ({LINKED.format(column='unanswered_id')})",  # noqa: S608
                (user_key,),
            )
            votes = await db.execute(
                f"DELETE FROM feedback WHERE id IN ({LINKED.format(column='feedback_id')})",  # noqa: S608
                (user_key,),
            )
            return questions.rowcount + votes.rowcount

    async def purge(self, months_before: str, votes_before: datetime) -> int:
        async with self._database.transaction() as db:
            questions = await db.execute("DELETE FROM unanswered_question WHERE month < ?", (months_before,))
            votes = await db.execute("DELETE FROM feedback WHERE at < ?", (to_text(votes_before),))
            return questions.rowcount + votes.rowcount
