"""SQLite report forms, screenshots and erasure; each change is one BEGIN IMMEDIATE transaction."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from uuid import UUID

import aiosqlite

from bot.reporting.model import Attachment, AttachmentDraft, ReportForm
from bot.reports.model import Report
from bot.storage.columns import SELECT_REPORT
from bot.storage.errors import ReportNotFoundError
from bot.storage.sqlite import SqliteDatabase, from_text, to_text
from bot.storage.sqlite_reports import as_dict, insert_audit, report_from_row

ATTACHMENT_COLUMNS = "id, report_id, uploader_key, content_type, width, height, size, created_at"
# Built from the constant column list above, never from input.
SELECT_ATTACHMENT = f"SELECT {ATTACHMENT_COLUMNS} FROM report_attachment"  # noqa: S608
INSERT_ATTACHMENT = (
    "INSERT INTO report_attachment"  # noqa: S608
    " (report_id, uploader_key, content_type, width, height, size, data, created_at)"
    f" VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING {ATTACHMENT_COLUMNS}"
)


def attachment_from_row(row: aiosqlite.Row) -> Attachment:
    return Attachment.model_validate({**as_dict(row), "created_at": from_text(row["created_at"])})


class SqliteReportingStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def issue_form(self, form: ReportForm) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO report_form (token, user_key, school, created_at, message)"
                " VALUES (?, ?, ?, ?, ?)",
                (
                    form.token,
                    form.user_key,
                    form.school,
                    to_text(form.created_at),
                    form.message.model_dump_json() if form.message else None,
                ),
            )

    async def form(self, token: str) -> ReportForm | None:
        row = await self._database.fetchone(
            "SELECT token, user_key, school, created_at, report_id, message FROM report_form WHERE token = ?",
            (token,),
        )
        if row is None:
            return None
        message = json.loads(row["message"]) if row["message"] else None
        return ReportForm.model_validate(
            {**as_dict(row), "created_at": from_text(row["created_at"]), "message": message}
        )

    async def mark_form_used(self, token: str, report_id: UUID) -> None:
        async with self._database.transaction() as db:
            await db.execute("UPDATE report_form SET report_id = ? WHERE token = ?", (str(report_id), token))

    async def add_attachment(self, draft: AttachmentDraft) -> Attachment:
        now = datetime.now(UTC)
        async with self._database.transaction() as db:
            async with db.execute("SELECT 1 FROM report WHERE id = ?", (str(draft.report_id),)) as cursor:
                if await cursor.fetchone() is None:
                    raise ReportNotFoundError(str(draft.report_id))
            async with db.execute(
                INSERT_ATTACHMENT,
                (
                    str(draft.report_id),
                    draft.uploader_key,
                    draft.content_type,
                    draft.width,
                    draft.height,
                    len(draft.data),
                    draft.data,
                    to_text(now),
                ),
            ) as cursor:
                row = await cursor.fetchone()
            assert row is not None  # noqa: S101 - RETURNING always yields the row
            attachment = attachment_from_row(row)
            detail = {"attachment": attachment.id, "bytes": attachment.size}
            await insert_audit(db, draft.report_id, draft.uploader_key, "screenshot", True, detail)
        return attachment

    async def attachments(self, report_id: UUID) -> list[Attachment]:
        rows = await self._database.fetchall(
            SELECT_ATTACHMENT + " WHERE report_id = ? ORDER BY id", (str(report_id),)
        )
        return [attachment_from_row(row) for row in rows]

    async def attachment_data(self, attachment_id: int) -> bytes | None:
        row = await self._database.fetchone(
            "SELECT data FROM report_attachment WHERE id = ?", (attachment_id,)
        )
        return bytes(row[0]) if row else None

    async def find_cases(self, case_number: str) -> list[Report]:
        rows = await self._database.fetchall(
            SELECT_REPORT + " WHERE case_number = ? ORDER BY school", (case_number,)
        )
        return [report_from_row(row) for row in rows]

    async def reports_between(self, school: str, start: datetime, end: datetime) -> list[Report]:
        rows = await self._database.fetchall(
            SELECT_REPORT + " WHERE school = ? AND created_at >= ? AND created_at < ?"
            " ORDER BY created_at, case_number",
            (school, to_text(start), to_text(end)),
        )
        return [report_from_row(row) for row in rows]

    async def closed_before(self, school: str | None, cutoff: datetime) -> list[UUID]:
        rows = await self._database.fetchall(
            "SELECT id FROM report WHERE status = 'afgesloten' AND updated_at < ?"
            " AND (? IS NULL OR school = ?) ORDER BY updated_at",
            (to_text(cutoff), school, school),
        )
        return [UUID(row[0]) for row in rows]

    async def schools(self) -> list[str]:
        rows = await self._database.fetchall("SELECT DISTINCT school FROM report ORDER BY school")
        return [str(row[0]) for row in rows]

    async def erase(self, report_id: UUID) -> bool:
        # Screenshots, audit, case log, threads, card token and form go with the report (ON DELETE CASCADE).
        async with self._database.transaction() as db:
            await db.execute(
                "DELETE FROM outbox WHERE json_extract(message, '$.report_id') = ?", (str(report_id),)
            )
            cursor = await db.execute("DELETE FROM report WHERE id = ?", (str(report_id),))
            return cursor.rowcount > 0

    async def purge_stale(
        self, forms_before: datetime, refusals_before: datetime, message_forms_before: datetime | None = None
    ) -> int:
        with_message = message_forms_before or forms_before
        async with self._database.transaction() as db:
            forms = await db.execute(
                "DELETE FROM report_form WHERE report_id IS NULL"
                " AND (created_at < ? OR (message IS NOT NULL AND created_at < ?))",
                (to_text(forms_before), to_text(with_message)),
            )
            refusals = await db.execute(
                "DELETE FROM audit WHERE report_id IS NULL AND accepted = 0 AND at < ?",
                (to_text(refusals_before),),
            )
            return forms.rowcount + refusals.rowcount
