"""PostgreSQL leadership state: channels, escalation threads, card tokens and the case log."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from uuid import UUID

import asyncpg

from bot.leadership.model import CaseEntry, CaseEntryDraft, ChannelRegistration, EscalationThread
from bot.reports.model import OutboxDraft
from bot.storage.errors import QuestionClosedError, ReportNotFoundError
from bot.storage.memory_leadership import new_card_token
from bot.storage.postgres_reports import insert_audit, insert_entry, insert_outbox

CHANNEL_COLUMNS = "school, route, conversation, team_id, registered_by, registered_at"
THREAD_COLUMNS = "report_id, route, conversation, activity_id, created_at"
ENTRY_COLUMNS = "id, report_id, kind, author_key, text, code, token, reply_to, answered, at"


class PostgresLeadershipStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def register_channel(self, registration: ChannelRegistration) -> None:
        async with self._pool.acquire() as connection, connection.transaction():
            await connection.execute(
                f"INSERT INTO leadership_channel ({CHANNEL_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"  # noqa: S608
                " ON CONFLICT (school, route) DO UPDATE SET conversation = excluded.conversation,"
                " team_id = excluded.team_id, registered_by = excluded.registered_by,"
                " registered_at = excluded.registered_at",
                registration.school,
                registration.route,
                registration.conversation,
                registration.team_id,
                registration.registered_by,
                registration.registered_at,
            )
            detail = {"school": registration.school, "route": registration.route}
            await insert_audit(
                connection, None, registration.registered_by, "kanaal_registreren", True, detail
            )

    async def channel(self, school: str, route: str) -> ChannelRegistration | None:
        row = await self._pool.fetchrow(
            f"SELECT {CHANNEL_COLUMNS} FROM leadership_channel WHERE school = $1 AND route = $2",  # noqa: S608
            school,
            route,
        )
        return ChannelRegistration.model_validate(dict(row)) if row else None

    async def channels(self) -> list[ChannelRegistration]:
        rows = await self._pool.fetch(
            f'SELECT {CHANNEL_COLUMNS} FROM leadership_channel ORDER BY school COLLATE "C", route COLLATE "C"'  # noqa: S608
        )
        return [ChannelRegistration.model_validate(dict(row)) for row in rows]

    async def set_escalation(self, thread: EscalationThread) -> None:
        async with self._pool.acquire() as connection, connection.transaction():
            if await connection.fetchval("SELECT 1 FROM report WHERE id = $1", thread.report_id) is None:
                raise ReportNotFoundError(str(thread.report_id))
            await connection.execute(
                f"INSERT INTO escalation_thread ({THREAD_COLUMNS}) VALUES ($1, $2, $3, $4, $5)"  # noqa: S608
                " ON CONFLICT (report_id, route) DO UPDATE SET conversation = excluded.conversation,"
                " activity_id = excluded.activity_id, created_at = excluded.created_at",
                thread.report_id,
                thread.route,
                thread.conversation,
                thread.activity_id,
                thread.created_at,
            )

    async def escalations(self, report_id: UUID) -> list[EscalationThread]:
        rows = await self._pool.fetch(
            f'SELECT {THREAD_COLUMNS} FROM escalation_thread WHERE report_id = $1 ORDER BY route COLLATE "C"',  # noqa: S608
            report_id,
        )
        return [EscalationThread.model_validate(dict(row)) for row in rows]

    async def card_token(self, report_id: UUID, version: int) -> str:
        async with self._pool.acquire() as connection, connection.transaction():
            if await connection.fetchval("SELECT 1 FROM report WHERE id = $1 FOR UPDATE", report_id) is None:
                raise ReportNotFoundError(str(report_id))
            row = await connection.fetchrow(
                "SELECT version, token FROM case_card WHERE report_id = $1", report_id
            )
            if row is not None and int(row["version"]) == version:
                return str(row["token"])
            if row is not None and int(row["version"]) > version:
                return new_card_token()  # a stale render: its buttons must not work, nor undo the newer card
            token = new_card_token()
            await connection.execute(
                "INSERT INTO case_card (report_id, version, token) VALUES ($1, $2, $3)"
                " ON CONFLICT (report_id) DO UPDATE SET version = excluded.version, token = excluded.token",
                report_id,
                version,
                token,
            )
            return token

    async def card_version(self, report_id: UUID, token: str) -> int | None:
        row = await self._pool.fetchrow(
            "SELECT version, token FROM case_card WHERE report_id = $1", report_id
        )
        if row is None or not secrets.compare_digest(str(row["token"]), token):
            return None
        return int(row["version"])

    async def add_entry(self, draft: CaseEntryDraft, outbox: list[OutboxDraft]) -> CaseEntry:
        now = datetime.now(UTC)
        async with self._pool.acquire() as connection, connection.transaction():
            if await connection.fetchval("SELECT 1 FROM report WHERE id = $1", draft.report_id) is None:
                raise ReportNotFoundError(str(draft.report_id))
            if draft.reply_to is not None:
                marked = await connection.fetchval(
                    "UPDATE case_entry SET answered = TRUE"
                    " WHERE id = $1 AND report_id = $2 AND kind = 'vraag'"
                    " AND NOT answered RETURNING id",
                    draft.reply_to,
                    draft.report_id,
                )
                if marked is None:
                    raise QuestionClosedError(str(draft.reply_to))
            entry = await insert_entry(connection, draft, now)
            await insert_outbox(connection, outbox, now)
        return entry

    async def entries(self, report_id: UUID) -> list[CaseEntry]:
        rows = await self._pool.fetch(
            f"SELECT {ENTRY_COLUMNS} FROM case_entry WHERE report_id = $1 ORDER BY id",  # noqa: S608
            report_id,
        )
        return [CaseEntry.model_validate(dict(row)) for row in rows]
