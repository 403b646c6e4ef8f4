"""The report form in the 1:1 chat: opening it, and answering it when it comes back (`intake` checks and
stores it *before* the reporter sees the confirmation, idempotent on the form's token); `mijn meldingen`.

Nothing here logs what was typed: ids, case numbers, categories and error class names only.
"""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.conversation.models import CardReply, ConversationKind, TurnResult, Where
from bot.conversation.profiles import missing_setup
from bot.conversation.services import Services
from bot.delivery.ports import ConversationRef
from bot.reporting.intake import FormAgain, Refused, issue_form, take_in
from bot.reporting.reply import form_result, replacing
from bot.reports.model import Report
from bot.storage import Profile, Store
from bot.texts import Lang, t
from cards.actions import SubmitReport
from cards.confirmation import confirmation_card
from cards.report import my_reports_card, report_form_card

log = logging.getLogger(__name__)

Waiting = Literal["no_channel", "teams"]
WAIT_NOTICE = timedelta(seconds=30)  # the school's channel messages waited this long: Teams is unreachable
WAIT_CHECK_SECONDS = 1.0


async def open_form(
    services: Services,
    profile: Profile,
    lang: Lang,
    where: ConversationKind,
    preset: dict[str, str] | None = None,
) -> TurnResult:
    """A fresh report card with a token the bot remembers (so it still submits after a restart)."""
    if where != "personal":
        return TurnResult.say(t("reply.report_private", lang))
    setup = missing_setup(services, profile, lang)
    if setup is not None or profile.school is None:
        return setup if setup else TurnResult.say(t("reply.unknown_school", lang))
    token = await issue_form(services, profile, profile.school)
    card = report_form_card(
        lang, form_token=token, values=preset, show_name_default=profile.role != "leerling"
    )
    log.info("report form issued (school %s)", profile.school)
    return TurnResult(replies=(CardReply(card=card, summary=t("form.summary", lang)),))


async def submit(
    services: Services,
    profile: Profile,
    action: SubmitReport,
    lang: Lang,
    where: Where,
    sender_name: str | None = None,
) -> TurnResult:
    """The report card came back. Every outcome answers with a card that replaces the form (Execute) or is
    sent anew (Submit): the form again with messages, or the confirmation of the one stored case."""
    if where.kind != "personal":
        return TurnResult.say(t("reply.report_private", lang))
    outcome = await take_in(services, profile, action, lang, reporter_conversation(where), sender_name)
    if isinstance(outcome, Refused):
        return TurnResult.say(outcome.text)
    if isinstance(outcome, FormAgain):
        show_name = profile.role != "leerling"
        return form_result(
            lang, outcome.token, outcome.values, outcome.errors, show_name, notice=outcome.notice
        )
    report = outcome.report
    return confirmation(services, report, profile, lang, await delivery_wait(services.store, report.school))


async def my_reports(services: Services, profile: Profile, lang: Lang, where: ConversationKind) -> TurnResult:
    """`mijn meldingen`: the reporter's own cases (number, category, date, status), in a 1:1 chat only."""
    if where != "personal":
        return TurnResult.say(t("reply.report_private", lang))
    mine = await services.store.reports.for_reporter(profile.user_key)
    return TurnResult(replies=(CardReply(card=my_reports_card(mine, lang), summary=t("mine.summary", lang)),))


def confirmation(
    services: Services, report: Report, profile: Profile, lang: Lang, waiting: Waiting | None = None
) -> TurnResult:
    role = profile.role or "leerling"
    route = services.rules.report_route(report.school, role)
    card = confirmation_card(report, route, lang, kindertelefoon=role == "leerling", waiting=waiting)
    return replacing(card)


async def delivery_wait(store: Store, school: str) -> Waiting | None:
    """Whether the report waits before it reaches the school, so the reporter is told honestly: no report
    channel registered yet, or the school's channel messages wait behind a failed try for longer than
    `WAIT_NOTICE` (Teams unreachable). Bounded: a slow store gives the plain confirmation."""
    try:
        async with asyncio.timeout(WAIT_CHECK_SECONDS):
            backlog = await store.leadership.report_channel_backlog(school)
    except Exception as error:  # TimeoutError included: the report is stored, the confirmation goes out
        log.warning("delivery state not read: %s", type(error).__name__)
        return None
    if backlog is None:
        return "no_channel"
    age = backlog.oldest_age_seconds(datetime.now(UTC))
    return "teams" if age >= WAIT_NOTICE.total_seconds() else None


def reporter_conversation(where: Where) -> dict[str, object]:
    """The reporter's 1:1 chat, for notifications and questions from the leadership (a ConversationRef)."""
    return ConversationRef(
        service_url=where.service_url or "",
        conversation_id=where.conversation_id,
        tenant_id=where.tenant_id,
        bot_id=where.bot_id,
    ).model_dump()
