"""The database behind every store area: each store operation is one plain function of a SQLAlchemy
`Connection`, run as one transaction with one hand-over from the event loop.

SQLite (the default): pysqlite, each connection held by a thread of its own (`sqlite.HeldConnection`);
a file's reads go to a read-only connection that never waits for a write transaction, everything else to
the writer. PostgreSQL: asyncpg, connections held open, each with a greenlet that runs its operations
(`postgres.HeldPool`).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Row, text
from sqlalchemy.engine import Connection

from bot.storage.sql.postgres import HeldPool, PasswordSource, postgres_engine
from bot.storage.sql.sqlite import WRITE, HeldConnection, sqlite_engine

log = logging.getLogger(__name__)
# Their DEBUG and INFO lines carry each statement's parameters (report text, names): never logged, whatever
# the root logger's level; the engines' `hide_parameters` keeps them out of error messages too.
for _chatty in ("sqlalchemy.engine", "sqlalchemy.pool"):
    logging.getLogger(_chatty).setLevel(logging.WARNING)
T = TypeVar("T")
P = ParamSpec("P")

AnyRow = Row[*tuple[Any, ...]]  # a row of any width
PING_TIMEOUT_S = 2.0
ENQUEUED = "magdit.enqueued"  # in a transaction's `connection.info`: it queued outbox messages
Listener = Callable[[], None]


class AbandonedError(Exception):
    """The caller stopped waiting (cancelled) before its SQLite transaction committed: rolled back."""


def mark_enqueued(db: Connection) -> None:
    """This transaction queues outbox messages: `Database.on_enqueue`'s listeners hear once it commits."""
    db.info[ENQUEUED] = True


def sqlite_path(url: str) -> str | None:
    """The file (or ":memory:") of a sqlite:/// URL, None for any other URL."""
    return url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else None


def _never() -> bool:
    return False


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


class Database:
    """One SQLite file (a writer and a reader, each on its own thread; memory: the writer only), or a
    PostgreSQL pool; `run` is the one way in."""

    def __init__(self, url: str, *, password: PasswordSource | None = None, pool_size: int = 10) -> None:
        path = sqlite_path(url)
        self._postgres = (
            HeldPool(postgres_engine(url, password, pool_size), pool_size) if path is None else None
        )
        self._writer = HeldConnection(sqlite_engine(path), "sqlite") if path is not None else None
        file = None if path == ":memory:" else path
        self._reader = (
            HeldConnection(sqlite_engine(file, reader=True), "sqlite-read") if file is not None else None
        )
        self._listeners: list[Listener] = []
        self.closed = False

    @classmethod
    async def open(cls, url: str, *, password: PasswordSource | None = None, pool_size: int = 10) -> Database:
        """The database, its first connection opened (a file it cannot open fails here)."""
        database = cls(url, password=password, pool_size=pool_size)
        try:
            await database.run(lambda db: db.execute(text("SELECT 1")))  # the writer first: WAL mode
            await database.run(lambda db: db.execute(text("SELECT 1")), write=False)
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
        queued outbox messages. `single`: `work` writes with one statement (PostgreSQL: in autocommit).
        Not `write`: on a SQLite file's read-only connection, which sees the last commit."""
        if self.closed:
            raise RuntimeError("the database is closed")
        if self._postgres is not None:
            begin = write and not single
            result, enqueued = await self._postgres.run(
                lambda db: transaction(db, work, begin, _never), begin
            )
        else:
            reader = self._reader if not write and self._reader is not None else self._writer
            result, enqueued = await self._on_sqlite(reader, work, write)
        if enqueued:
            for listener in list(self._listeners):
                listener()
        return result

    @staticmethod
    async def _on_sqlite(
        connection: HeldConnection | None, work: Callable[[Connection], T], write: bool
    ) -> tuple[T, bool]:
        """SQLite: one hand-over to the connection's thread; a caller cancelled while it waits there leaves
        its work to end on that thread, rolled back (unless it reached COMMIT first)."""
        assert connection is not None  # noqa: S101 - SQLite only
        return await connection.run(lambda db, gone: transaction(db, work, write, gone))

    async def ping(self) -> bool:
        """The database answers; on a SQLite file both connections do, the writer once it is free (no
        transaction of this process left waiting, no other process's lock held past the busy timeout)."""
        if self.closed:
            return False

        def answers(db: Connection) -> bool:
            return db.execute(text("SELECT 1")).scalar() == 1

        try:
            async with asyncio.timeout(PING_TIMEOUT_S):
                answered = await self.run(answers, write=False)
                if self._reader is not None:
                    answered = answered and (await self._on_sqlite(self._writer, answers, False))[0]
                return answered
        except Exception:
            log.warning("database ping failed", exc_info=True)
            return False

    async def close(self) -> None:
        """Close once what still runs on the connection has ended (a cancelled caller's work, say)."""
        if self.closed:
            return
        self.closed = True
        if self._postgres is not None:
            await self._postgres.close()
        for connection in (self._reader, self._writer):
            if connection is not None:
                await connection.close()


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
    """The store method that runs `operation`, a write of one statement (atomic by itself), perhaps followed
    by reads that need no transaction with it."""
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
