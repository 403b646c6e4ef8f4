"""Report forms, screenshots, and what privacy law asks of the data: purge, erasure, finding a case."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import Text, bindparam, delete, func, literal_column, select, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from bot.reporting.model import Attachment, AttachmentDraft, ReportForm
from bot.reports.model import Report
from bot.storage.errors import ReportNotFoundError
from bot.storage.sql.database import AnyRow, Database
from bot.storage.sql.reports import SELECT_REPORT, report_from_row
from bot.storage.sql.schema import audit, outbox, report, report_attachment, report_form
from bot.storage.sql.writes import insert_audit, present

GET_FORM = select(report_form).where(report_form.c.token == bindparam("token"))
MARK_FORM_USED = (
    update(report_form)
    .where(report_form.c.token == bindparam("form_token"))
    .values(report_id=bindparam("used_by"))
)
ATTACHMENT_COLUMNS = [column for column in report_attachment.c if column.name != "data"]


def message_field(db: AsyncConnection, name: Literal["report_id", "question_id"]) -> ColumnElement[Any]:
    """The outbox message's id field `name`, as each dialect reads JSON (on PostgreSQL, written as the
    expression indexes outbox_report and outbox_question are, so they are used)."""
    if db.dialect.name == "postgresql":
        return outbox.c.message.op("->>", return_type=Text())(literal_column(f"'{name}'"))
    return func.json_extract(outbox.c.message, f"$.{name}")


def _attachment(row: AnyRow) -> Attachment:
    return Attachment.model_validate(dict(row._mapping))


class SqlReportingStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def issue_form(self, form: ReportForm) -> None:
        async with self._database.transaction() as db:
            await db.execute(report_form.insert(), form.model_dump(exclude={"report_id"}))

    async def form(self, token: str) -> ReportForm | None:
        row = await self._database.row(GET_FORM, {"token": token})
        return ReportForm.model_validate(dict(row._mapping)) if row else None

    async def mark_form_used(self, token: str, report_id: UUID) -> None:
        async with self._database.transaction() as db:
            await db.execute(MARK_FORM_USED, {"form_token": token, "used_by": report_id})

    async def add_attachment(self, draft: AttachmentDraft) -> Attachment:
        async with self._database.transaction() as db:
            if not await present(db, report.c.id, draft.report_id):
                raise ReportNotFoundError(str(draft.report_id))
            row = (
                await db.execute(
                    report_attachment.insert()
                    .values(**draft.model_dump(), size=len(draft.data), created_at=datetime.now(UTC))
                    .returning(*ATTACHMENT_COLUMNS)
                )
            ).one()
            attachment = _attachment(row)
            detail = {"attachment": attachment.id, "bytes": attachment.size}
            await insert_audit(db, draft.report_id, draft.uploader_key, "screenshot", True, detail)
        return attachment

    async def attachments(self, report_id: UUID) -> list[Attachment]:
        rows = await self._database.rows(
            select(*ATTACHMENT_COLUMNS)
            .where(report_attachment.c.report_id == report_id)
            .order_by(report_attachment.c.id)
        )
        return [_attachment(row) for row in rows]

    async def attachment_data(self, attachment_id: int) -> bytes | None:
        row = await self._database.row(
            select(report_attachment.c.data).where(report_attachment.c.id == attachment_id)
        )
        return bytes(row[0]) if row else None

    async def find_cases(self, case_number: str) -> list[Report]:
        rows = await self._database.rows(
            SELECT_REPORT.where(report.c.case_number == case_number).order_by(report.c.school)
        )
        return [report_from_row(row) for row in rows]

    async def reports_between(self, school: str, start: datetime, end: datetime) -> list[Report]:
        rows = await self._database.rows(
            SELECT_REPORT.where(
                report.c.school == school, report.c.created_at >= start, report.c.created_at < end
            ).order_by(report.c.created_at, report.c.case_number)
        )
        return [report_from_row(row) for row in rows]

    async def closed_before(self, school: str | None, cutoff: datetime) -> list[UUID]:
        query = select(report.c.id).where(report.c.status == "afgesloten", report.c.updated_at < cutoff)
        if school is not None:
            query = query.where(report.c.school == school)
        rows = await self._database.rows(query.order_by(report.c.updated_at))
        return [row[0] for row in rows]

    async def schools(self) -> list[str]:
        rows = await self._database.rows(select(report.c.school).distinct().order_by(report.c.school))
        return [str(row[0]) for row in rows]

    async def erase(self, report_id: UUID) -> bool:
        # Screenshots, audit, case log, threads, card token and form go with the report (ON DELETE CASCADE).
        async with self._database.transaction() as db:
            await db.execute(delete(outbox).where(message_field(db, "report_id") == str(report_id)))
            result = await db.execute(delete(report).where(report.c.id == report_id))
            return bool(result.rowcount)

    async def purge_stale(
        self, forms_before: datetime, refusals_before: datetime, message_forms_before: datetime | None = None
    ) -> int:
        with_message = report_form.c.message.is_not(None) & (
            report_form.c.created_at < (message_forms_before or forms_before)
        )
        async with self._database.transaction() as db:
            forms = await db.execute(
                delete(report_form).where(
                    report_form.c.report_id.is_(None),
                    (report_form.c.created_at < forms_before) | with_message,
                )
            )
            refusals = await db.execute(
                delete(audit).where(
                    audit.c.report_id.is_(None), audit.c.accepted.is_(False), audit.c.at < refusals_before
                )
            )
            return int(forms.rowcount) + int(refusals.rowcount)
