"""The throwaway store of turn and HTTP tests: the one SQL store on SQLite in memory, migrated like a file."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import Executable, text

from bot.reports.model import AuditEntry, OutboxDraft
from bot.storage import Store, open_store
from bot.storage.sql.reports import SELECT_AUDIT
from bot.storage.sql.rows import every
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
    database = store.database
    return await database.run(
        lambda db: every(db, AuditEntry, SELECT_AUDIT.order_by(audit.c.id)), write=False
    )


def _statement(sql: str | Executable) -> Executable:
    return text(sql) if isinstance(sql, str) else sql


async def read_sql(store: Store, sql: str | Executable) -> list[tuple[Any, ...]]:
    """The rows of one statement on the store's own database, read in a transaction of their own."""
    database = store.database
    rows = await database.run(lambda db: db.execute(_statement(sql)).all(), write=False)
    return [tuple(row) for row in rows]


async def write_sql(store: Store, sql: str | Executable) -> None:
    """One statement on the store's own database, committed (a test breaking or changing the schema)."""
    database = store.database
    await database.run(lambda db: db.execute(_statement(sql)))


def payload(message: OutboxDraft) -> dict[str, Any]:
    """An outbox message's payload as it is stored (JSON, no null members)."""
    return message.message.model_dump(mode="json", exclude_none=True)


@asynccontextmanager
async def store_busy(store: Store) -> AsyncIterator[None]:
    """SQLite: a transaction of this process that does not end (as one waiting on another process's lock)
    holds the store's writing connection until the block ends, and a read as long its reading one (a file's);
    everything else waits behind them."""
    database = store.database
    released = threading.Event()
    busy = [asyncio.create_task(database.run(lambda db: released.wait(60), write=w)) for w in (True, False)]
    try:
        yield
    finally:
        released.set()
        await asyncio.gather(*busy)
