"""`help`: how to ask, the commands, and buttons for the most used ones."""

from __future__ import annotations

from typing import Final

from bot.texts import Lang, t
from cards.elements import Json, card, execute, fact_set, heading, text_block
from cards.ids import Verb

# The commands as typed (also in the app manifest's command lists) and the key of their description.
COMMANDS: Final[tuple[tuple[str, str], ...]] = (
    ("help", "help.cmd.help"),
    ("rol", "help.cmd.rol"),
    ("meld", "help.cmd.meld"),
    ("protocol", "help.cmd.protocol"),
    ("privacy", "help.cmd.privacy"),
    ("mijn meldingen", "help.cmd.mijn_meldingen"),
)


def help_card(lang: Lang = "nl") -> Json:
    body = [
        heading(t("help.title", lang)),
        text_block(t("help.intro", lang)),
        text_block(t("help.commands", lang), weight="Bolder", spacing="Medium"),
        fact_set([(command, t(key, lang)) for command, key in COMMANDS]),
        text_block(t("help.channel", lang), isSubtle=True, size="Small", spacing="Medium"),
    ]
    actions = [
        execute(t("help.button_protocol", lang), Verb.SHOW_PROTOCOL),
        execute(t("help.button_privacy", lang), Verb.SHOW_PRIVACY),
        execute(t("help.button_role", lang), Verb.CHANGE_ROLE),
    ]
    return card(body, lang, actions, summary=t("help.title", lang))
