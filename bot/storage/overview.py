"""The leaders' overview's storage Protocol: the open cases with how they were handled, and the daily
reminder on a case nobody touched. Contract-tested on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from typing import Protocol
from uuid import UUID

from bot.leadership.model import OpenCase
from bot.reports.model import OutboxDraft

REMINDER_ACTOR = "magdit"  # the audit trail's actor for what the bot did on its own
REMINDER_ACTION = "herinnering"


class OverviewStore(Protocol):
    async def open_cases(self, school: str) -> list[OpenCase]:
        """The school's cases that are not closed, oldest first, each with when a leader last acted on it
        (an accepted `LEADER_ACTIONS` entry in its audit trail), when the reporter last answered a question,
        and how many of the leaders' questions wait for an answer."""
        ...

    async def remind(self, report_id: UUID, day: date, outbox: list[OutboxDraft]) -> bool:
        """Record that the case was reminded on `day` (the school's date), with an audit entry, and enqueue
        `outbox`, in one transaction. False, and nothing written, when it was reminded on that day or later
        already, or the case is gone: one reminder a day per case, however many instances ask."""
        ...
