"""The engine behind every store area: one transaction per state change, on SQLite or PostgreSQL.

SQLite (the default) is one connection, held open and taken in turns under a lock (no pool check-out per
statement): the lock keeps this process's coroutines out of each other's transactions, and every write
transaction starts with BEGIN IMMEDIATE, so another process on the same file waits (busy_timeout) instead
of failing halfway. PostgreSQL is a pool shared by several instances.
"""

from __future__ import annotations

import asyncio
import logging
import random
import sqlite3
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager, nullcontext
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Executable, Row, event, text
from sqlalchemy.engine import Connection, ExceptionContext, make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.pool import StaticPool

from bot.storage.sql import sqlite_driver

log = logging.getLogger(__name__)
# Their DEBUG and INFO lines carry each statement's parameters (report text, names): never logged, whatever
# the root logger's level.
for _chatty in ("aiosqlite", "sqlalchemy.engine", "sqlalchemy.pool"):
    logging.getLogger(_chatty).setLevel(logging.WARNING)
T = TypeVar("T")

PasswordSource = Callable[[], Awaitable[str]]
AnyRow = Row[*tuple[Any, ...]]  # a row of any width
BUSY_TIMEOUT_MS = 10_000
PING_TIMEOUT_S = 2.0
ENQUEUED = "magdit.enqueued"  # in a transaction's `connection.info`: it queued outbox messages
IMMEDIATE = "magdit.immediate"  # in the held SQLite connection's `info` while a write transaction begins
Listener = Callable[[], None]


def mark_enqueued(db: AsyncConnection) -> None:
    """This transaction queues outbox messages: `Database.on_enqueue`'s listeners hear once it commits."""
    db.info[ENQUEUED] = True


def sqlite_path(url: str) -> str | None:
    """The file (or ":memory:") of a sqlite:/// URL, None for any other URL."""
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None


