"""SQLite file store: a read does not wait for a write transaction (this process's or another's) and sees
committed data only; ping still tells whether the writing connection is free.

`asyncio.timeout` only turns a hang into a failure: on one connection behind one lock, the reads below
would wait for a transaction that waits for them."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.storage import Profile
from bot.storage.sqlite import SqliteStore

HANG = 5.0
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
PUPIL = Profile(user_key="aad-1", tenant_id="t-1", school="de-breul", role="leerling", updated_at=NOW)


@pytest.fixture
async def sqlite_file(tmp_path: Path) -> AsyncIterator[tuple[SqliteStore, Path]]:
    path = tmp_path / "magdit.sqlite3"
    store = await SqliteStore.open(str(path))
    await store.profiles.save_profile(PUPIL)
    yield store, path
    await store.close()


async def test_a_read_during_an_open_write_transaction_sees_the_last_commit(
    sqlite_file: tuple[SqliteStore, Path],
) -> None:
    store, _ = sqlite_file
    database = store._database  # the transaction a stored photo holds open
    async with asyncio.timeout(HANG), database.transaction() as db:
        await db.execute("UPDATE profile SET role = 'ouder' WHERE user_key = 'aad-1'")
        seen = await store.profiles.get_profile("aad-1")
    assert seen == PUPIL  # not the uncommitted 'ouder'
    after = await store.profiles.get_profile("aad-1")
    assert after is not None and after.role == "ouder"


async def test_reads_go_on_while_another_process_holds_the_write_lock(
    sqlite_file: tuple[SqliteStore, Path],
) -> None:
    store, path = sqlite_file
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        async with asyncio.timeout(HANG):
            assert await store.profiles.get_profile("aad-1") == PUPIL
    finally:
        other.execute("ROLLBACK")
        other.close()


async def test_ping_waits_for_a_free_writer(
    sqlite_file: tuple[SqliteStore, Path],
) -> None:
    store, _ = sqlite_file
    database = store._database
    async with asyncio.timeout(HANG), database.transaction():
        pinging = asyncio.create_task(store.ping())
        await asyncio.sleep(0)  # ping's read is queued on the reader first
        assert await store.profiles.get_profile("aad-1") == PUPIL
        assert not pinging.done()  # read, and now waiting for the writer (the stalled-store tests rely on it)
    assert await pinging


async def test_the_reader_cannot_write(sqlite_file: tuple[SqliteStore, Path]) -> None:
    store, _ = sqlite_file
    with pytest.raises(sqlite3.OperationalError):
        await store._database.fetchall("DELETE FROM profile")
    assert await store.profiles.get_profile("aad-1") == PUPIL
