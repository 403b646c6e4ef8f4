"""Forwarded questions: every state change is one transaction with its audit entry and outbox messages."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from sqlalchemy import bindparam, delete, select, update

from bot.questions.model import (
    ForwardedQuestion,
    Json,
    QuestionDraft,
    answer_messages,
    forward_messages,
    question_number,
)
from bot.reports.model import AuditEntry, case_year
from bot.storage.errors import QuestionNotFoundError
from bot.storage.questions import answered_question, new_question_token
from bot.storage.sql.database import AnyRow, Database
from bot.storage.sql.reporting import message_field
from bot.storage.sql.reports import SELECT_AUDIT, audit_from_row, earlier
from bot.storage.sql.schema import audit, forwarded_question, outbox, question_counter
from bot.storage.sql.writes import insert_audit, insert_outbox, next_number, present

SELECT_QUESTION = select(*(column for column in forwarded_question.c if column.name != "idempotency_key"))


def question_from_row(row: AnyRow) -> ForwardedQuestion:
    return ForwardedQuestion.model_validate(dict(row._mapping))


class SqlQuestionStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def forward(self, draft: QuestionDraft, idempotency_key: str) -> tuple[ForwardedQuestion, bool]:
        async with self._database.transaction() as db:
            query = SELECT_QUESTION.where(forwarded_question.c.idempotency_key == bindparam("key"))
            row = await earlier(db, query, idempotency_key, draft.asker_key, "asker_key")
            if row is not None:
                return question_from_row(row), False
            now = datetime.now(UTC)
            year = case_year(now)
            question = ForwardedQuestion(
                **draft.model_dump(),
                id=uuid4(),
                number=question_number(year, await next_number(db, question_counter, draft.school, year)),
                status="open",
                card_token=new_question_token(),
                created_at=now,
                updated_at=now,
            )
            await db.execute(
                forwarded_question.insert().values(idempotency_key=idempotency_key, **question.model_dump())
            )
            detail = {"number": question.number}
            await insert_audit(db, None, draft.asker_key, "vraag_doorgeven", True, detail, question.id)
            await insert_outbox(db, forward_messages(question), now)
        return question, True

    async def by_key(self, idempotency_key: str) -> ForwardedQuestion | None:
        row = await self._database.row(
            SELECT_QUESTION.where(forwarded_question.c.idempotency_key == idempotency_key)
        )
        return question_from_row(row) if row else None

    async def get(self, question_id: UUID) -> ForwardedQuestion | None:
        row = await self._database.row(SELECT_QUESTION.where(forwarded_question.c.id == question_id))
        return question_from_row(row) if row else None

    async def find(self, number: str) -> list[ForwardedQuestion]:
        rows = await self._database.rows(
            SELECT_QUESTION.where(forwarded_question.c.number == number).order_by(forwarded_question.c.school)
        )
        return [question_from_row(row) for row in rows]

    async def for_asker(self, asker_key: str) -> list[ForwardedQuestion]:
        rows = await self._database.rows(
            SELECT_QUESTION.where(forwarded_question.c.asker_key == asker_key).order_by(
                forwarded_question.c.created_at.desc(), forwarded_question.c.number.desc()
            )
        )
        return [question_from_row(row) for row in rows]

    async def set_thread(self, question_id: UUID, conversation: Json, activity_id: str) -> None:
        async with self._database.transaction() as db:
            result = await db.execute(
                update(forwarded_question)
                .where(forwarded_question.c.id == question_id)
                .values(thread_conversation=conversation, thread_activity_id=activity_id)
            )
            if result.rowcount != 1:
                raise QuestionNotFoundError(str(question_id))

    async def answer(
        self, question_id: UUID, card_token: str, answer: str, leader_key: str
    ) -> ForwardedQuestion:
        async with self._database.transaction() as db:
            query = SELECT_QUESTION.where(forwarded_question.c.id == question_id).with_for_update()
            row = (await db.execute(query)).first()
            if row is None:
                raise QuestionNotFoundError(str(question_id))
            question = question_from_row(row)
            now = datetime.now(UTC)
            answered = answered_question(question, card_token, answer, leader_key, now)
            await db.execute(
                update(forwarded_question)
                .where(forwarded_question.c.id == question_id, forwarded_question.c.status == "open")
                .values(
                    status="answered",
                    card_token=answered.card_token,
                    answer=answered.answer,
                    answered_by=leader_key,
                    answered_at=now,
                    updated_at=now,
                )
            )
            detail = {"number": question.number}
            await insert_audit(db, None, leader_key, "vraag_beantwoorden", True, detail, question_id)
            await insert_outbox(db, answer_messages(answered), now)
        return answered

    async def record_refusal(
        self, question_id: UUID | None, actor_key: str, action: str, detail: Json
    ) -> None:
        async with self._database.transaction() as db:
            known = None
            if question_id is not None and await present(db, forwarded_question.c.id, question_id):
                known = question_id
            await insert_audit(db, None, actor_key, action, False, detail, question_id=known)

    async def audit_trail(self, question_id: UUID) -> list[AuditEntry]:
        rows = await self._database.rows(
            SELECT_AUDIT.where(audit.c.question_id == question_id).order_by(audit.c.id)
        )
        return [audit_from_row(row) for row in rows]

    async def schools(self) -> list[str]:
        query = select(forwarded_question.c.school).distinct().order_by(forwarded_question.c.school)
        return [str(row[0]) for row in await self._database.rows(query)]

    async def changed_before(self, school: str, cutoff: datetime) -> list[UUID]:
        rows = await self._database.rows(
            select(forwarded_question.c.id)
            .where(forwarded_question.c.school == school, forwarded_question.c.updated_at < cutoff)
            .order_by(forwarded_question.c.updated_at)
        )
        return [row[0] for row in rows]

    async def erase(self, question_id: UUID) -> bool:
        # Its audit entries go with it (ON DELETE CASCADE).
        async with self._database.transaction() as db:
            await db.execute(delete(outbox).where(message_field(db, "question_id") == str(question_id)))
            result = await db.execute(
                delete(forwarded_question).where(forwarded_question.c.id == question_id)
            )
            return bool(result.rowcount)
