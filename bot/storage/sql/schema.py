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


class _Stored(TypeDecorator[Any]):
    """A value PostgreSQL stores as `native` and SQLite as text (`as_text`); `read` makes it whole again."""

    impl: Any = Text
    native: TypeEngine[Any]

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        return dialect.type_descriptor(Text() if dialect.name == "sqlite" else self.native)

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None:
            return None
        return self.as_text(value) if dialect.name == "sqlite" else self.as_native(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return None if value is None else self.read(value)

    def as_native(self, value: Any) -> Any:
        return value

    def as_text(self, value: Any) -> str:
        return str(value)

    def read(self, value: Any) -> Any:
        return value


class Moment(_Stored):
    """A timezone-aware instant, returned in UTC: TIMESTAMPTZ, or fixed-width ISO 8601 text."""

    impl = native = DateTime(timezone=True)
    cache_ok = True

    def as_text(self, value: datetime) -> str:
        return to_text(value)

    def read(self, value: Any) -> datetime:
        return (datetime.fromisoformat(value) if isinstance(value, str) else value).astimezone(UTC)


class Document(_Stored):
    """A JSON value (models and moments inside, a reported message, as JSON has them): JSONB, or text."""

    native = JSONB(none_as_null=True)
    cache_ok = True

    def as_native(self, value: Any) -> Any:
        return to_jsonable_python(value)

    def as_text(self, value: Any) -> str:
        return json.dumps(to_jsonable_python(value))

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        return json.loads(value) if isinstance(value, str) and dialect.name == "sqlite" else value


class Key(_Stored):
    """A UUID: native, or hyphenated text."""

    native = PG_UUID(as_uuid=True)
    cache_ok = True

    def read(self, value: Any) -> uuid.UUID:
        return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


class Day(_Stored):
    """A calendar day: DATE, or ISO 8601 text (text order is day order)."""

    impl = native = Date()
    cache_ok = True

    def as_text(self, value: date) -> str:
        return value.isoformat()

    def read(self, value: Any) -> date:
        return value if isinstance(value, date) else date.fromisoformat(value)


def serial() -> Column[int]:
    """An ascending row id: INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, BIGSERIAL on PostgreSQL."""
    return Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True)


def refers(target: str, on_delete: str = "CASCADE", **kwargs: Any) -> ForeignKey:
    return ForeignKey(target, ondelete=on_delete, **kwargs)


def partial_index(name: str, *columns: str, where: str) -> Index:
    """An index of the rows `where` holds, on both dialects."""
    return Index(name, *columns, sqlite_where=text(where), postgresql_where=text(where))


def one_of(column: str, *values: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IN ({', '.join(repr(value) for value in values)})")


def counter(name: str) -> Table:
    """The last number given out per school and year (case numbers, question numbers)."""
    return Table(
        name,
        metadata,
        Column("school", Text, nullable=False),
        Column("year", Integer, nullable=False),
        Column("last", Integer, nullable=False),
        PrimaryKeyConstraint("school", "year"),
    )


metadata = MetaData()
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")

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
case_counter = counter("case_counter")
question_counter = counter("question_counter")
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
    Column("status", Text, one_of("status", "nieuw", "opgepakt", "afgesloten"), nullable=False),
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
    Column("status", Text, one_of("status", "open", "answered"), nullable=False),
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
    Column("status", Text, one_of("status", "pending", "sent", "dead"), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", Moment, nullable=False),
    Column("last_error", Text),
    Column("created_at", Moment, nullable=False),
    Column("claimed_by", Text),
    partial_index("outbox_pending", "conversation_key", "id", where="status = 'pending'"),
    partial_index("outbox_unsent", "status", "created_at", where="status IN ('pending', 'dead')"),
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
    Column("kind", Text, one_of("kind", "notitie", "vraag", "antwoord", "afsluiting"), nullable=False),
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
    partial_index("report_form_unused", "created_at", where="report_id IS NULL"),
)
report_attachment = Table(
    "report_attachment",
    metadata,
    serial(),
    Column("report_id", Key, refers("report.id"), nullable=False),
    Column("uploader_key", Text, nullable=False),
    Column("content_type", Text, one_of("content_type", *IMAGE_TYPES), nullable=False),
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
