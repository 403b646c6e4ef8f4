"""Forwarded questions: every state change is one transaction with its audit entry and outbox messages.
Audit entries of a question name it by `question_id` and go when the question is erased."""

from __future__ import annotations

import secrets
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
from bot.storage.errors import QuestionClosedError, QuestionNotFoundError
from bot.storage.sql.database import Area, read, statement, write
from bot.storage.sql.reporting import message_field
from bot.storage.sql.reports import SELECT_AUDIT
from bot.storage.sql.rows import (
    every,
    first,
    insert_audit,
    insert_of,
    insert_outbox,
    numbered,
    present,
    store_once,
)
from bot.storage.sql.schema import audit, forwarded_question, outbox, question_counter

question = forwarded_question.c
SELECT_QUESTION = select(*(column for column in question if column.name != "idempotency_key"))
BY_KEY = SELECT_QUESTION.where(question.idempotency_key == bindparam("key"))
GET_QUESTION = SELECT_QUESTION.where(question.id == bindparam("id"))
LOCK_QUESTION = GET_QUESTION.with_for_update()


def new_question_token() -> str:
    """The token of the card showing a question's current state (a new one when it changes)."""
    return secrets.token_urlsafe(18)


def answered_question(
    asked: ForwardedQuestion, card_token: str, answer: str, leader_key: str, now: datetime
) -> ForwardedQuestion:
    """The question as answered by `leader_key`. Raises QuestionClosedError (nothing to store) when it is
    answered already or `card_token` is not the current card's."""
    if asked.status != "open" or not secrets.compare_digest(asked.card_token, card_token):
        raise QuestionClosedError(asked.number)
    return ForwardedQuestion.model_validate(
        {
            **asked.model_dump(),
            "status": "answered",
            "card_token": new_question_token(),
            "answer": answer,
            "answered_by": leader_key,
            "answered_at": now,
            "updated_at": now,
        }
    )


def new_question(db: Connection, draft: QuestionDraft, idempotency_key: str) -> ForwardedQuestion:
    """The question with the school's next number, its audit entry and the message to the leaders."""
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
    db.execute(insert_of(forwarded_question), {"idempotency_key": idempotency_key, **forwarded.model_dump()})
    detail = {"number": forwarded.number}
    insert_audit(db, None, draft.asker_key, "vraag_doorgeven", True, detail, forwarded.id)
    insert_outbox(db, forward_messages(forwarded), now)
    return forwarded


class QuestionStore(Area):
    async def forward(self, draft: QuestionDraft, idempotency_key: str) -> tuple[ForwardedQuestion, bool]:
        """Store the question (status open, a number per school and year), its audit entry and the message
        to the leadership channel in one transaction. The same key again returns the stored question and
        False; a key used by another asker raises IdempotencyConflictError."""
        return await store_once(
            self, ForwardedQuestion, new_question, draft, idempotency_key, BY_KEY, "asker_key"
        )

    @read
    def by_key(self, db: Connection, idempotency_key: str) -> ForwardedQuestion | None:
        return first(db, ForwardedQuestion, BY_KEY, {"key": idempotency_key})

    @read
    def get(self, db: Connection, question_id: UUID) -> ForwardedQuestion | None:
        return first(db, ForwardedQuestion, GET_QUESTION, {"id": question_id})

    @read
    def find(self, db: Connection, number: str) -> list[ForwardedQuestion]:
        """Every question with this number (numbers are per school), by school."""
        return every(
            db, ForwardedQuestion, SELECT_QUESTION.where(question.number == number).order_by(question.school)
        )

    @read
    def for_asker(self, db: Connection, asker_key: str) -> list[ForwardedQuestion]:
        """The asker's questions, newest first."""
        query = SELECT_QUESTION.where(question.asker_key == asker_key)
        return every(
            db, ForwardedQuestion, query.order_by(question.created_at.desc(), question.number.desc())
        )

    @statement
    def set_thread(self, db: Connection, question_id: UUID, conversation: Json, activity_id: str) -> None:
        """Remember the channel thread the card was posted in. Raises QuestionNotFoundError."""
        thread = {"thread_conversation": conversation, "thread_activity_id": activity_id}
        changed = update(forwarded_question).where(question.id == question_id).values(thread)
        if db.execute(changed).rowcount != 1:
            raise QuestionNotFoundError(str(question_id))

    @write
    def answer(
        self, db: Connection, question_id: UUID, card_token: str, answer: str, leader_key: str
    ) -> ForwardedQuestion:
        """Store the answer (status answered, a new card token), its audit entry, the card update and the
        message to the asker in one transaction. Raises QuestionNotFoundError, or QuestionClosedError when
        the question is answered already or `card_token` is not the current one; both change nothing."""
        asked = first(db, ForwardedQuestion, LOCK_QUESTION, {"id": question_id})
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
        """Audit a refused press (a non-leader, another thread, a stale card)."""
        known = question_id if question_id is not None and present(db, question.id, question_id) else None
        insert_audit(db, None, actor_key, action, False, detail, question_id=known)

    @read
    def audit_trail(self, db: Connection, question_id: UUID) -> list[AuditEntry]:
        """Oldest first."""
        return every(
            db, AuditEntry, SELECT_AUDIT.where(audit.c.question_id == question_id).order_by(audit.c.id)
        )

    @read
    def schools(self, db: Connection) -> list[str]:
        """Every school that has a forwarded question."""
        return list(db.execute(select(question.school).distinct().order_by(question.school)).scalars())

    @read
    def changed_before(self, db: Connection, school: str, cutoff: datetime) -> list[UUID]:
        """Questions of the school (open or answered) whose last change is before `cutoff`."""
        query = select(question.id).where(question.school == school, question.updated_at < cutoff)
        return list(db.execute(query.order_by(question.updated_at)).scalars())

    @write
    def erase(self, db: Connection, question_id: UUID) -> bool:
        """Delete the question for good, with its audit entries (ON DELETE CASCADE) and outbox messages."""
        db.execute(delete(outbox).where(message_field(db, "question_id") == str(question_id)))
        return bool(db.execute(delete(forwarded_question).where(question.id == question_id)).rowcount)
