"""The throwaway store of turn and HTTP tests: the one SQL store on SQLite in memory, migrated like a file."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.reports.model import AuditEntry, OutboxDraft
from bot.storage import Store, open_store
from bot.storage.sql.reports import SELECT_AUDIT, audit_from_row
from bot.storage.sql.schema import audit

MEMORY_URL = "sqlite:///:memory:"


async def memory_store() -> Store:
    """A fresh, empty store; the caller closes it."""
    return await open_store(MEMORY_URL)


@asynccontextmanager
async def throwaway_store() -> AsyncIterator[Store]:
    store = await memory_store()
    try:
        yield store
    finally:
        await store.close()


async def audit_rows(store: Store) -> list[AuditEntry]:
    """Every audit entry, oldest first, refusals that name no case too (the store reads only a case's)."""
    database = store._database  # type: ignore[attr-defined]
    rows = await database.rows(SELECT_AUDIT.order_by(audit.c.id))
    return [audit_from_row(row) for row in rows]


def payload(message: OutboxDraft) -> dict[str, Any]:
    """An outbox message's payload as it is stored (JSON, no null members)."""
    return message.message.model_dump(mode="json", exclude_none=True)
