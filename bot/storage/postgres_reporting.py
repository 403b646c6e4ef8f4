"""PostgreSQL report forms, screenshots and erasure; each change is one transaction."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from bot.reporting.model import Attachment, AttachmentDraft, ReportForm
from bot.reports.model import Report
from bot.storage.columns import SELECT_REPORT
from bot.storage.errors import ReportNotFoundError
from bot.storage.postgres_reports import insert_audit, report_from_row

ATTACHMENT_COLUMNS = "id, report_id, uploader_key, content_type, width, height, size, created_at"
# Built from the constant column list above, never from input.
SELECT_ATTACHMENT = f"SELECT {ATTACHMENT_COLUMNS} FROM report_attachment"  # noqa: S608
INSERT_ATTACHMENT = (
    "INSERT INTO report_attachment"  # noqa: S608
    " (report_id, uploader_key, content_type, width, height, size, data, created_at)"
    f" VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {ATTACHMENT_COLUMNS}"
)


class PostgresReportingStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def issue_form(self, form: ReportForm) -> None:
        await self._pool.execute(
            "INSERT INTO report_form (token, user_key, school, created_at, message)"
            " VALUES ($1, $2, $3, $4, $5)",
            form.token,
            form.user_key,
            form.school,
            form.created_at,
            form.message.model_dump(mode="json") if form.message else None,
        )

    async def form(self, token: str) -> ReportForm | None:
        row = await self._pool.fetchrow(
            "SELECT token, user_key, school, created_at, report_id, message FROM report_form"
            " WHERE token = $1",
            token,
        )
        return ReportForm.model_validate(dict(row)) if row else None

    async def mark_form_used(self, token: str, report_id: UUID) -> None:
        await self._pool.execute("UPDATE report_form SET report_id = $1 WHERE token = $2", report_id, token)

    async def add_attachment(self, draft: AttachmentDraft) -> Attachment:
        async with self._pool.acquire() as connection, connection.transaction():
            # FOR KEY SHARE: an erasure of the same case waits until the screenshot is in (or fails first).
            exists = await connection.fetchval(
                "SELECT 1 FROM report WHERE id = $1 FOR KEY SHARE", draft.report_id
            )
            if exists is None:
                raise ReportNotFoundError(str(draft.report_id))
            row = await connection.fetchrow(
                INSERT_ATTACHMENT,
                draft.report_id,
                draft.uploader_key,
                draft.content_type,
                draft.width,
                draft.height,
                len(draft.data),
                draft.data,
                datetime.now(UTC),
            )
            attachment = Attachment.model_validate(dict(row))
            detail = {"attachment": attachment.id, "bytes": attachment.size}
            await insert_audit(connection, draft.report_id, draft.uploader_key, "screenshot", True, detail)
        return attachment

    async def attachments(self, report_id: UUID) -> list[Attachment]:
        rows = await self._pool.fetch(SELECT_ATTACHMENT + " WHERE report_id = $1 ORDER BY id", report_id)
        return [Attachment.model_validate(dict(row)) for row in rows]

    async def attachment_data(self, attachment_id: int) -> bytes | None:
        data = await self._pool.fetchval("SELECT data FROM report_attachment WHERE id = $1", attachment_id)
        return bytes(data) if data is not None else None

    async def find_cases(self, case_number: str) -> list[Report]:
        rows = await self._pool.fetch(
            SELECT_REPORT + ' WHERE case_number = $1 ORDER BY school COLLATE "C"', case_number
        )
        return [report_from_row(row) for row in rows]

    async def reports_between(self, school: str, start: datetime, end: datetime) -> list[Report]:
        rows = await self._pool.fetch(
            SELECT_REPORT + " WHERE school = $1 AND created_at >= $2 AND created_at < $3"
            " ORDER BY created_at, case_number",
            school,
            start,
            end,
        )
        return [report_from_row(row) for row in rows]

    async def closed_before(self, school: str | None, cutoff: datetime) -> list[UUID]:
        rows = await self._pool.fetch(
            "SELECT id FROM report WHERE status = 'afgesloten' AND updated_at < $1"
            " AND ($2::text IS NULL OR school = $2) ORDER BY updated_at",
            cutoff,
            school,
        )
        return [row["id"] for row in rows]

    async def schools(self) -> list[str]:
        rows = await self._pool.fetch('SELECT school FROM report GROUP BY school ORDER BY school COLLATE "C"')
        return [str(row["school"]) for row in rows]

    async def erase(self, report_id: UUID) -> bool:
        # Screenshots, audit, case log, threads, card token and form go with the report (ON DELETE CASCADE).
        async with self._pool.acquire() as connection, connection.transaction():
            await connection.execute("DELETE FROM outbox WHERE message->>'report_id' = $1", str(report_id))
            status = await connection.execute("DELETE FROM report WHERE id = $1", report_id)
        return bool(status != "DELETE 0")

    async def purge_stale(
        self, forms_before: datetime, refusals_before: datetime, message_forms_before: datetime | None = None
    ) -> int:
        async with self._pool.acquire() as connection, connection.transaction():
            forms = await connection.execute(
                "DELETE FROM report_form WHERE report_id IS NULL"
                " AND (created_at < $1 OR (message IS NOT NULL AND created_at < $2))",
                forms_before,
                message_forms_before or forms_before,
            )
            refusals = await connection.execute(
                "DELETE FROM audit WHERE report_id IS NULL AND NOT accepted AND at < $1", refusals_before
            )
        return int(forms.split()[-1]) + int(refusals.split()[-1])
