""" "Meld dit bericht": report a message straight from the message, wherever it arrived (a class chat, a
channel, a 1:1 chat). The action on the message opens the report form as a dialog, filled in with what the
message says, who sent it and when; the reporter can change all of it. Sent, it is taken in like the chat's
form (`intake`: same checks, same idempotency on the form's token), escalated with the same minimal channel
card, and the dialog closes with a short line; the confirmation card goes to the reporter's own chat (outbox).

The message itself is kept as evidence with the form the bot issued, so the card's data cannot change it;
school and reporter come from the activity (tenant) and the stored profile, never from the card. Images in
the message are never kept: not fetched at all, and for sexting the refusal is audited as for screenshots.
Logs carry ids, case numbers, categories and counts: never the message, names or what was typed.
"""

from __future__ import annotations

import logging
from zoneinfo import ZoneInfo

from bot.conversation.models import (
    DialogCard,
    DialogMessage,
    DialogSubmitIn,
    MessageActionIn,
    TurnResult,
)
from bot.conversation.profiles import load_profile
from bot.conversation.services import Services
from bot.delivery.ports import ConversationRef
from bot.observability import log_value
from bot.reporting.intake import FormAgain, Refused, issue_form, take_in
from bot.reporting.submission import delivery_wait
from bot.reports.model import DESCRIPTION_MAX, Category, Report, ReportedMessage
from bot.storage import Profile
from bot.texts import Lang, t
from cards.actions import InvalidActionError, SubmitReport, parse_action
from cards.ids import INPUT_DESCRIPTION, INPUT_HAPPENED, INPUT_INVOLVED, INPUT_PLATFORM
from cards.report import report_form_card

log = logging.getLogger(__name__)

COMMAND_ID = "meldBericht"  # composeExtensions[0].commands[0].id in deployment/appPackage
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
TEAMS = "Teams"  # the report form's platform choice


async def open_dialog(services: Services, incoming: MessageActionIn, lang: Lang) -> TurnResult:
    """The report form as a dialog, filled in from the message; or why it cannot open."""
    if incoming.command_id != COMMAND_ID:
        log.info("unknown message action refused (command %s)", log_value(incoming.command_id))
        return _closing(t("dialog.unknown_command", lang))
    if incoming.message is None:
        log.info("message action without a readable message (activity %s)", log_value(incoming.activity_id))
        return _closing(t("dialog.no_message", lang))
    profile = await _profile(services, incoming)
    schools = services.tenant_schools(incoming.where.tenant_id)
    if not schools:
        return _closing(t("reply.unknown_school", lang))
    if profile.school is None or profile.school not in schools:
        return _closing(t("dialog.choose_school", lang))
    message = incoming.message
    token = await issue_form(services, profile, profile.school, message)
    log.info(
        "report dialog opened from a message (school %s, %d image(s) left out)",
        profile.school,
        message.images,
    )
    return _dialog(lang, token, _prefilled(message, lang), {}, profile, message=message)


async def submit(services: Services, incoming: DialogSubmitIn, lang: Lang) -> TurnResult:
    """The dialog's form sent: the form again (what to fix), or the dialog closes with the case number."""
    if incoming.command_id != COMMAND_ID:
        log.info("unknown dialog submission refused (command %s)", log_value(incoming.command_id))
        return _closing(t("dialog.unknown_command", lang))
    action = parse_action(incoming.data)
    if not isinstance(action, SubmitReport):
        raise InvalidActionError("not the report form", action.verb)
    profile = await _profile(services, incoming)
    chat = reporter_chat(incoming)
    outcome = await take_in(services, profile, action, lang, chat, incoming.sender.name)
    if isinstance(outcome, Refused):
        return _closing(outcome.text)
    if isinstance(outcome, FormAgain):
        same_form = outcome.token == action.form_token  # a new form (not this person's) holds no message
        return _dialog(
            lang,
            outcome.token,
            outcome.values,
            outcome.errors,
            profile,
            notice=outcome.notice,
            about=same_form,
        )
    report = outcome.report
    if outcome.created:
        await _refuse_sexting_images(services, report)
    return _closing(await _received(services, report, lang))


def reporter_chat(incoming: DialogSubmitIn) -> dict[str, object]:
    """The reporter's own 1:1 chat with the bot, known by its member: the dialog may have been opened in a
    group chat, or in a 1:1 chat between two people that the bot is not in. Opened when something is sent."""
    where = incoming.where
    return ConversationRef(
        service_url=where.service_url or "",
        conversation_id="",
        tenant_id=where.tenant_id,
        bot_id=where.bot_id,
        user_id=incoming.sender.teams_id,
    ).model_dump()


def _prefilled(message: ReportedMessage, lang: Lang) -> dict[str, str]:
    """The form's inputs from the message: its text as the description, the sender as who is involved, the
    time it was sent as when, Teams as where."""
    values = {INPUT_PLATFORM: TEAMS}
    if message.text:
        values[INPUT_DESCRIPTION] = message.text[:DESCRIPTION_MAX]
    if message.author:
        values[INPUT_INVOLVED] = message.author
    if message.sent_at:
        local = message.sent_at.astimezone(AMSTERDAM)
        values[INPUT_HAPPENED] = t(
            "dialog.sent_at", lang, date=local.strftime("%d-%m-%Y"), time=local.strftime("%H:%M")
        )
    return values


def _dialog(
    lang: Lang,
    token: str,
    values: dict[str, str],
    errors: dict[str, str],
    profile: Profile,
    *,
    message: ReportedMessage | None = None,
    notice: str | None = None,
    about: bool = True,
) -> TurnResult:
    lead = [t("dialog.from_message", lang)] if about else []
    if message is not None and message.images:
        lead.append(t("dialog.message_images", lang))
    card = report_form_card(
        lang,
        form_token=token,
        values=values,
        errors=errors,
        show_name_default=profile.role not in (None, "leerling"),
        notice=notice,
        lead=lead,
        in_dialog=True,
    )
    return TurnResult(dialog=DialogCard(title=t("dialog.title", lang), card=card))


async def _refuse_sexting_images(services: Services, report: Report) -> None:
    """For sexting an image in the message is refused as a screenshot would be: audited, never fetched."""
    message = report.message
    if report.category != Category.SEXTING or message is None or not message.images:
        return
    await services.store.reports.record_refusal(
        report.id, report.reporter_key, "screenshot", {"reason": "sexting", "count": message.images}
    )
    log.info(
        "images of the reported message refused for %s: category sexting (not fetched)", report.case_number
    )


async def _received(services: Services, report: Report, lang: Lang) -> str:
    """The dialog's closing line: the case number, honest about whether the school has it yet."""
    waiting = await delivery_wait(services.store, report.school) is not None
    key = "dialog.received_urgent" if report.urgent else "dialog.received"
    lines = [t(key + ("_waiting" if waiting else ""), lang, case=report.case_number)]
    if report.message is not None and report.message.images:
        sexting = report.category == Category.SEXTING
        lines.append(t("dialog.images_sexting" if sexting else "dialog.images", lang))
    lines.append(t("dialog.see_chat", lang))
    return " ".join(lines)


async def _profile(services: Services, incoming: MessageActionIn | DialogSubmitIn) -> Profile:
    return await load_profile(
        services, incoming.sender.user_key, incoming.where.tenant_id, incoming.sender.aad_object_id
    )


def _closing(text: str) -> TurnResult:
    return TurnResult(dialog=DialogMessage(text=text))
