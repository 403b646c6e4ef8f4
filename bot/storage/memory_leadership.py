"""In-memory leadership state beside the in-memory reports: compute first, mutate last."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from uuid import UUID

from bot.leadership.model import CaseEntry, CaseEntryDraft, ChannelRegistration, EscalationThread
from bot.reports.model import AuditEntry, OutboxDraft
from bot.storage.base import as_utc
from bot.storage.errors import QuestionClosedError, ReportNotFoundError
from bot.storage.memory_reports import MemoryTables


def new_card_token() -> str:
    return secrets.token_urlsafe(18)


class MemoryLeadershipStore:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables
        self._channels: dict[tuple[str, str], ChannelRegistration] = {}
        self._threads: dict[tuple[UUID, str], EscalationThread] = {}
        self._cards: dict[UUID, tuple[int, str]] = {}

    async def register_channel(self, registration: ChannelRegistration) -> None:
        stored = registration.model_copy(
            deep=True, update={"registered_at": as_utc(registration.registered_at)}
        )
        entry = AuditEntry(
            report_id=None,
            actor_key=registration.registered_by,
            action="kanaal_registreren",
            accepted=True,
            detail={"school": registration.school, "route": registration.route},
            at=datetime.now(UTC),
        )
        self._channels[(registration.school, registration.route)] = stored
        self._t.audit.append(entry)

    async def channel(self, school: str, route: str) -> ChannelRegistration | None:
        found = self._channels.get((school, route))
        return found.model_copy(deep=True) if found else None

    async def channels(self) -> list[ChannelRegistration]:
        return [self._channels[key].model_copy(deep=True) for key in sorted(self._channels)]

    async def set_escalation(self, thread: EscalationThread) -> None:
        if thread.report_id not in self._t.reports:
            raise ReportNotFoundError(str(thread.report_id))
        stored = thread.model_copy(deep=True, update={"created_at": as_utc(thread.created_at)})
        self._threads[(thread.report_id, thread.route)] = stored

    async def escalations(self, report_id: UUID) -> list[EscalationThread]:
        return [t.model_copy(deep=True) for (rid, _), t in sorted(self._threads.items()) if rid == report_id]

    async def card_token(self, report_id: UUID, version: int) -> str:
        if report_id not in self._t.reports:
            raise ReportNotFoundError(str(report_id))
        current = self._cards.get(report_id)
        if current is not None and current[0] == version:
            return current[1]
        if current is not None and current[0] > version:
            return new_card_token()  # a stale render: its buttons must not work, nor undo the newer card
        token = new_card_token()
        self._cards[report_id] = (version, token)
        return token

    async def card_version(self, report_id: UUID, token: str) -> int | None:
        current = self._cards.get(report_id)
        if current is None or not secrets.compare_digest(current[1], token):
            return None
        return current[0]

    async def add_entry(self, draft: CaseEntryDraft, outbox: list[OutboxDraft]) -> CaseEntry:
        if draft.report_id not in self._t.reports:
            raise ReportNotFoundError(str(draft.report_id))
        entries = self._t.entries
        question_index = None
        if draft.reply_to is not None:
            question_index = next(
                (
                    index
                    for index, entry in enumerate(entries)
                    if entry.id == draft.reply_to
                    and entry.report_id == draft.report_id
                    and entry.kind == "vraag"
                    and not entry.answered
                ),
                None,
            )
            if question_index is None:
                raise QuestionClosedError(str(draft.reply_to))
        now = datetime.now(UTC)
        entry, audit = self._t.entry_rows(draft, now)
        rows = self._t.outbox_rows(outbox, now)
        if question_index is not None:
            entries[question_index] = entries[question_index].model_copy(update={"answered": True})
        entries.append(entry)
        self._t.audit.append(audit)
        self._t.outbox.extend(rows)
        return entry.model_copy(deep=True)

    async def entries(self, report_id: UUID) -> list[CaseEntry]:
        return [e.model_copy(deep=True) for e in self._t.entries if e.report_id == report_id]
