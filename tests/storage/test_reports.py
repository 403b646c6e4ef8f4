"""Contract: reports, audit and outbox behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from bot.reports import states
from bot.reports.model import Action, Category, Report, ReportDraft, Status
from bot.storage import Store
from bot.storage.errors import IdempotencyConflictError, ReportNotFoundError, StaleVersionError
from tests.fakes.store import payload

YEAR = datetime.now(UTC).year


def draft(reporter: str = "pupil-1", school: str = "de-breul", **changes: object) -> ReportDraft:
    values: dict[str, object] = {
        "school": school,
        "category": Category.CYBERPESTEN,
        "description": "Ze zetten nare dingen over mij in de klassengroep.",
        "platform": "WhatsApp",
        "happened": "gisteren",
        "involved": None,
        "in_danger": False,
        "anonymous": True,
        "reporter_key": reporter,
        "reporter_conversation": {"conversation": {"id": "a:1"}, "serviceUrl": "https://smba.example/"},
    }
    return ReportDraft.model_validate(values | changes)


async def test_submit_stores_report_audit_and_escalation(store: Store) -> None:
    report, created = await store.reports.submit(draft(), "token-1")
    assert created is True
    assert report.case_number == f"M-{YEAR}-0001"
    assert (report.status, report.version) == (Status.NIEUW, 1)
    assert await store.reports.get(report.id) == report
    assert await store.reporting.find_cases(report.case_number) == [report]
    trail = await store.reports.audit_trail(report.id)
    assert [(e.action, e.actor_key, e.accepted) for e in trail] == [("submit", "pupil-1", True)]
    [escalation] = await store.outbox.messages("leadership:de-breul")
    assert payload(escalation) == {
        "kind": "escalate",
        "report_id": str(report.id),
        "case_number": report.case_number,
    }
    assert (escalation.status, escalation.attempts) == ("pending", 0)


async def test_hostile_text_round_trips_literally(store: Store) -> None:
    text = "<at>Directie</at> [klik](https://evil.example) <b>x</b> \u202egnitset " + "x" * 3900
    report, _ = await store.reports.submit(draft(description=text), "token-1")
    stored = await store.reports.get(report.id)
    assert stored is not None and stored.description == text.strip()


async def test_case_numbers_count_per_school(store: Store) -> None:
    first, _ = await store.reports.submit(draft(), "a")
    second, _ = await store.reports.submit(draft(), "b")
    other, _ = await store.reports.submit(draft(school="het-baken"), "c")
    assert [first.case_number, second.case_number, other.case_number] == [
        f"M-{YEAR}-0001",
        f"M-{YEAR}-0002",
        f"M-{YEAR}-0001",
    ]


async def test_same_key_gives_one_case(store: Store) -> None:
    first, created = await store.reports.submit(draft(), "token-1")
    again, created_again = await store.reports.submit(draft(), "token-1")
    assert (created, created_again) == (True, False)
    assert again == first
    assert len(await store.outbox.messages("leadership:de-breul")) == 1
    assert len(await store.reports.for_reporter("pupil-1")) == 1


async def test_concurrent_duplicates_give_one_case(store: Store) -> None:
    results = await asyncio.gather(*(store.reports.submit(draft(), "token-1") for _ in range(8)))
    assert sum(created for _, created in results) == 1
    assert len({report.id for report, _ in results}) == 1
    assert len(await store.outbox.messages("leadership:de-breul")) == 1
    second, _ = await store.reports.submit(draft(), "token-2")
    assert second.case_number == f"M-{YEAR}-0002"


async def test_key_of_another_reporter_is_refused(store: Store) -> None:
    await store.reports.submit(draft(), "token-1")
    with pytest.raises(IdempotencyConflictError):
        await store.reports.submit(draft(reporter="pupil-2"), "token-1")
    assert await store.reports.for_reporter("pupil-2") == []


async def test_failed_submit_leaves_nothing(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(report: Report) -> list[object]:
        raise RuntimeError("outbox write failed")

    monkeypatch.setattr(states, "escalation_messages", broken)
    with pytest.raises(RuntimeError):
        await store.reports.submit(draft(), "token-1")
    monkeypatch.undo()
    assert await store.reports.for_reporter("pupil-1") == []
    assert await store.outbox.messages("leadership:de-breul") == []
    report, created = await store.reports.submit(draft(), "token-1")
    assert created and report.case_number == f"M-{YEAR}-0001"


async def test_for_reporter_lists_own_cases_newest_first(store: Store) -> None:
    first, _ = await store.reports.submit(draft(), "a")
    second, _ = await store.reports.submit(draft(), "b")
    await store.reports.submit(draft(reporter="pupil-2"), "c")
    assert [r.id for r in await store.reports.for_reporter("pupil-1")] == [second.id, first.id]


async def test_case_lifecycle(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "token-1")
    picked = await store.reports.apply(report.id, Action.OPPAKKEN, "leader-1", expected_version=1)
    assert (picked.status, picked.version, picked.handler_key) == (Status.OPGEPAKT, 2, "leader-1")
    closed = await store.reports.apply(
        report.id, Action.AFSLUITEN, "leader-2", expected_version=2, detail={"measure": "gesprek_ouders"}
    )
    assert (closed.status, closed.version, closed.handler_key) == (Status.AFGESLOTEN, 3, "leader-1")
    reopened = await store.reports.apply(report.id, Action.HEROPENEN, "leader-2", expected_version=3)
    assert (reopened.status, reopened.version) == (Status.OPGEPAKT, 4)
    assert await store.reports.get(report.id) == reopened
    trail = await store.reports.audit_trail(report.id)
    assert [(e.action, e.actor_key) for e in trail] == [
        ("submit", "pupil-1"),
        ("oppakken", "leader-1"),
        ("afsluiten", "leader-2"),
        ("heropenen", "leader-2"),
    ]
    assert trail[2].detail == {"measure": "gesprek_ouders", "from": "opgepakt", "to": "afgesloten"}
    notices = await store.outbox.messages("reporter:pupil-1")
    assert [payload(m)["status"] for m in notices] == ["opgepakt", "afgesloten", "opgepakt"]
    card_updates = await store.outbox.messages("leadership:de-breul")
    assert [payload(m)["kind"] for m in card_updates] == [
        "escalate",
        "update_card",
        "update_card",
        "update_card",
    ]


async def test_stale_version_is_refused_and_audited(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "token-1")
    await store.reports.apply(report.id, Action.OPPAKKEN, "leader-1", expected_version=1)
    with pytest.raises(StaleVersionError):
        await store.reports.apply(report.id, Action.AFSLUITEN, "leader-2", expected_version=1)
    stored = await store.reports.get(report.id)
    assert stored is not None and (stored.status, stored.version) == (Status.OPGEPAKT, 2)
    last = (await store.reports.audit_trail(report.id))[-1]
    assert (last.action, last.actor_key, last.accepted, last.detail) == (
        "afsluiten",
        "leader-2",
        False,
        {"reason": "StaleVersionError"},
    )
    assert len(await store.outbox.messages("reporter:pupil-1")) == 1


async def test_concurrent_actions_on_one_version_one_wins(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "token-1")
    results = await asyncio.gather(
        *(store.reports.apply(report.id, Action.OPPAKKEN, f"leader-{i}", 1) for i in range(5)),
        return_exceptions=True,
    )
    assert sum(isinstance(r, Report) for r in results) == 1
    assert all(isinstance(r, Report | StaleVersionError) for r in results)
    stored = await store.reports.get(report.id)
    assert stored is not None and stored.version == 2


async def test_invalid_transition_is_refused_and_audited(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "token-1")
    with pytest.raises(states.InvalidTransitionError):
        await store.reports.apply(report.id, Action.HEROPENEN, "leader-1", expected_version=1)
    assert await store.reports.get(report.id) == report
    assert [e.accepted for e in await store.reports.audit_trail(report.id)] == [True, False]


async def test_unknown_case_is_refused(store: Store) -> None:
    with pytest.raises(ReportNotFoundError):
        await store.reports.apply(uuid4(), Action.AFSLUITEN, "pupil-1", expected_version=1)


async def test_refusal_without_case_is_recorded(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "token-1")
    await store.reports.record_refusal(report.id, "pupil-1", "afsluiten", {"reason": "not_a_leader"})
    await store.reports.record_refusal(uuid4(), "pupil-1", "unknown_verb", {"reason": "forged"})
    trail = await store.reports.audit_trail(report.id)
    assert [(e.action, e.accepted) for e in trail] == [("submit", True), ("afsluiten", False)]


async def test_a_known_reporters_name_and_an_accepted_view_are_kept(store: Store) -> None:
    report, _ = await store.reports.submit(draft(anonymous=False, reporter_name="Lotte de Vries"), "named")
    assert (await store.reports.get(report.id)).reporter_name == "Lotte de Vries"  # type: ignore[union-attr]
    await store.reports.record_view(report.id, "leader", "details_viewed", {})
    [*_, viewed] = await store.reports.audit_trail(report.id)
    assert (viewed.action, viewed.actor_key, viewed.accepted) == ("details_viewed", "leader", True)
