"""The one SQL store: every area on the same database, SQLite by default or PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection

from bot.storage.base import LeadershipStore, OutboxStore, Profile, ProfileStore, ReportStore
from bot.storage.conversation import ConversationStore
from bot.storage.feedback import Feedback, FeedbackStore
from bot.storage.insights import InsightStore
from bot.storage.overview import OverviewStore
from bot.storage.questions import QuestionStore
from bot.storage.reporting import ReportingStore
from bot.storage.sql import migrate
from bot.storage.sql.conversation import SqlConversationStore
from bot.storage.sql.database import Area, Database, PasswordSource, read, statement, write
from bot.storage.sql.insights import SqlInsightStore
from bot.storage.sql.leadership import SqlLeadershipStore
from bot.storage.sql.outbox import SqlOutboxStore
from bot.storage.sql.overview import SqlOverviewStore
from bot.storage.sql.questions import SqlQuestionStore
from bot.storage.sql.reporting import SqlReportingStore
from bot.storage.sql.reports import SqlReportStore
from bot.storage.sql.rows import first, insert_feedback, replace_row
from bot.storage.sql.schema import feedback_article, profile

GET_PROFILE = select(profile).where(profile.c.user_key == bindparam("user_key"))


class SqlProfileStore(Area):
    @read
    def get_profile(self, db: Connection, user_key: str) -> Profile | None:
        return first(db, Profile, GET_PROFILE, {"user_key": user_key})

    @statement
    def save_profile(self, db: Connection, saved: Profile) -> None:
        replace_row(db, profile, saved.model_dump(), ["user_key"])


class SqlFeedbackStore(Area):
    @write
    def add_feedback(self, db: Connection, feedback: Feedback) -> None:
        insert_feedback(db, feedback)

    @read
    def feedback_counts(self, db: Connection, school: str) -> list[tuple[str, int, int]]:
        useful = feedback_article.c.useful
        counts = select(
            feedback_article.c.article,
            func.count().filter(useful.is_(True)),
            func.count().filter(useful.is_(False)),
        )
        rows = db.execute(
            counts.where(feedback_article.c.school == school).group_by(feedback_article.c.article)
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
            await database.run(migrate.upgrade)
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
