"""Report forms, screenshots, and what privacy law asks of the data: retention purge, erasure, finding a case
for an inzageverzoek."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal
from uuid import UUID

from sqlalchemy import Text, bindparam, delete, func, literal_column, select
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from bot.reporting.model import Attachment, AttachmentDraft, ReportForm
from bot.reports.model import Report
from bot.storage.sql.database import Area, read, statement, write
from bot.storage.sql.reports import MARK_FORM_USED, SELECT_REPORT
from bot.storage.sql.rows import case_must_exist, every, first, insert_audit, insert_of
from bot.storage.sql.schema import audit, outbox, report, report_attachment, report_form

GET_FORM = select(report_form).where(report_form.c.token == bindparam("token"))
ATTACHMENT_COLUMNS = [column for column in report_attachment.c if column.name != "data"]


def message_field(db: Connection, name: Literal["report_id", "question_id"]) -> ColumnElement[Any]:
    """The outbox message's id field `name`, as each dialect reads JSON (on PostgreSQL, written as the
    expression indexes outbox_report and outbox_question are, so they are used)."""
    if db.dialect.name == "postgresql":
        return outbox.c.message.op("->>", return_type=Text())(literal_column(f"'{name}'"))
    return func.json_extract(outbox.c.message, f"$.{name}")


class ReportingStore(Area):
    @statement
    def issue_form(self, db: Connection, form: ReportForm) -> None:
        """Remember a report card the bot is about to send (token → user, school, time)."""
        db.execute(insert_of(report_form), form.model_dump(exclude={"report_id"}))

    @read
    def form(self, db: Connection, token: str) -> ReportForm | None:
        return first(db, ReportForm, GET_FORM, {"token": token})

    @statement
    def mark_form_used(self, db: Connection, token: str, report_id: UUID) -> None:
        """Link a form to its report (`ReportStore.submit` does this itself for the form of its key)."""
        db.execute(MARK_FORM_USED, {"form_token": token, "used_by": report_id})

    @write
    def add_attachment(self, db: Connection, draft: AttachmentDraft) -> Attachment:
        """Store the screenshot with its case and an audit entry (ids and sizes only), in one transaction.
        Raises ReportNotFoundError when the case is gone."""
        values = {
            **draft.model_dump(exclude={"data"}),
            "size": len(draft.data),
            "created_at": datetime.now(UTC),
        }
        with case_must_exist(draft.report_id):
            inserted = db.execute(insert_of(report_attachment, "id"), {**values, "data": draft.data})
        attachment = Attachment(**values, id=inserted.scalar_one())
        detail = {"attachment": attachment.id, "bytes": attachment.size}
        insert_audit(db, draft.report_id, draft.uploader_key, "screenshot", True, detail)
        return attachment

    @read
    def attachments(self, db: Connection, report_id: UUID) -> list[Attachment]:
        """Oldest first, without bytes."""
        query = select(*ATTACHMENT_COLUMNS).where(report_attachment.c.report_id == report_id)
        return every(db, Attachment, query.order_by(report_attachment.c.id))

    @read
    def attachment_data(self, db: Connection, attachment_id: int) -> bytes | None:
        data = db.execute(
            select(report_attachment.c.data).where(report_attachment.c.id == attachment_id)
        ).scalar()
        return None if data is None else bytes(data)

    @read
    def find_cases(self, db: Connection, case_number: str) -> list[Report]:
        """Every case with this number (case numbers are per school), by school."""
        return every(
            db, Report, SELECT_REPORT.where(report.c.case_number == case_number).order_by(report.c.school)
        )

    @read
    def reports_between(self, db: Connection, school: str, start: datetime, end: datetime) -> list[Report]:
        """Reports of the school created in [start, end), oldest first (for statistics)."""
        query = SELECT_REPORT.where(
            report.c.school == school, report.c.created_at >= start, report.c.created_at < end
        )
        return every(db, Report, query.order_by(report.c.created_at, report.c.case_number))

    @read
    def closed_before(self, db: Connection, school: str | None, cutoff: datetime) -> list[UUID]:
        """Closed cases whose last change is before `cutoff` (of one school, or of every school)."""
        query = select(report.c.id).where(report.c.status == "afgesloten", report.c.updated_at < cutoff)
        if school is not None:
            query = query.where(report.c.school == school)
        return list(db.execute(query.order_by(report.c.updated_at)).scalars())

    @read
    def schools(self, db: Connection) -> list[str]:
        """Every school that has a report."""
        return list(db.execute(select(report.c.school).distinct().order_by(report.c.school)).scalars())

    @write
    def erase(self, db: Connection, report_id: UUID) -> bool:
        """Delete the case for good: report, screenshots, audit trail, case log, threads, its outbox
        messages and its form token. False when there was no such case."""
        # All but the outbox messages go with the report (ON DELETE CASCADE).
        db.execute(delete(outbox).where(message_field(db, "report_id") == str(report_id)))
        return bool(db.execute(delete(report).where(report.c.id == report_id)).rowcount)

    @write
    def purge_stale(
        self,
        db: Connection,
        forms_before: datetime,
        refusals_before: datetime,
        message_forms_before: datetime | None = None,
    ) -> int:
        """Delete unused forms issued before `forms_before` (those holding a reported message already before
        `message_forms_before`: an abandoned dialog keeps nobody's message long) and audit entries of refused
        actions that name no case, older than `refusals_before`. Returns how many rows went."""
        unused = report_form.c.report_id.is_(None)
        with_message = report_form.c.message.is_not(None) & (
            report_form.c.created_at < (message_forms_before or forms_before)
        )
        forms = db.execute(
            delete(report_form).where(unused, (report_form.c.created_at < forms_before) | with_message)
        )
        refused = audit.c.report_id.is_(None), audit.c.accepted.is_(False), audit.c.at < refusals_before
        refusals = db.execute(delete(audit).where(*refused))
        return int(forms.rowcount) + int(refusals.rowcount)
