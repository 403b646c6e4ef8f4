"""SQLite open cases and reminders: one query for the overview, one transaction per reminder."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from bot.leadership.model import LEADER_ACTIONS, OpenCase
from bot.reports.model import OutboxDraft
from bot.storage.columns import REPORT_COLUMNS
from bot.storage.overview import REMINDER_ACTION, REMINDER_ACTOR
from bot.storage.sqlite import SqliteDatabase, from_text
from bot.storage.sqlite_reports import as_dict, insert_audit, insert_outbox, report_from_values

_ACTIONS = ", ".join(f"'{action}'" for action in LEADER_ACTIONS)  # constants, never input
OPEN_CASES = (
    f"SELECT {REPORT_COLUMNS},"  # noqa: S608 - built from constants
    " (SELECT MAX(a.at) FROM audit a WHERE a.report_id = report.id AND a.accepted = 1"
    f"  AND a.action IN ({_ACTIONS})) AS last_leader_action_at,"
    " (SELECT MAX(e.at) FROM case_entry e WHERE e.report_id = report.id AND e.kind = 'antwoord')"
    "  AS last_answer_at,"
    " (SELECT COUNT(*) FROM case_entry e WHERE e.report_id = report.id AND e.kind = 'vraag'"
    "  AND e.answered = 0) AS open_questions"
    " FROM report WHERE school = ? AND status != 'afgesloten' ORDER BY created_at, case_number"
)
EXTRA = ("last_leader_action_at", "last_answer_at", "open_questions")


class SqliteOverviewStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def open_cases(self, school: str) -> list[OpenCase]:
        found = []
        for row in await self._database.fetchall(OPEN_CASES, (school,)):
            values = as_dict(row)
            leader, answer, questions = (values.pop(name) for name in EXTRA)
            found.append(
                OpenCase(
                    report=report_from_values(values),
                    last_leader_action_at=from_text(leader) if leader else None,
                    last_answer_at=from_text(answer) if answer else None,
                    open_questions=int(questions),
                )
            )
        return found

    async def remind(self, report_id: UUID, day: date, outbox: list[OutboxDraft]) -> bool:
        async with self._database.transaction() as db:
            async with db.execute("SELECT 1 FROM report WHERE id = ?", (str(report_id),)) as cursor:
                if await cursor.fetchone() is None:
                    return False
            cursor = await db.execute(
                "INSERT INTO case_reminder (report_id, day) VALUES (?, ?)"
                " ON CONFLICT (report_id) DO UPDATE SET day = excluded.day"
                " WHERE case_reminder.day < excluded.day",
                (str(report_id), day.isoformat()),
            )
            if cursor.rowcount != 1:
                return False
            detail = {"day": day.isoformat()}
            await insert_audit(db, report_id, REMINDER_ACTOR, REMINDER_ACTION, True, detail)
            await insert_outbox(db, outbox, datetime.now(UTC))
            return True