def _sqlite_engine(path: str) -> AsyncEngine:
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(
        "sqlite+aiosqlite://",
        poolclass=StaticPool,
        async_creator=lambda: sqlite_driver.connect(path, BUSY_TIMEOUT_MS / 1000),
    )

    @event.listens_for(engine.sync_engine, "connect")
    def configure(dbapi_connection: Any, _record: object) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in (f"busy_timeout = {BUSY_TIMEOUT_MS}", "synchronous = FULL", "foreign_keys = ON"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def begin(connection: Connection) -> None:
        # Writes begin IMMEDIATE (another process waits in busy_timeout, never fails halfway); a read is one
        # statement in autocommit mode, no transaction to open or end.
        if connection.get_execution_options().get("immediate", False) or connection.info.get(IMMEDIATE):
            connection.exec_driver_sql("BEGIN IMMEDIATE")

    @event.listens_for(engine.sync_engine, "handle_error")
    def keep_on_cancel(context: ExceptionContext) -> None:
        # A caller cancelled while its statement ran (a turn's time budget, a stopping app): SQLAlchemy
        # would drop the connection (and an in-memory database with it), but the statement runs to its end
        # on the connection's thread, and the rollback queued after it undoes it: the connection is fine.
        if isinstance(context.original_exception, asyncio.CancelledError):
            context.is_disconnect = False

    return engine


def _postgres_engine(url: str, password: PasswordSource | None, pool_size: int) -> AsyncEngine:
    driver_url = make_url("postgresql+asyncpg://" + url.split("://", 1)[1])
    connect_args: dict[str, Any] = {} if password is None else {"password": password}
    if "sslmode" in driver_url.query:  # libpq's name (as Azure documents it); asyncpg calls it ssl
        connect_args["ssl"] = driver_url.query["sslmode"]
        driver_url = driver_url.difference_update_query(["sslmode"])
    return create_async_engine(driver_url, pool_size=pool_size, max_overflow=0, connect_args=connect_args)


async def enable_wal(engine: AsyncEngine) -> None:
    """Switch the file to WAL; retried because SQLite answers BUSY at once (no busy handler) while another
    connection is opening the same new file."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            async with engine.connect() as connection:
                await connection.exec_driver_sql("PRAGMA journal_mode = WAL")
            return
        except DBAPIError as error:
            code = getattr(error.orig, "sqlite_errorcode", None)
            if code not in {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED} or time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.01 + random.random() * 0.04)  # noqa: S311 - jitter, not security


def _read_and_end(
    connection: Connection, statement: Executable, params: dict[str, Any] | None
) -> Sequence[AnyRow]:
    """A read and the end of its implicit transaction in one hand-over to SQLAlchemy's sync side."""
    try:
        return connection.execute(statement, params).all()
    finally:
        if not connection.invalidated:  # an invalidated one is opened again at the next use
            connection.rollback()


def _begin_sync(connection: Connection) -> None:
    connection.begin()


def _end_sync(connection: Connection, commit: bool) -> None:
    if commit:
        connection.commit()
    else:
        connection.rollback()


class Database:
    """The engine, and the transaction boundary every store area shares."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.postgres = engine.dialect.name == "postgresql"
        self.lock = None if self.postgres else asyncio.Lock()
        self._held: AsyncConnection | None = None  # SQLite's one connection, opened at first use
        self._tasks: set[asyncio.Task[Any]] = set()  # this process's turn on the one connection
        self._listeners: list[Listener] = []
        self.closed = False

    @classmethod
    async def open(cls, url: str, *, password: PasswordSource | None = None, pool_size: int = 10) -> Database:
        path = sqlite_path(url)
        if path is not None:
            engine = _sqlite_engine(path)
            if path != ":memory:":
                try:
                    await enable_wal(engine)
                except BaseException:
                    await engine.dispose()
                    raise
            return cls(engine)
        return cls(_postgres_engine(url, password, pool_size))

    def on_enqueue(self, listener: Listener) -> Callable[[], None]:
        """Call `listener` after each committed transaction that queued outbox messages; returns the call
        that stops it."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[AsyncConnection]:
        """One write transaction (BEGIN IMMEDIATE on SQLite), committed at the end, rolled back on any
        exception or cancellation; then the enqueue listeners, when it queued outbox messages."""
        async with self._transaction() as connection:
            connection.info.pop(ENQUEUED, None)
            yield connection
            enqueued = connection.info.pop(ENQUEUED, False)
        if enqueued:
            for listener in list(self._listeners):
                listener()

    @asynccontextmanager
    async def _transaction(self) -> AsyncIterator[AsyncConnection]:
        if self.lock is None:
            async with self.engine.begin() as connection:
                yield connection
            return
        # SQLite: BEGIN and the end run to completion on the connection's thread even when the caller is
        # cancelled meanwhile (a turn's time budget), the lock held until they have; a cancelled BEGIN
        # that succeeds later is rolled back.
        await self.lock.acquire()
        opening = asyncio.ensure_future(self._begin())
        try:
            connection = await asyncio.shield(opening)
        except BaseException:
            opening.add_done_callback(self._abandon)
            raise
        committed = False
        try:
            yield connection
            committed = True
        finally:
            await self._finish(self._end(connection, commit=committed))

    async def _connection(self) -> AsyncConnection:
        """SQLite's held connection (the lock held); a new one after SQLAlchemy invalidated it (a statement
        interrupted by a cancellation, say)."""
        held = self._held
        if held is None or held.closed or held.invalidated:
            if held is not None:
                await held.close()
            held = self._held = await self.engine.connect()
        return held

    async def _begin(self) -> AsyncConnection:
        connection = await self._connection()
        connection.info[IMMEDIATE] = True
        try:
            await connection.run_sync(_begin_sync)
        except BaseException:
            await connection.close()
            raise
        finally:
            connection.info.pop(IMMEDIATE, None)
        return connection

    async def _end(self, connection: AsyncConnection, *, commit: bool) -> None:
        assert self.lock is not None  # noqa: S101 - SQLite only
        try:
            if connection.invalidated:
                await connection.close()
            else:
                await connection.run_sync(_end_sync, commit)
        except BaseException:
            await connection.close()  # opened again at the next use
            raise
        finally:
            self.lock.release()

    def _abandon(self, opening: asyncio.Future[AsyncConnection]) -> None:
        """A BEGIN whose caller went away: undo it once it returns, then let the next one in."""
        assert self.lock is not None  # noqa: S101 - SQLite only
        if opening.cancelled() or opening.exception() is not None:
            self.lock.release()
        else:
            self._background(self._end(opening.result(), commit=False))

    def _background(self, work: Coroutine[Any, Any, T]) -> asyncio.Task[T]:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        task.add_done_callback(lambda done: done.cancelled() or done.exception())
        return task

    async def _finish(self, work: Coroutine[Any, Any, T]) -> T:
        """`work` to its end, whether or not the caller is cancelled meanwhile."""
        return await asyncio.shield(self._background(work))

    async def _read(self, statement: Executable, params: dict[str, Any] | None) -> Sequence[AnyRow]:
        if self.lock is None:
            async with self.engine.connect() as connection:
                return (await connection.execute(statement, params)).all()
        return await self._finish(self._read_held(statement, params))

    async def _read_held(self, statement: Executable, params: dict[str, Any] | None) -> Sequence[AnyRow]:
        """One statement on SQLite's held connection, in autocommit mode: SQLAlchemy's implicit transaction
        is ended at once (no BEGIN was sent)."""
        async with self._guard():
            connection = await self._connection()
            return await connection.run_sync(_read_and_end, statement, params)

    def _guard(self) -> AbstractAsyncContextManager[object]:
        return self.lock if self.lock is not None else nullcontext()

    async def rows(self, statement: Executable, params: dict[str, Any] | None = None) -> Sequence[AnyRow]:
        """The rows of one statement, read outside any write transaction of this process; `params` for the
        statement's bindparams (hot reads are built once)."""
        return await self._read(statement, params)

    async def row(self, statement: Executable, params: dict[str, Any] | None = None) -> AnyRow | None:
        rows = await self._read(statement, params)
        return rows[0] if rows else None

    async def ping(self) -> bool:
        if self.closed:
            return False
        try:
            async with asyncio.timeout(PING_TIMEOUT_S):
                return bool((await self.row(text("SELECT 1")) or (0,))[0] == 1)
        except Exception:
            log.warning("database ping failed", exc_info=True)
            return False

    async def close(self) -> None:
        """Close once what still runs on the connection has ended (a cancelled caller's BEGIN, say)."""
        self.closed = True
        await asyncio.gather(*self._tasks, return_exceptions=True)
        async with self._guard():
            if self._held is not None:
                await self._held.close()
            await self.engine.dispose()
