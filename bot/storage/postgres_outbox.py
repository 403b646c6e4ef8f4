"""The PostgreSQL outbox: several instances share it through `FOR UPDATE SKIP LOCKED` and a lease that the
sending worker renews, so each message is sent by one instance at a time."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import asyncpg

from bot.reports.model import OutboxDraft, OutboxMessage, OutboxStatus
from bot.storage.base import CLAIM_LEASE, OutboxBacklog
from bot.storage.columns import OUTBOX_COLUMNS, SELECT_OUTBOX
from bot.storage.postgres_reports import insert_outbox

# The oldest pending message of each conversation, if due; rows another instance is claiming are skipped.
CLAIM_OUTBOX = (
    "UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $1, claimed_by = $4"  # noqa: S608
    " WHERE id IN (SELECT o.id FROM outbox o"
    "   WHERE o.status = 'pending' AND o.next_attempt_at <= $2"
    "   AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.conversation_key = o.conversation_key"
    "                   AND p.status = 'pending' AND p.id < o.id)"
    "   ORDER BY o.id LIMIT $3 FOR UPDATE SKIP LOCKED)"
    f" RETURNING {OUTBOX_COLUMNS}"
)
# Matches every message when both filters are NULL.
REQUEUE = (
    "UPDATE outbox SET next_attempt_at = $1, claimed_by = NULL,"
    " attempts = CASE WHEN status = 'dead' THEN 0 ELSE attempts END, status = 'pending'"
    " WHERE (status = 'dead' OR (status = 'pending' AND claimed_by IS NULL AND next_attempt_at > $1))"
    " AND ($2::text IS NULL OR conversation_key = $2)"
    " AND ($3::bigint[] IS NULL OR id = ANY($3))"
    " RETURNING id"
)


def outbox_from_row(row: asyncpg.Record) -> OutboxMessage:
    return OutboxMessage.model_validate(dict(row))


class PostgresOutboxStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def enqueue(self, drafts: list[OutboxDraft]) -> None:
        async with self._pool.acquire() as connection, connection.transaction():
            await insert_outbox(connection, drafts, datetime.now(UTC))

    async def claim_due(
        self, limit: int, now: datetime, lease: timedelta = CLAIM_LEASE, owner: str | None = None
    ) -> list[OutboxMessage]:
        rows = await self._pool.fetch(CLAIM_OUTBOX, now + lease, now, limit, owner)
        return sorted((outbox_from_row(row) for row in rows), key=lambda m: m.id)

    async def renew(self, message_id: int, owner: str, until: datetime) -> bool:
        status = await self._pool.execute(
            "UPDATE outbox SET next_attempt_at = $2 WHERE id = $1 AND claimed_by = $3 AND status = 'pending'",
            message_id,
            until,
            owner,
        )
        return bool(status != "UPDATE 0")

    async def mark_sent(self, message_id: int) -> None:
        await self._pool.execute(
            "UPDATE outbox SET status = 'sent', last_error = NULL, claimed_by = NULL WHERE id = $1",
            message_id,
        )

    async def retry_later(self, message_id: int, next_attempt_at: datetime, error: str) -> None:
        await self._pool.execute(
            "UPDATE outbox SET next_attempt_at = $2, last_error = $3, claimed_by = NULL WHERE id = $1",
            message_id,
            next_attempt_at,
            error,
        )

    async def mark_dead(self, message_id: int, error: str) -> None:
        await self._pool.execute(
            "UPDATE outbox SET status = 'dead', last_error = $2, claimed_by = NULL WHERE id = $1",
            message_id,
            error,
        )

    async def dead_count(self) -> int:
        return int(await self._pool.fetchval("SELECT COUNT(*) FROM outbox WHERE status = 'dead'"))

    async def backlog(self, conversation_key: str | None = None) -> OutboxBacklog:
        row = await self._pool.fetchrow(
            "SELECT COUNT(*) FILTER (WHERE status = 'pending') AS pending,"
            " MIN(created_at) FILTER (WHERE status = 'pending') AS oldest_pending_at,"
            " COUNT(*) FILTER (WHERE status = 'dead') AS dead"
            " FROM outbox WHERE status IN ('pending', 'dead')"
            " AND ($1::text IS NULL OR conversation_key = $1)",
            conversation_key,
        )
        return OutboxBacklog.model_validate(dict(row))

    async def messages(self, conversation_key: str) -> list[OutboxMessage]:
        rows = await self._pool.fetch(
            SELECT_OUTBOX + " WHERE conversation_key = $1 ORDER BY id", conversation_key
        )
        return [outbox_from_row(row) for row in rows]

    async def listing(self, statuses: Sequence[OutboxStatus], limit: int = 100) -> list[OutboxMessage]:
        rows = await self._pool.fetch(
            SELECT_OUTBOX + " WHERE status = ANY($1::text[]) ORDER BY id LIMIT $2", list(statuses), limit
        )
        return [outbox_from_row(row) for row in rows]

    async def message(self, message_id: int) -> OutboxMessage | None:
        row = await self._pool.fetchrow(SELECT_OUTBOX + " WHERE id = $1", message_id)
        return outbox_from_row(row) if row else None

    async def requeue(
        self, now: datetime, *, conversation_key: str | None = None, ids: Sequence[int] | None = None
    ) -> list[int]:
        rows = await self._pool.fetch(REQUEUE, now, conversation_key, list(ids) if ids is not None else None)
        return sorted(int(row["id"]) for row in rows)
