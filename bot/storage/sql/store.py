"""The one SQL store: every area on the same database, SQLite by default or PostgreSQL."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import bindparam, func, select
from sqlalchemy.engine import Connection

from bot.storage.models import Feedback, Profile
from bot.storage.sql import migrate
from bot.storage.sql.conversation import ConversationStore
from bot.storage.sql.database import Area, Database, read, statement, write
from bot.storage.sql.insights import InsightStore
from bot.storage.sql.leadership import LeadershipStore
from bot.storage.sql.outbox import OutboxStore
from bot.storage.sql.overview import OverviewStore
from bot.storage.sql.postgres import PasswordSource
from bot.storage.sql.questions import QuestionStore
from bot.storage.sql.reporting import ReportingStore
from bot.storage.sql.reports import ReportStore
from bot.storage.sql.rows import first, insert_feedback, replace_row
from bot.storage.sql.schema import feedback_article, profile

GET_PROFILE = select(profile).where(profile.c.user_key == bindparam("user_key"))


class ProfileStore(Area):
    @read
    def get_profile(self, db: Connection, user_key: str) -> Profile | None:
        return first(db, Profile, GET_PROFILE, {"user_key": user_key})

    @statement
    def save_profile(self, db: Connection, saved: Profile) -> None:
        """Insert or replace the profile with this user_key."""
        replace_row(db, profile, saved.model_dump(), ["user_key"])


class FeedbackStore(Area):
    @write
    def add_feedback(self, db: Connection, feedback: Feedback) -> None:
        """Store a vote (a vote on an issued answer goes through `ConversationStore.vote`)."""
        insert_feedback(db, feedback)

    @read
    def feedback_counts(self, db: Connection, school: str) -> list[tuple[str, int, int]]:
        """(article id, useful, not useful) per article cited in this school's feedback, sorted by id."""
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


class Store:
    """Every store area on one database (`open` migrates it to Alembic's head first)."""

    def __init__(self, database: Database) -> None:
        self.database = database  # the one way in (`Database.run`), for the store's areas and the tests
        self.profiles = ProfileStore(database)
        self.feedback = FeedbackStore(database)
        self.reports = ReportStore(database)
        self.outbox = OutboxStore(database)
        self.leadership = LeadershipStore(database)
        self.reporting = ReportingStore(database)
        self.questions = QuestionStore(database)
        self.conversation = ConversationStore(database)  # issued answers and waiting questions
        self.overview = OverviewStore(database)  # the leaders' overview of open cases, the daily reminders
        self.insights = InsightStore(database)  # unanswered questions and 👎 votes for the protocol review

    @classmethod
    async def open(cls, url: str, *, password: PasswordSource | None = None, pool_size: int = 10) -> Store:
        """`password` (PostgreSQL, optional) is asked for on every new connection, e.g. an Entra token."""
        database = await Database.open(url, password=password, pool_size=pool_size)
        try:
            await database.run(migrate.upgrade)
        except BaseException:
            await database.close()
            raise
        return cls(database)

    def on_enqueue(self, listener: Callable[[], None]) -> Callable[[], None]:
        """Call `listener` after each committed change that queued outbox messages in this process (the
        outbox worker then looks at once instead of at its next poll); returns the call that stops it."""
        return self.database.on_enqueue(listener)

    async def ping(self) -> bool:
        """True when the database answers (for /readyz); never raises."""
        return await self.database.ping()

    async def close(self) -> None:
        await self.database.close()
