"""`help`: how to ask, the commands, and buttons for the most used ones."""

from __future__ import annotations

from typing import Final

from bot.conversation.models import ConversationKind
from bot.texts import Lang, t
from cards.elements import Json, card, execute, fact_set, heading, text_block
from cards.ids import Verb

# The commands as typed (also in the app manifest's command lists) and the key of their description:
# in a personal chat, and where others read along (reporting works only in a personal chat).
COMMANDS: Final[tuple[tuple[str, str], ...]] = (
    ("help", "help.cmd.help"),
    ("rol", "help.cmd.rol"),
    ("school", "help.cmd.school"),
    ("meld", "help.cmd.meld"),
    ("protocol", "help.cmd.protocol"),
    ("privacy", "help.cmd.privacy"),
    ("mijn meldingen", "help.cmd.mijn_meldingen"),
)
SHARED_COMMANDS: Final[tuple[tuple[str, str], ...]] = (
    ("help", "help.cmd.help"),
    ("rol", "help.cmd.rol"),
    ("protocol", "help.cmd.protocol"),
    ("privacy", "help.cmd.privacy"),
)
CHANNEL_COMMANDS: Final[tuple[tuple[str, str], ...]] = (
    *SHARED_COMMANDS,
    ("meldingen hier", "help.cmd.meldingen_hier"),
    ("overzicht", "help.cmd.overzicht"),
    ("inzichten", "help.cmd.inzichten"),
)


def help_card(lang: Lang = "nl", where: ConversationKind = "personal") -> Json:
    """The help for where it was asked: a channel lists what works there, not `meld`."""
    if where == "personal":
        commands, intro, note = COMMANDS, "help.commands", "help.channel"
    else:
        commands = CHANNEL_COMMANDS if where == "channel" else SHARED_COMMANDS
        intro, note = "help.channel_intro", "help.channel_private"
    body = [
        heading(t("help.title", lang)),
        text_block(t("help.intro", lang)),
        text_block(t(intro, lang), weight="Bolder", spacing="Medium"),
        fact_set([(command, t(key, lang)) for command, key in commands]),
        text_block(t(note, lang), isSubtle=True, size="Small", spacing="Medium"),
    ]
    actions = [
        execute(t("help.button_protocol", lang), Verb.SHOW_PROTOCOL),
        execute(t("help.button_privacy", lang), Verb.SHOW_PRIVACY),
        execute(t("help.button_role", lang), Verb.CHANGE_ROLE),
    ]
    return card(body, lang, actions, summary=t("help.title", lang))
