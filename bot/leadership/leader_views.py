"""`overzicht` and `inzichten`: the leaders' overview of the school's open cases and the protocol insights.

Leaders only (settings, by Entra object id), and only where nobody else sees what they see. Typed in the
school's report channel, the answer is a card with numbers, for everyone there; its button's invoke
response — shown by Teams only to the presser — carries the list. In a personal chat the list comes at
once. Card data is forgeable: the school on a button is checked against the presser and the channel like a
typed command. A refusal changes nothing and is audited.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from bot.conversation.models import CardActionIn, CardReply, CardSubmitIn, MessageIn, TurnResult, Where
from bot.conversation.ports import RuleSource
from bot.insights import report as insight_report
from bot.leadership.model import REPORTS_ROUTE
from bot.leadership.overview import overview
from bot.leadership.views import LeaderDirectory, leader_label
from bot.observability import log_value
from bot.storage import Store
from bot.texts import Lang, t
from cards.elements import Json
from cards.ids import Verb
from cards.insights import insights_card
from cards.overview import overview_card
from cards.view_actions import LeaderView

log = logging.getLogger(__name__)

# The whole message: the command, and a school's slug where a leader leads several schools.
COMMAND = re.compile(
    r"^\s*/?(?P<command>overzicht|inzichten)(?:\s+(?P<rest>[a-z0-9-]+))?\s*[.!?]?\s*$", re.IGNORECASE
)
VERBS = {"overzicht": Verb.OVERVIEW, "inzichten": Verb.INSIGHTS}
Pressed = CardActionIn | CardSubmitIn


def is_leader_view(text: str) -> bool:
    return COMMAND.match(text) is not None


class Refused(Exception):  # noqa: N818 - a refusal, not a fault
    """Why a leader view was not shown (audited), and the text for the person who asked."""

    def __init__(self, reason: str, text_key: str, **values: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.text_key = text_key
        self.values = values


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class LeaderViews:
    store: Store
    directory: LeaderDirectory
    rules: RuleSource
    clock: Callable[[], datetime] = field(default=_now)

    async def typed(self, incoming: MessageIn, tenant_schools: tuple[str, ...], lang: Lang) -> TurnResult:
        match = COMMAND.match(incoming.text)
        if match is None:
            raise ValueError("not a leader view command")
        command = match.group("command").lower()
        verb = VERBS[command]
        try:
            school = await self._school(incoming, tenant_schools, match.group("rest") or "", command)
        except Refused as refusal:
            return await self._refuse(incoming, verb, None, refusal, lang)
        show_list = incoming.where.kind == "personal"
        content = await self._card(verb, school, show_list=show_list)
        log.info("%s shown for school %s (list: %s)", verb.value, school, show_list)
        return TurnResult(replies=(CardReply(card=content, summary=str(content["fallbackText"])),))

    async def pressed(
        self, incoming: Pressed, action: LeaderView, tenant_schools: tuple[str, ...], lang: Lang
    ) -> TurnResult:
        verb = Verb(action.verb)
        try:
            if isinstance(incoming, CardSubmitIn) and incoming.where.kind != "personal":
                # An Action.Submit's answer is a new message everyone in the channel reads: never the list.
                raise Refused("list_by_submit", "overview.refused.submit")
            if action.school not in tenant_schools or not self._leads(incoming, action.school):
                raise Refused("not_leader", "overview.refused.not_leader")
            if incoming.where.kind != "personal" and not await self._report_channel(
                incoming.where, action.school
            ):
                raise Refused("not_report_channel", "overview.refused.not_channel")
        except Refused as refusal:
            return await self._refuse(incoming, verb, action.school, refusal, lang)
        content = await self._card(verb, action.school, show_list=action.show_list)
        log.info("%s shown for school %s (list: %s)", verb.value, action.school, action.show_list)
        if isinstance(incoming, CardSubmitIn):  # personal chat, no Universal Actions: a new message
            return TurnResult(replies=(CardReply(card=content, summary=str(content["fallbackText"])),))
        return TurnResult(updated_card=content)

    async def _school(
        self, incoming: MessageIn, tenant_schools: tuple[str, ...], rest: str, command: str
    ) -> str:
        """The school this leader asks about, from where they ask; raises Refused."""
        mine = [school for school in tenant_schools if self._leads(incoming, school)]
        if not mine:
            raise Refused("not_leader", "overview.refused.not_leader")
        kind = incoming.where.kind
        if kind == "channel":
            for school in mine:
                if await self._report_channel(incoming.where, school):
                    return school
            raise Refused("not_report_channel", "overview.refused.not_channel")
        if kind != "personal":
            raise Refused("not_report_channel", "overview.refused.not_channel")
        named = [school for school in mine if school in rest.lower().split()]
        if len(mine) > 1 and len(named) != 1:
            raise Refused("which_school", "overview.which_school", command=command, schools=", ".join(mine))
        return named[0] if named else mine[0]

    def _leads(self, incoming: MessageIn | Pressed, school: str) -> bool:
        return self.directory.is_leader(school, incoming.sender.aad_object_id)

    async def _report_channel(self, where: Where, school: str) -> bool:
        """Whether this is the school's report channel (not a route's channel, which sees only some cases)."""
        registration = await self.store.leadership.channel(school, REPORTS_ROUTE)
        if registration is None or where.kind != "channel":
            return False
        channel = where.channel_id or where.conversation_id.split(";", 1)[0]
        return str(registration.conversation.get("conversation_id", "")).split(";", 1)[0] == channel

    async def _card(self, verb: Verb, school: str, *, show_list: bool) -> Json:
        now = self.clock()
        name = self.rules.school(school).school.name if school in self.rules.slugs else school
        if verb == Verb.OVERVIEW:
            cases = await self.store.overview.open_cases(school)
            days = self.directory.response_days(school)
            view = overview(school, cases, now, days, lambda key: leader_label(self.directory, school, key))
            return overview_card(view, name, show_list=show_list)
        first, last = insight_report.last_twelve_months(now)
        found = await insight_report.load(self.store, school, first, last)
        return insights_card(found, name, self._titles(school) if show_list else None, show_list=show_list)

    def _titles(self, school: str) -> dict[str, str]:
        """A few words of each article of the school's protocol, to name a topic by more than its number."""
        if school not in self.rules.slugs:
            return {}
        rules = self.rules.school(school)
        return {
            f"{school}:{article.id}": article.text
            for section in rules.sections
            for article in section.articles
        }

    async def _refuse(
        self, incoming: MessageIn | Pressed, verb: Verb, school: str | None, refusal: Refused, lang: Lang
    ) -> TurnResult:
        actor = incoming.sender.aad_object_id or incoming.sender.user_key
        detail: dict[str, object] = {"reason": refusal.reason}
        if school is not None:
            detail["school"] = school
        if refusal.reason != "which_school":  # a leader who has to say which school is not refused
            await self.store.reports.record_refusal(None, actor, verb.value, detail)
            log.warning(
                "%s refused: %s (activity %s)", verb.value, refusal.reason, log_value(incoming.activity_id)
            )
        return TurnResult.say(t(refusal.text_key, lang, **refusal.values))
