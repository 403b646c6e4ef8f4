"""What the conversation layer needs from the rest of the bot, as narrow Protocols."""

from __future__ import annotations

from typing import Protocol

from bot.protocol.answer import Answer
from bot.protocol.engine import ReportRoute
from bot.protocol.model import Role, RulesFile


class RuleSource(Protocol):
    """The answer engine (`bot.protocol.engine.RuleBook`)."""

    @property
    def slugs(self) -> tuple[str, ...]: ...

    def school(self, slug: str) -> RulesFile: ...

    def answer(self, school: str, role: str, question: str, lang: str = "nl") -> Answer: ...

    def answer_situation(
        self, school: str, role: str, situation_id: str, lang: str = "nl"
    ) -> Answer | None: ...

    def report_route(self, school: str, role: str) -> ReportRoute: ...


class RoleDirectory(Protocol):
    """Where a user's role can be looked up (Microsoft Graph Education API), so the bot need not ask."""

    async def role_of(self, tenant_id: str, user_object_id: str) -> Role | None: ...
