"""In-memory report forms, screenshots and erasure beside the in-memory reports (compute, then mutate)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from uuid import UUID

from bot.reporting.model import Attachment, AttachmentDraft, ReportForm
from bot.reports.model import AuditEntry, Report, Status
from bot.storage.base import as_utc
from bot.storage.errors import ReportNotFoundError
from bot.storage.memory_leadership import MemoryLeadershipStore
from bot.storage.memory_reports import MemoryTables

ERASED = UUID(int=0)  # the memory fake keeps list positions (they are ids): erased rows become tombstones


@dataclass
class ReportingTables:
    forms: dict[str, ReportForm] = field(default_factory=dict)
    attachments: list[Attachment] = field(default_factory=list)
    data: dict[int, bytes] = field(default_factory=dict)
    next_attachment: int = 1


class MemoryReportingStore:
    def __init__(self, tables: MemoryTables, leadership: MemoryLeadershipStore) -> None:
        self._t = tables
        self._leadership = leadership
        self._r = ReportingTables()

    async def issue_form(self, form: ReportForm) -> None:
        self._r.forms[form.token] = form.model_copy(update={"created_at": as_utc(form.created_at)})

    async def form(self, token: str) -> ReportForm | None:
        found = self._r.forms.get(token)
        return found.model_copy() if found else None

    async def mark_form_used(self, token: str, report_id: UUID) -> None:
        found = self._r.forms.get(token)
        if found is not None:
            self._r.forms[token] = found.model_copy(update={"report_id": report_id})

    async def add_attachment(self, draft: AttachmentDraft) -> Attachment:
        if draft.report_id not in self._t.reports:
            raise ReportNotFoundError(str(draft.report_id))
        now = datetime.now(UTC)
        attachment = Attachment(
            id=self._r.next_attachment,
            report_id=draft.report_id,
            uploader_key=draft.uploader_key,
            content_type=draft.content_type,
            width=draft.width,
            height=draft.height,
            size=len(draft.data),
            created_at=now,
        )
        entry = AuditEntry(
            report_id=draft.report_id,
            actor_key=draft.uploader_key,
            action="screenshot",
            accepted=True,
            detail={"attachment": attachment.id, "bytes": attachment.size},
            at=now,
        )
        self._r.next_attachment += 1
        self._r.attachments.append(attachment)
        self._r.data[attachment.id] = bytes(draft.data)
        self._t.audit.append(entry)
        return attachment

    async def attachments(self, report_id: UUID) -> list[Attachment]:
        return [a for a in self._r.attachments if a.report_id == report_id]

    async def attachment_data(self, attachment_id: int) -> bytes | None:
        return self._r.data.get(attachment_id)

    async def find_cases(self, case_number: str) -> list[Report]:
        found = [r for r in self._t.reports.values() if r.case_number == case_number]
        return [r.model_copy(deep=True) for r in sorted(found, key=lambda r: r.school)]

    async def reports_between(self, school: str, start: datetime, end: datetime) -> list[Report]:
        found = [r for r in self._t.reports.values() if r.school == school and start <= r.created_at < end]
        return [r.model_copy(deep=True) for r in sorted(found, key=lambda r: (r.created_at, r.case_number))]

    async def closed_before(self, school: str | None, cutoff: datetime) -> list[UUID]:
        return [
            r.id
            for r in self._t.reports.values()
            if r.status == Status.AFGESLOTEN and r.updated_at < cutoff and school in (None, r.school)
        ]

    async def schools(self) -> list[str]:
        return sorted({r.school for r in self._t.reports.values()})

    async def erase(self, report_id: UUID) -> bool:
        if report_id not in self._t.reports:
            return False
        gone = {a.id for a in self._r.attachments if a.report_id == report_id}
        del self._t.reports[report_id]
        self._t.reminded.pop(report_id, None)
        for key in [k for k, v in self._t.idempotency.items() if v == report_id]:
            del self._t.idempotency[key]
        self._t.audit[:] = [e for e in self._t.audit if e.report_id != report_id]
        for index, message in enumerate(self._t.outbox):
            if message.message.get("report_id") == str(report_id):
                self._t.outbox[index] = message.model_copy(update={"status": "sent", "message": {}})
        self._r.attachments[:] = [a for a in self._r.attachments if a.id not in gone]
        for attachment_id in gone:
            self._r.data.pop(attachment_id, None)
        for token in [k for k, f in self._r.forms.items() if f.report_id == report_id]:
            del self._r.forms[token]
        self._erase_leadership(report_id)
        return True

    def _erase_leadership(self, report_id: UUID) -> None:
        # The memory fake's private tables; the SQL backends cascade from the report row instead.
        leadership = self._leadership
        for key in [k for k in leadership._threads if k[0] == report_id]:
            del leadership._threads[key]
        leadership._cards.pop(report_id, None)
        entries = self._t.entries
        for index, entry in enumerate(entries):
            if entry.report_id == report_id:
                entries[index] = entry.model_copy(update={"report_id": ERASED, "text": "-", "author_key": ""})

    async def purge_stale(
        self, forms_before: datetime, refusals_before: datetime, message_forms_before: datetime | None = None
    ) -> int:
        with_message = message_forms_before or forms_before
        forms = [
            k
            for k, f in self._r.forms.items()
            if f.report_id is None
            and (f.created_at < forms_before or (f.message is not None and f.created_at < with_message))
        ]
        kept = [
            e
            for e in self._t.audit
            if not (e.report_id is None and not e.accepted and e.at < refusals_before)
        ]
        removed = len(forms) + len(self._t.audit) - len(kept)
        for token in forms:
            del self._r.forms[token]
        self._t.audit[:] = kept
        return removed
