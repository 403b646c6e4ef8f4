"""SQLite forwarded questions: every state change is one BEGIN IMMEDIATE transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from bot.questions.model import (
    ForwardedQuestion,
    Json,
    QuestionDraft,
    answer_messages,
    forward_messages,
    question_number,
)
from bot.reports.model import AuditEntry, case_year
from bot.storage.columns import QUESTION_COLUMNS, SELECT_QUESTION
from bot.storage.errors import IdempotencyConflictError, QuestionNotFoundError
from bot.storage.questions import answered_question, new_question_token
from bot.storage.sqlite import SqliteDatabase, from_text, to_text
from bot.storage.sqlite_reports import as_dict, insert_audit, insert_outbox

# Built from the constant column list, never from input.
INSERT_QUESTION = (
    f"INSERT INTO forwarded_question (idempotency_key, {QUESTION_COLUMNS})"  # noqa: S608
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def question_from_row(row: Any) -> ForwardedQuestion:
    values = as_dict(row)
    for name in ("asker_conversation", "thread_conversation"):
        values[name] = json.loads(values[name]) if values[name] is not None else None
    for name in ("answered_at", "created_at", "updated_at"):
        values[name] = from_text(values[name]) if values[name] is not None else None
    return ForwardedQuestion.model_validate(values)


class SqliteQuestionStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def forward(self, draft: QuestionDraft, idempotency_key: str) -> tuple[ForwardedQuestion, bool]:
        async with self._database.transaction() as db:
            async with db.execute(SELECT_QUESTION + " WHERE idempotency_key = ?", (idempotency_key,)) as cur:
                row = await cur.fetchone()
            if row is not None:
                existing = question_from_row(row)
                if existing.asker_key != draft.asker_key:
                    raise IdempotencyConflictError("idempotency key belongs to another asker")
                return existing, False
            now = datetime.now(UTC)
            year = case_year(now)
            async with db.execute(
                "INSERT INTO question_counter (school, year, last) VALUES (?, ?, 1)"
                " ON CONFLICT (school, year) DO UPDATE SET last = last + 1 RETURNING last",
                (draft.school, year),
            ) as cur:
                counter = await cur.fetchone()
            assert counter is not None  # noqa: S101 - RETURNING always yields the row
            question = ForwardedQuestion(
                **draft.model_dump(),
                id=uuid4(),
                number=question_number(year, int(counter[0])),
                status="open",
                card_token=new_question_token(),
                created_at=now,
                updated_at=now,
            )
            await db.execute(
                INSERT_QUESTION,
                (
                    idempotency_key,
                    str(question.id),
                    question.school,
                    question.number,
                    question.role,
                    question.question,
                    question.asker_key,
                    json.dumps(question.asker_conversation),
                    question.status,
                    question.card_token,
                    None,
                    None,
                    None,
                    None,
                    None,
                    to_text(now),
                    to_text(now),
                ),
            )
            detail = {"number": question.number}
            await insert_audit(
                db, None, draft.asker_key, "vraag_doorgeven", True, detail, question_id=question.id
            )
            await insert_outbox(db, forward_messages(question), now)
        return question, True

    async def by_key(self, idempotency_key: str) -> ForwardedQuestion | None:
        row = await self._database.fetchone(
            SELECT_QUESTION + " WHERE idempotency_key = ?", (idempotency_key,)
        )
        return question_from_row(row) if row else None

    async def get(self, question_id: UUID) -> ForwardedQuestion | None:
        row = await self._database.fetchone(SELECT_QUESTION + " WHERE id = ?", (str(question_id),))
        return question_from_row(row) if row else None

    async def find(self, number: str) -> list[ForwardedQuestion]:
        rows = await self._database.fetchall(SELECT_QUESTION + " WHERE number = ? ORDER BY school", (number,))
        return [question_from_row(row) for row in rows]

    async def for_asker(self, asker_key: str) -> list[ForwardedQuestion]:
        rows = await self._database.fetchall(
            SELECT_QUESTION + " WHERE asker_key = ? ORDER BY created_at DESC, number DESC", (asker_key,)
        )
        return [question_from_row(row) for row in rows]

    async def set_thread(self, question_id: UUID, conversation: Json, activity_id: str) -> None:
        async with self._database.transaction() as db:
            cursor = await db.execute(
                "UPDATE forwarded_question SET thread_conversation = ?, thread_activity_id = ? WHERE id = ?",
                (json.dumps(conversation), activity_id, str(question_id)),
            )
            if cursor.rowcount != 1:
                raise QuestionNotFoundError(str(question_id))

    async def answer(
        self, question_id: UUID, card_token: str, answer: str, leader_key: str
    ) -> ForwardedQuestion:
        async with self._database.transaction() as db:
            async with db.execute(SELECT_QUESTION + " WHERE id = ?", (str(question_id),)) as cur:
                row = await cur.fetchone()
            if row is None:
                raise QuestionNotFoundError(str(question_id))
            question = question_from_row(row)
            now = datetime.now(UTC)
            answered = answered_question(question, card_token, answer, leader_key, now)
            await db.execute(
                "UPDATE forwarded_question SET status = 'answered', card_token = ?, answer = ?,"
                " answered_by = ?, answered_at = ?, updated_at = ? WHERE id = ? AND status = 'open'",
                (
                    answered.card_token,
                    answered.answer,
                    leader_key,
                    to_text(now),
                    to_text(now),
                    str(question_id),
                ),
            )
            detail = {"number": question.number}
            await insert_audit(
                db, None, leader_key, "vraag_beantwoorden", True, detail, question_id=question_id
            )
            await insert_outbox(db, answer_messages(answered), now)
        return answered

    async def record_refusal(
        self, question_id: UUID | None, actor_key: str, action: str, detail: Json
    ) -> None:
        async with self._database.transaction() as db:
            known = None
            if question_id is not None:
                async with db.execute(
                    "SELECT id FROM forwarded_question WHERE id = ?", (str(question_id),)
                ) as cursor:
                    known = question_id if await cursor.fetchone() else None
            await insert_audit(db, None, actor_key, action, False, detail, question_id=known)

    async def audit_trail(self, question_id: UUID) -> list[AuditEntry]:
        rows = await self._database.fetchall(
            "SELECT report_id, question_id, actor_key, action, accepted, detail, at FROM audit"
            " WHERE question_id = ? ORDER BY id",
            (str(question_id),),
        )
        return [
            AuditEntry.model_validate(
                {**as_dict(row), "detail": json.loads(row["detail"]), "at": from_text(row["at"])}
            )
            for row in rows
        ]

    async def schools(self) -> list[str]:
        rows = await self._database.fetchall("SELECT DISTINCT school FROM forwarded_question ORDER BY school")
        return [str(row[0]) for row in rows]

    async def changed_before(self, school: str, cutoff: datetime) -> list[UUID]:
        rows = await self._database.fetchall(
            "SELECT id FROM forwarded_question WHERE school = ? AND updated_at < ? ORDER BY updated_at",
            (school, to_text(cutoff)),
        )
        return [UUID(row[0]) for row in rows]

    async def erase(self, question_id: UUID) -> bool:
        # Its audit entries go with it (ON DELETE CASCADE).
        async with self._database.transaction() as db:
            await db.execute(
                "DELETE FROM outbox WHERE json_extract(message, '$.question_id') = ?", (str(question_id),)
            )
            cursor = await db.execute("DELETE FROM forwarded_question WHERE id = ?", (str(question_id),))
            return cursor.rowcount > 0
