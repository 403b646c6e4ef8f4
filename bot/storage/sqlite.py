"""The SQLite store (the default): a file in WAL mode, one transaction per state change.

aiosqlite runs each connection on its own thread. Writes go through one connection: a lock keeps the
coroutines of this process from interleaving inside each other's transactions, BEGIN IMMEDIATE and
busy_timeout handle other processes on the same file. Reads of a file go through a second, read-only
connection, one call each: in WAL a reader sees the last commit and never waits for a writer, so a turn's
read does not queue behind another turn's write (a stored photo, a commit's fsync) or the round trips of its
transaction. `:memory:` has only the one connection, reads behind the lock.
"""

from __future__ import annotations

import asyncio
import json
import logging
import random
import sqlite3
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.storage import migrations
from bot.storage.base import (
    Feedback,
    FeedbackStore,
    LeadershipStore,
    OutboxStore,
    Profile,
    ProfileStore,
    ReportStore,
    as_utc,
)
from bot.storage.conversation import ConversationStore
from bot.storage.insights import InsightStore
from bot.storage.overview import OverviewStore
from bot.storage.questions import QuestionStore
from bot.storage.reporting import ReportingStore

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 10_000


def to_text(moment: datetime) -> str:
    """Fixed-width ISO 8601 in UTC, so text order is time order."""
    return as_utc(moment).isoformat(timespec="microseconds")


