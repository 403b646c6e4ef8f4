"""Contract: the open cases with how they were handled, and one reminder a day per case, on SQLite
and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from bot.leadership.model import CaseEntryDraft
from bot.reports.model import Action, Category, OutboxDraft, ReportDraft, ReportedMessage
from bot.storage import Store
from tests.fakes.store import payload

LEADER = "aad-leader"


def draft(
    reporter: str = "pupil-1", school: str = "de-breul", message: ReportedMessage | None = None
) -> ReportDraft:
    return ReportDraft(
        school=school,
        category=Category.BEDREIGING,
        description="Iemand dreigt mij.",
        reporter_key=reporter,
        reporter_conversation={
            "service_url": "https://smba.example/",
            "conversation_id": "a:1",
            "tenant_id": "t",
        },
        message=message,
    )


def reminder(report_id: object) -> list[OutboxDraft]:
    return [
        OutboxDraft(
            conversation_key="leadership:de-breul", message={"kind": "remind", "report_id": str(report_id)}
        )
    ]


async def test_open_cases_carry_the_leaders_last_action_the_last_answer_and_open_questions(
    store: Store,
) -> None:
    untouched, _ = await store.reports.submit(draft("pupil-1"), "k1")
    handled, _ = await store.reports.submit(draft("pupil-2"), "k2")
    closed, _ = await store.reports.submit(draft("pupil-3"), "k3")
    await store.reports.submit(draft("pupil-4", school="het-baken"), "k4")
    await store.reports.record_refusal(untouched.id, "aad-pupil", "case_take", {"reason": "not_leader"})
    await store.reports.record_view(untouched.id, LEADER, "details_viewed", {})  # reading is not handling
    taken = await store.reports.apply(handled.id, Action.OPPAKKEN, LEADER, handled.version)
    question = await store.leadership.add_entry(
        CaseEntryDraft(
            report_id=handled.id, kind="vraag", author_key=LEADER, text="Wie?", token="tok-12345678"
        ),
        [],
    )
    await store.reports.apply(closed.id, Action.AFSLUITEN, LEADER, closed.version)

    first, second = await store.overview.open_cases("de-breul")
    assert first.report == untouched
    assert (first.last_leader_action_at, first.last_answer_at, first.open_questions) == (None, None, 0)
    assert second.report.id == handled.id and second.report.version == taken.version
    asked = [e.at for e in await store.reports.audit_trail(handled.id) if e.action == "vraag"]
    assert [second.last_leader_action_at] == asked and second.open_questions == 1
    assert second.last_answer_at is None

    answer = await store.leadership.add_entry(
        CaseEntryDraft(
            report_id=handled.id, kind="antwoord", author_key="pupil-2", text="Jan", reply_to=question.id
        ),
        [],
    )
    [_, answered] = await store.overview.open_cases("de-breul")
    assert (answered.last_answer_at, answered.open_questions) == (answer.at, 0)
    assert [answered.last_leader_action_at] == asked  # the reporter's answer is no leader action
    assert [case.report.school for case in await store.overview.open_cases("het-baken")] == ["het-baken"]
    assert await store.overview.open_cases("nowhere") == []


async def test_a_case_made_from_a_message_is_an_open_case_with_its_message(store: Store) -> None:
    """'Meld dit bericht' (migration 9) beside the overview (migration 8): the open case comes back whole."""
    message = ReportedMessage(
        text="Niemand wil jou in de groep.", author="Daan Jansen", sent_at=datetime(2026, 11, 21, tzinfo=UTC)
    )
    report, _ = await store.reports.submit(draft(message=message), "k1")
    [case] = await store.overview.open_cases("de-breul")
    assert case.report == report and case.report.message == message


async def test_a_case_is_reminded_once_a_day_with_an_audit_entry_and_its_message(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "k1")
    monday, tuesday = date(2026, 11, 23), date(2026, 11, 24)
    assert await store.overview.remind(report.id, monday, reminder(report.id)) is True
    assert await store.overview.remind(report.id, monday, reminder(report.id)) is False
    assert await store.overview.remind(report.id, date(2026, 11, 20), reminder(report.id)) is False
    assert await store.overview.remind(report.id, tuesday, reminder(report.id)) is True
    trail = [(e.action, e.actor_key, e.detail) for e in await store.reports.audit_trail(report.id)]
    assert trail[1:] == [
        ("herinnering", "magdit", {"day": "2026-11-23"}),
        ("herinnering", "magdit", {"day": "2026-11-24"}),
    ]
    messages = [payload(m) for m in await store.outbox.messages("leadership:de-breul")]
    assert messages[1:] == [{"kind": "remind", "report_id": str(report.id)}] * 2
    # A reminder is no leader action: the case stays untouched.
    [case] = await store.overview.open_cases("de-breul")
    assert case.last_leader_action_at is None


async def test_instances_reminding_at_once_send_one_reminder(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "k1")
    day = date(2026, 11, 23)
    results = await asyncio.gather(
        *(store.overview.remind(report.id, day, reminder(report.id)) for _ in range(5))
    )
    assert sorted(results) == [False] * 4 + [True]
    assert len(await store.outbox.messages("leadership:de-breul")) == 2  # the escalation and one reminder


async def test_an_erased_case_is_not_reminded_and_leaves_no_reminder_behind(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "k1")
    assert await store.overview.remind(report.id, date(2026, 11, 23), reminder(report.id)) is True
    assert await store.reporting.erase(report.id) is True
    assert await store.overview.remind(report.id, date(2026, 11, 24), reminder(report.id)) is False
    assert await store.overview.open_cases("de-breul") == []
