"""PostgreSQL reports and outbox: one transaction per state change; several instances share the outbox
through `FOR UPDATE SKIP LOCKED` and a lease, so each message is sent by one instance at a time."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import asyncpg

from bot.leadership.model import CaseEntry, CaseEntryDraft
from bot.reports import states
from bot.reports.model import (
    Action,
    AuditEntry,
    Json,
    OutboxDraft,
    Report,
    ReportDraft,
    Status,
    case_number,
    case_year,
)
from bot.storage.base import check_transition_entry
from bot.storage.columns import REPORT_COLUMNS, SELECT_REPORT
from bot.storage.errors import IdempotencyConflictError, ReportNotFoundError, StaleVersionError

INSERT_REPORT = (
    f"INSERT INTO report (idempotency_key, {REPORT_COLUMNS})"  # noqa: S608
    " VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)"
)


def report_from_row(row: asyncpg.Record) -> Report:
    return Report.model_validate(dict(row))


async def insert_outbox(connection: Any, drafts: list[OutboxDraft], now: datetime) -> None:
    await connection.executemany(
        "INSERT INTO outbox (conversation_key, message, status, attempts, next_attempt_at, created_at)"
        " VALUES ($1, $2, 'pending', 0, $3, $3)",
        [(d.conversation_key, d.message, now) for d in drafts],
    )


async def insert_audit(
    connection: Any,
    report_id: UUID | None,
    actor: str,
    action: str,
    accepted: bool,
    detail: Json,
    question_id: UUID | None = None,
) -> None:
    """An audit row about a report, or (`question_id`, no report) about a forwarded question."""
    await connection.execute(
        "INSERT INTO audit (report_id, question_id, actor_key, action, accepted, detail, at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7)",
        report_id,
        question_id,
        actor,
        action,
        accepted,
        detail,
        datetime.now(UTC),
    )


async def insert_entry(connection: Any, draft: CaseEntryDraft, now: datetime) -> CaseEntry:
    """Add a case-log entry and its audit entry inside the caller's transaction."""
    entry_id = await connection.fetchval(
        "INSERT INTO case_entry (report_id, kind, author_key, text, code, token, reply_to, answered, at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7, FALSE, $8) RETURNING id",
        draft.report_id,
        draft.kind,
        draft.author_key,
        draft.text,
        draft.code,
        draft.token,
        draft.reply_to,
        now,
    )
    entry = CaseEntry(**draft.model_dump(), id=int(entry_id), at=now)
    await insert_audit(connection, draft.report_id, draft.author_key, draft.kind, True, entry.audit_detail())
    return entry


class PostgresReportStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def submit(self, draft: ReportDraft, idempotency_key: str) -> tuple[Report, bool]:
        async with self._pool.acquire() as connection, connection.transaction():
            # Serialises submissions with one key: a concurrent duplicate waits, then finds the row.
            await connection.execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", idempotency_key)
            row = await connection.fetchrow(SELECT_REPORT + " WHERE idempotency_key = $1", idempotency_key)
            if row is not None:
                existing = report_from_row(row)
                if existing.reporter_key != draft.reporter_key:
                    raise IdempotencyConflictError("idempotency key belongs to another reporter")
                return existing, False
            now = datetime.now(UTC)
            year = case_year(now)
            sequence = await connection.fetchval(
                "INSERT INTO case_counter (school, year, last) VALUES ($1, $2, 1)"
                " ON CONFLICT (school, year) DO UPDATE SET last = case_counter.last + 1 RETURNING last",
                draft.school,
                year,
            )
            report = Report(
                **draft.model_dump(),
                id=uuid4(),
                case_number=case_number(year, int(sequence)),
                status=Status.NIEUW,
                version=1,
                created_at=now,
                updated_at=now,
            )
            await connection.execute(
                INSERT_REPORT,
                idempotency_key,
                report.id,
                report.school,
                report.case_number,
                report.category.value,
                report.description,
                report.platform,
                report.happened,
                report.involved,
                report.in_danger,
                report.anonymous,
                report.reporter_key,
                report.reporter_conversation,
                report.status.value,
                report.version,
                report.handler_key,
                now,
                now,
                report.reporter_name,
                report.message.model_dump(mode="json") if report.message else None,
            )
            await insert_audit(connection, report.id, draft.reporter_key, "submit", True, {})
            await insert_outbox(connection, states.escalation_messages(report), now)
        return report, True

    async def get(self, report_id: UUID) -> Report | None:
        row = await self._pool.fetchrow(SELECT_REPORT + " WHERE id = $1", report_id)
        return report_from_row(row) if row else None

    async def by_case_number(self, school: str, case_number: str) -> Report | None:
        row = await self._pool.fetchrow(
            SELECT_REPORT + " WHERE school = $1 AND case_number = $2", school, case_number
        )
        return report_from_row(row) if row else None

    async def for_reporter(self, reporter_key: str) -> list[Report]:
        rows = await self._pool.fetch(
            SELECT_REPORT + " WHERE reporter_key = $1 ORDER BY created_at DESC, case_number DESC",
            reporter_key,
        )
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
            async with self._pool.acquire() as connection, connection.transaction():
                row = await connection.fetchrow(SELECT_REPORT + " WHERE id = $1 FOR UPDATE", report_id)
                if row is None:
                    raise ReportNotFoundError(str(report_id))
                report = report_from_row(row)
                if report.version != expected_version:
                    raise StaleVersionError(f"version {expected_version} is not {report.version}")
                status = states.next_status(report.status, action)
                now = datetime.now(UTC)
                changed = report.model_copy(
                    update={
                        "status": status,
                        "version": report.version + 1,
                        "handler_key": actor_key if action != Action.AFSLUITEN else report.handler_key,
                        "updated_at": now,
                    }
                )
                await connection.execute(
                    "UPDATE report SET status = $1, version = $2, handler_key = $3, updated_at = $4"
                    " WHERE id = $5 AND version = $6",
                    status.value,
                    changed.version,
                    changed.handler_key,
                    now,
                    report_id,
                    report.version,
                )
                audit_detail = {**(detail or {}), "from": report.status.value, "to": status.value}
                await insert_audit(connection, report_id, actor_key, action.value, True, audit_detail)
                await insert_outbox(connection, states.transition_messages(changed, action), now)
                if entry is not None:
                    await insert_entry(connection, entry, now)
        except (ReportNotFoundError, StaleVersionError, states.InvalidTransitionError) as refused:
            await self.record_refusal(report_id, actor_key, action.value, {"reason": type(refused).__name__})
            raise
        return changed

    async def record_refusal(self, report_id: UUID | None, actor_key: str, action: str, detail: Json) -> None:
        async with self._pool.acquire() as connection, connection.transaction():
            known = None
            if report_id is not None:
                known = await connection.fetchval("SELECT id FROM report WHERE id = $1", report_id)
            await insert_audit(connection, known, actor_key, action, False, detail)

    async def record_view(self, report_id: UUID, actor_key: str, action: str, detail: Json) -> None:
        async with self._pool.acquire() as connection, connection.transaction():
            await insert_audit(connection, report_id, actor_key, action, True, detail)

    async def audit_trail(self, report_id: UUID) -> list[AuditEntry]:
        rows = await self._pool.fetch(
            "SELECT report_id, actor_key, action, accepted, detail, at FROM audit"
            " WHERE report_id = $1 ORDER BY id",
            report_id,
        )
        return [AuditEntry.model_validate(dict(row)) for row in rows]
