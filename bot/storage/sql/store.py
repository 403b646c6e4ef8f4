"""The one SQL store: every area on the same database, SQLite by default or PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, func, select

from bot.storage.base import (
    LeadershipStore,
    OutboxStore,
    Profile,
    ProfileStore,
    ReportStore,
)
from bot.storage.conversation import ConversationStore
from bot.storage.feedback import Feedback, FeedbackStore
from bot.storage.insights import InsightStore
from bot.storage.overview import OverviewStore
from bot.storage.questions import QuestionStore
from bot.storage.reporting import ReportingStore
from bot.storage.sql import migrate
from bot.storage.sql.conversation import SqlConversationStore
from bot.storage.sql.database import Database, PasswordSource
from bot.storage.sql.insights import SqlInsightStore
from bot.storage.sql.leadership import SqlLeadershipStore
from bot.storage.sql.outbox import SqlOutboxStore
from bot.storage.sql.overview import SqlOverviewStore
from bot.storage.sql.questions import SqlQuestionStore
from bot.storage.sql.reporting import SqlReportingStore
from bot.storage.sql.reports import SqlReportStore
from bot.storage.sql.schema import feedback_article, profile
from bot.storage.sql.writes import insert_feedback, replace_row

GET_PROFILE = select(profile).where(profile.c.user_key == bindparam("user_key"))


class SqlProfileStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def get_profile(self, user_key: str) -> Profile | None:
        row = await self._database.row(GET_PROFILE, {"user_key": user_key})
        return Profile.model_validate(dict(row._mapping)) if row else None

    async def save_profile(self, saved: Profile) -> None:
        async with self._database.transaction() as db:
            await replace_row(db, profile, saved.model_dump(), ["user_key"])


class SqlFeedbackStore:
    def __init__(self, database: Database) -> None:
        self._database = database

    async def add_feedback(self, feedback: Feedback) -> None:
        async with self._database.transaction() as db:
            await insert_feedback(db, feedback)

    async def feedback_counts(self, school: str) -> list[tuple[str, int, int]]:
        useful = feedback_article.c.useful
        rows = await self._database.rows(
            select(
                feedback_article.c.article,
                func.count().filter(useful.is_(True)),
                func.count().filter(useful.is_(False)),
            )
            .where(feedback_article.c.school == school)
            .group_by(feedback_article.c.article)
        )
        # Sorted here, by code point: the same order on every database, whatever its collation.
        return sorted((str(row[0]), int(row[1]), int(row[2])) for row in rows)


class SqlStore:
    """Every store area on one database (`open` migrates it to Alembic's head first)."""

    def __init__(self, database: Database) -> None:
        self._database = database
        self.profiles: ProfileStore = SqlProfileStore(database)
        self.feedback: FeedbackStore = SqlFeedbackStore(database)
        self.reports: ReportStore = SqlReportStore(database)
        self.outbox: OutboxStore = SqlOutboxStore(database)
        self.leadership: LeadershipStore = SqlLeadershipStore(database)
        self.reporting: ReportingStore = SqlReportingStore(database)
        self.questions: QuestionStore = SqlQuestionStore(database)
        self.conversation: ConversationStore = SqlConversationStore(database)
        self.overview: OverviewStore = SqlOverviewStore(database)
        self.insights: InsightStore = SqlInsightStore(database)

    @classmethod
    async def open(cls, url: str, *, password: PasswordSource | None = None, pool_size: int = 10) -> SqlStore:
        """`password` (PostgreSQL, optional) is asked for on every new connection, e.g. an Entra token."""
        database = await Database.open(url, password=password, pool_size=pool_size)
        try:
            await migrate.upgrade(database)
        except BaseException:
            await database.close()
            raise
        return cls(database)

    def on_enqueue(self, listener: Callable[[], None]) -> Callable[[], None]:
        return self._database.on_enqueue(listener)

    async def ping(self) -> bool:
        return await self._database.ping()

    async def close(self) -> None:
        await self._database.close()
