"""Reports: submitting and changing a case, each with its audit entry and outbox messages in one
transaction; refusals are audited in a transaction of their own."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import Select, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.leadership.model import CaseEntryDraft
from bot.reports import states
from bot.reports.model import (
    Action,
    AuditEntry,
    Json,
    Report,
    ReportDraft,
    Status,
    case_number,
    case_year,
)
from bot.storage.base import check_transition_entry
from bot.storage.errors import IdempotencyConflictError, ReportNotFoundError, StaleVersionError
from bot.storage.sql.database import AnyRow, Database
from bot.storage.sql.schema import audit, case_counter, report
from bot.storage.sql.writes import insert_audit, insert_entry, insert_outbox, next_number, present

SELECT_REPORT = select(*(column for column in report.c if column.name != "idempotency_key"))
AUDIT_COLUMNS = (audit.c.report_id, audit.c.question_id, audit.c.actor_key, audit.c.action, audit.c.accepted)
SELECT_AUDIT = select(*AUDIT_COLUMNS, audit.c.detail, audit.c.at)
GET_REPORT = SELECT_REPORT.where(report.c.id == bindparam("id"))
BY_IDEMPOTENCY_KEY = SELECT_REPORT.where(report.c.idempotency_key == bindparam("key"))
FOR_REPORTER = SELECT_REPORT.where(report.c.reporter_key == bindparam("reporter_key")).order_by(
    report.c.created_at.desc(), report.c.case_number.desc()
)
# PostgreSQL: a concurrent duplicate of an idempotency key waits for the first's transaction.
KEY_LOCK = select(func.pg_advisory_xact_lock(func.hashtextextended(bindparam("key"), 0)))


def report_from_row(row: AnyRow) -> Report:
    return Report.model_validate(dict(row._mapping))


def audit_from_row(row: AnyRow) -> AuditEntry:
    return AuditEntry.model_validate(dict(row._mapping))


async def earlier(
    db: AsyncConnection, query: Select[Any], key: str, owner: str, owner_column: str
) -> AnyRow | None:
    """The row an earlier call with idempotency `key` wrote (`query`, with the key as its "key" parameter,
    finds it), None for a new key; another owner's key is refused. On PostgreSQL a concurrent duplicate
    waits here for the first (SQLite: BEGIN IMMEDIATE)."""
    if db.dialect.name == "postgresql":
        await db.execute(KEY_LOCK, {"key": key})
    row: AnyRow | None = (await db.execute(query, {"key": key})).first()
    if row is not None and row._mapping[owner_column] != owner:
        raise IdempotencyConflictError(f"idempotency key belongs to another {owner_column.split('_')[0]}")
    return row


class SqlReportStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def submit(self, draft: ReportDraft, idempotency_key: str) -> tuple[Report, bool]:
        async with self._database.transaction() as db:
            row = await earlier(db, BY_IDEMPOTENCY_KEY, idempotency_key, draft.reporter_key, "reporter_key")
            if row is not None:
                return report_from_row(row), False
            now = datetime.now(UTC)
            year = case_year(now)
            submitted = Report(
                **draft.model_dump(),
                id=uuid4(),
                case_number=case_number(year, await next_number(db, case_counter, draft.school, year)),
                status=Status.NIEUW,
                version=1,
                created_at=now,
                updated_at=now,
            )
            await db.execute(
                report.insert(), {"idempotency_key": idempotency_key, **submitted.model_dump(mode="python")}
            )
            await insert_audit(db, submitted.id, draft.reporter_key, "submit", True, {})
            await insert_outbox(db, states.escalation_messages(submitted), now)
        return submitted, True

    async def get(self, report_id: UUID) -> Report | None:
        row = await self._database.row(GET_REPORT, {"id": report_id})
        return report_from_row(row) if row else None

    async def by_case_number(self, school: str, case_number: str) -> Report | None:
        row = await self._database.row(
            SELECT_REPORT.where(report.c.school == school, report.c.case_number == case_number)
        )
        return report_from_row(row) if row else None

    async def for_reporter(self, reporter_key: str) -> list[Report]:
        rows = await self._database.rows(FOR_REPORTER, {"reporter_key": reporter_key})
        return [report_from_row(row) for row in rows]

    async def apply(
        self,
        report_id: UUID,
        action: Action,
        actor_key: str,
        expected_version: int,
        detail: Json | None = None,
        entry: CaseEntryDraft | None = None,
    ) -> Report:
        check_transition_entry(report_id, entry)
        try:
            async with self._database.transaction() as db:
                query = SELECT_REPORT.where(report.c.id == report_id).with_for_update()
                row = (await db.execute(query)).first()
                if row is None:
                    raise ReportNotFoundError(str(report_id))
                current = report_from_row(row)
                if current.version != expected_version:
                    raise StaleVersionError(f"version {expected_version} is not {current.version}")
                status = states.next_status(current.status, action)
                now = datetime.now(UTC)
                changed = current.model_copy(
                    update={
                        "status": status,
                        "version": current.version + 1,
                        "handler_key": actor_key if action != Action.AFSLUITEN else current.handler_key,
                        "updated_at": now,
                    }
                )
                await db.execute(
                    update(report)
                    .where(report.c.id == report_id, report.c.version == current.version)
                    .values(
                        status=status.value,
                        version=changed.version,
                        handler_key=changed.handler_key,
                        updated_at=now,
                    )
                )
                audit_detail = {**(detail or {}), "from": current.status.value, "to": status.value}
                await insert_audit(db, report_id, actor_key, action.value, True, audit_detail)
                await insert_outbox(db, states.transition_messages(changed, action), now)
                if entry is not None:
                    await insert_entry(db, entry, now)
        except (ReportNotFoundError, StaleVersionError, states.InvalidTransitionError) as refused:
            await self.record_refusal(report_id, actor_key, action.value, {"reason": type(refused).__name__})
            raise
        return changed

    async def record_refusal(self, report_id: UUID | None, actor_key: str, action: str, detail: Json) -> None:
        async with self._database.transaction() as db:
            known = report_id if report_id is not None and await present(db, report.c.id, report_id) else None
            await insert_audit(db, known, actor_key, action, False, detail)

    async def record_view(self, report_id: UUID, actor_key: str, action: str, detail: Json) -> None:
        async with self._database.transaction() as db:
            await insert_audit(db, report_id, actor_key, action, True, detail)

    async def audit_trail(self, report_id: UUID) -> list[AuditEntry]:
        rows = await self._database.rows(
            SELECT_AUDIT.where(audit.c.report_id == report_id).order_by(audit.c.id)
        )
        return [audit_from_row(row) for row in rows]
