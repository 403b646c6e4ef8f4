"""Contract: forwarded questions on SQLite and PostgreSQL — numbers, idempotency, one answer,
audit and outbox in the same transaction, erasure and the retention lookup."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy.exc import IntegrityError

from bot.questions.model import QuestionDraft, idempotency_key
from bot.reports.model import Category, ReportDraft
from bot.storage import Store, open_store
from bot.storage.errors import IdempotencyConflictError, QuestionClosedError, QuestionNotFoundError
from tests.fakes.store import payload, write_sql

CHAT = {"service_url": "https://smba.example/", "conversation_id": "a:1", "tenant_id": "t"}
THREAD = {
    "service_url": "https://smba.example/",
    "conversation_id": "19:c@thread.tacv2;messageid=9",
    "tenant_id": "t",
}


def draft(
    asker: str = "pupil-1", school: str = "de-breul", text: str = "Mag ik een vlog maken?"
) -> QuestionDraft:
    return QuestionDraft(
        school=school, role="leerling", question=text, asker_key=asker, asker_conversation=CHAT
    )


def year() -> int:
    return datetime.now(UTC).year


async def test_forward_stores_question_audit_and_escalation_together(store: Store) -> None:
    question, created = await store.questions.forward(draft(), idempotency_key("tok-1"))
    assert created and question.status == "open" and question.number == f"V-{year()}-0001"
    assert question.question == "Mag ik een vlog maken?" and question.asker_conversation == CHAT
    assert await store.questions.get(question.id) == question
    [message] = await store.outbox.messages("leadership:de-breul")
    assert payload(message) == {
        "kind": "question_escalate",
        "question_id": str(question.id),
        "number": question.number,
    }
    [entry] = await store.questions.audit_trail(question.id)
    assert (entry.action, entry.accepted, entry.actor_key, entry.detail) == (
        "vraag_doorgeven",
        True,
        "pupil-1",
        {"number": question.number},
    )
    assert entry.question_id == question.id and entry.report_id is None


async def test_numbers_count_per_school_and_year(store: Store) -> None:
    first, _ = await store.questions.forward(draft(), "k1")
    second, _ = await store.questions.forward(draft(asker="pupil-2"), "k2")
    other, _ = await store.questions.forward(draft(school="de-marel"), "k3")
    assert [first.number, second.number, other.number] == [
        f"V-{year()}-0001",
        f"V-{year()}-0002",
        f"V-{year()}-0001",
    ]
    assert [q.school for q in await store.questions.find(first.number)] == ["de-breul", "de-marel"]
    assert await store.questions.schools() == ["de-breul", "de-marel"]


async def test_the_same_key_gives_the_same_question_once(store: Store) -> None:
    first, created = await store.questions.forward(draft(), "same")
    again, created_again = await store.questions.forward(draft(), "same")
    assert created and not created_again and again == first
    assert await store.questions.by_key("same") == first
    assert await store.questions.by_key("other") is None
    assert len(await store.outbox.messages("leadership:de-breul")) == 1
    with pytest.raises(IdempotencyConflictError):
        await store.questions.forward(draft(asker="intruder"), "same")


async def test_concurrent_presses_store_one_question(store: Store) -> None:
    results = await asyncio.gather(*(store.questions.forward(draft(), "race") for _ in range(5)))
    assert len({question.id for question, _ in results}) == 1
    assert sum(created for _, created in results) == 1
    assert len(await store.outbox.messages("leadership:de-breul")) == 1


async def test_answer_once_with_the_current_token(store: Store) -> None:
    question, _ = await store.questions.forward(draft(), "k")
    await store.questions.set_thread(question.id, THREAD, "act-9")
    with pytest.raises(QuestionClosedError):
        await store.questions.answer(question.id, "not-the-token", "Ja hoor.", "aad-leader")
    answered = await store.questions.answer(
        question.id, question.card_token, "Ja, met toestemming.", "aad-leader"
    )
    assert answered.status == "answered" and answered.answer == "Ja, met toestemming."
    assert answered.answered_by == "aad-leader" and answered.answered_at is not None
    assert answered.card_token != question.card_token
    assert (answered.thread_conversation, answered.thread_activity_id) == (THREAD, "act-9")
    assert await store.questions.get(question.id) == answered
    with pytest.raises(QuestionClosedError):
        await store.questions.answer(question.id, answered.card_token, "Nog een keer", "aad-other")
    kinds = [payload(m)["kind"] for m in await store.outbox.messages("leadership:de-breul")]
    assert kinds == ["question_escalate", "question_update"]
    [to_asker] = await store.outbox.messages("asker:pupil-1")
    assert payload(to_asker) == {"kind": "question_answer", "question_id": str(question.id)}
    actions = [(e.action, e.accepted) for e in await store.questions.audit_trail(question.id)]
    assert actions == [("vraag_doorgeven", True), ("vraag_beantwoorden", True)]


async def test_concurrent_answers_store_one(store: Store) -> None:
    question, _ = await store.questions.forward(draft(), "k")
    outcomes = await asyncio.gather(
        *(
            store.questions.answer(question.id, question.card_token, f"antwoord {i}", f"aad-{i}")
            for i in range(4)
        ),
        return_exceptions=True,
    )
    assert sum(not isinstance(o, BaseException) for o in outcomes) == 1
    assert all(isinstance(o, QuestionClosedError) for o in outcomes if isinstance(o, BaseException))
    assert len(await store.outbox.messages("asker:pupil-1")) == 1


async def test_unknown_questions(store: Store) -> None:
    missing = uuid4()
    assert await store.questions.get(missing) is None
    with pytest.raises(QuestionNotFoundError):
        await store.questions.answer(missing, "token-abc", "x", "aad-leader")
    with pytest.raises(QuestionNotFoundError):
        await store.questions.set_thread(missing, THREAD, "act-1")
    assert not await store.questions.erase(missing)


async def test_refusals_are_audited_on_the_question(store: Store) -> None:
    question, _ = await store.questions.forward(draft(), "k")
    await store.questions.record_refusal(
        question.id, "aad-stranger", "question_answer", {"reason": "not_leader"}
    )
    await store.questions.record_refusal(uuid4(), "aad-stranger", "question_answer", {"reason": "unknown"})
    trail = await store.questions.audit_trail(question.id)
    assert [(e.action, e.accepted, e.detail) for e in trail][-1] == (
        "question_answer",
        False,
        {"reason": "not_leader"},
    )


async def test_for_asker_newest_first(store: Store) -> None:
    first, _ = await store.questions.forward(draft(), "k1")
    second, _ = await store.questions.forward(draft(), "k2")
    await store.questions.forward(draft(asker="someone-else"), "k3")
    assert [q.id for q in await store.questions.for_asker("pupil-1")] == [second.id, first.id]


async def test_erase_removes_question_audit_and_outbox_but_not_reports(store: Store) -> None:
    report, _ = await store.reports.submit(
        ReportDraft(
            school="de-breul",
            category=Category.ANDERS,
            description="iets",
            reporter_key="pupil-1",
            reporter_conversation=CHAT,
        ),
        "form-1",
    )
    question, _ = await store.questions.forward(draft(), "k")
    answered = await store.questions.answer(question.id, question.card_token, "Antwoord", "aad-leader")
    assert await store.questions.erase(answered.id)
    assert await store.questions.get(question.id) is None
    assert await store.questions.audit_trail(question.id) == []
    assert await store.questions.by_key("k") is None
    pending = [
        m
        for key in ("leadership:de-breul", "asker:pupil-1")
        for m in await store.outbox.messages(key)
        if payload(m).get("question_id") == str(question.id)
    ]
    assert pending == []
    assert await store.reports.get(report.id) is not None
    assert [e.action for e in await store.reports.audit_trail(report.id)] == ["submit"]
    assert not await store.questions.erase(question.id)


async def test_changed_before_finds_old_questions_of_one_school(store: Store) -> None:
    question, _ = await store.questions.forward(draft(), "k")
    await store.questions.forward(draft(school="de-marel"), "k2")
    now = datetime.now(UTC)
    assert await store.questions.changed_before("de-breul", now - timedelta(days=1)) == []
    assert await store.questions.changed_before("de-breul", now + timedelta(seconds=5)) == [question.id]


async def test_a_failed_outbox_write_leaves_no_question_behind(tmp_path: Path) -> None:
    """SQLite: the question, its number, its audit entry and its outbox message are one transaction."""
    store = await open_store(f"sqlite:///{tmp_path / 'magdit.sqlite3'}")
    try:
        await write_sql(
            store,
            "CREATE TRIGGER outbox_down BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'disk full'); END",
        )
        with pytest.raises(IntegrityError):
            await store.questions.forward(draft(), "k")
        assert await store.questions.by_key("k") is None and await store.questions.schools() == []
        await write_sql(store, "DROP TRIGGER outbox_down")
        question, _ = await store.questions.forward(draft(), "k")
        assert question.number == f"V-{year()}-0001"  # the failed attempt used no number
        audit = await store.questions.audit_trail(question.id)
        assert [e.action for e in audit] == ["vraag_doorgeven"]
    finally:
        await store.close()
