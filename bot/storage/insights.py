"""The protocol insights' storage Protocol: questions the protocol could not answer, and the 👎 votes
(`feedback`), read per school and period, purged after `RETENTION_MONTHS`. Neither holds a user id; while
the issued answer behind one lives (`ANSWER_TTL`), its row links to it, so `export --user` and
`erase --user` find it. Contract-tested on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.insights.model import UnansweredQuestion
from bot.storage.feedback import Feedback


class InsightStore(Protocol):
    async def record_unanswered(self, question: UnansweredQuestion, answer_token: str | None = None) -> None:
        """Store the question, linked to the issued answer behind `answer_token` (if it is still there)."""
        ...

    async def unanswered(self, school: str, first_month: str, last_month: str) -> list[UnansweredQuestion]:
        """The school's unanswered questions of the months `first_month`..`last_month`, by month, oldest
        first."""
        ...

    async def votes_down(self, school: str, start: datetime, end: datetime) -> list[Feedback]:
        """The school's 👎 votes cast in [start, end), oldest first."""
        ...

    async def of_user(self, user_key: str) -> tuple[list[UnansweredQuestion], list[Feedback]]:
        """What is still linked to one person through the answers issued to them (an inzageverzoek)."""
        ...

    async def erase_user(self, user_key: str) -> int:
        """Delete the unanswered questions and votes still linked to one person; how many rows went. Run it
        before `ConversationStore.erase_user`, which deletes the links."""
        ...

    async def purge(self, months_before: str, votes_before: datetime) -> int:
        """Delete unanswered questions of months before `months_before` and votes cast before
        `votes_before`; how many rows went."""
        ...
