"""The schema, defined once as SQLAlchemy Core tables; Alembic (`alembic/versions/`) owns how it is created.

The column types keep what each dialect stored before SQLAlchemy: on SQLite, fixed-width ISO 8601 text in
UTC for moments (text order is time order, which the outbox compares on), JSON as text, UUIDs as
hyphenated text and flags as 0/1; on PostgreSQL TIMESTAMPTZ, JSONB, UUID and BOOLEAN.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, date, datetime
from typing import Any

from pydantic_core import to_jsonable_python
from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


def to_text(moment: datetime) -> str:
    """Fixed-width ISO 8601 in UTC, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


class Moment(TypeDecorator[datetime]):
    """A timezone-aware instant, returned in UTC."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(DateTime(timezone=True))

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return to_text(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        moment = datetime.fromisoformat(value) if isinstance(value, str) else value
        return moment.astimezone(UTC)


class Document(TypeDecorator[Any]):
    """A JSON value: JSONB on PostgreSQL, text on SQLite."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(JSONB(none_as_null=True))

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        plain = to_jsonable_python(value)  # models and moments inside (a reported message) as JSON has them
        return json.dumps(plain) if dialect.name == "sqlite" else plain

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return json.loads(value) if isinstance(value, str) and dialect.name == "sqlite" else value


