"""The in-memory outbox beside the in-memory reports: the same contract as the SQL backends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.reports.model import OutboxDraft, OutboxMessage, OutboxStatus
from bot.storage.base import CLAIM_LEASE, OutboxBacklog, as_utc
from bot.storage.memory_reports import MemoryTables


class MemoryOutboxStore:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables

    async def enqueue(self, drafts: list[OutboxDraft]) -> None:
        self._t.outbox.extend(self._t.outbox_rows(drafts, datetime.now(UTC)))

    async def claim_due(
        self, limit: int, now: datetime, lease: timedelta = CLAIM_LEASE, owner: str | None = None
    ) -> list[OutboxMessage]:
        heads: dict[str, OutboxMessage] = {}
        for message in self._t.outbox:
            if message.status == "pending" and message.conversation_key not in heads:
                heads[message.conversation_key] = message
        due = sorted((m for m in heads.values() if m.next_attempt_at <= now), key=lambda m: m.id)[:limit]
        claimed = []
        for message in due:
            updated = message.model_copy(
                update={
                    "attempts": message.attempts + 1,
                    "next_attempt_at": as_utc(now + lease),
                    "claimed_by": owner,
                }
            )
            self._replace(updated)
            claimed.append(updated.model_copy(deep=True))
        return claimed

    async def renew(self, message_id: int, owner: str, until: datetime) -> bool:
        message = self._t.outbox[message_id - 1]
        if message.status != "pending" or message.claimed_by != owner:
            return False
        self._update(message_id, next_attempt_at=as_utc(until))
        return True

    async def mark_sent(self, message_id: int) -> None:
        self._update(message_id, status="sent", last_error=None, claimed_by=None)

    async def retry_later(self, message_id: int, next_attempt_at: datetime, error: str) -> None:
        self._update(message_id, next_attempt_at=as_utc(next_attempt_at), last_error=error, claimed_by=None)

    async def mark_dead(self, message_id: int, error: str) -> None:
        self._update(message_id, status="dead", last_error=error, claimed_by=None)

    async def dead_count(self) -> int:
        return sum(1 for message in self._t.outbox if message.status == "dead")

    async def backlog(self, conversation_key: str | None = None) -> OutboxBacklog:
        mine = [m for m in self._t.outbox if conversation_key in (None, m.conversation_key)]
        pending = [m.created_at for m in mine if m.status == "pending"]
        dead = sum(1 for m in mine if m.status == "dead")
        return OutboxBacklog(pending=len(pending), oldest_pending_at=min(pending, default=None), dead=dead)

    async def messages(self, conversation_key: str) -> list[OutboxMessage]:
        return [m.model_copy(deep=True) for m in self._t.outbox if m.conversation_key == conversation_key]

    async def listing(self, statuses: Sequence[OutboxStatus], limit: int = 100) -> list[OutboxMessage]:
        return [m.model_copy(deep=True) for m in self._t.outbox if m.status in statuses][:limit]

    async def message(self, message_id: int) -> OutboxMessage | None:
        if not 1 <= message_id <= len(self._t.outbox):
            return None
        return self._t.outbox[message_id - 1].model_copy(deep=True)

    async def requeue(
        self, now: datetime, *, conversation_key: str | None = None, ids: Sequence[int] | None = None
    ) -> list[int]:
        changed = []
        for message in self._t.outbox:
            if conversation_key is not None and message.conversation_key != conversation_key:
                continue
            if ids is not None and message.id not in ids:
                continue
            waiting = (
                message.status == "pending" and message.claimed_by is None and message.next_attempt_at > now
            )
            if message.status == "dead":
                self._update(message.id, status="pending", attempts=0, next_attempt_at=as_utc(now))
            elif waiting:
                self._update(message.id, next_attempt_at=as_utc(now))
            else:
                continue
            changed.append(message.id)
        return changed

    def _update(self, message_id: int, **changes: object) -> None:
        self._replace(self._t.outbox[message_id - 1].model_copy(update=changes))

    def _replace(self, message: OutboxMessage) -> None:
        self._t.outbox[message.id - 1] = message
