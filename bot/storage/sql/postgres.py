"""PostgreSQL's connections: up to `size` held open, each lent to one operation at a time and run by a
greenlet kept with it, from which SQLAlchemy's asyncpg dialect awaits the driver.

No pool check-out, set-up and reset per operation, and no greenlet made per operation: a new greenlet maps
and unmaps a Python frame stack of its own (two system calls and a page fault, ~20 µs an operation). Reads
and one-statement writes run in autocommit, without BEGIN and COMMIT: two round trips fewer each.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from greenlet import getcurrent, greenlet
from sqlalchemy.engine import Connection, make_url

if TYPE_CHECKING:
    from sqlalchemy.ext.asyncio import AsyncEngine

T = TypeVar("T")
PasswordSource = Callable[[], Awaitable[str]]
ISOLATION = "magdit.isolation"  # in a connection's `info`: the level it was set to


def postgres_engine(url: str, password: PasswordSource | None, pool_size: int) -> AsyncEngine:
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


class _Outcome(Generic[T]):
    """What a job ended with, handed from the runner to the task that awaits it."""

    __slots__ = ("error", "value")

    def __init__(self, value: T | None = None, error: BaseException | None = None) -> None:
        self.value = value
        self.error = error


class _Runner(greenlet):  # type: ignore[misc]
    """Runs one job after another; SQLAlchemy's `await_only` awaits from greenlets marked as its kind."""

    __sqlalchemy_greenlet_provider__ = True


def _serve(job: Callable[[], Any]) -> None:
    """The runner's body: each job's outcome goes to the parent (the event loop's greenlet), which switches
    back with the next job, or with an awaited value while a job waits in `await_only`."""
    while True:
        try:
            outcome: _Outcome[Any] = _Outcome(job())
        except BaseException as error:  # raised again in the task that awaits the job
            outcome = _Outcome(error=error)
        job = getcurrent().parent.switch(outcome)


class _Held:
    """One connection (opened when first lent) and the runner of its operations."""

    def __init__(self) -> None:
        self.connection: Connection | None = None
        self._runner: _Runner | None = None

    async def run(self, job: Callable[[], T]) -> T:
        """`job` on the runner, in the awaiting task's context; whatever it awaits is awaited here."""
        runner = self._runner
        if runner is None or runner.dead:
            runner = self._runner = _Runner(_serve, getcurrent())
        runner.gr_context = getcurrent().gr_context
        result = runner.switch(job)
        while not isinstance(result, _Outcome):
            try:
                value = await result
            except BaseException:  # a cancelled caller, or the driver's error: raised in the job
                result = runner.throw(*sys.exc_info())
            else:
                result = runner.switch(value)
        if result.error is not None:
            raise result.error
        return result.value  # type: ignore[return-value]

    def stop(self) -> None:
        if self._runner is not None and not self._runner.dead:
            self._runner.throw()  # GreenletExit, where it waits for its next job


class HeldPool:
    def __init__(self, engine: AsyncEngine, size: int) -> None:
        self._engine = engine
        self._size = size
        self._free: asyncio.LifoQueue[_Held] = asyncio.LifoQueue()
        for _ in range(size):
            self._free.put_nowait(_Held())

    async def run(self, job: Callable[[Connection], T], begin: bool) -> T:
        """`job` on a held connection, in autocommit unless it needs BEGIN."""
        held = await self._free.get()
        try:
            return await held.run(lambda: job(self._connection(held, begin)))
        finally:
            self._free.put_nowait(held)

    def _connection(self, held: _Held, begin: bool) -> Connection:
        """On the runner: the held connection (opened again after SQLAlchemy invalidated it, as it does when a
        caller is cancelled mid-statement), at the isolation level the job needs."""
        db = held.connection
        if db is None or db.invalidated:
            if db is not None:
                db.close()
            db = held.connection = self._engine.sync_engine.connect()
        level = db.default_isolation_level if begin else "AUTOCOMMIT"
        if db.info.get(ISOLATION) != level:
            db.execution_options(isolation_level=level)
            db.info[ISOLATION] = level
        return db

    async def close(self) -> None:
        """Close once every lent connection is back."""
        for _ in range(self._size):
            held = await self._free.get()
            if held.connection is not None:
                await held.run(held.connection.close)
            held.stop()
        await self._engine.dispose()