class Key(TypeDecorator[uuid.UUID]):
    """A UUID: native on PostgreSQL, hyphenated text on SQLite."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(PG_UUID(as_uuid=True))

    def process_bind_param(self, value: uuid.UUID | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return str(value) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        if value is None:
            return None
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


class Day(TypeDecorator[date]):
    """A calendar day: DATE on PostgreSQL, ISO 8601 text on SQLite (text order is day order)."""

    impl = Date
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Text())
        return dialect.type_descriptor(Date())

    def process_bind_param(self, value: date | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value.isoformat() if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        if value is None or isinstance(value, date):
            return value
        return date.fromisoformat(value)


def serial() -> Column[int]:
    """An ascending row id: INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, BIGSERIAL on PostgreSQL."""
    return Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True)


def refers(target: str, on_delete: str = "CASCADE", **kwargs: Any) -> ForeignKey:
    return ForeignKey(target, ondelete=on_delete, **kwargs)


metadata = MetaData()

profile = Table(
    "profile",
    metadata,
    Column("user_key", Text, primary_key=True),
    Column("tenant_id", Text, nullable=False),
    Column("school", Text),
    Column("role", Text),
    Column("role_source", Text),
    Column("updated_at", Moment, nullable=False),
)
feedback = Table(
    "feedback",
    metadata,
    serial(),
    Column("school", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("question", Text, nullable=False),
    Column("sources", Document, nullable=False),
    Column("verdict", Text, nullable=False),
    Column("useful", Boolean, nullable=False),
    Column("at", Moment, nullable=False),
    Index("feedback_school_at", "school", "at"),
    sqlite_autoincrement=True,
)
feedback_article = Table(
    "feedback_article",
    metadata,
    Column("feedback_id", BigInteger, refers("feedback.id"), nullable=False),
    Column("school", Text, nullable=False),
    Column("article", Text, nullable=False),
    Column("useful", Boolean, nullable=False),
    PrimaryKeyConstraint("feedback_id", "article"),
    Index("feedback_article_school", "school", "article"),
)
case_counter = Table(
    "case_counter",
    metadata,
    Column("school", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("last", Integer, nullable=False),
    PrimaryKeyConstraint("school", "year"),
)
question_counter = Table(
    "question_counter",
    metadata,
    Column("school", Text, nullable=False),
    Column("year", Integer, nullable=False),
    Column("last", Integer, nullable=False),
    PrimaryKeyConstraint("school", "year"),
)
report = Table(
    "report",
    metadata,
    Column("id", Key, primary_key=True),
    Column("idempotency_key", Text, nullable=False, unique=True),
    Column("school", Text, nullable=False),
    Column("case_number", Text, nullable=False),
    Column("category", Text, nullable=False),
    Column("description", Text, nullable=False),
    Column("platform", Text),
    Column("happened", Text),
    Column("involved", Text),
    Column("in_danger", Boolean, nullable=False),
    Column("anonymous", Boolean, nullable=False),
    Column("reporter_key", Text, nullable=False),
    Column("reporter_conversation", Document, nullable=False),
    Column("status", Text, CheckConstraint("status IN ('nieuw', 'opgepakt', 'afgesloten')"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("handler_key", Text),
    Column("created_at", Moment, nullable=False),
    Column("updated_at", Moment, nullable=False),
    Column("reporter_name", Text),
    Column("message", Document),
    UniqueConstraint("school", "case_number"),
    Index("report_reporter", "reporter_key", "created_at"),
    Index("report_closed", "status", "updated_at"),
    Index("report_school_created", "school", "created_at"),
)
forwarded_question = Table(
    "forwarded_question",
    metadata,
    Column("id", Key, primary_key=True),
    Column("idempotency_key", Text, nullable=False, unique=True),
    Column("school", Text, nullable=False),
    Column("number", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("question", Text, nullable=False),
    Column("asker_key", Text, nullable=False),
    Column("asker_conversation", Document, nullable=False),
    Column("status", Text, CheckConstraint("status IN ('open', 'answered')"), nullable=False),
    Column("card_token", Text, nullable=False),
    Column("thread_conversation", Document),
    Column("thread_activity_id", Text),
    Column("answer", Text),
    Column("answered_by", Text),
    Column("answered_at", Moment),
    Column("created_at", Moment, nullable=False),
    Column("updated_at", Moment, nullable=False),
    UniqueConstraint("school", "number"),
    Index("forwarded_question_asker", "asker_key", "created_at"),
    Index("forwarded_question_changed", "school", "updated_at"),
)
audit = Table(
    "audit",
    metadata,
    serial(),
    Column("report_id", Key, refers("report.id")),
    Column("actor_key", Text, nullable=False),
    Column("action", Text, nullable=False),
    Column("accepted", Boolean, nullable=False),
    Column("detail", Document, nullable=False),
    Column("at", Moment, nullable=False),
    Column("question_id", Key, refers("forwarded_question.id")),
    Index("audit_report", "report_id", "id"),
    Index("audit_question", "question_id", "id"),
    sqlite_autoincrement=True,
)
outbox = Table(
    "outbox",
    metadata,
    serial(),
    Column("conversation_key", Text, nullable=False),
    Column("message", Document, nullable=False),
    Column("status", Text, CheckConstraint("status IN ('pending', 'sent', 'dead')"), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", Moment, nullable=False),
    Column("last_error", Text),
    Column("created_at", Moment, nullable=False),
    Column("claimed_by", Text),
    Index(
        "outbox_pending",
        "conversation_key",
        "id",
        sqlite_where=text("status = 'pending'"),
        postgresql_where=text("status = 'pending'"),
    ),
    Index(
        "outbox_unsent",
        "status",
        "created_at",
        sqlite_where=text("status IN ('pending', 'dead')"),
        postgresql_where=text("status IN ('pending', 'dead')"),
    ),
    sqlite_autoincrement=True,
)
leadership_channel = Table(
    "leadership_channel",
    metadata,
    Column("school", Text, nullable=False),
    Column("route", Text, nullable=False),
    Column("conversation", Document, nullable=False),
    Column("team_id", Text),
    Column("registered_by", Text, nullable=False),
    Column("registered_at", Moment, nullable=False),
    PrimaryKeyConstraint("school", "route"),
)
escalation_thread = Table(
    "escalation_thread",
    metadata,
    Column("report_id", Key, refers("report.id"), nullable=False),
    Column("route", Text, nullable=False),
    Column("conversation", Document, nullable=False),
    Column("activity_id", Text, nullable=False),
    Column("created_at", Moment, nullable=False),
    PrimaryKeyConstraint("report_id", "route"),
)
case_card = Table(
    "case_card",
    metadata,
    Column("report_id", Key, refers("report.id"), primary_key=True),
    Column("version", Integer, nullable=False),
    Column("token", Text, nullable=False),
)
case_entry = Table(
    "case_entry",
    metadata,
    serial(),
    Column("report_id", Key, refers("report.id"), nullable=False),
    Column(
        "kind",
        Text,
        CheckConstraint("kind IN ('notitie', 'vraag', 'antwoord', 'afsluiting')"),
        nullable=False,
    ),
    Column("author_key", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("code", Text),
    Column("token", Text),
    Column("reply_to", BigInteger, refers("case_entry.id")),
    Column("answered", Boolean, nullable=False, server_default=text("FALSE")),
    Column("at", Moment, nullable=False),
    Index("case_entry_report", "report_id", "id"),
    sqlite_autoincrement=True,
)
report_form = Table(
    "report_form",
    metadata,
    Column("token", Text, primary_key=True),
    Column("user_key", Text, nullable=False),
    Column("school", Text, nullable=False),
    Column("created_at", Moment, nullable=False),
    Column("report_id", Key, refers("report.id")),
    Column("message", Document),
    Index(
        "report_form_unused",
        "created_at",
        sqlite_where=text("report_id IS NULL"),
        postgresql_where=text("report_id IS NULL"),
    ),
)
report_attachment = Table(
    "report_attachment",
    metadata,
    serial(),
    Column("report_id", Key, refers("report.id"), nullable=False),
    Column("uploader_key", Text, nullable=False),
    Column(
        "content_type",
        Text,
        CheckConstraint("content_type IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp')"),
        nullable=False,
    ),
    Column("width", Integer, nullable=False),
    Column("height", Integer, nullable=False),
    Column("size", Integer, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("created_at", Moment, nullable=False),
    Index("report_attachment_report", "report_id", "id"),
    sqlite_autoincrement=True,
)
issued_answer = Table(
    "issued_answer",
    metadata,
    Column("token", Text, primary_key=True),
    Column("user_key", Text, nullable=False),
    Column("school", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("question", Text, nullable=False),
    Column("sources", Document, nullable=False),
    Column("verdict", Text, nullable=False),
    Column("issued_at", Moment, nullable=False),
    Column("feedback_id", BigInteger, refers("feedback.id", on_delete="SET NULL")),
    Column("unanswered_id", BigInteger, refers("unanswered_question.id", on_delete="SET NULL")),
    Index("issued_answer_user", "user_key", "issued_at"),
    Index("issued_answer_issued", "issued_at"),
)
pending_question = Table(
    "pending_question",
    metadata,
    Column("user_key", Text, primary_key=True),
    Column("question", Text, nullable=False),
    Column("asked_at", Moment, nullable=False),
    Index("pending_question_asked", "asked_at"),
)
case_reminder = Table(
    "case_reminder",
    metadata,
    Column("report_id", Key, refers("report.id"), primary_key=True),
    Column("day", Day, nullable=False),
)
unanswered_question = Table(
    "unanswered_question",
    metadata,
    serial(),
    Column("school", Text, nullable=False),
    Column("role", Text, nullable=False),
    Column("question", Text, nullable=False),
    Column("month", Text, nullable=False),
    Index("unanswered_question_school", "school", "month"),
    Index("unanswered_question_month", "month"),
    sqlite_autoincrement=True,
)
