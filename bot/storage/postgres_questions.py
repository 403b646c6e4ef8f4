"""PostgreSQL forwarded questions: one transaction per state change, row locks against a second answer."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

import asyncpg

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
from bot.storage.postgres_reports import insert_audit, insert_outbox
from bot.storage.questions import answered_question, new_question_token

# Built from the constant column list, never from input.
INSERT_QUESTION = (
    f"INSERT INTO forwarded_question (idempotency_key, {QUESTION_COLUMNS})"  # noqa: S608
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)"
)


def question_from_row(row: asyncpg.Record) -> ForwardedQuestion:
    return ForwardedQuestion.model_validate(dict(row))


class PostgresQuestionStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def forward(self, draft: QuestionDraft, idempotency_key: str) -> tuple[ForwardedQuestion, bool]:
        async with self._pool.acquire() as connection, connection.transaction():
            # Serialises presses with one key: a concurrent duplicate waits, then finds the row.
            await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", idempotency_key)
            row = await connection.fetchrow(SELECT_QUESTION + " WHERE idempotency_key = $1", idempotency_key)
            if row is not None:
                existing = question_from_row(row)
                if existing.asker_key != draft.asker_key:
                    raise IdempotencyConflictError("idempotency key belongs to another asker")
                return existing, False
            now = datetime.now(UTC)
            year = case_year(now)
            sequence = await connection.fetchval(
                "INSERT INTO question_counter (school, year, last) VALUES ($1, $2, 1)"
                " ON CONFLICT (school, year) DO UPDATE SET last = question_counter.last + 1 RETURNING last",
                draft.school,
                year,
            )
            question = ForwardedQuestion(
                **draft.model_dump(),
                id=uuid4(),
                number=question_number(year, int(sequence)),
                status="open",
                card_token=new_question_token(),
                created_at=now,
                updated_at=now,
            )
            await connection.execute(
                INSERT_QUESTION,
                idempotency_key,
                question.id,
                question.school,
                question.number,
                question.role,
                question.question,
                question.asker_key,
                question.asker_conversation,
                question.status,
                question.card_token,
                None,
                None,
                None,
                None,
                None,
                now,
                now,
            )
            detail = {"number": question.number}
            await insert_audit(
                connection, None, draft.asker_key, "vraag_doorgeven", True, detail, question_id=question.id
            )
            await insert_outbox(connection, forward_messages(question), now)
        return question, True

    async def by_key(self, idempotency_key: str) -> ForwardedQuestion | None:
        row = await self._pool.fetchrow(SELECT_QUESTION + " WHERE idempotency_key = $1", idempotency_key)
        return question_from_row(row) if row else None

    async def get(self, question_id: UUID) -> ForwardedQuestion | None:
        row = await self._pool.fetchrow(SELECT_QUESTION + " WHERE id = $1", question_id)
        return question_from_row(row) if row else None

    async def find(self, number: str) -> list[ForwardedQuestion]:
        rows = await self._pool.fetch(
            SELECT_QUESTION + ' WHERE number = $1 ORDER BY school COLLATE "C"', number
        )
        return [question_from_row(row) for row in rows]

    async def for_asker(self, asker_key: str) -> list[ForwardedQuestion]:
        rows = await self._pool.fetch(
            SELECT_QUESTION + ' WHERE asker_key = $1 ORDER BY created_at DESC, number COLLATE "C" DESC',
            asker_key,
        )
        return [question_from_row(row) for row in rows]

    async def set_thread(self, question_id: UUID, conversation: Json, activity_id: str) -> None:
        status = await self._pool.execute(
            "UPDATE forwarded_question SET thread_conversation = $1, thread_activity_id = $2 WHERE id = $3",
            conversation,
            activity_id,
            question_id,
        )
        if status == "UPDATE 0":
            raise QuestionNotFoundError(str(question_id))

    async def answer(
        self, question_id: UUID, card_token: str, answer: str, leader_key: str
    ) -> ForwardedQuestion:
        async with self._pool.acquire() as connection, connection.transaction():
            row = await connection.fetchrow(SELECT_QUESTION + " WHERE id = $1 FOR UPDATE", question_id)
            if row is None:
                raise QuestionNotFoundError(str(question_id))
            question = question_from_row(row)
            now = datetime.now(UTC)
            answered = answered_question(question, card_token, answer, leader_key, now)
            await connection.execute(
                "UPDATE forwarded_question SET status = 'answered', card_token = $1, answer = $2,"
                " answered_by = $3, answered_at = $4, updated_at = $4 WHERE id = $5",
                answered.card_token,
                answered.answer,
                leader_key,
                now,
                question_id,
            )
            detail = {"number": question.number}
            await insert_audit(
                connection, None, leader_key, "vraag_beantwoorden", True, detail, question_id=question_id
            )
            await insert_outbox(connection, answer_messages(answered), now)
        return answered

    async def record_refusal(
        self, question_id: UUID | None, actor_key: str, action: str, detail: Json
    ) -> None:
        async with self._pool.acquire() as connection, connection.transaction():
            known = None
            if question_id is not None:
                found = await connection.fetchval(
                    "SELECT id FROM forwarded_question WHERE id = $1", question_id
                )
                known = question_id if found else None
            await insert_audit(connection, None, actor_key, action, False, detail, question_id=known)

    async def audit_trail(self, question_id: UUID) -> list[AuditEntry]:
        rows = await self._pool.fetch(
            "SELECT report_id, question_id, actor_key, action, accepted, detail, at FROM audit"
            " WHERE question_id = $1 ORDER BY id",
            question_id,
        )
        return [AuditEntry.model_validate(dict(row)) for row in rows]

    async def schools(self) -> list[str]:
        rows = await self._pool.fetch(
            'SELECT DISTINCT school COLLATE "C" AS school FROM forwarded_question ORDER BY 1'
        )
        return [str(row[0]) for row in rows]

    async def changed_before(self, school: str, cutoff: datetime) -> list[UUID]:
        rows = await self._pool.fetch(
            "SELECT id FROM forwarded_question WHERE school = $1 AND updated_at < $2 ORDER BY updated_at",
            school,
            cutoff,
        )
        return [row[0] for row in rows]

    async def erase(self, question_id: UUID) -> bool:
        # Its audit entries go with it (ON DELETE CASCADE).
        async with self._pool.acquire() as connection, connection.transaction():
            await connection.execute(
                "DELETE FROM outbox WHERE message->>'question_id' = $1", str(question_id)
            )
            status = await connection.execute("DELETE FROM forwarded_question WHERE id = $1", question_id)
        return bool(status != "DELETE 0")
