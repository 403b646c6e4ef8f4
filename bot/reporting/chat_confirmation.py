"""The confirmation card of a report made from a message ("Meld dit bericht"), sent by the outbox to the
reporter's own chat: the dialog the report was made in closes with a line of text, so the case number, what
happens now and who helps come here, where later news from the school comes too.

Rendered from the stored case when it is sent, in Dutch like every message the school sends later (the case
does not keep the reporter's language). The role decides whom the card names and whether it offers De
Kindertelefoon: the stored profile's, a pupil's when none is known.
"""

from __future__ import annotations

import logging

from bot.conversation.ports import RuleSource
from bot.delivery.ports import ConversationRef, Sender
from bot.protocol.engine import ReportRoute
from bot.protocol.model import Role
from bot.reporting.submission import delivery_wait
from bot.reports.model import Report
from bot.storage import Store
from cards.confirmation import confirmation_card
from cards.leader import card_activity

log = logging.getLogger(__name__)

PUPIL: Role = "leerling"


class ChatConfirmation:
    """Delivers the outbox intent `confirm_reporter` (dispatched by `LeadershipOutbox`)."""

    def __init__(self, store: Store, rules: RuleSource | None) -> None:
        self._store = store
        self._rules = rules

    async def deliver(self, report: Report, chat: ConversationRef, sender: Sender) -> None:
        profile = await self._store.profiles.get_profile(report.reporter_key)
        role: Role = profile.role if profile is not None and profile.role is not None else PUPIL
        waiting = await delivery_wait(self._store, report.school)
        card = confirmation_card(
            report, self._route(report.school, role), "nl", kindertelefoon=role == PUPIL, waiting=waiting
        )
        await sender.send(chat, card_activity(card, str(card["fallbackText"])))
        log.info("confirmation of %s sent to the reporter's chat", report.case_number)

    def _route(self, school: str, role: Role) -> ReportRoute:
        if self._rules is not None and school in self._rules.slugs:
            return self._rules.report_route(school, role)
        log.warning("confirmation: no rules for school %s, sent without the protocol's route", school)
        return ReportRoute(school=school, role=role, quotes=(), contacts=(), external=())
