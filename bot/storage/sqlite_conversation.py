"""SQLite issued answers and waiting questions; each change is one BEGIN IMMEDIATE transaction."""

from __future__ import annotations

import json
from datetime import datetime

import aiosqlite

from bot.storage.base import Feedback
from bot.storage.conversation import IssuedAnswer, PendingQuestion, Vote
from bot.storage.sqlite import SqliteDatabase, change_feedback, from_text, insert_feedback, to_text

ANSWER_COLUMNS = "token, user_key, school, role, question, sources, verdict, issued_at"
# Built from the constant column list above, never from input.
SELECT_ANSWER = f"SELECT {ANSWER_COLUMNS} FROM issued_answer"  # noqa: S608


def answer_from_row(row: aiosqlite.Row) -> IssuedAnswer:
    return IssuedAnswer(
        token=row["token"],
        user_key=row["user_key"],
        school=row["school"],
        role=row["role"],
        question=row["question"],
        sources=tuple(json.loads(row["sources"])),
        verdict=row["verdict"],
        issued_at=from_text(row["issued_at"]),
    )


def pending_from_row(row: aiosqlite.Row) -> PendingQuestion:
    return PendingQuestion(
        user_key=row["user_key"], question=row["question"], asked_at=from_text(row["asked_at"])
    )


class SqliteConversationStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def issue_answer(self, answer: IssuedAnswer) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                f"INSERT INTO issued_answer ({ANSWER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",  # noqa: S608
                (
                    answer.token,
                    answer.user_key,
                    answer.school,
                    answer.role,
                    answer.question,
                    json.dumps(list(answer.sources)),
                    answer.verdict,
                    to_text(answer.issued_at),
                ),
            )

    async def issued_answer(self, token: str) -> IssuedAnswer | None:
        row = await self._database.fetchone(SELECT_ANSWER + " WHERE token = ?", (token,))
        return answer_from_row(row) if row else None

    async def vote(self, token: str, user_key: str, useful: bool, at: datetime) -> Vote | None:
        async with self._database.transaction() as db:  # BEGIN IMMEDIATE: one press at a time
            async with db.execute(
                f"SELECT {ANSWER_COLUMNS}, feedback_id FROM issued_answer"  # noqa: S608
                " WHERE token = ? AND user_key = ?",
                (token, user_key),
            ) as cursor:
                row = await cursor.fetchone()
            if row is None:
                return None
            if row["feedback_id"] is not None:
                await change_feedback(db, row["feedback_id"], useful)
                return Vote.CHANGED
            feedback_id = await insert_feedback(db, Feedback.on(answer_from_row(row), useful, at))
            await db.execute("UPDATE issued_answer SET feedback_id = ? WHERE token = ?", (feedback_id, token))
            return Vote.CAST

    async def remember_question(self, pending: PendingQuestion) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO pending_question (user_key, question, asked_at) VALUES (?, ?, ?)"
                " ON CONFLICT (user_key) DO UPDATE SET question = excluded.question,"
                " asked_at = excluded.asked_at",
                (pending.user_key, pending.question, to_text(pending.asked_at)),
            )

    async def take_question(self, user_key: str) -> PendingQuestion | None:
        async with (
            self._database.transaction() as db,
            db.execute(
                "DELETE FROM pending_question WHERE user_key = ? RETURNING user_key, question, asked_at",
                (user_key,),
            ) as cursor,
        ):
            row = await cursor.fetchone()
        return pending_from_row(row) if row else None

    async def of_user(self, user_key: str) -> tuple[list[IssuedAnswer], PendingQuestion | None]:
        rows = await self._database.fetchall(
            SELECT_ANSWER + " WHERE user_key = ? ORDER BY issued_at, token", (user_key,)
        )
        pending = await self._database.fetchone(
            "SELECT user_key, question, asked_at FROM pending_question WHERE user_key = ?", (user_key,)
        )
        return [answer_from_row(row) for row in rows], pending_from_row(pending) if pending else None

    async def erase_user(self, user_key: str) -> int:
        async with self._database.transaction() as db:
            answers = await db.execute("DELETE FROM issued_answer WHERE user_key = ?", (user_key,))
            pending = await db.execute("DELETE FROM pending_question WHERE user_key = ?", (user_key,))
            return answers.rowcount + pending.rowcount

    async def purge(self, answers_before: datetime, questions_before: datetime) -> int:
        async with self._database.transaction() as db:
            answers = await db.execute(
                "DELETE FROM issued_answer WHERE issued_at < ?", (to_text(answers_before),)
            )
            pending = await db.execute(
                "DELETE FROM pending_question WHERE asked_at < ?", (to_text(questions_before),)
            )
            return answers.rowcount + pending.rowcount
