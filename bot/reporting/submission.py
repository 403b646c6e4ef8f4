"""Opening the report form and taking a submission in: validated, stored with its audit entry and escalation
message in one transaction *before* the reporter sees the confirmation, and idempotent on the form's token.

Nothing here logs what was typed: ids, case numbers, categories and error class names only.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from datetime import UTC, datetime, timedelta
from typing import Literal

from bot.conversation.models import CardReply, ConversationKind, TurnResult, Where
from bot.conversation.profiles import missing_setup
from bot.conversation.services import Services
from bot.delivery.ports import ConversationRef
from bot.leadership.model import REPORTS_ROUTE
from bot.reporting.model import ReportForm
from bot.reporting.reply import form_result, replacing
from bot.reporting.validation import check_submission
from bot.reports.model import SHORT_TEXT_MAX, Report, ReportDraft
from bot.reports.states import leadership_key
from bot.storage import Profile
from bot.storage.errors import IdempotencyConflictError
from bot.texts import Lang, t
from cards.actions import SubmitReport
from cards.confirmation import confirmation_card
from cards.report import my_reports_card, report_form_card

log = logging.getLogger(__name__)

Waiting = Literal["no_channel", "teams"]
WAIT_NOTICE = timedelta(seconds=30)  # the school's channel messages waited this long: Teams is unreachable
WAIT_CHECK_SECONDS = 1.0


def new_form_token() -> str:
    return secrets.token_urlsafe(24)


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
    token = new_form_token()
    await services.store.reporting.issue_form(
        ReportForm(
            token=token, user_key=profile.user_key, school=profile.school, created_at=datetime.now(UTC)
        )
    )
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
    check = check_submission(action, lang)
    token = action.form_token
    show_name = profile.role != "leerling"
    try:
        form = await services.store.reporting.form(token)
    except Exception as error:  # the store is down: the reporter keeps what they typed
        log.error("report form lookup failed: %s", type(error).__name__)
        return form_result(lang, token, check.values, {}, show_name, notice=t("form.not_sent", lang))
    if form is None or form.user_key != profile.user_key:
        await services.store.reports.record_refusal(
            None, profile.user_key, "submit_report", {"reason": "unknown form token"}
        )
        log.warning("report submission with an unknown or foreign form token refused")
        return await _fresh_form(services, profile, lang, check.values)
    if check.report is None:
        log.info("report form returned with %d field error(s)", len(check.errors))
        return form_result(lang, token, check.values, check.errors, show_name)
    fields = check.report
    draft = ReportDraft(
        school=form.school,
        category=fields.category,
        description=fields.description,
        platform=fields.platform,
        happened=fields.happened,
        involved=fields.involved,
        in_danger=fields.in_danger,
        anonymous=fields.anonymous,
        reporter_key=profile.user_key,
        reporter_conversation=reporter_conversation(where),
        reporter_name=None if fields.anonymous else _shown_name(sender_name),
    )
    try:
        report, created = await services.store.reports.submit(draft, token)
    except IdempotencyConflictError:
        log.warning("report submission refused: form token belongs to another reporter")
        return await _fresh_form(services, profile, lang, check.values)
    except Exception as error:  # nothing was written (one transaction): say so, keep the inputs
        log.error("report submission not stored: %s", type(error).__name__)
        return form_result(lang, token, check.values, {}, show_name, notice=t("form.not_sent", lang))
    if created:
        log.info(
            "report stored: %s (school %s, category %s)", report.case_number, report.school, report.category
        )
        try:
            await services.store.reporting.mark_form_used(token, report.id)
        except Exception as error:  # the report is in; the token still finds it through the report
            log.warning("could not mark the report form used: %s", type(error).__name__)
    else:
        log.info("repeated report submission answered with %s", report.case_number)
    return confirmation(services, report, profile, lang, await delivery_wait(services, report.school))


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


async def delivery_wait(services: Services, school: str) -> Waiting | None:
    """Whether the report waits before it reaches the school, so the reporter is told honestly: no report
    channel registered yet, or the school's channel messages wait behind a failed try for longer than
    `WAIT_NOTICE` (Teams unreachable). Bounded: a slow store gives the plain confirmation."""
    try:
        async with asyncio.timeout(WAIT_CHECK_SECONDS):
            if await services.store.leadership.channel(school, REPORTS_ROUTE) is None:
                return "no_channel"
            backlog = await services.store.outbox.backlog(leadership_key(school))
    except Exception as error:  # TimeoutError included: the report is stored, the confirmation goes out
        log.warning("delivery state not read: %s", type(error).__name__)
        return None
    age = backlog.oldest_age_seconds(datetime.now(UTC))
    return "teams" if age >= WAIT_NOTICE.total_seconds() else None


async def _fresh_form(services: Services, profile: Profile, lang: Lang, values: dict[str, str]) -> TurnResult:
    """A form not this person's (forged, replayed) or unknown: a new form of their own, values kept."""
    if profile.school is None:
        return TurnResult.say(t("reply.unknown_school", lang))
    token = new_form_token()
    await services.store.reporting.issue_form(
        ReportForm(
            token=token, user_key=profile.user_key, school=profile.school, created_at=datetime.now(UTC)
        )
    )
    return form_result(lang, token, values, {}, profile.role != "leerling", notice=t("form.expired", lang))


def _shown_name(name: str | None) -> str | None:
    """The reporter's name as Teams gives it, one line and short enough to store (never logged)."""
    cleaned = " ".join((name or "").split())[:SHORT_TEXT_MAX]
    return cleaned or None


def reporter_conversation(where: Where) -> dict[str, object]:
    """The reporter's 1:1 chat, for notifications and questions from the leadership (a ConversationRef)."""
    return ConversationRef(
        service_url=where.service_url or "",
        conversation_id=where.conversation_id,
        tenant_id=where.tenant_id,
        bot_id=where.bot_id,
    ).model_dump()
