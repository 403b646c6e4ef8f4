"""In-memory open cases and reminders (the same contract as the SQL backends)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from bot.leadership.model import LEADER_ACTIONS, OpenCase
from bot.reports.model import AuditEntry, OutboxDraft, Status
from bot.storage.memory_reports import MemoryTables
from bot.storage.overview import REMINDER_ACTION, REMINDER_ACTOR


class MemoryOverviewStore:
    def __init__(self, tables: MemoryTables) -> None:
        self._t = tables

    async def open_cases(self, school: str) -> list[OpenCase]:
        found = []
        for report in self._t.reports.values():
            if report.school != school or report.status == Status.AFGESLOTEN:
                continue
            actions = [
                entry.at
                for entry in self._t.audit
                if entry.report_id == report.id and entry.accepted and entry.action in LEADER_ACTIONS
            ]
            entries = [entry for entry in self._t.entries if entry.report_id == report.id]
            answers = [entry.at for entry in entries if entry.kind == "antwoord"]
            found.append(
                OpenCase(
                    report=report.model_copy(deep=True),
                    last_leader_action_at=max(actions, default=None),
                    last_answer_at=max(answers, default=None),
                    open_questions=sum(entry.kind == "vraag" and not entry.answered for entry in entries),
                )
            )
        return sorted(found, key=lambda case: (case.report.created_at, case.report.case_number))

    async def remind(self, report_id: UUID, day: date, outbox: list[OutboxDraft]) -> bool:
        before = self._t.reminded.get(report_id)
        if report_id not in self._t.reports or (before is not None and before >= day):
            return False
        now = datetime.now(UTC)
        audit = AuditEntry(
            report_id=report_id,
            actor_key=REMINDER_ACTOR,
            action=REMINDER_ACTION,
            accepted=True,
            detail={"day": day.isoformat()},
            at=now,
        )
        rows = self._t.outbox_rows(outbox, now)
        self._t.reminded[report_id] = day
        self._t.audit.append(audit)
        self._t.outbox.extend(rows)
        return True
