"""What every handler may use, built once in `create_app` and passed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from bot.conversation.issued import IssuedAnswers
from bot.conversation.ports import RoleDirectory, RuleSource
from bot.reporting.decoding import ImageCleaner
from bot.reporting.download import FileSource
from bot.storage import Store

if TYPE_CHECKING:
    from bot.leadership.desk import LeadershipDesk


@dataclass
class Services:
    store: Store
    rules: RuleSource
    schools_for: Callable[[str], tuple[str, ...]]  # tenant id -> the school slugs it hosts
    issued: IssuedAnswers = field(default_factory=IssuedAnswers)
    roles: RoleDirectory | None = None
    pending_questions: dict[str, str] = field(default_factory=dict)  # user key -> question awaiting a role
    files: FileSource | None = None  # downloads screenshots sent in a 1:1 chat (None: not accepted)
    screenshot_max_bytes: int = 5 * 1024 * 1024
    images: ImageCleaner = field(default_factory=ImageCleaner)  # decodes screenshots off the event loop
    retention_months: Callable[[str], int] | None = None  # school -> months a closed report is kept
    leadership: LeadershipDesk | None = None  # the escalation card's actions and `meldingen hier`

    def remember_question(self, user_key: str, text: str) -> None:
        """Keep a question asked before the role was known, to answer it once the role is chosen."""
        self.pending_questions.pop(user_key, None)
        self.pending_questions[user_key] = text
        while len(self.pending_questions) > 10_000:
            del self.pending_questions[next(iter(self.pending_questions))]

    def tenant_schools(self, tenant_id: str) -> tuple[str, ...]:
        """The tenant's schools that have a rules file."""
        known = set(self.rules.slugs)
        return tuple(slug for slug in self.schools_for(tenant_id) if slug in known)
