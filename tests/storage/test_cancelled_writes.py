"""SQLite: a write whose caller is cancelled (a turn's time budget) is rolled back, whether it still waited
for the store's thread or was already waiting there for another process's write lock; the store goes on.
(Work that reached COMMIT before the cancellation arrived stays committed, as anywhere.)"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from bot.storage import Profile, open_store
from tests.fakes.store import read_sql, store_busy

NOW = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def profile(key: str) -> Profile:
    return Profile(user_key=key, tenant_id="t", role="leerling", updated_at=NOW)


async def test_a_cancelled_write_that_waited_for_the_thread_never_runs(tmp_path: Path) -> None:
    store = await open_store(f"sqlite:///{tmp_path / 'magdit.sqlite3'}")
    try:
        async with store_busy(store):
            waiting = asyncio.create_task(store.profiles.save_profile(profile("queued")))
            await asyncio.sleep(0.05)
            waiting.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await waiting  # the caller has gone before the thread is free
        await store.profiles.save_profile(profile("after"))
        assert await store.profiles.get_profile("queued") is None
        assert await store.profiles.get_profile("after") is not None
    finally:
        await store.close()


async def test_a_cancelled_write_that_waited_for_another_process_is_rolled_back(tmp_path: Path) -> None:
    path = tmp_path / "magdit.sqlite3"
    store = await open_store(f"sqlite:///{path}")
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        other.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        waiting = asyncio.create_task(store.profiles.save_profile(profile("late")))
        await asyncio.sleep(0.2)  # on the store's thread now, in SQLite's busy wait
        waiting.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await waiting  # the caller has gone while the thread still waits
        other.execute("ROLLBACK")  # the busy wait ends, the write's work runs, its caller is gone
        await store.profiles.save_profile(profile("after"))  # after the abandoned one on the same thread
        assert await read_sql(store, "SELECT user_key FROM profile ORDER BY user_key") == [("after",)]
    finally:
        other.close()
        await store.close()
