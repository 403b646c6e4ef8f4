"""Forwarded questions: every state change is one transaction with its audit entry and outbox messages."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.engine import Connection

from bot.questions.model import (
    ForwardedQuestion,
    Json,
    QuestionDraft,
    answer_messages,
    forward_messages,
    question_number,
)
from bot.reports.model import AuditEntry
from bot.storage.errors import QuestionNotFoundError
from bot.storage.questions import answered_question, new_question_token
from bot.storage.sql.database import Area, read, statement, write
from bot.storage.sql.reporting import message_field
from bot.storage.sql.reports import SELECT_AUDIT, earlier, numbered
from bot.storage.sql.rows import every, first, insert_audit, insert_outbox, present
from bot.storage.sql.schema import audit, forwarded_question, outbox, question_counter

question = forwarded_question.c
SELECT_QUESTION = select(*(column for column in question if column.name != "idempotency_key"))
BY_KEY = SELECT_QUESTION.where(question.idempotency_key == bindparam("key"))


class SqlQuestionStore(Area):
    @write
    def forward(
        self, db: Connection, draft: QuestionDraft, idempotency_key: str
    ) -> tuple[ForwardedQuestion, bool]:
        if (
            stored := earlier(db, ForwardedQuestion, BY_KEY, idempotency_key, draft, "asker_key")
        ) is not None:
            return stored, False
        now, year, number = numbered(db, question_counter, draft.school)
        forwarded = ForwardedQuestion(
            id=uuid4(),
            **draft.model_dump(),
            status="open",
            number=question_number(year, number),
            card_token=new_question_token(),
            created_at=now,
            updated_at=now,
        )
        db.execute(
            forwarded_question.insert().values(idempotency_key=idempotency_key, **forwarded.model_dump())
        )
        detail = {"number": forwarded.number}
        insert_audit(db, None, draft.asker_key, "vraag_doorgeven", True, detail, forwarded.id)
        insert_outbox(db, forward_messages(forwarded), now)
        return forwarded, True

    @read
    def by_key(self, db: Connection, idempotency_key: str) -> ForwardedQuestion | None:
        return first(db, ForwardedQuestion, BY_KEY, {"key": idempotency_key})

    @read
    def get(self, db: Connection, question_id: UUID) -> ForwardedQuestion | None:
        return first(db, ForwardedQuestion, SELECT_QUESTION.where(question.id == question_id))

    @read
    def find(self, db: Connection, number: str) -> list[ForwardedQuestion]:
        return every(
            db, ForwardedQuestion, SELECT_QUESTION.where(question.number == number).order_by(question.school)
        )

    @read
    def for_asker(self, db: Connection, asker_key: str) -> list[ForwardedQuestion]:
        query = SELECT_QUESTION.where(question.asker_key == asker_key)
        return every(
            db, ForwardedQuestion, query.order_by(question.created_at.desc(), question.number.desc())
        )

    @statement
    def set_thread(self, db: Connection, question_id: UUID, conversation: Json, activity_id: str) -> None:
        thread = {"thread_conversation": conversation, "thread_activity_id": activity_id}
        if (
            db.execute(update(forwarded_question).where(question.id == question_id).values(thread)).rowcount
            != 1
        ):
            raise QuestionNotFoundError(str(question_id))

    @write
    def answer(
        self, db: Connection, question_id: UUID, card_token: str, answer: str, leader_key: str
    ) -> ForwardedQuestion:
        asked = first(
            db, ForwardedQuestion, SELECT_QUESTION.where(question.id == question_id).with_for_update()
        )
        if asked is None:
            raise QuestionNotFoundError(str(question_id))
        now = datetime.now(UTC)
        answered = answered_question(asked, card_token, answer, leader_key, now)
        changed = answered.model_dump(
            include={"status", "card_token", "answer", "answered_by", "answered_at"}
        )
        db.execute(
            update(forwarded_question)
            .where(question.id == question_id, question.status == "open")
            .values(**changed, updated_at=now)
        )
        insert_audit(db, None, leader_key, "vraag_beantwoorden", True, {"number": asked.number}, question_id)
        insert_outbox(db, answer_messages(answered), now)
        return answered

    @write
    def record_refusal(
        self, db: Connection, question_id: UUID | None, actor_key: str, action: str, detail: Json
    ) -> None:
        known = question_id if question_id is not None and present(db, question.id, question_id) else None
        insert_audit(db, None, actor_key, action, False, detail, question_id=known)

    @read
    def audit_trail(self, db: Connection, question_id: UUID) -> list[AuditEntry]:
        return every(
            db, AuditEntry, SELECT_AUDIT.where(audit.c.question_id == question_id).order_by(audit.c.id)
        )

    @read
    def schools(self, db: Connection) -> list[str]:
        return list(db.execute(select(question.school).distinct().order_by(question.school)).scalars())

    @read
    def changed_before(self, db: Connection, school: str, cutoff: datetime) -> list[UUID]:
        query = select(question.id).where(question.school == school, question.updated_at < cutoff)
        return list(db.execute(query.order_by(question.updated_at)).scalars())

    @write
    def erase(self, db: Connection, question_id: UUID) -> bool:
        # Its audit entries go with it (ON DELETE CASCADE).
        db.execute(delete(outbox).where(message_field(db, "question_id") == str(question_id)))
        return bool(db.execute(delete(forwarded_question).where(question.id == question_id)).rowcount)
