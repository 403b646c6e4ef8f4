"""The welcome card, sent when the app is installed in a personal chat."""

from __future__ import annotations

from bot.texts import Lang, t
from cards.elements import Json, card, execute, heading, text_block
from cards.ids import Verb


def welcome_card(lang: Lang = "nl") -> Json:
    """What the bot does, privacy in one sentence, and three ways to start."""
    body = [
        heading(t("welcome.title", lang)),
        text_block(t("welcome.what", lang)),
        text_block(t("welcome.example", lang), isSubtle=True, spacing="Small"),
        text_block(t("welcome.report", lang), spacing="Medium"),
        text_block(t("welcome.privacy", lang), size="Small", isSubtle=True, spacing="Medium"),
    ]
    actions = [
        execute(t("welcome.ask", lang), Verb.START_QUESTION, style="positive"),
        execute(t("welcome.report_button", lang), Verb.START_REPORT),
        execute(t("welcome.help", lang), Verb.SHOW_HELP),
    ]
    return card(body, lang, actions, summary=t("welcome.title", lang))
