"""The bot was installed: a welcome card in a personal chat; a short hello in a team or group chat."""

from __future__ import annotations

from bot.conversation.models import CardReply, InstalledIn, TurnResult
from bot.texts import lang_for_locale, t
from cards.help import help_card
from cards.welcome import welcome_card


def welcome(incoming: InstalledIn) -> TurnResult:
    lang = lang_for_locale(incoming.locale)
    if incoming.where.kind == "personal":
        return TurnResult(replies=(CardReply(card=welcome_card(lang), summary=t("welcome.title", lang)),))
    card = help_card(lang, incoming.where.kind)
    return TurnResult(replies=(CardReply(card=card, summary=t("help.title", lang)),))
