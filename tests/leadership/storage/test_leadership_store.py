"""Contract: channels, escalation threads, card tokens and the case log on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from bot.leadership.model import CaseEntryDraft, ChannelRegistration, EscalationThread
from bot.reports.messages import NotifyReporter
from bot.reports.model import Category, OutboxDraft, ReportDraft
from bot.storage import Store
from bot.storage.errors import QuestionClosedError, ReportNotFoundError
from bot.storage.models import OutboxBacklog

CHANNEL = {"service_url": "https://smba.example/", "conversation_id": "19:c@thread.tacv2", "tenant_id": "t"}


def draft(reporter: str = "pupil-1") -> ReportDraft:
    return ReportDraft(
        school="de-breul",
        category=Category.BEDREIGING,
        description="Iemand dreigt mij.",
        reporter_key=reporter,
        reporter_conversation={
            "service_url": "https://smba.example/",
            "conversation_id": "a:1",
            "tenant_id": "t",
        },
    )


def registration(route: str = "meldingen", conversation_id: str = "19:c@thread.tacv2") -> ChannelRegistration:
    return ChannelRegistration(
        school="de-breul",
        route=route,
        conversation={**CHANNEL, "conversation_id": conversation_id},
        team_id="19:team@thread.tacv2",
        registered_by="aad-leader",
        registered_at=datetime.now(UTC),
    )


async def test_channel_registration_is_replaced_and_audited(store: Store) -> None:
    assert await store.leadership.channel("de-breul", "meldingen") is None
    await store.leadership.register_channel(registration())
    await store.leadership.register_channel(registration(conversation_id="19:other@thread.tacv2"))
    await store.leadership.register_channel(registration(route="fg"))
    stored = await store.leadership.channel("de-breul", "meldingen")
    assert stored is not None and stored.conversation["conversation_id"] == "19:other@thread.tacv2"
    assert [(c.school, c.route) for c in await store.leadership.channels()] == [
        ("de-breul", "fg"),
        ("de-breul", "meldingen"),
    ]
    assert await store.leadership.channel("de-breul", "nope") is None


async def test_the_report_channel_backlog_is_read_with_the_channel(store: Store) -> None:
    """What a reporter's confirmation asks: no report channel yet (None), else what waits for the school."""
    assert await store.leadership.report_channel_backlog("de-breul") is None
    await store.reports.submit(draft(), "k1")  # its escalation waits for the school's channel
    await store.leadership.register_channel(registration(route="fg"))
    assert await store.leadership.report_channel_backlog("de-breul") is None  # another route only
    await store.leadership.register_channel(registration())
    waiting = await store.leadership.report_channel_backlog("de-breul")
    assert waiting == await store.outbox.backlog("leadership:de-breul")
    assert waiting is not None and waiting.pending == 1 and waiting.oldest_pending_at is not None
    [message] = await store.outbox.claim_due(10, datetime.now(UTC))
    await store.outbox.mark_sent(message.id)
    assert await store.leadership.report_channel_backlog("de-breul") == OutboxBacklog(
        pending=0, oldest_pending_at=None, dead=0
    )
    assert await store.leadership.report_channel_backlog("de-marel") is None


async def test_escalation_threads_per_route(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "k1")
    now = datetime.now(UTC)
    for route, activity in (("meldingen", "a-1"), ("fg", "a-2"), ("meldingen", "a-3")):
        await store.leadership.set_escalation(
            EscalationThread(
                report_id=report.id,
                route=route,
                conversation={**CHANNEL, "conversation_id": f"19:c@thread.tacv2;messageid={activity}"},
                activity_id=activity,
                created_at=now,
            )
        )
    threads = await store.leadership.escalations(report.id)
    assert [(t.route, t.activity_id) for t in threads] == [("fg", "a-2"), ("meldingen", "a-3")]
    with pytest.raises(ReportNotFoundError):
        await store.leadership.set_escalation(threads[0].model_copy(update={"report_id": uuid4()}))


