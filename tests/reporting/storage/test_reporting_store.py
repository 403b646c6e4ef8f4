"""Contract: report forms, screenshots, erasure and purge lookups behave the same on SQLite and
PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from bot.leadership.model import CaseEntryDraft, EscalationThread
from bot.reporting.model import AttachmentDraft, ReportForm
from bot.reports.model import Action, Category, ReportDraft, ReportedMessage
from bot.reports.states import leadership_key, reporter_key
from bot.storage import Store
from bot.storage.errors import ReportNotFoundError
from tests.fakes.store import payload

NOW = datetime.now(UTC)


def draft(reporter: str = "pupil-1", school: str = "de-breul", **changes: object) -> ReportDraft:
    values: dict[str, object] = {
        "school": school,
        "category": Category.CYBERPESTEN,
        "description": "Ze zetten nare dingen over mij in de klassengroep.",
        "reporter_key": reporter,
        "reporter_conversation": {"conversation_id": "a:1", "service_url": "https://smba.example/"},
    }
    return ReportDraft.model_validate(values | changes)


def picture(report_id: object, data: bytes = b"\x89PNG fake bytes") -> AttachmentDraft:
    return AttachmentDraft.model_validate(
        {
            "report_id": report_id,
            "uploader_key": "pupil-1",
            "content_type": "image/png",
            "width": 3,
            "height": 2,
            "data": data,
        }
    )


async def test_form_token_is_remembered_and_marked_used_by_its_report(store: Store) -> None:
    form = ReportForm(token="form-token-1", user_key="pupil-1", school="de-breul", created_at=NOW)
    await store.reporting.issue_form(form)
    assert await store.reporting.form("form-token-1") == form
    assert await store.reporting.form("unknown-token") is None
    report, _ = await store.reports.submit(draft(), "form-token-1")  # marks it, in the same transaction
    used = await store.reporting.form("form-token-1")
    assert used is not None and used.report_id == report.id
    again, created = await store.reports.submit(draft(), "form-token-1")
    assert not created and again == report and await store.reporting.form("form-token-1") == used


async def test_a_reported_message_is_kept_on_its_form_and_its_case(store: Store) -> None:
    """'Meld dit bericht': the message goes with the form the dialog opened, then with the case, and the
    case queues its confirmation for the reporter's chat beside the escalation."""
    message = ReportedMessage(
        text="Je bent zo dom, niemand wil jou in de groep.\nOprotten.",
        author="Daan Jansen",
        sent_at=datetime(2026, 11, 21, 13, 5, tzinfo=UTC),
        images=2,
    )
    form = ReportForm(
        token="form-token-m", user_key="pupil-1", school="de-breul", created_at=NOW, message=message
    )
    await store.reporting.issue_form(form)
    assert await store.reporting.form("form-token-m") == form
    report, created = await store.reports.submit(draft(message=message), "form-token-m")
    assert created and report.message == message
    assert await store.reports.get(report.id) == report
    assert [r.message for r in await store.reports.for_reporter("pupil-1")] == [message]
    [confirm] = await store.outbox.messages(reporter_key(report))
    assert payload(confirm) == {"kind": "confirm_reporter", "report_id": str(report.id)}
    assert [payload(m)["kind"] for m in await store.outbox.messages(leadership_key("de-breul"))] == [
        "escalate"
    ]
    plain, _ = await store.reports.submit(draft("pupil-2"), "form-token-plain")
    assert plain.message is None and await store.outbox.messages(reporter_key(plain)) == []


async def test_attachment_is_stored_with_its_case_and_audited(store: Store) -> None:
    report, _ = await store.reports.submit(draft(), "k1")
    stored = await store.reporting.add_attachment(picture(report.id, b"abc\x00def"))
    assert (stored.report_id, stored.size, stored.content_type) == (report.id, 7, "image/png")
    assert await store.reporting.attachments(report.id) == [stored]
    assert await store.reporting.attachment_data(stored.id) == b"abc\x00def"
    trail = await store.reports.audit_trail(report.id)
    assert [e.action for e in trail] == ["submit", "screenshot"]
    assert trail[-1].detail == {"attachment": stored.id, "bytes": 7}


async def test_attachment_for_a_missing_case_is_refused(store: Store) -> None:
    with pytest.raises(ReportNotFoundError):
        await store.reporting.add_attachment(picture(uuid4()))


