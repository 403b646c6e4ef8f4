"""Typed commands: help, rol, meld, protocol, privacy (also in the app manifest's command lists)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Final

from bot.conversation.models import CardReply, ConversationKind, TurnResult
from bot.conversation.services import Services
from bot.protocol import wording
from bot.storage import Profile
from bot.texts import Lang, t
from cards.help import help_card
from cards.privacy import privacy_card
from cards.protocol import protocol_card
from cards.role import role_card

Command = Callable[[Services, Profile, Lang, ConversationKind], Awaitable[TurnResult]]


async def show_help(services: Services, profile: Profile, lang: Lang, where: ConversationKind) -> TurnResult:
    return TurnResult(replies=(CardReply(card=help_card(lang)),))


async def change_role(
    services: Services, profile: Profile, lang: Lang, where: ConversationKind
) -> TurnResult:
    return TurnResult(replies=(CardReply(card=role_card(lang, current=profile.role)),))


async def start_report(
    services: Services, profile: Profile, lang: Lang, where: ConversationKind
) -> TurnResult:
    """Reports are taken in a personal chat only; until the report form exists, say whom to tell."""
    if where != "personal":
        return TurnResult.say(t("reply.report_private", lang))
    if profile.school is None or profile.role is None:
        return TurnResult.say(t("reply.choose_role_first", lang))
    school = services.rules.school(profile.school).school
    contacts = [wording.contact_phrase(school.contact(key)) for key in school.report_to[profile.role]]
    return TurnResult.say(t("reply.report_how", lang, contacts=wording.join(contacts, lang, last="or")))


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
    return TurnResult(replies=(CardReply(card=privacy_card(lang)),))


COMMANDS: Final[dict[str, Command]] = {
    "help": show_help,
    "hulp": show_help,
    "uitleg": show_help,
    "rol": change_role,
    "role": change_role,
    "meld": start_report,
    "melden": start_report,
    "report": start_report,
    "protocol": show_protocol,
    "privacy": show_privacy,
}


def command_in(text: str) -> Command | None:
    """The command when the whole message is one (`help`, `/rol`, `Protocol.`), else None."""
    word = text.strip().lstrip("/").rstrip(".!?").strip().lower()
    return COMMANDS.get(word)