def from_text(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(UTC)


class SqliteDatabase:
    """The connections, the writer's lock and the transaction boundary shared by the SQLite stores."""

    def __init__(self, connection: aiosqlite.Connection, reader: aiosqlite.Connection | None = None) -> None:
        """`reader`: a read-only connection to the same file for `fetchone`/`fetchall` (None: in memory)."""
        self.connection = connection
        self.reader = reader
        self.lock = asyncio.Lock()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        """BEGIN IMMEDIATE … COMMIT, rolled back on any exception — also when the caller is cancelled while
        BEGIN still waits for another process's lock (it may succeed after that: the rollback runs after it
        on the connection's thread, so no transaction is left open)."""
        async with self.lock:
            try:
                await self.connection.execute("BEGIN IMMEDIATE")
                yield self.connection
            except BaseException:
                await self.connection.rollback()
                raise
            await self.connection.commit()

    async def fetchone(self, sql: str, parameters: Sequence[object] = ()) -> aiosqlite.Row | None:
        """The first row of committed data (see `fetchall`)."""
        rows = await self.fetchall(sql, parameters)
        return rows[0] if rows else None

    async def fetchall(self, sql: str, parameters: Sequence[object] = ()) -> list[aiosqlite.Row]:
        """Rows of committed data, never from inside another coroutine's open transaction: on the reader
        when there is one, else on the writer behind the lock. One call to the connection's thread
        (execute and fetch together), not one per cursor step."""
        if self.reader is not None:
            return list(await self.reader.execute_fetchall(sql, parameters))
        async with self.lock:
            return list(await self.connection.execute_fetchall(sql, parameters))

    async def writer_answers(self) -> bool:
        """The writing connection is free and answers (no transaction left open, no other process's lock
        holding it past the busy timeout)."""
        async with self.lock:
            rows = list(await self.connection.execute_fetchall("SELECT 1"))
        return bool(rows) and rows[0][0] == 1

    async def close(self) -> None:
        if self.reader is not None:
            await self.reader.close()
        await self.connection.close()


async def enable_wal(connection: aiosqlite.Connection) -> None:
    """Switch to WAL; retried because SQLite answers BUSY at once (no busy handler) while another
    connection is opening the same new file."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            await connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as error:
            busy = error.sqlite_errorcode in {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
            if not busy or time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.01 + random.random() * 0.04)  # noqa: S311 - jitter, not security


async def connect(path: str) -> aiosqlite.Connection:
    if path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = await aiosqlite.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.row_factory = aiosqlite.Row
    try:
        await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if path != ":memory:":
            await enable_wal(connection)
        await connection.execute("PRAGMA synchronous = FULL")
        await connection.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        await connection.close()
        raise
    return connection


async def connect_reader(path: str) -> aiosqlite.Connection:
    """A read-only connection to a file the writer has already put in WAL mode."""
    connection = await aiosqlite.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    connection.row_factory = aiosqlite.Row
    try:
        await connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        await connection.execute("PRAGMA query_only = ON")
    except BaseException:
        await connection.close()
        raise
    return connection


async def migrate(database: SqliteDatabase) -> int:
    """Apply the missing migrations in one IMMEDIATE transaction; returns the schema version."""
    async with database.transaction() as db:
        await db.execute(migrations.SCHEMA_VERSION_SQLITE)
        async with db.execute("SELECT COALESCE(MAX(version), 0) FROM schema_version") as cursor:
            row = await cursor.fetchone()
        current = int(row[0]) if row else 0
        for version, script in enumerate(migrations.SQLITE, start=1):
            if version <= current:
                continue
            for statement in migrations.sqlite_statements(script):
                await db.execute(statement)
            await db.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                (version, to_text(datetime.now(UTC))),
            )
            log.info("sqlite schema migrated to version %d", version)
    return len(migrations.SQLITE)


class SqliteProfileStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def get_profile(self, user_key: str) -> Profile | None:
        row = await self._database.fetchone(
            "SELECT user_key, tenant_id, school, role, role_source, updated_at FROM profile"
            " WHERE user_key = ?",
            (user_key,),
        )
        if row is None:
            return None
        return Profile(
            user_key=row[0],
            tenant_id=row[1],
            school=row[2],
            role=row[3],
            role_source=row[4],
            updated_at=from_text(row[5]),
        )

    async def save_profile(self, profile: Profile) -> None:
        async with self._database.transaction() as db:
            await db.execute(
                "INSERT INTO profile (user_key, tenant_id, school, role, role_source, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (user_key) DO UPDATE SET tenant_id = excluded.tenant_id,"
                " school = excluded.school, role = excluded.role, role_source = excluded.role_source,"
                " updated_at = excluded.updated_at",
                (
                    profile.user_key,
                    profile.tenant_id,
                    profile.school,
                    profile.role,
                    profile.role_source,
                    to_text(profile.updated_at),
                ),
            )


async def insert_feedback(db: aiosqlite.Connection, feedback: Feedback) -> int:
    """A vote and its per-article rows, inside the caller's transaction; the vote's id."""
    cursor = await db.execute(
        "INSERT INTO feedback (school, role, question, sources, verdict, useful, at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (
            feedback.school,
            feedback.role,
            feedback.question,
            json.dumps(feedback.sources),
            feedback.verdict,
            feedback.useful,
            to_text(feedback.at),
        ),
    )
    feedback_id = int(cursor.lastrowid or 0)
    await db.executemany(
        "INSERT OR IGNORE INTO feedback_article (feedback_id, school, article, useful) VALUES (?, ?, ?, ?)",
        [(feedback_id, feedback.school, article, feedback.useful) for article in feedback.sources],
    )
    return feedback_id


async def change_feedback(db: aiosqlite.Connection, feedback_id: int, useful: bool) -> None:
    """A changed vote, per article too, inside the caller's transaction."""
    await db.execute("UPDATE feedback SET useful = ? WHERE id = ?", (useful, feedback_id))
    await db.execute("UPDATE feedback_article SET useful = ? WHERE feedback_id = ?", (useful, feedback_id))


class SqliteFeedbackStore:
    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database

    async def add_feedback(self, feedback: Feedback) -> None:
        async with self._database.transaction() as db:
            await insert_feedback(db, feedback)

    async def feedback_counts(self, school: str) -> list[tuple[str, int, int]]:
        rows = await self._database.fetchall(
            "SELECT article, SUM(useful), SUM(1 - useful) FROM feedback_article"
            " WHERE school = ? GROUP BY article ORDER BY article",
            (school,),
        )
        return [(str(article), int(useful), int(not_useful)) for article, useful, not_useful in rows]


class SqliteStore:
    """The default store: a file beside the bot (or `:memory:`)."""

    def __init__(self, database: SqliteDatabase) -> None:
        self._database = database
        self.profiles: ProfileStore = SqliteProfileStore(database)
        self.feedback: FeedbackStore = SqliteFeedbackStore(database)
        from bot.storage.sqlite_outbox import SqliteOutboxStore
        from bot.storage.sqlite_reports import SqliteReportStore

        self.reports: ReportStore = SqliteReportStore(database)
        self.outbox: OutboxStore = SqliteOutboxStore(database)
        from bot.storage.sqlite_leadership import SqliteLeadershipStore

        self.leadership: LeadershipStore = SqliteLeadershipStore(database)
        from bot.storage.sqlite_reporting import SqliteReportingStore

        self.reporting: ReportingStore = SqliteReportingStore(database)
        from bot.storage.sqlite_questions import SqliteQuestionStore

        self.questions: QuestionStore = SqliteQuestionStore(database)
        from bot.storage.sqlite_conversation import SqliteConversationStore

        self.conversation: ConversationStore = SqliteConversationStore(database)
        from bot.storage.sqlite_insights import SqliteInsightStore
        from bot.storage.sqlite_overview import SqliteOverviewStore

        self.overview: OverviewStore = SqliteOverviewStore(database)
        self.insights: InsightStore = SqliteInsightStore(database)

    @classmethod
    async def open(cls, path: str) -> SqliteStore:
        database = SqliteDatabase(await connect(path))
        try:
            await migrate(database)
            if path != ":memory:":
                database.reader = await connect_reader(path)
        except BaseException:
            await database.close()
            raise
        return cls(database)

    async def ping(self) -> bool:
        """Both connections answer: reads, and writes (the writer not stuck in a transaction)."""
        try:
            row = await self._database.fetchone("SELECT 1")
            return row is not None and row[0] == 1 and await self._database.writer_answers()
        except Exception:
            log.warning("sqlite ping failed", exc_info=True)
            return False

    async def close(self) -> None:
        await self._database.close()
