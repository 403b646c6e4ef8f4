"""The reporting side's storage Protocol: report forms, screenshots, and what privacy law asks of the data
(retention purge, erasure, finding a case for an inzageverzoek). Contract-tested on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol
from uuid import UUID

from bot.reporting.model import Attachment, AttachmentDraft, ReportForm
from bot.reports.model import Report


class ReportingStore(Protocol):
    async def issue_form(self, form: ReportForm) -> None:
        """Remember a report card the bot is about to send (token → user, school, time)."""
        ...

    async def form(self, token: str) -> ReportForm | None: ...

    async def mark_form_used(self, token: str, report_id: UUID) -> None: ...

    async def add_attachment(self, draft: AttachmentDraft) -> Attachment:
        """Store the screenshot with its case and an audit entry (ids and sizes only), in one transaction.
        Raises ReportNotFoundError when the case is gone."""
        ...

    async def attachments(self, report_id: UUID) -> list[Attachment]:
        """Oldest first, without bytes."""
        ...

    async def attachment_data(self, attachment_id: int) -> bytes | None: ...

    async def find_cases(self, case_number: str) -> list[Report]:
        """Every case with this number (case numbers are per school), by school."""
        ...

    async def reports_between(self, school: str, start: datetime, end: datetime) -> list[Report]:
        """Reports of the school created in [start, end), oldest first (for statistics)."""
        ...

    async def closed_before(self, school: str | None, cutoff: datetime) -> list[UUID]:
        """Closed cases whose last change is before `cutoff` (of one school, or of every school)."""
        ...

    async def schools(self) -> list[str]:
        """Every school that has a report."""
        ...

    async def erase(self, report_id: UUID) -> bool:
        """Delete the case for good: report, screenshots, audit trail, case log, threads, its outbox
        messages and its form token. False when there was no such case."""
        ...

    async def purge_stale(
        self, forms_before: datetime, refusals_before: datetime, message_forms_before: datetime | None = None
    ) -> int:
        """Delete unused forms issued before `forms_before` (those holding a reported message already before
        `message_forms_before`: an abandoned dialog keeps nobody's message long) and audit entries of refused
        actions that name no case, older than `refusals_before`. Returns how many rows went."""
        ...
