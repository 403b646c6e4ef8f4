"""SQLite reports and outbox: every state change is one BEGIN IMMEDIATE transaction."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import aiosqlite

from bot.leadership.model import CaseEntry, CaseEntryDraft
from bot.reports import states
from bot.reports.model import (
    Action,
    AuditEntry,
    Json,
    OutboxDraft,
    OutboxMessage,
    Report,
    ReportDraft,
    Status,
    case_number,
    case_year,
)
from bot.storage.base import check_transition_entry
from bot.storage.columns import REPORT_COLUMNS, SELECT_REPORT
from bot.storage.errors import IdempotencyConflictError, ReportNotFoundError, StaleVersionError
from bot.storage.sqlite import SqliteDatabase, to_text

INSERT_REPORT = (
    f"INSERT INTO report (idempotency_key, {REPORT_COLUMNS})"  # noqa: S608
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


def as_dict(row: sqlite3.Row) -> dict[str, Any]:
    return {key: row[key] for key in row.keys()}  # noqa: SIM118 - sqlite3.Row is not a mapping


def report_from_row(row: sqlite3.Row) -> Report:
    return report_from_values(as_dict(row))


def report_from_values(values: dict[str, Any]) -> Report:
    """A report from its `REPORT_COLUMNS`, the JSON columns (conversation, reported message) decoded."""
    values["reporter_conversation"] = json.loads(values["reporter_conversation"])
    values["message"] = json.loads(values["message"]) if values["message"] else None
    return Report.model_validate(values)


def outbox_from_row(row: sqlite3.Row) -> OutboxMessage:
    values = as_dict(row)
    values["message"] = json.loads(values["message"])
    return OutboxMessage.model_validate(values)


async def insert_outbox(db: aiosqlite.Connection, drafts: list[OutboxDraft], now: datetime) -> None:
    await db.executemany(
        "INSERT INTO outbox (conversation_key, message, status, attempts, next_attempt_at, created_at)"
        " VALUES (?, ?, 'pending', 0, ?, ?)",
        [(d.conversation_key, json.dumps(d.message), to_text(now), to_text(now)) for d in drafts],
    )


async def insert_audit(
    db: aiosqlite.Connection,
    report_id: UUID | None,
    actor: str,
    action: str,
    accepted: bool,
    detail: Json,
    question_id: UUID | None = None,
) -> None:
    """An audit row about a report, or (`question_id`, no report) about a forwarded question."""
    await db.execute(
        "INSERT INTO audit (report_id, question_id, actor_key, action, accepted, detail, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            str(report_id) if report_id else None,
            str(question_id) if question_id else None,
            actor,
            action,
            accepted,
            json.dumps(detail),
            to_text(datetime.now(UTC)),
        ),
    )


async def insert_entry(db: aiosqlite.Connection, draft: CaseEntryDraft, now: datetime) -> CaseEntry:
    """Add a case-log entry and its audit entry inside the caller's transaction."""
    cursor = await db.execute(
        "INSERT INTO case_entry (report_id, kind, author_key, text, code, token, reply_to, answered, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?)",
        (
            str(draft.report_id),
            draft.kind,
            draft.author_key,
            draft.text,
            draft.code,
            draft.token,
            draft.reply_to,
            to_text(now),
        ),
    )
    assert cursor.lastrowid is not None  # noqa: S101 - an INSERT always has a row id
    entry = CaseEntry(**draft.model_dump(), id=cursor.lastrowid, at=now)
    await insert_audit(db, draft.report_id, draft.author_key, draft.kind, True, entry.audit_detail())
    return entry


class SqliteReportStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def submit(self, draft: ReportDraft, idempotency_key: str) -> tuple[Report, bool]:
        async with self._database.transaction() as db:
            async with db.execute(SELECT_REPORT + " WHERE idempotency_key = ?", (idempotency_key,)) as cursor:
                row = await cursor.fetchone()
            if row is not None:
                existing = report_from_row(row)
                if existing.reporter_key != draft.reporter_key:
                    raise IdempotencyConflictError("idempotency key belongs to another reporter")
                return existing, False
            now = datetime.now(UTC)
            year = case_year(now)
            async with db.execute(
                "INSERT INTO case_counter (school, year, last) VALUES (?, ?, 1)"
                " ON CONFLICT (school, year) DO UPDATE SET last = last + 1 RETURNING last",
                (draft.school, year),
            ) as cursor:
                counter = await cursor.fetchone()
            assert counter is not None  # noqa: S101 - RETURNING always yields the row
            report = Report(
                **draft.model_dump(),
                id=uuid4(),
                case_number=case_number(year, int(counter[0])),
                status=Status.NIEUW,
                version=1,
                created_at=now,
                updated_at=now,
            )
            await db.execute(
                INSERT_REPORT,
                (
                    idempotency_key,
                    str(report.id),
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
                    json.dumps(report.reporter_conversation),
                    report.status.value,
                    report.version,
                    report.handler_key,
                    to_text(now),
                    to_text(now),
                    report.reporter_name,
                    report.message.model_dump_json() if report.message else None,
                ),
            )
            await insert_audit(db, report.id, draft.reporter_key, "submit", True, {})
            await insert_outbox(db, states.escalation_messages(report), now)
        return report, True

    async def get(self, report_id: UUID) -> Report | None:
        row = await self._database.fetchone(SELECT_REPORT + " WHERE id = ?", (str(report_id),))
        return report_from_row(row) if row else None

    async def by_case_number(self, school: str, case_number: str) -> Report | None:
        row = await self._database.fetchone(
            SELECT_REPORT + " WHERE school = ? AND case_number = ?", (school, case_number)
        )
        return report_from_row(row) if row else None

    async def for_reporter(self, reporter_key: str) -> list[Report]:
        rows = await self._database.fetchall(
            SELECT_REPORT + " WHERE reporter_key = ? ORDER BY created_at DESC, case_number DESC",
            (reporter_key,),
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
            async with self._database.transaction() as db:
                async with db.execute(SELECT_REPORT + " WHERE id = ?", (str(report_id),)) as cur:
                    row = await cur.fetchone()
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
                await db.execute(
                    "UPDATE report SET status = ?, version = ?, handler_key = ?, updated_at = ?"
                    " WHERE id = ? AND version = ?",
                    (
                        status.value,
                        changed.version,
                        changed.handler_key,
                        to_text(now),
                        str(report_id),
                        report.version,
                    ),
                )
                audit_detail = {**(detail or {}), "from": report.status.value, "to": status.value}
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
            known = None
            if report_id is not None:
                async with db.execute("SELECT id FROM report WHERE id = ?", (str(report_id),)) as cursor:
                    known = report_id if await cursor.fetchone() else None
            await insert_audit(db, known, actor_key, action, False, detail)

    async def record_view(self, report_id: UUID, actor_key: str, action: str, detail: Json) -> None:
        async with self._database.transaction() as db:
            await insert_audit(db, report_id, actor_key, action, True, detail)

    async def audit_trail(self, report_id: UUID) -> list[AuditEntry]:
        rows = await self._database.fetchall(
            "SELECT report_id, actor_key, action, accepted, detail, at FROM audit"
            " WHERE report_id = ? ORDER BY id",
            (str(report_id),),
        )
        return [
            AuditEntry.model_validate({**as_dict(row), "detail": json.loads(row["detail"])}) for row in rows
        ]
