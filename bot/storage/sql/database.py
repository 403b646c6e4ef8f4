"""The database behind every store area: each store operation is one plain function of a SQLAlchemy
`Connection`, run as one transaction with one hand-over from the event loop.

SQLite (the default): pysqlite on one thread of its own that holds the one connection, so this process's
operations take turns there; a write begins IMMEDIATE, so another process on the same file waits
(busy_timeout) instead of failing halfway. PostgreSQL: asyncpg's pool, the function run by
`AsyncConnection.run_sync`.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import sqlite3
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Row, create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

log = logging.getLogger(__name__)
# Their DEBUG and INFO lines carry each statement's parameters (report text, names): never logged, whatever
# the root logger's level; the engines' `hide_parameters` keeps them out of error messages too.
for _chatty in ("sqlalchemy.engine", "sqlalchemy.pool"):
    logging.getLogger(_chatty).setLevel(logging.WARNING)
T = TypeVar("T")
P = ParamSpec("P")

PasswordSource = Callable[[], Awaitable[str]]
AnyRow = Row[*tuple[Any, ...]]  # a row of any width
BUSY_TIMEOUT_MS = 10_000
PING_TIMEOUT_S = 2.0
ENQUEUED = "magdit.enqueued"  # in a transaction's `connection.info`: it queued outbox messages
WRITE = "magdit.write"  # in SQLite's connection's `info` while a write transaction begins
Listener = Callable[[], None]


class AbandonedError(Exception):
    """The caller stopped waiting (cancelled) before its SQLite transaction committed: rolled back."""


def mark_enqueued(db: Connection) -> None:
    """This transaction queues outbox messages: `Database.on_enqueue`'s listeners hear once it commits."""
    db.info[ENQUEUED] = True


def sqlite_path(url: str) -> str | None:
    """The file (or ":memory:") of a sqlite:/// URL, None for any other URL."""
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None


def transaction(
    db: Connection, work: Callable[[Connection], T], write: bool, abandoned: Callable[[], bool]
) -> tuple[T, bool]:
    """`work` in one transaction, committed unless it raises or its caller went away; the result and
    whether it queued outbox messages."""
    db.info[WRITE] = write
    db.info.pop(ENQUEUED, None)
    with db.begin():
        result = work(db)
        if abandoned():
            raise AbandonedError
    return result, bool(db.info.pop(ENQUEUED, False))


def _sqlite_engine(path: str) -> Engine:
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite:///{path}", hide_parameters=True)

    @event.listens_for(engine, "connect")
    def configure(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None  # transactions begin where `begin` below says
        for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "synchronous = FULL", "foreign_keys = ON"):
            dbapi_connection.execute(f"PRAGMA {pragma}")
        if path != ":memory:":
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


def _postgres_engine(url: str, password: PasswordSource | None, pool_size: int) -> AsyncEngine:
    from sqlalchemy.ext.asyncio import (
        create_async_engine,  # PostgreSQL only: SQLite needs none of it (~8 MiB)
    )

    driver_url = make_url("postgresql+asyncpg://" + url.split("://", 1)[1])
    connect_args: dict[str, Any] = {} if password is None else {"password": password}
    if "sslmode" in driver_url.query:  # libpq's name (as Azure documents it); asyncpg calls it ssl
        connect_args["ssl"] = driver_url.query["sslmode"]
        driver_url = driver_url.difference_update_query(["sslmode"])
    return create_async_engine(
        driver_url, pool_size=pool_size, max_overflow=0, connect_args=connect_args, hide_parameters=True
    )


