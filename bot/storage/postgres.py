"""The PostgreSQL store (several bot instances): an asyncpg pool, one transaction per state change."""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import asyncpg

from bot.storage import migrations
from bot.storage.base import (
    Feedback,
    FeedbackStore,
    LeadershipStore,
    OutboxStore,
    Profile,
    ProfileStore,
    ReportStore,
)
from bot.storage.conversation import ConversationStore
from bot.storage.insights import InsightStore
from bot.storage.overview import OverviewStore
from bot.storage.questions import QuestionStore
from bot.storage.reporting import ReportingStore

log = logging.getLogger(__name__)

PasswordSource = Callable[[], Awaitable[str]]

# pg_advisory_lock key held while migrating, so instances starting together migrate one at a time.
MIGRATION_LOCK = 0x6D61_6764_6974  # "magdit"
PING_TIMEOUT_S = 2.0


async def init_connection(connection: asyncpg.Connection) -> None:
    await connection.set_type_codec("jsonb", encoder=json.dumps, decoder=json.loads, schema="pg_catalog")


async def migrate(connection: asyncpg.Connection) -> int:
    """Apply the missing migrations, each in its own transaction, under the advisory lock."""
    await connection.execute("SELECT pg_advisory_lock($1)", MIGRATION_LOCK)
    try:
        await connection.execute(migrations.SCHEMA_VERSION_POSTGRES)
        current = await connection.fetchval("SELECT COALESCE(MAX(version), 0) FROM schema_version")
        for version, script in enumerate(migrations.POSTGRES, start=1):
            if version <= current:
                continue
            async with connection.transaction():
                await connection.execute(script)
                await connection.execute("INSERT INTO schema_version (version) VALUES ($1)", version)
            log.info("postgres schema migrated to version %d", version)
    finally:
        await connection.execute("SELECT pg_advisory_unlock($1)", MIGRATION_LOCK)
    return len(migrations.POSTGRES)


class PostgresProfileStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def get_profile(self, user_key: str) -> Profile | None:
        row = await self._pool.fetchrow(
            "SELECT user_key, tenant_id, school, role, role_source, updated_at FROM profile"
            " WHERE user_key = $1",
            user_key,
        )
        return Profile.model_validate(dict(row)) if row else None

    async def save_profile(self, profile: Profile) -> None:
        await self._pool.execute(
            "INSERT INTO profile (user_key, tenant_id, school, role, role_source, updated_at)"
            " VALUES ($1, $2, $3, $4, $5, $6)"
            " ON CONFLICT (user_key) DO UPDATE SET tenant_id = excluded.tenant_id,"
            " school = excluded.school, role = excluded.role, role_source = excluded.role_source,"
            " updated_at = excluded.updated_at",
            profile.user_key,
            profile.tenant_id,
            profile.school,
            profile.role,
            profile.role_source,
            profile.updated_at,
        )


async def insert_feedback(connection: Any, feedback: Feedback) -> int:
    """A vote and its per-article rows, inside the caller's transaction; the vote's id."""
    feedback_id = await connection.fetchval(
        "INSERT INTO feedback (school, role, question, sources, verdict, useful, at)"
        " VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        feedback.school,
        feedback.role,
        feedback.question,
        feedback.sources,
        feedback.verdict,
        feedback.useful,
        feedback.at,
    )
    await connection.executemany(
        "INSERT INTO feedback_article (feedback_id, school, article, useful)"
        " VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        [(feedback_id, feedback.school, article, feedback.useful) for article in feedback.sources],
    )
    return int(feedback_id)


async def change_feedback(connection: Any, feedback_id: int, useful: bool) -> None:
    """A changed vote, per article too, inside the caller's transaction."""
    await connection.execute("UPDATE feedback SET useful = $1 WHERE id = $2", useful, feedback_id)
    await connection.execute(
        "UPDATE feedback_article SET useful = $1 WHERE feedback_id = $2", useful, feedback_id
    )


class PostgresFeedbackStore:
    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    async def add_feedback(self, feedback: Feedback) -> None:
        async with self._pool.acquire() as connection, connection.transaction():
            await insert_feedback(connection, feedback)

    async def feedback_counts(self, school: str) -> list[tuple[str, int, int]]:
        rows = await self._pool.fetch(
            "SELECT article, COUNT(*) FILTER (WHERE useful), COUNT(*) FILTER (WHERE NOT useful)"
            ' FROM feedback_article WHERE school = $1 GROUP BY article ORDER BY article COLLATE "C"',
            school,
        )
        return [(str(row[0]), int(row[1]), int(row[2])) for row in rows]


class PostgresStore:
    """asyncpg pool; timestamps are TIMESTAMPTZ and come back in UTC."""

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool
        self.profiles: ProfileStore = PostgresProfileStore(pool)
        self.feedback: FeedbackStore = PostgresFeedbackStore(pool)
        from bot.storage.postgres_outbox import PostgresOutboxStore
        from bot.storage.postgres_reports import PostgresReportStore

        self.reports: ReportStore = PostgresReportStore(pool)
        self.outbox: OutboxStore = PostgresOutboxStore(pool)
        from bot.storage.postgres_leadership import PostgresLeadershipStore

        self.leadership: LeadershipStore = PostgresLeadershipStore(pool)
        from bot.storage.postgres_reporting import PostgresReportingStore

        self.reporting: ReportingStore = PostgresReportingStore(pool)
        from bot.storage.postgres_questions import PostgresQuestionStore

        self.questions: QuestionStore = PostgresQuestionStore(pool)
        from bot.storage.postgres_conversation import PostgresConversationStore

        self.conversation: ConversationStore = PostgresConversationStore(pool)
        from bot.storage.postgres_insights import PostgresInsightStore
        from bot.storage.postgres_overview import PostgresOverviewStore

        self.overview: OverviewStore = PostgresOverviewStore(pool)
        self.insights: InsightStore = PostgresInsightStore(pool)

    @classmethod
    async def open(
        cls, url: str, *, min_size: int = 1, max_size: int = 10, password: PasswordSource | None = None
    ) -> PostgresStore:
        """`password` (optional) is asked for on every new connection, e.g. an Entra token (pg_auth)."""
        pool = await asyncpg.create_pool(
            url, min_size=min_size, max_size=max_size, init=init_connection, password=password
        )
        try:
            async with pool.acquire() as connection:
                await migrate(connection)
        except BaseException:
            await pool.close()
            raise
        return cls(pool)

    async def ping(self) -> bool:
        try:
            return bool(await self._pool.fetchval("SELECT 1", timeout=PING_TIMEOUT_S) == 1)
        except Exception:
            log.warning("postgres ping failed", exc_info=True)
            return False

    async def close(self) -> None:
        await self._pool.close()
