"""SQLite leadership state: channels, escalation threads, card tokens and the case log."""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from bot.leadership.model import CaseEntry, CaseEntryDraft, ChannelRegistration, EscalationThread
from bot.reports.model import OutboxDraft
from bot.storage.errors import QuestionClosedError, ReportNotFoundError
from bot.storage.memory_leadership import new_card_token
from bot.storage.sqlite import SqliteDatabase, from_text, to_text
from bot.storage.sqlite_reports import as_dict, insert_audit, insert_entry, insert_outbox

CHANNEL_COLUMNS = "school, route, conversation, team_id, registered_by, registered_at"
THREAD_COLUMNS = "report_id, route, conversation, activity_id, created_at"
ENTRY_COLUMNS = "id, report_id, kind, author_key, text, code, token, reply_to, answered, at"


def _channel(row: Any) -> ChannelRegistration:
    values = as_dict(row)
    values["conversation"] = json.loads(values["conversation"])
    values["registered_at"] = from_text(values["registered_at"])
    return ChannelRegistration.model_validate(values)


def _thread(row: Any) -> EscalationThread:
    values = as_dict(row)
    values["conversation"] = json.loads(values["conversation"])
    values["created_at"] = from_text(values["created_at"])
    return EscalationThread.model_validate(values)


def _entry(row: Any) -> CaseEntry:
    values = as_dict(row)
    values["answered"] = bool(values["answered"])
    values["at"] = from_text(values["at"])
    return CaseEntry.model_validate(values)


class SqliteLeadershipStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def register_channel(self, registration: ChannelRegistration) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                f"INSERT INTO leadership_channel ({CHANNEL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)"  # noqa: S608
                " ON CONFLICT (school, route) DO UPDATE SET conversation = excluded.conversation,"
                " team_id = excluded.team_id, registered_by = excluded.registered_by,"
                " registered_at = excluded.registered_at",
                (
                    registration.school,
                    registration.route,
                    json.dumps(registration.conversation),
                    registration.team_id,
                    registration.registered_by,
                    to_text(registration.registered_at),
                ),
            )
            detail = {"school": registration.school, "route": registration.route}
            await insert_audit(db, None, registration.registered_by, "kanaal_registreren", True, detail)

    async def channel(self, school: str, route: str) -> ChannelRegistration | None:
        row = await self._database.fetchone(
            f"SELECT {CHANNEL_COLUMNS} FROM leadership_channel WHERE school = ? AND route = ?",  # noqa: S608
            (school, route),
        )
        return _channel(row) if row else None

    async def channels(self) -> list[ChannelRegistration]:
        rows = await self._database.fetchall(
            f"SELECT {CHANNEL_COLUMNS} FROM leadership_channel ORDER BY school, route"  # noqa: S608
        )
        return [_channel(row) for row in rows]

    async def set_escalation(self, thread: EscalationThread) -> None:
        async with self._database.transaction() as db:
            async with db.execute("SELECT 1 FROM report WHERE id = ?", (str(thread.report_id),)) as cursor:
                if await cursor.fetchone() is None:
                    raise ReportNotFoundError(str(thread.report_id))
            await db.execute(
                f"INSERT INTO escalation_thread ({THREAD_COLUMNS}) VALUES (?, ?, ?, ?, ?)"  # noqa: S608
                " ON CONFLICT (report_id, route) DO UPDATE SET conversation = excluded.conversation,"
                " activity_id = excluded.activity_id, created_at = excluded.created_at",
                (
                    str(thread.report_id),
                    thread.route,
                    json.dumps(thread.conversation),
                    thread.activity_id,
                    to_text(thread.created_at),
                ),
            )

    async def escalations(self, report_id: UUID) -> list[EscalationThread]:
        rows = await self._database.fetchall(
            f"SELECT {THREAD_COLUMNS} FROM escalation_thread WHERE report_id = ? ORDER BY route",  # noqa: S608
            (str(report_id),),
        )
        return [_thread(row) for row in rows]

    async def card_token(self, report_id: UUID, version: int) -> str:
        async with self._database.transaction() as db:
            async with db.execute("SELECT 1 FROM report WHERE id = ?", (str(report_id),)) as cursor:
                if await cursor.fetchone() is None:
                    raise ReportNotFoundError(str(report_id))
            async with db.execute(
                "SELECT version, token FROM case_card WHERE report_id = ?", (str(report_id),)
            ) as cursor:
                row = await cursor.fetchone()
            if row is not None and int(row[0]) == version:
                return str(row[1])
            if row is not None and int(row[0]) > version:
                return new_card_token()  # a stale render: its buttons must not work, nor undo the newer card
            token = new_card_token()
            await db.execute(
                "INSERT INTO case_card (report_id, version, token) VALUES (?, ?, ?)"
                " ON CONFLICT (report_id) DO UPDATE SET version = excluded.version, token = excluded.token",
                (str(report_id), version, token),
            )
            return token

    async def card_version(self, report_id: UUID, token: str) -> int | None:
        row = await self._database.fetchone(
            "SELECT version, token FROM case_card WHERE report_id = ?", (str(report_id),)
        )
        if row is None or not secrets.compare_digest(str(row[1]), token):
            return None
        return int(row[0])

    async def add_entry(self, draft: CaseEntryDraft, outbox: list[OutboxDraft]) -> CaseEntry:
        now = datetime.now(UTC)
        async with self._database.transaction() as db:
            async with db.execute("SELECT 1 FROM report WHERE id = ?", (str(draft.report_id),)) as cursor:
                if await cursor.fetchone() is None:
                    raise ReportNotFoundError(str(draft.report_id))
            if draft.reply_to is not None:
                cursor = await db.execute(
                    "UPDATE case_entry SET answered = 1 WHERE id = ? AND report_id = ? AND kind = 'vraag'"
                    " AND answered = 0",
                    (draft.reply_to, str(draft.report_id)),
                )
                if cursor.rowcount != 1:
                    raise QuestionClosedError(str(draft.reply_to))
            entry = await insert_entry(db, draft, now)
            await insert_outbox(db, outbox, now)
        return entry

    async def entries(self, report_id: UUID) -> list[CaseEntry]:
        rows = await self._database.fetchall(
            f"SELECT {ENTRY_COLUMNS} FROM case_entry WHERE report_id = ? ORDER BY id",  # noqa: S608
            (str(report_id),),
        )
        return [_entry(row) for row in rows]
