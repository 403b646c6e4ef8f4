"""Rows several store areas read and write inside their transaction: models read from rows, audit entries,
outbox messages, case-log entries, votes, the per-school counters behind case and question numbers; and
storing once per idempotency key."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

from pydantic import BaseModel
from sqlalchemy import Executable, Select, Table, bindparam, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from bot.leadership.model import CaseEntry, CaseEntryDraft
from bot.reports.model import Json, OutboxDraft, case_year
from bot.storage.errors import IdempotencyConflictError, ReportNotFoundError
from bot.storage.models import Feedback
from bot.storage.sql.database import Area, mark_enqueued
from bot.storage.sql.schema import audit, case_entry, feedback, feedback_article, outbox

M = TypeVar("M", bound=BaseModel)
D = TypeVar("D", bound=BaseModel)


def first(
    db: Connection, model: type[M], query: Executable, params: dict[str, Any] | None = None
) -> M | None:
    """The first row of `query` as a `model`, if any."""
    row = db.execute(query, params).first()
    return model.model_validate(dict(row._mapping)) if row else None


def every(db: Connection, model: type[M], query: Executable, params: dict[str, Any] | None = None) -> list[M]:
    """Every row of `query` as a `model`."""
    return [model.model_validate(dict(row._mapping)) for row in db.execute(query, params)]


@cache
def insert_of(table: Table, returning: str | None = None) -> Any:
    """The table's INSERT, built once and run with the row as parameters (building a statement per call, and
    its cache key, costs more than running it), returning that column, or nothing: not even the serial id
    SQLAlchemy would fetch by RETURNING on PostgreSQL for a caller that never reads it (~40 µs a row)."""
    insert = table.insert()
    return insert.inline() if returning is None else insert.returning(table.c[returning])


@cache
def dialect_insert(dialect: str, table: Table) -> Any:
    """The dialect's INSERT, which knows ON CONFLICT."""
    return (postgresql if dialect == "postgresql" else sqlite).insert(table)


# Upserts are built once per dialect and shape and run with the row as parameters: building one (its
# `excluded` alias above all) costs more than running it.
@cache
def _upsert(dialect: str, table: Table, columns: tuple[str, ...], keys: tuple[str, ...]) -> Any:
    insert = dialect_insert(dialect, table)
    others = {name: insert.excluded[name] for name in columns if name not in keys}
    return insert.on_conflict_do_update(index_elements=list(keys), set_=others)


@cache
def _counting(dialect: str, counter: Table) -> Any:
    return (
        dialect_insert(dialect, counter)
        .on_conflict_do_update(index_elements=["school", "year"], set_={"last": counter.c.last + 1})
        .returning(counter.c.last)
    )


@cache
def _newer(dialect: str, table: Table, key: str, by: str) -> Any:
    insert = dialect_insert(dialect, table)
    others = {column.name: insert.excluded[column.name] for column in table.c if column.name != key}
    newer = table.c[by] < insert.excluded[by]
    upsert = insert.on_conflict_do_update(index_elements=[key], set_=others, where=newer)
    return upsert.returning(table.c[key])


def replace_row(db: Connection, table: Table, values: dict[str, Any], keys: list[str]) -> None:
    """INSERT the row, or on a conflict on `keys` set every other column to the new row's."""
    db.execute(_upsert(db.dialect.name, table, tuple(values), tuple(keys)), values)


def replace_if_newer(db: Connection, table: Table, values: dict[str, Any], key: str, by: str) -> bool:
    """INSERT the row, or replace the one with the same `key` if the new row's `by` is greater: whether it
    was written (one statement, so two instances at once write the newest)."""
    return db.execute(_newer(db.dialect.name, table, key, by), values).first() is not None


def numbered(db: Connection, counter: Table, school: str) -> tuple[datetime, int, int]:
    """Now, its case year, and the school's next number in that year; a rolled-back transaction takes its
    number back with it."""
    now = datetime.now(UTC)
    year = case_year(now)
    row = {"school": school, "year": year, "last": 1}
    return now, year, int(db.execute(_counting(db.dialect.name, counter), row).scalar_one())


