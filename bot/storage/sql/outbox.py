"""The outbox: FIFO per conversation, claimed by one worker at a time — `FOR UPDATE SKIP LOCKED` on
PostgreSQL, the BEGIN IMMEDIATE write lock on SQLite — under a lease the sending worker renews."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import Select, Update, and_, bindparam, case, func, literal, or_, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.sql.elements import ColumnElement

from bot.reports.model import OutboxDraft, OutboxMessage, OutboxStatus
from bot.storage.models import CLAIM_LEASE, OutboxBacklog
from bot.storage.sql.database import Area, mark_enqueued, read, statement, write
from bot.storage.sql.rows import every, first, insert_outbox
from bot.storage.sql.schema import outbox

SELECT_OUTBOX = select(*outbox.c)


def _claim() -> Update:
    mine, earlier = outbox.alias("o"), outbox.alias("p")
    # The oldest pending message of each conversation, if due; rows another instance is claiming are
    # skipped (PostgreSQL), or wait for its transaction (SQLite's write lock).
    due = (
        select(mine.c.id)
        .where(
            mine.c.status == "pending",
            mine.c.next_attempt_at <= bindparam("now"),
            ~select(literal(1))
            .where(
                earlier.c.conversation_key == mine.c.conversation_key,
                earlier.c.status == "pending",
                earlier.c.id < mine.c.id,
            )
            .exists(),
        )
        .order_by(mine.c.id)
        .limit(bindparam("limit"))
        .with_for_update(skip_locked=True)
    )
    return (
        update(outbox)
        .where(outbox.c.id.in_(due))
        .values(
            attempts=outbox.c.attempts + 1, next_attempt_at=bindparam("until"), claimed_by=bindparam("owner")
        )
        .returning(*outbox.c)
    )


def _backlog(per_conversation: bool) -> Select[int, Any, int]:
    pending = outbox.c.status == "pending"
    query = select(
        func.count().filter(pending),
        func.min(outbox.c.created_at).filter(pending),
        func.count().filter(outbox.c.status == "dead"),
    ).where(outbox.c.status.in_(("pending", "dead")))
    return query.where(outbox.c.conversation_key == bindparam("conversation")) if per_conversation else query


@cache
def _outcome_of(columns: tuple[str, ...]) -> Update:
    values: dict[str, Any] = {name: bindparam(name) for name in columns}
    return update(outbox).where(outbox.c.id == bindparam("message_id")).values(**values, claimed_by=None)


# The worker's statements, built once: building one costs more than running it.
CLAIM = _claim()
RENEW = (
    update(outbox)
    .where(
        outbox.c.id == bindparam("message_id"),
        outbox.c.claimed_by == bindparam("owner"),
        outbox.c.status == "pending",
    )
    .values(next_attempt_at=bindparam("until"))
)
BACKLOG = _backlog(per_conversation=False)
CONVERSATION_BACKLOG = _backlog(per_conversation=True)


def backlog_of(row: Any) -> OutboxBacklog:
    """The backlog from a row of BACKLOG or CONVERSATION_BACKLOG (its first three columns)."""
    return OutboxBacklog(pending=int(row[0]), oldest_pending_at=row[1], dead=int(row[2]))


def _outcome(db: Connection, message_id: int, **values: Any) -> None:
    db.execute(_outcome_of(tuple(sorted(values))), {**values, "message_id": message_id})


class OutboxStore(Area):
    @write
    def enqueue(self, db: Connection, drafts: list[OutboxDraft]) -> None:
        insert_outbox(db, drafts, datetime.now(UTC))

    @statement
    def claim_due(
        self,
        db: Connection,
        limit: int,
        now: datetime,
        lease: timedelta = CLAIM_LEASE,
        owner: str | None = None,
    ) -> list[OutboxMessage]:
        """Up to `limit` due messages, at most one per conversation (its oldest pending), oldest first.

        Claiming counts an attempt, records `owner` as `claimed_by` and hides the message for `lease`, so
        another instance (or this one after a crash) takes it again only once the lease has passed.
        """
        claimed = every(
            db, OutboxMessage, CLAIM, {"now": now, "limit": limit, "until": now + lease, "owner": owner}
        )
        return sorted(claimed, key=lambda message: message.id)

    @statement
    def renew(self, db: Connection, message_id: int, owner: str, until: datetime) -> bool:
        """Keep the claim of a message `owner` is still sending hidden until `until`; False when the claim
        is no longer this owner's (an outcome was recorded, or the lease passed and another took it)."""
        return bool(db.execute(RENEW, {"message_id": message_id, "owner": owner, "until": until}).rowcount)

    @statement
    def mark_sent(self, db: Connection, message_id: int) -> None:
        _outcome(db, message_id, status="sent", last_error=None)

    @statement
    def retry_later(self, db: Connection, message_id: int, next_attempt_at: datetime, error: str) -> None:
        _outcome(db, message_id, next_attempt_at=next_attempt_at, last_error=error)

    @statement
    def mark_dead(self, db: Connection, message_id: int, error: str) -> None:
        """Stop retrying (403/404): the message is kept, and counted for /readyz."""
        _outcome(db, message_id, status="dead", last_error=error)

    @read
    def backlog(self, db: Connection, conversation_key: str | None = None) -> OutboxBacklog:
        """Pending and dead counts, and when the oldest pending message was enqueued (of one conversation)."""
        if conversation_key is None:
            return backlog_of(db.execute(BACKLOG).one())
        return backlog_of(db.execute(CONVERSATION_BACKLOG, {"conversation": conversation_key}).one())

    @read
    def messages(self, db: Connection, conversation_key: str) -> list[OutboxMessage]:
        """All messages of one conversation, oldest first (for tests and the admin)."""
        query = SELECT_OUTBOX.where(outbox.c.conversation_key == conversation_key).order_by(outbox.c.id)
        return every(db, OutboxMessage, query)

    @read
    def listing(
        self, db: Connection, statuses: Sequence[OutboxStatus], limit: int = 100
    ) -> list[OutboxMessage]:
        """Messages with one of these statuses, oldest first (`python -m bot outbox list`)."""
        query = SELECT_OUTBOX.where(outbox.c.status.in_(list(statuses))).order_by(outbox.c.id).limit(limit)
        return every(db, OutboxMessage, query)

    @read
    def message(self, db: Connection, message_id: int) -> OutboxMessage | None:
        return first(db, OutboxMessage, SELECT_OUTBOX.where(outbox.c.id == message_id))

    @statement
    def requeue(
        self,
        db: Connection,
        now: datetime,
        *,
        conversation_key: str | None = None,
        ids: Sequence[int] | None = None,
    ) -> list[int]:
        """Send again: dead messages become pending (attempts from 0), and pending ones that nobody is
        sending now are due at `now`. Only those of `conversation_key` and/or `ids` when given. The ids
        that changed, in order. The outcome recorded last (`last_error`) stays, to explain."""
        wanted: list[ColumnElement[bool]] = [
            or_(
                outbox.c.status == "dead",
                and_(
                    outbox.c.status == "pending",
                    outbox.c.claimed_by.is_(None),
                    outbox.c.next_attempt_at > now,
                ),
            )
        ]
        if conversation_key is not None:
            wanted.append(outbox.c.conversation_key == conversation_key)
        if ids is not None:
            wanted.append(outbox.c.id.in_(list(ids)))
        statement = (
            update(outbox)
            .where(*wanted)
            .values(
                next_attempt_at=now,
                claimed_by=None,
                attempts=case((outbox.c.status == "dead", 0), else_=outbox.c.attempts),
                status="pending",
            )
            .returning(outbox.c.id)
        )
        changed = sorted(int(row[0]) for row in db.execute(statement))
        if changed:
            mark_enqueued(db)  # due again now
        return changed
