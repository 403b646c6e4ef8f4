"""The leaders' overview: the open cases with how they were handled (one query), and the daily reminder on a
case nobody touched (one transaction per reminder)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from bot.leadership.model import LEADER_ACTIONS, OpenCase
from bot.reports.model import OutboxDraft, Report
from bot.storage.sql.database import Area, read, write
from bot.storage.sql.reports import SELECT_REPORT
from bot.storage.sql.rows import insert_audit, insert_outbox, present, replace_if_newer
from bot.storage.sql.schema import audit, case_entry, case_reminder, report

REMINDER_ACTOR = "magdit"  # the audit trail's actor for what the bot did on its own
REMINDER_ACTION = "herinnering"
LAST_LEADER_ACTION = (
    select(func.max(audit.c.at))
    .where(audit.c.report_id == report.c.id, audit.c.accepted.is_(True), audit.c.action.in_(LEADER_ACTIONS))
    .scalar_subquery()
)
LAST_ANSWER = (
    select(func.max(case_entry.c.at))
    .where(case_entry.c.report_id == report.c.id, case_entry.c.kind == "antwoord")
    .scalar_subquery()
)
OPEN_QUESTIONS = (
    select(func.count())
    .where(
        case_entry.c.report_id == report.c.id, case_entry.c.kind == "vraag", case_entry.c.answered.is_(False)
    )
    .scalar_subquery()
)
EXTRA = ("last_leader_action_at", "last_answer_at", "open_questions")
OPEN_CASES = SELECT_REPORT.add_columns(
    LAST_LEADER_ACTION.label("last_leader_action_at"),
    LAST_ANSWER.label("last_answer_at"),
    OPEN_QUESTIONS.label("open_questions"),
)


class OverviewStore(Area):
    @read
    def open_cases(self, db: Connection, school: str) -> list[OpenCase]:
        """The school's cases that are not closed, oldest first, each with when a leader last acted on it
        (an accepted `LEADER_ACTIONS` entry in its audit trail), when the reporter last answered a question,
        and how many of the leaders' questions wait for an answer."""
        query = OPEN_CASES.where(report.c.school == school, report.c.status != "afgesloten")
        found = []
        for row in db.execute(query.order_by(report.c.created_at, report.c.case_number)):
            values = dict(row._mapping)
            handling = {name: values.pop(name) for name in EXTRA}
            found.append(OpenCase(report=Report.model_validate(values), **handling))
        return found

    @write
    def remind(self, db: Connection, report_id: UUID, day: date, outbox: list[OutboxDraft]) -> bool:
        """Record that the case was reminded on `day` (the school's date), with an audit entry, and enqueue
        `outbox`, in one transaction. False, and nothing written, when it was reminded on that day or later
        already, or the case is gone: one reminder a day per case, however many instances ask."""
        if not present(db, report.c.id, report_id):
            return False
        if not replace_if_newer(db, case_reminder, {"report_id": report_id, "day": day}, "report_id", "day"):
            return False
        insert_audit(db, report_id, REMINDER_ACTOR, REMINDER_ACTION, True, {"day": day.isoformat()})
        insert_outbox(db, outbox, datetime.now(UTC))
        return True