async def test_card_token_is_stable_per_version_and_rotates(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "k1")
    first = await store.leadership.card_token(report.id, 1)
    assert first == await store.leadership.card_token(report.id, 1)
    assert await store.leadership.card_version(report.id, first) == 1
    second = await store.leadership.card_token(report.id, 2)
    assert second != first
    assert await store.leadership.card_version(report.id, first) is None  # an old card's token: refused
    assert await store.leadership.card_version(report.id, second) == 2
    assert await store.leadership.card_version(uuid4(), second) is None
    with pytest.raises(ReportNotFoundError):
        await store.leadership.card_token(uuid4(), 1)


async def test_a_stale_render_never_takes_the_newer_cards_token(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "k1")
    current = await store.leadership.card_token(report.id, 3)
    stale = await store.leadership.card_token(report.id, 2)  # an outbox render that read an older state
    assert stale != current
    assert await store.leadership.card_version(report.id, current) == 3  # the newer card still works
    assert await store.leadership.card_version(report.id, stale) is None  # the stale one never does


async def test_entries_audit_and_outbox_in_one_step(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "k1")
    notice = NotifyReporter(report_id=report.id, question="ref")
    message = OutboxDraft(conversation_key="reporter:pupil-1", message=notice)
    question = await store.leadership.add_entry(
        CaseEntryDraft(
            report_id=report.id, kind="vraag", author_key="aad-leader", text="Wanneer?", token="tok-123456"
        ),
        [message],
    )
    answer = await store.leadership.add_entry(
        CaseEntryDraft(
            report_id=report.id, kind="antwoord", author_key="pupil-1", text="Gisteren", reply_to=question.id
        ),
        [],
    )
    entries = await store.leadership.entries(report.id)
    assert [(e.kind, e.text, e.answered) for e in entries] == [
        ("vraag", "Wanneer?", True),
        ("antwoord", "Gisteren", False),
    ]
    assert entries[1].reply_to == question.id and answer.id == entries[1].id
    trail = await store.reports.audit_trail(report.id)
    assert [(e.action, e.actor_key, e.detail) for e in trail[1:]] == [
        ("vraag", "aad-leader", {"entry": question.id}),
        ("antwoord", "pupil-1", {"entry": answer.id, "reply_to": question.id}),
    ]
    assert [m.message for m in await store.outbox.messages("reporter:pupil-1")] == [notice]


async def test_a_question_is_answered_once_even_concurrently(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "k1")
    other, _ = await store.reports.submit(draft("pupil-2"), "k2")
    question = await store.leadership.add_entry(
        CaseEntryDraft(
            report_id=report.id, kind="vraag", author_key="aad-leader", text="Wie?", token="tok-123456"
        ),
        [],
    )
    reply = CaseEntryDraft(
        report_id=report.id, kind="antwoord", author_key="pupil-1", text="x", reply_to=question.id
    )
    results = await asyncio.gather(
        *(store.leadership.add_entry(reply, []) for _ in range(3)), return_exceptions=True
    )
    assert sum(not isinstance(r, Exception) for r in results) == 1
    assert sum(isinstance(r, QuestionClosedError) for r in results) == 2
    with pytest.raises(QuestionClosedError):  # a question of another report
        await store.leadership.add_entry(reply.model_copy(update={"report_id": other.id}), [])
    assert len(await store.leadership.entries(report.id)) == 2
    assert await store.leadership.entries(other.id) == []


async def test_an_entry_for_a_missing_case_is_refused_and_queues_nothing(store: Store) -> None:
    gone = uuid4()
    note = CaseEntryDraft(report_id=gone, kind="notitie", author_key="aad-leader", text="Gebeld.")
    message = OutboxDraft(conversation_key="reporter:pupil-1", message=NotifyReporter(report_id=gone))
    with pytest.raises(ReportNotFoundError):
        await store.leadership.add_entry(note, [message])
    assert await store.leadership.entries(gone) == []
    assert (await store.outbox.backlog()).pending == 0
