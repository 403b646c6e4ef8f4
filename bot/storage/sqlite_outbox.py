"""The SQLite outbox: claims, outcomes, the backlog and requeueing, each one BEGIN IMMEDIATE transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.reports.model import OutboxDraft, OutboxMessage, OutboxStatus
from bot.storage.base import CLAIM_LEASE, OutboxBacklog
from bot.storage.columns import OUTBOX_COLUMNS, SELECT_OUTBOX
from bot.storage.sqlite import SqliteDatabase, from_text, to_text
from bot.storage.sqlite_reports import insert_outbox

# The oldest pending message of each conversation, if due; FIFO per conversation.
CLAIM_OUTBOX = (
    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = ?, claimed_by = ?"  # noqa: S608
    " WHERE id IN (SELECT o.id FROM outbox o"
    "   WHERE o.status = 'pending' AND o.next_attempt_at <= ?"
    "   AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.conversation_key = o.conversation_key"
    "                   AND p.status = 'pending' AND p.id < o.id)"
    "   ORDER BY o.id LIMIT ?)"
    f" RETURNING {OUTBOX_COLUMNS}"
)
# Matches every message when both filters are NULL; `ids` is a JSON array.
REQUEUE = (
    "UPDATE outbox SET next_attempt_at = ?, claimed_by = NULL,"
    " attempts = CASE WHEN status = 'dead' THEN 0 ELSE attempts END, status = 'pending'"
    " WHERE (status = 'dead' OR (status = 'pending' AND claimed_by IS NULL AND next_attempt_at > ?))"
    " AND (? IS NULL OR conversation_key = ?)"
    " AND (? IS NULL OR id IN (SELECT value FROM json_each(?)))"
    " RETURNING id"
)


def outbox_from_row(row: sqlite3.Row) -> OutboxMessage:
    values = {key: row[key] for key in row.keys()}  # noqa: SIM118 - sqlite3.Row is not a mapping
    values["message"] = json.loads(values["message"])
    return OutboxMessage.model_validate(values)


class SqliteOutboxStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def enqueue(self, drafts: list[OutboxDraft]) -> None:
        async with self._database.transaction() as db:
            await insert_outbox(db, drafts, datetime.now(UTC))

    async def claim_due(
        self, limit: int, now: datetime, lease: timedelta = CLAIM_LEASE, owner: str | None = None
    ) -> list[OutboxMessage]:
        # BEGIN IMMEDIATE holds the write lock: no other process claims between the SELECT and the UPDATE.
        async with (
            self._database.transaction() as db,
            db.execute(CLAIM_OUTBOX, (to_text(now + lease), owner, to_text(now), limit)) as cursor,
        ):
            rows = await cursor.fetchall()
        return sorted((outbox_from_row(row) for row in rows), key=lambda m: m.id)

    async def renew(self, message_id: int, owner: str, until: datetime) -> bool:
        async with self._database.transaction() as db:
            cursor = await db.execute(
                "UPDATE outbox SET next_attempt_at = ?"
                " WHERE id = ? AND claimed_by = ? AND status = 'pending'",
                (to_text(until), message_id, owner),
            )
            return cursor.rowcount > 0

    async def mark_sent(self, message_id: int) -> None:
        await self._set(message_id, "status = 'sent', last_error = NULL", ())

    async def retry_later(self, message_id: int, next_attempt_at: datetime, error: str) -> None:
        await self._set(message_id, "next_attempt_at = ?, last_error = ?", (to_text(next_attempt_at), error))

    async def mark_dead(self, message_id: int, error: str) -> None:
        await self._set(message_id, "status = 'dead', last_error = ?", (error,))

    async def dead_count(self) -> int:
        row = await self._database.fetchone("SELECT COUNT(*) FROM outbox WHERE status = 'dead'")
        return int(row[0]) if row else 0

    async def backlog(self, conversation_key: str | None = None) -> OutboxBacklog:
        row = await self._database.fetchone(
            "SELECT COUNT(*) FILTER (WHERE status = 'pending'),"
            " MIN(created_at) FILTER (WHERE status = 'pending'),"
            " COUNT(*) FILTER (WHERE status = 'dead')"
            " FROM outbox WHERE status IN ('pending', 'dead') AND (? IS NULL OR conversation_key = ?)",
            (conversation_key, conversation_key),
        )
        assert row is not None  # noqa: S101 - an aggregate always yields a row
        oldest = from_text(row[1]) if row[1] else None
        return OutboxBacklog(pending=int(row[0]), oldest_pending_at=oldest, dead=int(row[2]))

    async def messages(self, conversation_key: str) -> list[OutboxMessage]:
        rows = await self._database.fetchall(
            SELECT_OUTBOX + " WHERE conversation_key = ? ORDER BY id", (conversation_key,)
        )
        return [outbox_from_row(row) for row in rows]

    async def listing(self, statuses: Sequence[OutboxStatus], limit: int = 100) -> list[OutboxMessage]:
        rows = await self._database.fetchall(
            SELECT_OUTBOX + " WHERE status IN (SELECT value FROM json_each(?)) ORDER BY id LIMIT ?",  # noqa: S608
            (json.dumps(list(statuses)), limit),
        )
        return [outbox_from_row(row) for row in rows]

    async def message(self, message_id: int) -> OutboxMessage | None:
        row = await self._database.fetchone(SELECT_OUTBOX + " WHERE id = ?", (message_id,))
        return outbox_from_row(row) if row else None

    async def requeue(
        self, now: datetime, *, conversation_key: str | None = None, ids: Sequence[int] | None = None
    ) -> list[int]:
        wanted = json.dumps(list(ids)) if ids is not None else None
        parameters = (to_text(now), to_text(now), conversation_key, conversation_key, wanted, wanted)
        async with self._database.transaction() as db, db.execute(REQUEUE, parameters) as cursor:
            rows = await cursor.fetchall()
        return sorted(int(row[0]) for row in rows)

    async def _set(self, message_id: int, assignments: str, parameters: tuple[object, ...]) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                f"UPDATE outbox SET {assignments}, claimed_by = NULL WHERE id = ?",  # noqa: S608
                (*parameters, message_id),
            )