class Database:
    """One SQLite file (or memory) on its own thread, or a PostgreSQL pool; `run` is the one way in."""

    def __init__(self, url: str, *, password: PasswordSource | None = None, pool_size: int = 10) -> None:
        path = sqlite_path(url)
        self._pool = _postgres_engine(url, password, pool_size) if path is None else None
        # PostgreSQL: reads and one-statement writes on the same pool without BEGIN and COMMIT (a statement
        # is atomic by itself): two round trips fewer each.
        self._autocommit = self._pool.execution_options(isolation_level="AUTOCOMMIT") if self._pool else None
        self._sqlite = _sqlite_engine(path) if path is not None else None
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="sqlite") if path is not None else None
        self._held: Connection | None = None  # SQLite's connection, opened and used on its thread only
        self._listeners: list[Listener] = []
        self.closed = False

    @classmethod
    async def open(cls, url: str, *, password: PasswordSource | None = None, pool_size: int = 10) -> Database:
        """The database, its first connection opened (a file it cannot open fails here)."""
        database = cls(url, password=password, pool_size=pool_size)
        try:
            await database.run(lambda db: db.execute(text("SELECT 1")))
        except BaseException:
            await database.close()
            raise
        return database

    def on_enqueue(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` after each committed transaction that queued outbox messages; returns the call
        that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    async def run(self, work: Callable[[Connection], T], *, write: bool = True, single: bool = False) -> T:
        """`work` as one transaction (BEGIN IMMEDIATE on SQLite when `write`), committed when it returns,
        rolled back when it raises or the caller is cancelled first; then the enqueue listeners, when it
        queued outbox messages. `single`: `work` writes with one statement (PostgreSQL: in autocommit)."""
        if self.closed:
            raise RuntimeError("the database is closed")
        if self._pool is not None and self._autocommit is not None:
            async with (self._pool if write and not single else self._autocommit).connect() as connection:
                result, enqueued = await connection.run_sync(transaction, work, write, lambda: False)
        else:
            result, enqueued = await self._on_thread(work, write)
        if enqueued:
            for listener in list(self._listeners):
                listener()
        return result

    async def _on_thread(self, work: Callable[[Connection], T], write: bool) -> tuple[T, bool]:
        """SQLite: one hand-over to the connection's thread. A caller cancelled while it waits there leaves
        its work to end on that thread, rolled back (unless it reached COMMIT first)."""
        assert self._thread is not None  # noqa: S101 - SQLite only
        gone = [False]  # set by this coroutine, read on the thread before COMMIT
        future = self._thread.submit(self._here, work, write, lambda: gone[0])
        try:
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            gone[0] = True
            raise

    def _here(self, work: Callable[[Connection], T], write: bool, gone: Callable[[], bool]) -> tuple[T, bool]:
        """On SQLite's thread: the held connection, opened again after SQLAlchemy invalidated it."""
        assert self._sqlite is not None  # noqa: S101 - SQLite only
        if self._held is None or self._held.invalidated:
            if self._held is not None:
                self._held.close()
            self._held = self._sqlite.connect()
        return transaction(self._held, work, write, gone)

    async def ping(self) -> bool:
        if self.closed:
            return False
        try:
            async with asyncio.timeout(PING_TIMEOUT_S):
                return await self.run(lambda db: db.execute(text("SELECT 1")).scalar() == 1, write=False)
        except Exception:
            log.warning("database ping failed", exc_info=True)
            return False

    async def close(self) -> None:
        """Close once what still runs on the connection has ended (a cancelled caller's work, say)."""
        if self.closed:
            return
        self.closed = True
        if self._pool is not None:
            await self._pool.dispose()
        if self._thread is not None:
            await asyncio.wrap_future(self._thread.submit(self._close_here))
            self._thread.shutdown()

    def _close_here(self) -> None:
        if self._held is not None:
            self._held.close()
        assert self._sqlite is not None  # noqa: S101 - SQLite only
        self._sqlite.dispose()


A = TypeVar("A", bound="Area")
# A store method's work, given the transaction's Connection, and the awaitable method made of it.
Operation = Callable[Concatenate[A, Connection, P], T]
Method = Callable[Concatenate[A, P], Coroutine[Any, Any, T]]


def read(operation: Operation[A, P, T]) -> Method[A, P, T]:
    """The store method that runs `operation` as one read transaction and returns what it returns."""
    return _method(operation, write=False)


def write(operation: Operation[A, P, T]) -> Method[A, P, T]:
    """The store method that runs `operation` as one write transaction (report, audit and outbox together)."""
    return _method(operation, write=True)


def statement(operation: Operation[A, P, T]) -> Method[A, P, T]:
    """The store method that runs `operation`, a write of exactly one statement (atomic by itself)."""
    return _method(operation, write=True, single=True)


def _method(operation: Operation[A, P, T], *, write: bool, single: bool = False) -> Method[A, P, T]:
    @functools.wraps(operation)
    async def method(self: A, /, *args: P.args, **kwargs: P.kwargs) -> T:
        return await self.database.run(
            lambda db: operation(self, db, *args, **kwargs), write=write, single=single
        )

    return method


class Area:
    """A store area: each method is a plain function of the transaction's Connection, made an awaitable
    store method by `read`, `write` or `statement`."""

    def __init__(self, database: Database) -> None:
        self.database = database
