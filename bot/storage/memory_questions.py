"""In-memory forwarded questions beside the in-memory reports: compute first, mutate last."""

from __future__ import annotations

from datetime import UTC, datetime
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
from bot.storage.errors import IdempotencyConflictError, QuestionNotFoundError
from bot.storage.memory_reports import MemoryTables
from bot.storage.questions import answered_question, new_question_token


class MemoryQuestionStore:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables
        self._questions: dict[UUID, ForwardedQuestion] = {}
        self._keys: dict[str, UUID] = {}
        self._counters: dict[tuple[str, int], int] = {}

    async def forward(self, draft: QuestionDraft, idempotency_key: str) -> tuple[ForwardedQuestion, bool]:
        existing = self._keys.get(idempotency_key)
        if existing is not None:
            stored = self._questions[existing]
            if stored.asker_key != draft.asker_key:
                raise IdempotencyConflictError("idempotency key belongs to another asker")
            return stored.model_copy(deep=True), False
        now = datetime.now(UTC)
        counter = (draft.school, case_year(now))
        sequence = self._counters.get(counter, 0) + 1
        question = ForwardedQuestion(
            **draft.model_dump(),
            id=uuid4(),
            number=question_number(counter[1], sequence),
            status="open",
            card_token=new_question_token(),
            created_at=now,
            updated_at=now,
        )
        audit = self._audit(question, draft.asker_key, "vraag_doorgeven", True, {"number": question.number})
        outbox = self._t.outbox_rows(forward_messages(question), now)
        self._counters[counter] = sequence
        self._questions[question.id] = question
        self._keys[idempotency_key] = question.id
        self._t.audit.append(audit)
        self._t.outbox.extend(outbox)
        return question.model_copy(deep=True), True

    async def by_key(self, idempotency_key: str) -> ForwardedQuestion | None:
        found = self._keys.get(idempotency_key)
        return await self.get(found) if found else None

    async def get(self, question_id: UUID) -> ForwardedQuestion | None:
        found = self._questions.get(question_id)
        return found.model_copy(deep=True) if found else None

    async def find(self, number: str) -> list[ForwardedQuestion]:
        found = sorted((q for q in self._questions.values() if q.number == number), key=lambda q: q.school)
        return [q.model_copy(deep=True) for q in found]

    async def for_asker(self, asker_key: str) -> list[ForwardedQuestion]:
        mine = [q for q in self._questions.values() if q.asker_key == asker_key]
        mine.sort(key=lambda q: (q.created_at, q.number), reverse=True)
        return [q.model_copy(deep=True) for q in mine]

    async def set_thread(self, question_id: UUID, conversation: Json, activity_id: str) -> None:
        question = self._questions.get(question_id)
        if question is None:
            raise QuestionNotFoundError(str(question_id))
        self._questions[question_id] = question.model_copy(
            update={"thread_conversation": dict(conversation), "thread_activity_id": activity_id}
        )

    async def answer(
        self, question_id: UUID, card_token: str, answer: str, leader_key: str
    ) -> ForwardedQuestion:
        question = self._questions.get(question_id)
        if question is None:
            raise QuestionNotFoundError(str(question_id))
        now = datetime.now(UTC)
        answered = answered_question(question, card_token, answer, leader_key, now)
        audit = self._audit(question, leader_key, "vraag_beantwoorden", True, {"number": question.number})
        outbox = self._t.outbox_rows(answer_messages(answered), now)
        self._questions[question_id] = answered
        self._t.audit.append(audit)
        self._t.outbox.extend(outbox)
        return answered.model_copy(deep=True)

    async def record_refusal(
        self, question_id: UUID | None, actor_key: str, action: str, detail: Json
    ) -> None:
        known = question_id if question_id in self._questions else None
        self._t.audit.append(
            AuditEntry(
                report_id=None,
                question_id=known,
                actor_key=actor_key,
                action=action,
                accepted=False,
                detail=detail,
                at=datetime.now(UTC),
            )
        )

    async def audit_trail(self, question_id: UUID) -> list[AuditEntry]:
        return [entry for entry in self._t.audit if entry.question_id == question_id]

    async def schools(self) -> list[str]:
        return sorted({q.school for q in self._questions.values()})

    async def changed_before(self, school: str, cutoff: datetime) -> list[UUID]:
        found = [q for q in self._questions.values() if q.school == school and q.updated_at < cutoff]
        return [q.id for q in sorted(found, key=lambda q: q.updated_at)]

    async def erase(self, question_id: UUID) -> bool:
        if question_id not in self._questions:
            return False
        del self._questions[question_id]
        for key in [k for k, v in self._keys.items() if v == question_id]:
            del self._keys[key]
        self._t.audit[:] = [e for e in self._t.audit if e.question_id != question_id]
        for index, message in enumerate(self._t.outbox):
            if message.message.get("question_id") == str(question_id):
                self._t.outbox[index] = message.model_copy(update={"status": "sent", "message": {}})
        return True

    @staticmethod
    def _audit(
        question: ForwardedQuestion, actor: str, action: str, accepted: bool, detail: Json
    ) -> AuditEntry:
        return AuditEntry(
            report_id=None,
            question_id=question.id,
            actor_key=actor,
            action=action,
            accepted=accepted,
            detail=detail,
            at=datetime.now(UTC),
        )
