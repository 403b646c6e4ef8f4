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
    roles: RoleDirectory | None = None
    files: FileSource | None = None  # downloads screenshots sent in a 1:1 chat (None: not accepted)
    screenshot_max_bytes: int = 5 * 1024 * 1024
    images: ImageCleaner = field(default_factory=ImageCleaner)  # decodes screenshots off the event loop
    retention_months: Callable[[str], int] | None = None  # school -> months a closed report is kept
    leadership: LeadershipDesk | None = None  # the escalation card's actions and `meldingen hier`

    @property
    def issued(self) -> IssuedAnswers:
        """The answers issued and the questions waiting for a role, in the store (every instance)."""
        return IssuedAnswers(self.store.conversation)

    def tenant_schools(self, tenant_id: str) -> tuple[str, ...]:
        """The tenant's schools that have a rules file."""
        known = set(self.rules.slugs)
        return tuple(slug for slug in self.schools_for(tenant_id) if slug in known)
