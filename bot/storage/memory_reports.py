"""In-memory reports and outbox: every method computes first and mutates last, so a failure
half-way leaves nothing behind, exactly like a rolled-back transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

from bot.leadership.model import CaseEntry, CaseEntryDraft
from bot.reports import states
from bot.reports.model import (
    Action,
    AuditEntry,
    Json,
    OutboxDraft,
    OutboxMessage,
    Report,
    ReportDraft,
    Status,
    case_number,
    case_year,
)
from bot.storage.base import check_transition_entry
from bot.storage.errors import IdempotencyConflictError, ReportNotFoundError, StaleVersionError


@dataclass
class MemoryTables:
    reports: dict[UUID, Report] = field(default_factory=dict)
    idempotency: dict[str, UUID] = field(default_factory=dict)
    counters: dict[tuple[str, int], int] = field(default_factory=dict)
    audit: list[AuditEntry] = field(default_factory=list)
    outbox: list[OutboxMessage] = field(default_factory=list)
    entries: list[CaseEntry] = field(default_factory=list)  # the case log, beside its reports
    reminded: dict[UUID, date] = field(default_factory=dict)  # the last day a case was reminded

    def outbox_rows(self, drafts: list[OutboxDraft], now: datetime) -> list[OutboxMessage]:
        first = len(self.outbox) + 1
        return [
            OutboxMessage(
                id=first + offset,
                conversation_key=draft.conversation_key,
                message=draft.message,
                status="pending",
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
            for offset, draft in enumerate(drafts)
        ]

    def entry_rows(self, draft: CaseEntryDraft, now: datetime) -> tuple[CaseEntry, AuditEntry]:
        """The next case-log entry and its audit entry, not yet stored."""
        entry = CaseEntry(**draft.model_dump(), id=len(self.entries) + 1, at=now)
        audit = AuditEntry(
            report_id=draft.report_id,
            actor_key=draft.author_key,
            action=draft.kind,
            accepted=True,
            detail=entry.audit_detail(),
            at=now,
        )
        return entry, audit


class MemoryReportStore:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables

    async def submit(self, draft: ReportDraft, idempotency_key: str) -> tuple[Report, bool]:
        existing = self._t.idempotency.get(idempotency_key)
        if existing is not None:
            report = self._t.reports[existing]
            if report.reporter_key != draft.reporter_key:
                raise IdempotencyConflictError("idempotency key belongs to another reporter")
            return report.model_copy(deep=True), False
        now = datetime.now(UTC)
        counter = (draft.school, case_year(now))
        sequence = self._t.counters.get(counter, 0) + 1
        report = Report(
            **draft.model_dump(),
            id=uuid4(),
            case_number=case_number(counter[1], sequence),
            status=Status.NIEUW,
            version=1,
            created_at=now,
            updated_at=now,
        )
        entry = AuditEntry(
            report_id=report.id, actor_key=draft.reporter_key, action="submit", accepted=True, at=now
        )
        outbox = self._t.outbox_rows(states.escalation_messages(report), now)
        self._t.counters[counter] = sequence
        self._t.reports[report.id] = report
        self._t.idempotency[idempotency_key] = report.id
        self._t.audit.append(entry)
        self._t.outbox.extend(outbox)
        return report.model_copy(deep=True), True

    async def get(self, report_id: UUID) -> Report | None:
        report = self._t.reports.get(report_id)
        return report.model_copy(deep=True) if report else None

    async def by_case_number(self, school: str, case_number: str) -> Report | None:
        for report in self._t.reports.values():
            if report.school == school and report.case_number == case_number:
                return report.model_copy(deep=True)
        return None

    async def for_reporter(self, reporter_key: str) -> list[Report]:
        mine = [r for r in self._t.reports.values() if r.reporter_key == reporter_key]
        mine.sort(key=lambda r: (r.created_at, r.case_number), reverse=True)
        return [r.model_copy(deep=True) for r in mine]

    async def apply(
        self,
        report_id: UUID,
        action: Action,
        actor_key: str,
        expected_version: int,
        detail: Json | None = None,
        entry: CaseEntryDraft | None = None,
    ) -> Report:
        check_transition_entry(report_id, entry)
        now = datetime.now(UTC)
        report = self._t.reports.get(report_id)
        try:
            if report is None:
                raise ReportNotFoundError(str(report_id))
            if report.version != expected_version:
                raise StaleVersionError(f"version {expected_version} is not {report.version}")
            status = states.next_status(report.status, action)
        except Exception as refused:
            await self.record_refusal(
                report.id if report else None, actor_key, action.value, {"reason": type(refused).__name__}
            )
            raise
        changed = report.model_copy(
            update={
                "status": status,
                "version": report.version + 1,
                "handler_key": actor_key if action != Action.AFSLUITEN else report.handler_key,
                "updated_at": now,
            }
        )
        audit = AuditEntry(
            report_id=report.id,
            actor_key=actor_key,
            action=action.value,
            accepted=True,
            detail={**(detail or {}), "from": report.status.value, "to": status.value},
            at=now,
        )
        outbox = self._t.outbox_rows(states.transition_messages(changed, action), now)
        logged = self._t.entry_rows(entry, now) if entry is not None else None
        self._t.reports[report.id] = changed
        self._t.audit.append(audit)
        self._t.outbox.extend(outbox)
        if logged is not None:
            self._t.entries.append(logged[0])
            self._t.audit.append(logged[1])
        return changed.model_copy(deep=True)

    async def record_refusal(self, report_id: UUID | None, actor_key: str, action: str, detail: Json) -> None:
        known = report_id if report_id in self._t.reports else None
        self._t.audit.append(
            AuditEntry(
                report_id=known,
                actor_key=actor_key,
                action=action,
                accepted=False,
                detail=detail,
                at=datetime.now(UTC),
            )
        )

    async def record_view(self, report_id: UUID, actor_key: str, action: str, detail: Json) -> None:
        self._t.audit.append(
            AuditEntry(
                report_id=report_id,
                actor_key=actor_key,
                action=action,
                accepted=True,
                detail=detail,
                at=datetime.now(UTC),
            )
        )

    async def audit_trail(self, report_id: UUID) -> list[AuditEntry]:
        return [entry for entry in self._t.audit if entry.report_id == report_id]