async def test_erase_deletes_everything_of_one_case_only(store: Store) -> None:
    await store.reporting.issue_form(
        ReportForm(token="form-a", user_key="p", school="de-breul", created_at=NOW)
    )
    gone, _ = await store.reports.submit(draft(reporter="p"), "form-a")
    kept, _ = await store.reports.submit(draft(reporter="q"), "form-b")
    picture_id = (await store.reporting.add_attachment(picture(gone.id))).id
    await store.reporting.add_attachment(picture(kept.id))
    await store.leadership.add_entry(
        CaseEntryDraft(report_id=gone.id, kind="notitie", author_key="leader", text="Gesproken met mentor"),
        [],
    )
    await store.leadership.set_escalation(
        EscalationThread(
            report_id=gone.id, route="meldingen", conversation={"id": "x"}, activity_id="1", created_at=NOW
        )
    )
    await store.reports.apply(gone.id, Action.OPPAKKEN, "leader", 1)

    assert await store.reporting.erase(gone.id) is True

    assert await store.reports.get(gone.id) is None
    assert await store.reports.audit_trail(gone.id) == []
    assert await store.reporting.attachments(gone.id) == []
    assert await store.reporting.attachment_data(picture_id) is None
    assert await store.leadership.entries(gone.id) == []
    assert await store.leadership.escalations(gone.id) == []
    assert await store.reporting.form("form-a") is None
    remaining = [payload(m) for m in await store.outbox.messages(leadership_key("de-breul"))]
    assert all(m.get("report_id") != str(gone.id) for m in remaining)
    assert any(m.get("report_id") == str(kept.id) for m in remaining)
    assert await store.reports.get(kept.id) is not None
    assert len(await store.reporting.attachments(kept.id)) == 1
    assert await store.reporting.erase(gone.id) is False


async def test_closed_before_finds_only_closed_cases_past_the_cutoff(store: Store) -> None:
    open_case, _ = await store.reports.submit(draft(), "k1")
    closed, _ = await store.reports.submit(draft(), "k2")
    other_school, _ = await store.reports.submit(draft(school="de-marel"), "k3")
    await store.reports.apply(closed.id, Action.AFSLUITEN, "leader", 1)
    await store.reports.apply(other_school.id, Action.AFSLUITEN, "leader", 1)
    later = datetime.now(UTC) + timedelta(seconds=1)
    assert await store.reporting.closed_before("de-breul", later) == [closed.id]
    assert set(await store.reporting.closed_before(None, later)) == {closed.id, other_school.id}
    assert await store.reporting.closed_before(None, NOW - timedelta(days=1)) == []
    assert open_case.id not in await store.reporting.closed_before(None, later)
    assert await store.reporting.schools() == ["de-breul", "de-marel"]


async def test_find_cases_and_reports_between(store: Store) -> None:
    first, _ = await store.reports.submit(draft(), "k1")
    await store.reports.submit(draft(school="de-marel"), "k2")
    found = await store.reporting.find_cases(first.case_number)
    assert [r.school for r in found] == ["de-breul", "de-marel"]
    window = await store.reporting.reports_between(
        "de-breul", NOW - timedelta(minutes=1), NOW + timedelta(hours=1)
    )
    assert [r.id for r in window] == [first.id]
    assert (
        await store.reporting.reports_between("de-breul", NOW + timedelta(hours=1), NOW + timedelta(hours=2))
        == []
    )


async def test_purge_stale_drops_unused_forms_and_old_anonymous_refusals(store: Store) -> None:
    old = NOW - timedelta(days=60)
    await store.reporting.issue_form(ReportForm(token="old-unused", user_key="p", school="s", created_at=old))
    await store.reporting.issue_form(ReportForm(token="new-unused", user_key="p", school="s", created_at=NOW))
    await store.reporting.issue_form(ReportForm(token="old-used", user_key="p", school="s", created_at=old))
    await store.reports.submit(draft(reporter="p"), "old-used")  # marks the form used
    await store.reports.record_refusal(None, "forger", "afsluiten", {"reason": "forged"})
    removed = await store.reporting.purge_stale(
        NOW - timedelta(days=30), datetime.now(UTC) + timedelta(seconds=1)
    )
    assert removed == 2
    assert await store.reporting.form("old-unused") is None
    assert await store.reporting.form("new-unused") is not None
    assert await store.reporting.form("old-used") is not None


async def test_an_unused_form_holding_a_reported_message_goes_sooner(store: Store) -> None:
    message = ReportedMessage(text="Oprotten.", author="Daan Jansen")
    two_days = NOW - timedelta(days=2)
    for token, held in (("dialog-old", message), ("form-old", None)):
        await store.reporting.issue_form(
            ReportForm(token=token, user_key="p", school="s", created_at=two_days, message=held)
        )
    await store.reporting.issue_form(
        ReportForm(token="dialog-new", user_key="p", school="s", created_at=NOW, message=message)
    )
    removed = await store.reporting.purge_stale(
        NOW - timedelta(days=30), NOW - timedelta(days=365), NOW - timedelta(days=1)
    )
    assert removed == 1 and await store.reporting.form("dialog-old") is None
    assert (
        await store.reporting.form("form-old") is not None
        and await store.reporting.form("dialog-new") is not None
    )
