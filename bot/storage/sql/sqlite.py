"""SQLite's connections: each pysqlite connection held by one thread of its own, where this process's
operations on it take turns.

A file has two: the writer (WAL mode set up here; a write begins IMMEDIATE, so another process on the same
file waits for its lock, busy_timeout, instead of failing halfway) and a read-only reader. In WAL a reader
sees the last commit and never waits for a writer, so a turn's read does not queue behind another turn's
write transaction (a stored photo, a commit's fsync). `:memory:` is one connection: the writer only.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine

T = TypeVar("T")
BUSY_TIMEOUT_MS = 10_000
WRITE = "magdit.write"  # in the writer's connection's `info` while a write transaction begins
# Given the held connection and whether its caller has gone (cancelled); run on the connection's thread.
Job = Callable[[Connection, Callable[[], bool]], T]


def sqlite_engine(path: str, *, reader: bool = False) -> Engine:
    """The engine of the writing connection (the only one of `:memory:`), which puts a file in WAL mode, or
    of a file's read-only `reader`, which begins without a write lock (one snapshot for the operation)."""
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True)
    pragmas = ("query_only = ON",) if reader else ("synchronous = FULL", "foreign_keys = ON")

    @event.listens_for(engine, "connect")
    def configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # transactions begin where `begin` below says
        for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", *pragmas):
            dbapi_connection.execute(f"PRAGMA {pragma}")
        if path != ":memory:" and not reader:
            _enable_wal(dbapi_connection)

    @event.listens_for(engine, "begin")
    def begin(db: Connection) -> None:
        # On the driver's connection: a statement through SQLAlchemy costs more than SQLite's BEGIN.
        sqlite: Any = db.connection.driver_connection
        sqlite.execute("BEGIN IMMEDIATE" if db.info.get(WRITE) else "BEGIN")

    return engine


def _enable_wal(dbapi_connection: sqlite3.Connection) -> None:
    """Retried: SQLite answers BUSY at once (no busy handler) while another connection opens the new file."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            dbapi_connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            if error.sqlite_errorcode not in {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}:
                raise
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class HeldConnection:
    """One connection of `engine`, opened and used on one thread of its own only."""

    def __init__(self, engine: Engine, name: str) -> None:
        self._engine = engine
        self._thread = ThreadPoolExecutor(1, thread_name_prefix=name)
        self._held: Connection | None = None

    async def run(self, job: Job[T]) -> T:
        """`job` on the connection's thread, with one hand-over. A caller cancelled while it waits there
        leaves the job to end on that thread, told that its caller has gone."""
        gone = [False]  # set by this coroutine, read on the thread
        future = self._thread.submit(self._here, job, lambda: gone[0])
        try:
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            gone[0] = True
            raise

    def _here(self, job: Job[T], gone: Callable[[], bool]) -> T:
        """On the thread: the held connection, opened again after SQLAlchemy invalidated it."""
        if self._held is None or self._held.invalidated:
            if self._held is not None:
                self._held.close()
            self._held = self._engine.connect()
        return job(self._held, gone)

    async def close(self) -> None:
        """Close once what still runs on the connection has ended (a cancelled caller's work, say)."""
        await asyncio.wrap_future(self._thread.submit(self._close_here))
        self._thread.shutdown()

    def _close_here(self) -> None:
        if self._held is not None:
            self._held.close()
        self._engine.dispose()
