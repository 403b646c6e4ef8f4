"""Typed commands: help, rol, meld, protocol, privacy (also in the app manifest's command lists)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final

from bot.conversation.models import CardReply, ConversationKind, TurnResult
from bot.conversation.services import Services
from bot.reporting import submission
from bot.reports.model import Category
from bot.storage import Profile
from bot.texts import Lang, t
from cards.help import help_card
from cards.ids import INPUT_CATEGORY, INPUT_IN_DANGER
from cards.privacy import privacy_card
from cards.protocol import protocol_card
from cards.report import YES
from cards.role import role_card, school_card, school_chosen_card

Command = Callable[[Services, Profile, Lang, ConversationKind], Awaitable[TurnResult]]


async def show_help(services: Services, profile: Profile, lang: Lang, where: ConversationKind) -> TurnResult:
    return TurnResult(replies=(CardReply(card=help_card(lang, where)),))


async def change_role(
    services: Services, profile: Profile, lang: Lang, where: ConversationKind
) -> TurnResult:
    if profile.role_source == "graph":
        return TurnResult.say(t("reply.role_from_school", lang))
    return TurnResult(replies=(CardReply(card=role_card(lang, current=profile.role)),))


async def change_school(
    services: Services, profile: Profile, lang: Lang, where: ConversationKind
) -> TurnResult:
    """`school`: the picker again, when the tenant hosts more than one school."""
    schools = services.tenant_schools(profile.tenant_id)
    if len(schools) < 2:
        name = services.rules.school(schools[0]).school.name if schools else None
        if name is None:
            return TurnResult.say(t("reply.unknown_school", lang))
        return TurnResult(replies=(CardReply(card=school_chosen_card(name, lang, can_change=False)),))
    choices = [services.rules.school(slug).school for slug in schools]
    return TurnResult(replies=(CardReply(card=school_card(choices, lang)),))


async def start_report(
    services: Services,
    profile: Profile,
    lang: Lang,
    where: ConversationKind,
    category: Category | None = None,
    urgent: bool = False,
) -> TurnResult:
    """The report card, in a personal chat only (`bot.reporting`); preset with what the bot saw."""
    preset = {INPUT_CATEGORY: category.value} if category else {}
    if urgent:
        preset[INPUT_IN_DANGER] = YES
    return await submission.open_form(services, profile, lang, where, preset)


async def show_my_reports(
    services: Services, profile: Profile, lang: Lang, where: ConversationKind
) -> TurnResult:
    return await submission.my_reports(services, profile, lang, where)


async def show_protocol(
    services: Services, profile: Profile, lang: Lang, where: ConversationKind
) -> TurnResult:
    if profile.school is None:
        return TurnResult.say(t("reply.unknown_school", lang))
    rules = services.rules.school(profile.school)
    return TurnResult(replies=(CardReply(card=protocol_card(rules, lang, profile.role)),))


async def show_privacy(
    services: Services, profile: Profile, lang: Lang, where: ConversationKind
) -> TurnResult:
    months = (
        services.retention_months(profile.school) if services.retention_months and profile.school else None
    )
    return TurnResult(replies=(CardReply(card=privacy_card(lang, report_retention_months=months)),))


COMMANDS: Final[dict[str, Command]] = {
    "help": show_help,
    "hulp": show_help,
    "uitleg": show_help,
    "rol": change_role,
    "role": change_role,
    "meld": start_report,
    "melden": start_report,
    "report": start_report,
    "mijn meldingen": show_my_reports,
    "mijn melding": show_my_reports,
    "my reports": show_my_reports,
    "school": change_school,
    "protocol": show_protocol,
    "privacy": show_privacy,
}


def command_in(text: str) -> Command | None:
    """The command when the whole message is one (`help`, `/rol`, `Protocol.`), else None."""
    word = text.strip().lstrip("/").rstrip(".!?").strip().lower()
    return COMMANDS.get(word)
