"""The schema, defined once as SQLAlchemy Core tables; Alembic (`alembic/versions/`) owns how it is created.
A change here needs its revision: tests/storage/test_schema_drift.py fails while the two differ.

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
    false,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.dialects.postgresql import UUID as PG_UUID
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine


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
        """Fixed-width ISO 8601 in UTC, so text order is time order."""
        return value.astimezone(UTC).isoformat(timespec="microseconds")

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


def table(name: str, *items: Any) -> Table:
    return Table(name, metadata, *items)


def serial_table(name: str, *items: Any) -> Table:
    """A table whose rows get an ascending id: INTEGER PRIMARY KEY AUTOINCREMENT on SQLite, BIGSERIAL on
    PostgreSQL."""
    serial = Column("id", SERIAL, primary_key=True, autoincrement=True)
    return Table(name, metadata, serial, *items, sqlite_autoincrement=True)


def postgres_index(name: str, expression: str) -> Index:
    """An index on an expression, made on PostgreSQL only (SQLite finds those rows without)."""
    return Index(name, text(expression)).ddl_if(dialect="postgresql")


def refers(target: str, on_delete: str = "CASCADE", **kwargs: Any) -> ForeignKey:
    return ForeignKey(target, ondelete=on_delete, **kwargs)


def partial_index(name: str, *columns: str, where: str) -> Index:
    """An index of the rows `where` holds, on both dialects."""
    return Index(name, *columns, sqlite_where=text(where), postgresql_where=text(where))


def one_of(column: str, *values: str) -> CheckConstraint:
    return CheckConstraint(f"{column} IN ({', '.join(repr(value) for value in values)})")


def required(kind: Any, *names: str) -> list[Column[Any]]:
    """NOT NULL columns of one type."""
    return [Column(name, kind, nullable=False) for name in names]


def optional(kind: Any, *names: str) -> list[Column[Any]]:
    """Nullable columns of one type."""
    return [Column(name, kind) for name in names]


def counter(name: str) -> Table:
    """The last number given out per school and year (case numbers, question numbers)."""
    return table(
        name,
        *required(Text, "school"),
        *required(Integer, "year", "last"),
        PrimaryKeyConstraint("school", "year"),
    )


metadata = MetaData()
# A serial table's id, and a column referring to one: INTEGER on SQLite (the rowid), BIGINT on PostgreSQL.
SERIAL = BigInteger().with_variant(Integer(), "sqlite")
IMAGE_TYPES = ("image/png", "image/jpeg", "image/gif", "image/webp")

profile = table(
    "profile",
    Column("user_key", Text, primary_key=True),
    *required(Text, "tenant_id"),
    *optional(Text, "school", "role", "role_source"),
    *required(Moment, "updated_at"),
)
feedback = serial_table(
    "feedback",
    *required(Text, "school", "role", "question", "verdict"),
    *required(Document, "sources"),
    *required(Boolean, "useful"),
    *required(Moment, "at"),
    Index("feedback_school_at", "school", "at"),
)
feedback_article = table(
    "feedback_article",
    Column("feedback_id", SERIAL, refers("feedback.id"), nullable=False),
    *required(Text, "school", "article"),
    *required(Boolean, "useful"),
    PrimaryKeyConstraint("feedback_id", "article"),
    Index("feedback_article_school", "school", "article"),
)
case_counter = counter("case_counter")
question_counter = counter("question_counter")
report = table(
    "report",
    Column("id", Key, primary_key=True),
    Column("idempotency_key", Text, nullable=False, unique=True),
    *required(Text, "school", "case_number", "category", "description", "reporter_key"),
    *optional(Text, "platform", "happened", "involved", "handler_key", "reporter_name"),
    *required(Boolean, "in_danger", "anonymous"),
    *required(Document, "reporter_conversation"),
    *optional(Document, "message"),
    Column("status", Text, one_of("status", "nieuw", "opgepakt", "afgesloten"), nullable=False),
    *required(Integer, "version"),
    *required(Moment, "created_at", "updated_at"),
    UniqueConstraint("school", "case_number"),
    Index("report_reporter", "reporter_key", "created_at"),
    Index("report_closed", "status", "updated_at"),
    Index("report_school_created", "school", "created_at"),
)
report_form = table(
    "report_form",
    Column("token", Text, primary_key=True),
    *required(Text, "user_key", "school"),
    *required(Moment, "created_at"),
    Column("report_id", Key, refers("report.id")),
    *optional(Document, "message"),
    partial_index("report_form_unused", "created_at", where="report_id IS NULL"),
)
forwarded_question = table(
    "forwarded_question",
    Column("id", Key, primary_key=True),
    Column("idempotency_key", Text, nullable=False, unique=True),
    *required(Text, "school", "number", "role", "question", "asker_key", "card_token"),
    *optional(Text, "thread_activity_id", "answer", "answered_by"),
    *required(Document, "asker_conversation"),
    *optional(Document, "thread_conversation"),
    Column("status", Text, one_of("status", "open", "answered"), nullable=False),
    *optional(Moment, "answered_at"),
    *required(Moment, "created_at", "updated_at"),
    UniqueConstraint("school", "number"),
    Index("forwarded_question_asker", "asker_key", "created_at"),
    Index("forwarded_question_changed", "school", "updated_at"),
)
audit = serial_table(
    "audit",
    Column("report_id", Key, refers("report.id")),
    Column("question_id", Key, refers("forwarded_question.id")),
    *required(Text, "actor_key", "action"),
    *required(Boolean, "accepted"),
    *required(Document, "detail"),
    *required(Moment, "at"),
    Index("audit_report", "report_id", "id"),
    Index("audit_question", "question_id", "id"),
)
outbox = serial_table(
    "outbox",
    *required(Text, "conversation_key"),
    *optional(Text, "last_error", "claimed_by"),
    *required(Document, "message"),
    Column("status", Text, one_of("status", "pending", "sent", "dead"), nullable=False),
    *required(Integer, "attempts"),
    *required(Moment, "next_attempt_at", "created_at"),
    partial_index("outbox_pending", "conversation_key", "id", where="status = 'pending'"),
    partial_index("outbox_unsent", "status", "created_at", where="status IN ('pending', 'dead')"),
    # Erasing a case or a question deletes its messages by the id inside (reporting.message_field).
    postgres_index("outbox_report", "(message->>'report_id')"),
    postgres_index("outbox_question", "(message->>'question_id')"),
)
leadership_channel = table(
    "leadership_channel",
    *required(Text, "school", "route", "registered_by"),
    *optional(Text, "team_id"),
    *required(Document, "conversation"),
    *required(Moment, "registered_at"),
    PrimaryKeyConstraint("school", "route"),
)
escalation_thread = table(
    "escalation_thread",
    Column("report_id", Key, refers("report.id"), nullable=False),
    *required(Text, "route", "activity_id"),
    *required(Document, "conversation"),
    *required(Moment, "created_at"),
    PrimaryKeyConstraint("report_id", "route"),
)
case_card = table(
    "case_card",
    Column("report_id", Key, refers("report.id"), primary_key=True),
    *required(Integer, "version"),
    *required(Text, "token"),
)
case_reminder = table(
    "case_reminder",
    Column("report_id", Key, refers("report.id"), primary_key=True),
    *required(Day, "day"),
)
case_entry = serial_table(
    "case_entry",
    Column("report_id", Key, refers("report.id"), nullable=False),
    Column("kind", Text, one_of("kind", "notitie", "vraag", "antwoord", "afsluiting"), nullable=False),
    *required(Text, "author_key", "text"),
    *optional(Text, "code", "token"),
    Column("reply_to", SERIAL, refers("case_entry.id")),
    Column("answered", Boolean, nullable=False, server_default=false()),
    *required(Moment, "at"),
    Index("case_entry_report", "report_id", "id"),
)
report_attachment = serial_table(
    "report_attachment",
    Column("report_id", Key, refers("report.id"), nullable=False),
    *required(Text, "uploader_key"),
    Column("content_type", Text, one_of("content_type", *IMAGE_TYPES), nullable=False),
    *required(Integer, "width", "height", "size"),
    *required(LargeBinary, "data"),
    *required(Moment, "created_at"),
    Index("report_attachment_report", "report_id", "id"),
)
issued_answer = table(
    "issued_answer",
    Column("token", Text, primary_key=True),
    *required(Text, "user_key", "school", "role", "question", "verdict"),
    *required(Document, "sources"),
    *required(Moment, "issued_at"),
    Column("feedback_id", SERIAL, refers("feedback.id", on_delete="SET NULL")),
    Column("unanswered_id", SERIAL, refers("unanswered_question.id", on_delete="SET NULL")),
    Index("issued_answer_user", "user_key", "issued_at"),
    Index("issued_answer_issued", "issued_at"),
)
pending_question = table(
    "pending_question",
    Column("user_key", Text, primary_key=True),
    *required(Text, "question"),
    *required(Moment, "asked_at"),
    Index("pending_question_asked", "asked_at"),
)
unanswered_question = serial_table(
    "unanswered_question",
    *required(Text, "school", "role", "question", "month"),
    Index("unanswered_question_school", "school", "month"),
    Index("unanswered_question_month", "month"),
)
