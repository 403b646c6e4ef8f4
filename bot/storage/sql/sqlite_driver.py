"""aiosqlite for SQLAlchemy in one trip per statement: SQLAlchemy's aiosqlite adapter makes four (cursor,
execute, fetch, close), each a hand-over to the connection's thread while this process's writers wait on
the lock; here a statement is run and its rows fetched on that thread at once, and commit or rollback
outside a transaction costs nothing. Given to `create_async_engine` as its `async_creator`."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from typing import Any

import aiosqlite


class Statement:
    """A cursor that has run its statement: description, counts and rows read on the connection's thread."""

    arraysize = 1

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._connection = connection
        self.description: Any = None
        self.rowcount = -1
        self.lastrowid: int | None = None
        self._rows: list[Any] = []

    def _run(self, sql: str, parameters: Any, many: bool) -> None:
        cursor = self._connection._conn.cursor()  # on the connection's thread
        try:
            if many:
                cursor.executemany(sql, parameters)
            else:
                cursor.execute(sql, parameters)
            self.description = cursor.description
            self._rows = cursor.fetchall() if cursor.description else []
            self.rowcount, self.lastrowid = cursor.rowcount, cursor.lastrowid
        finally:
            cursor.close()

    async def execute(self, sql: str, parameters: Any = ()) -> Statement:
        await self._connection._execute(self._run, sql, parameters, False)  # type: ignore[no-untyped-call]
        return self

    async def executemany(self, sql: str, parameters: Sequence[Any]) -> Statement:
        await self._connection._execute(self._run, sql, parameters, True)  # type: ignore[no-untyped-call]
        return self

    async def fetchall(self) -> list[Any]:
        rows, self._rows = self._rows, []
        return rows

    async def fetchone(self) -> Any:
        return self._rows.pop(0) if self._rows else None

    async def fetchmany(self, size: int | None = None) -> list[Any]:
        count = size or self.arraysize
        rows, self._rows = self._rows[:count], self._rows[count:]
        return rows

    async def close(self) -> None:
        self._rows = []

    async def __aenter__(self) -> Statement:
        return self

    async def __aexit__(self, *_: object) -> None:
        await self.close()


class Connection:
    """The part of aiosqlite.Connection SQLAlchemy's adapter uses, with `Statement` for its cursors."""

    def __init__(self, connection: aiosqlite.Connection) -> None:
        self._inner = connection

    @property
    def _connection(self) -> sqlite3.Connection | None:  # the adapter checks it before commit and rollback
        return self._inner._connection

    @property
    def isolation_level(self) -> str | None:
        return self._inner.isolation_level

    def _in_transaction(self) -> bool:
        return self._inner._connection is not None and self._inner._connection.in_transaction

    def cursor(self) -> Statement:
        return Statement(self._inner)

    async def commit(self) -> None:
        if self._in_transaction():
            await self._inner.commit()

    async def rollback(self) -> None:
        if self._in_transaction():
            await self._inner.rollback()

    async def create_function(self, *args: Any, **kwargs: Any) -> None:
        await self._inner.create_function(*args, **kwargs)

    async def close(self) -> None:
        await self._inner.close()

    def stop(self) -> None:
        self._inner.stop()


async def connect(path: str, busy_seconds: float) -> Connection:
    """A connection in autocommit mode (transactions begin where the engine says) on a daemon thread."""
    connection = aiosqlite.connect(path, isolation_level=None, timeout=busy_seconds, check_same_thread=False)
    connection._thread.daemon = True  # never keeps the interpreter from exiting
    return Connection(await connection)
