"""PostgreSQL open cases and reminders: one query for the overview, one transaction per reminder."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

import asyncpg

from bot.leadership.model import LEADER_ACTIONS, OpenCase
from bot.reports.model import OutboxDraft, Report
from bot.storage.columns import REPORT_COLUMNS
from bot.storage.overview import REMINDER_ACTION, REMINDER_ACTOR
from bot.storage.postgres_reports import insert_audit, insert_outbox

OPEN_CASES = (
    f"SELECT {REPORT_COLUMNS},"  # noqa: S608 - built from constants
    " (SELECT MAX(a.at) FROM audit a WHERE a.report_id = report.id AND a.accepted"
    "  AND a.action = ANY($2::text[])) AS last_leader_action_at,"
    " (SELECT MAX(e.at) FROM case_entry e WHERE e.report_id = report.id AND e.kind = 'antwoord')"
    "  AS last_answer_at,"
    " (SELECT COUNT(*) FROM case_entry e WHERE e.report_id = report.id AND e.kind = 'vraag'"
    "  AND NOT e.answered) AS open_questions"
    " FROM report WHERE school = $1 AND status <> 'afgesloten' ORDER BY created_at, case_number COLLATE \"C\""
)
EXTRA = ("last_leader_action_at", "last_answer_at", "open_questions")


class PostgresOverviewStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def open_cases(self, school: str) -> list[OpenCase]:
        found = []
        for row in await self._pool.fetch(OPEN_CASES, school, list(LEADER_ACTIONS)):
            values = dict(row)
            leader, answer, questions = (values.pop(name) for name in EXTRA)
            found.append(
                OpenCase(
                    report=Report.model_validate(values),
                    last_leader_action_at=leader,
                    last_answer_at=answer,
                    open_questions=int(questions),
                )
            )
        return found

    async def remind(self, report_id: UUID, day: date, outbox: list[OutboxDraft]) -> bool:
        async with self._pool.acquire() as connection, connection.transaction():
            if await connection.fetchval("SELECT 1 FROM report WHERE id = $1", report_id) is None:
                return False
            changed = await connection.fetchval(
                "INSERT INTO case_reminder (report_id, day) VALUES ($1, $2)"
                " ON CONFLICT (report_id) DO UPDATE SET day = excluded.day"
                " WHERE case_reminder.day < excluded.day"
                " RETURNING report_id",
                report_id,
                day,
            )
            if changed is None:
                return False
            detail = {"day": day.isoformat()}
            await insert_audit(connection, report_id, REMINDER_ACTOR, REMINDER_ACTION, True, detail)
            await insert_outbox(connection, outbox, datetime.now(UTC))
            return True
