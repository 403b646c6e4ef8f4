"""SQLite file store: a read does not wait for a write transaction (this process's or another's) and sees
committed data only; ping still tells whether the writing connection is free.

`asyncio.timeout` only turns a hang into a failure: on one connection on one thread, the reads below would
wait for a transaction that waits for them."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import OperationalError

from bot.storage import Profile, Store
from bot.storage.sql.database import Database

HANG = 5.0
NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
PUPIL = Profile(user_key="aad-1", tenant_id="t-1", school="de-breul", role="leerling", updated_at=NOW)


@pytest.fixture
async def sqlite_file(tmp_path: Path) -> AsyncIterator[tuple[Store, Path]]:
    path = tmp_path / "magdit.sqlite3"
    store = await Store.open(f"sqlite:///{path}")
    await store.profiles.save_profile(PUPIL)
    yield store, path
    await store.close()


def database_of(store: Store) -> Database:
    return store.database


async def test_a_read_during_an_open_write_transaction_sees_the_last_commit(
    sqlite_file: tuple[Store, Path],
) -> None:
    store, _ = sqlite_file
    updated, release = threading.Event(), threading.Event()

    def slow_write(db: Connection) -> None:  # the transaction a stored photo holds open
        db.execute(text("UPDATE profile SET role = 'ouder' WHERE user_key = 'aad-1'"))
        updated.set()
        release.wait(HANG)

    writing = asyncio.create_task(database_of(store).run(slow_write))
    try:
        async with asyncio.timeout(HANG):
            await asyncio.to_thread(updated.wait, HANG)
            assert await store.profiles.get_profile("aad-1") == PUPIL  # not the uncommitted 'ouder'
    finally:
        release.set()
        await writing
    after = await store.profiles.get_profile("aad-1")
    assert after is not None and after.role == "ouder"


async def test_reads_go_on_while_another_process_holds_the_write_lock(
    sqlite_file: tuple[Store, Path],
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


async def test_ping_waits_for_a_free_writer(sqlite_file: tuple[Store, Path]) -> None:
    store, _ = sqlite_file
    release = threading.Event()
    writing = asyncio.create_task(database_of(store).run(lambda db: release.wait(HANG)))
    try:
        async with asyncio.timeout(HANG):
            pinging = asyncio.create_task(store.ping())
            assert await store.profiles.get_profile("aad-1") == PUPIL
            await asyncio.sleep(0.1)
            assert not pinging.done()  # waiting for the writer (the stalled-store tests rely on it)
    finally:
        release.set()
        await writing
    assert await pinging


async def test_the_reader_cannot_write(sqlite_file: tuple[Store, Path]) -> None:
    store, _ = sqlite_file
    with pytest.raises(OperationalError, match="readonly"):
        await database_of(store).run(lambda db: db.execute(text("DELETE FROM profile")), write=False)
    assert await store.profiles.get_profile("aad-1") == PUPIL


async def test_in_memory_reads_and_writes_share_the_one_connection() -> None:
    """A second connection to `:memory:` would be another, empty database (no tables)."""
    store = await Store.open("sqlite:///:memory:")
    try:
        await store.profiles.save_profile(PUPIL)
        assert await store.profiles.get_profile("aad-1") == PUPIL
    finally:
        await store.close()
