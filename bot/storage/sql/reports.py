"""Reports: submitting and changing a case, each with its audit entry and outbox messages in one
transaction; refusals are audited in a transaction of their own."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Connection

from bot.leadership.model import CaseEntryDraft
from bot.reports import states
from bot.reports.model import Action, AuditEntry, Json, Report, ReportDraft, Status, case_number
from bot.storage.errors import ReportNotFoundError, StaleVersionError
from bot.storage.sql.database import Area, read, statement, write
from bot.storage.sql.rows import (
    every,
    first,
    insert_audit,
    insert_entry,
    insert_of,
    insert_outbox,
    numbered,
    present,
    store_once,
)
from bot.storage.sql.schema import audit, case_counter, report, report_form

SELECT_REPORT = select(*(column for column in report.c if column.name != "idempotency_key"))
SELECT_AUDIT = select(*(column for column in audit.c if column.name != "id"))
GET_REPORT = SELECT_REPORT.where(report.c.id == bindparam("id"))
BY_KEY = SELECT_REPORT.where(report.c.idempotency_key == bindparam("key"))
FOR_REPORTER = SELECT_REPORT.where(report.c.reporter_key == bindparam("reporter_key")).order_by(
    report.c.created_at.desc(), report.c.case_number.desc()
)
LOCK_REPORT = GET_REPORT.with_for_update()
MARK_FORM_USED = (
    update(report_form)
    .where(report_form.c.token == bindparam("form_token"))
    .values(report_id=bindparam("used_by"))
)
CHANGE_REPORT = (
    update(report)
    .where(report.c.id == bindparam("report_id"), report.c.version == bindparam("seen"))
    .values(
        status=bindparam("new_status"),
        version=bindparam("new_version"),
        handler_key=bindparam("handler"),
        updated_at=bindparam("now"),
    )
)


def transition(
    db: Connection,
    report_id: UUID,
    action: Action,
    actor_key: str,
    expected_version: int,
    detail: Json | None,
    entry: CaseEntryDraft | None,
) -> Report:
    """The case's next status from the stored state, its audit entry, outbox messages and case-log entry."""
    current = first(db, Report, LOCK_REPORT, {"id": report_id})
    if current is None:
        raise ReportNotFoundError(str(report_id))
    if current.version != expected_version:
        raise StaleVersionError(f"version {expected_version} is not {current.version}")
    status = states.next_status(current.status, action)
    now = datetime.now(UTC)
    handler = actor_key if action != Action.AFSLUITEN else current.handler_key
    changed = current.model_copy(
        update={"status": status, "version": current.version + 1, "handler_key": handler, "updated_at": now}
    )
    db.execute(
        CHANGE_REPORT,
        {
            "report_id": report_id,
            "seen": current.version,
            "new_status": status.value,
            "new_version": changed.version,
            "handler": handler,
            "now": now,
        },
    )
    audit_detail = {**(detail or {}), "from": current.status.value, "to": status.value}
    insert_audit(db, report_id, actor_key, action.value, True, audit_detail)
    insert_outbox(db, states.transition_messages(changed, action), now)
    if entry is not None:
        insert_entry(db, entry, now)
    return changed


def new_report(db: Connection, draft: ReportDraft, idempotency_key: str) -> Report:
    """The report with the school's next case number, its audit entry and its escalation message; the form
    whose token is the key, if one was issued, is marked used by it (erased with it from then on)."""
    now, year, number = numbered(db, case_counter, draft.school)
    submitted = Report(
        **draft.model_dump(),
        id=uuid4(),
        case_number=case_number(year, number),
        status=Status.NIEUW,
        version=1,
        created_at=now,
        updated_at=now,
    )
    db.execute(insert_of(report), {"idempotency_key": idempotency_key, **submitted.model_dump(mode="python")})
    insert_audit(db, submitted.id, draft.reporter_key, "submit", True, {})
    insert_outbox(db, states.escalation_messages(submitted), now)
    db.execute(MARK_FORM_USED, {"form_token": idempotency_key, "used_by": submitted.id})
    return submitted


class ReportStore(Area):
    async def submit(self, draft: ReportDraft, idempotency_key: str) -> tuple[Report, bool]:
        """Store the report, its audit entry and its escalation message in one transaction, which also marks
        the report form whose token is `idempotency_key` (when there is one) used by the report.

        The same key again (double click, re-delivery, retry) returns the stored report and False;
        a key used by another reporter raises IdempotencyConflictError.
        """
        return await store_once(self, Report, new_report, draft, idempotency_key, BY_KEY, "reporter_key")

    @read
    def get(self, db: Connection, report_id: UUID) -> Report | None:
        return first(db, Report, GET_REPORT, {"id": report_id})

    @read
    def for_reporter(self, db: Connection, reporter_key: str) -> list[Report]:
        """The reporter's own cases, newest first (`mijn meldingen`)."""
        return every(db, Report, FOR_REPORTER, {"reporter_key": reporter_key})

    @write
    def record_refusal(
        self, db: Connection, report_id: UUID | None, actor_key: str, action: str, detail: Json
    ) -> None:
        """Audit an action refused before it reached the store (a forged verb, a non-leader)."""
        known = report_id if report_id is not None and present(db, report.c.id, report_id) else None
        insert_audit(db, known, actor_key, action, False, detail)

    @statement
    def record_view(self, db: Connection, report_id: UUID, actor_key: str, action: str, detail: Json) -> None:
        """Audit that an authorised person saw a case's details or screenshots (ids and counts only)."""
        insert_audit(db, report_id, actor_key, action, True, detail)

    @read
    def audit_trail(self, db: Connection, report_id: UUID) -> list[AuditEntry]:
        """Oldest first."""
        return every(db, AuditEntry, SELECT_AUDIT.where(audit.c.report_id == report_id).order_by(audit.c.id))

    async def apply(
        self,
        report_id: UUID,
        action: Action,
        actor_key: str,
        expected_version: int,
        detail: Json | None = None,
        entry: CaseEntryDraft | None = None,
    ) -> Report:
        """Change the status from the stored state: audit entry and outbox messages in the same transaction.

        `entry` (a closing's measure and outcome) joins the case log in that same transaction, with its own
        audit entry after the transition's, so a case is never closed without it. It must belong to this
        report and answer no question (ValueError before anything is written).

        Raises ReportNotFoundError, StaleVersionError or InvalidTransitionError; each refusal changes nothing
        but is itself audited. Any other failure rolls the whole change back.
        """
        if entry is not None and (entry.report_id != report_id or entry.reply_to is not None):
            raise ValueError("a transition's entry must belong to its report and answer no question")
        change = (report_id, action, actor_key, expected_version, detail, entry)
        try:
            return await self.database.run(lambda db: transition(db, *change))
        except (ReportNotFoundError, StaleVersionError, states.InvalidTransitionError) as refused:
            await self.record_refusal(report_id, actor_key, action.value, {"reason": type(refused).__name__})
            raise
