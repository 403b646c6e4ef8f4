"""Contract: closing a case writes status, audit, outbox and the closing entry (measure and outcome) in one
transaction, on SQLite and PostgreSQL — or writes none of them."""

from __future__ import annotations

from collections.abc import Callable
from uuid import uuid4

import pytest
from sqlalchemy.exc import IntegrityError

from bot.leadership.model import CaseEntry, CaseEntryDraft
from bot.reports import states
from bot.reports.model import Action, Report, Status
from bot.storage import Store
from bot.storage.errors import StaleVersionError
from tests.fakes.store import payload
from tests.leadership.storage.test_leadership_store import draft

MEASURE = "gesprek_ouders"


def closing(report: Report, **changes: object) -> CaseEntryDraft:
    return CaseEntryDraft(
        report_id=report.id,
        kind="afsluiting",
        author_key="aad-leader",
        text="Gesprek met ouders gevoerd; excuses aangeboden.",
        code=MEASURE,
    ).model_copy(update=changes)


async def picked_up(store: Store) -> Report:
    report, _ = await store.reports.submit(draft(), "k1")
    return await store.reports.apply(report.id, Action.OPPAKKEN, "aad-leader", expected_version=1)


async def snapshot(store: Store, report: Report) -> tuple[object, ...]:
    """Everything a close could write: the case, its audit trail, its outbox and its case log."""
    return (
        await store.reports.get(report.id),
        await store.reports.audit_trail(report.id),
        await store.outbox.messages("reporter:pupil-1"),
        await store.outbox.messages("leadership:de-breul"),
        await store.leadership.entries(report.id),
    )


async def test_close_stores_status_audit_outbox_and_entry_together(store: Store) -> None:
    report = await picked_up(store)
    closed = await store.reports.apply(
        report.id, Action.AFSLUITEN, "aad-leader", 2, {"measure": MEASURE}, closing(report)
    )
    assert (closed.status, closed.version) == (Status.AFGESLOTEN, 3)
    assert await store.reports.get(report.id) == closed
    [entry] = await store.leadership.entries(report.id)
    assert (entry.kind, entry.author_key, entry.code, entry.answered) == (
        "afsluiting",
        "aad-leader",
        MEASURE,
        False,
    )
    assert entry.text == "Gesprek met ouders gevoerd; excuses aangeboden."
    trail = await store.reports.audit_trail(report.id)
    assert [(e.action, e.accepted, e.detail) for e in trail[2:]] == [
        ("afsluiten", True, {"measure": MEASURE, "from": "opgepakt", "to": "afgesloten"}),
        ("afsluiting", True, {"entry": entry.id, "code": MEASURE}),  # ids and codes only, never the text
    ]
    notices = await store.outbox.messages("reporter:pupil-1")
    assert [payload(m)["status"] for m in notices] == ["opgepakt", "afgesloten"]
    updates = await store.outbox.messages("leadership:de-breul")
    assert [payload(m)["kind"] for m in updates] == ["escalate", "update_card", "update_card"]


def bogus_kind(report: Report) -> CaseEntryDraft:
    """A draft the database refuses (CHECK on kind); pydantic validation is bypassed on purpose."""
    return CaseEntryDraft.model_construct(**{**closing(report).model_dump(), "kind": "bogus"})


@pytest.mark.parametrize("failure", ["constraint", "audit"])
async def test_a_failing_entry_write_leaves_the_case_open(
    store: Store, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    report = await picked_up(store)
    before = await snapshot(store, report)
    entry = closing(report)
    expected: type[Exception] | tuple[type[Exception], ...] = RuntimeError
    if failure == "constraint":
        entry, expected = bogus_kind(report), IntegrityError  # the CHECK on kind
    else:  # fails after the entry's row is written, while writing its audit entry

        def broken(self: CaseEntry) -> dict[str, object]:
            raise RuntimeError("audit write failed")

        monkeypatch.setattr(CaseEntry, "audit_detail", broken)
    with pytest.raises(expected):
        await store.reports.apply(report.id, Action.AFSLUITEN, "aad-leader", 2, {"measure": MEASURE}, entry)
    monkeypatch.undo()
    assert await snapshot(store, report) == before  # not closed, no audit (not even a refusal), no outbox
    closed = await store.reports.apply(
        report.id, Action.AFSLUITEN, "aad-leader", 2, {"measure": MEASURE}, closing(report)
    )
    assert closed.version == 3 and len(await store.leadership.entries(report.id)) == 1


async def test_a_failing_outbox_write_drops_the_entry_too(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = await picked_up(store)
    before = await snapshot(store, report)

    def broken(changed: Report, action: Action) -> list[object]:
        raise RuntimeError("outbox write failed")

    monkeypatch.setattr(states, "transition_messages", broken)
    with pytest.raises(RuntimeError):
        await store.reports.apply(report.id, Action.AFSLUITEN, "aad-leader", 2, None, closing(report))
    monkeypatch.undo()
    assert await snapshot(store, report) == before


async def test_a_stale_close_writes_no_entry(store: Store) -> None:
    report = await picked_up(store)
    before = await snapshot(store, report)
    with pytest.raises(StaleVersionError):
        await store.reports.apply(
            report.id, Action.AFSLUITEN, "aad-leader", 1, {"measure": MEASURE}, closing(report)
        )
    stored, trail, *rest = await snapshot(store, report)
    assert (stored, *rest) == (before[0], *before[2:])  # status, outbox and case log untouched
    assert trail[:-1] == before[1]  # only the refusal is audited, as for every stale press
    assert (trail[-1].action, trail[-1].accepted, trail[-1].detail) == (
        "afsluiten",
        False,
        {"reason": "StaleVersionError"},
    )


async def test_an_entry_of_another_case_is_refused_before_writing(store: Store) -> None:
    report = await picked_up(store)
    before = await snapshot(store, report)
    foreign: list[Callable[[Report], CaseEntryDraft]] = [
        lambda r: closing(r, report_id=uuid4()),
        lambda r: closing(r, reply_to=1),
    ]
    for make in foreign:
        with pytest.raises(ValueError, match="transition's entry"):
            await store.reports.apply(report.id, Action.AFSLUITEN, "aad-leader", 2, None, make(report))
    assert await snapshot(store, report) == before