async def store_once(
    area: Area,
    model: type[M],
    new: Callable[[Connection, D, str], M],
    draft: D,
    key: str,
    by_key: Select[Any],
    owner: str,
) -> tuple[M, bool]:
    """The `model` that `new` stored from `draft` under idempotency `key`, in one transaction, and True. The
    same key again violates the key's unique index (on PostgreSQL a concurrent duplicate waits there for the
    first) and is rolled back, its number too: then the one stored first (`by_key`, the key as its "key"
    parameter) and False; refused when its `owner` field is not the draft's."""
    try:
        return await area.database.run(lambda db: new(db, draft, key)), True
    except IntegrityError:
        stored = await area.database.run(lambda db: first(db, model, by_key, {"key": key}), write=False)
        if stored is None:
            raise  # another constraint than the key's
    if getattr(stored, owner) != getattr(draft, owner):
        raise IdempotencyConflictError(f"idempotency key belongs to another {owner.split('_')[0]}")
    return stored, False


@contextmanager
def case_must_exist(report_id: UUID) -> Iterator[None]:
    """The statements run in this block refer to the case `report_id`: the foreign key's violation (the case
    is not there, or was erased meanwhile) is ReportNotFoundError; one statement needs no check before it."""
    try:
        yield
    except IntegrityError as error:
        code = getattr(error.orig, "sqlstate", None) or getattr(error.orig, "sqlite_errorname", None)
        if code not in {"23503", "SQLITE_CONSTRAINT_FOREIGNKEY"}:  # foreign_key_violation
            raise
        raise ReportNotFoundError(str(report_id)) from error


@cache
def _presence(key_column: Any) -> Any:
    return select(key_column).where(key_column == bindparam("key"))


def present(db: Connection, key_column: Any, key: Any) -> bool:
    """Whether the row with this key is there."""
    return db.execute(_presence(key_column), {"key": key}).first() is not None


def insert_outbox(db: Connection, drafts: list[OutboxDraft], now: datetime) -> None:
    if drafts:
        mark_enqueued(db)
        db.execute(
            insert_of(outbox),
            [
                {
                    "conversation_key": draft.conversation_key,
                    "message": draft.message.model_dump(mode="json", exclude_none=True),
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
                for draft in drafts
            ],
        )


def insert_audit(
    db: Connection,
    report_id: UUID | None,
    actor: str,
    action: str,
    accepted: bool,
    detail: Json,
    question_id: UUID | None = None,
) -> None:
    """An audit row about a report, or (`question_id`, no report) about a forwarded question."""
    db.execute(
        insert_of(audit),
        {
            "report_id": report_id,
            "question_id": question_id,
            "actor_key": actor,
            "action": action,
            "accepted": accepted,
            "detail": detail,
            "at": datetime.now(UTC),
        },
    )


def insert_entry(db: Connection, draft: CaseEntryDraft, now: datetime) -> CaseEntry:
    """A case-log entry and its audit entry."""
    row = {**draft.model_dump(), "answered": False, "at": now}
    entry_id = db.execute(insert_of(case_entry, "id"), row).scalar_one()
    entry = CaseEntry(**draft.model_dump(), id=int(entry_id), at=now)
    insert_audit(db, draft.report_id, draft.author_key, draft.kind, True, entry.audit_detail())
    return entry


def insert_feedback(db: Connection, vote: Feedback) -> int:
    """A vote and its per-article rows; the vote's id."""
    feedback_id = int(db.execute(insert_of(feedback, "id"), vote.model_dump()).scalar_one())
    if vote.sources:
        db.execute(
            dialect_insert(db.dialect.name, feedback_article).on_conflict_do_nothing(),
            [
                {"feedback_id": feedback_id, "school": vote.school, "article": article, "useful": vote.useful}
                for article in vote.sources
            ],
        )
    return feedback_id


def change_feedback(db: Connection, feedback_id: int, useful: bool) -> None:
    """A changed vote, per article too."""
    db.execute(update(feedback).where(feedback.c.id == feedback_id).values(useful=useful))
    db.execute(
        update(feedback_article).where(feedback_article.c.feedback_id == feedback_id).values(useful=useful)
    )
