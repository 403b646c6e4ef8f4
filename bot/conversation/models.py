"""What reaches the conversation layer and what it sends back: our own models, no botbuilder types.

The Teams bridge (`bot.teams`) converts activities into `Incoming` and sends `Reply` objects.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from bot.reports.model import ReportedMessage

ConversationKind = Literal["personal", "groupChat", "channel"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Sender(_Model):
    """The person behind an activity. `name` is shown in replies at most; never logged."""

    teams_id: str
    aad_object_id: str | None = None
    name: str | None = None

    @property
    def user_key(self) -> str:
        """The durable key for this user: the Entra object id when Teams sends it."""
        return self.aad_object_id or self.teams_id


class Where(_Model):
    """The conversation an activity belongs to."""

    conversation_id: str
    kind: ConversationKind
    tenant_id: str
    team_id: str | None = None
    # For registering a channel and answering in it (set by the Teams bridge; None in older tests).
    service_url: str | None = None
    channel_id: str | None = None  # channelData.channel.id: the channel a thread belongs to
    bot_id: str | None = None
    shared_channel: bool = False  # a Teams shared channel: people outside the team can read it


class _Incoming(_Model):
    activity_id: str | None = None
    sender: Sender
    where: Where
    locale: str | None = None

    @property
    def lang(self) -> Literal["nl", "en"]:
        return "en" if (self.locale or "").lower().startswith("en") else "nl"


class AttachmentIn(_Model):
    """A file or inline image sent with a message (Teams delivers files in personal chats only).

    `url` is an inline image's `contentUrl` (needs the bot's token, only on the activity's service host) or
    a file's pre-authorised `downloadUrl` (`needs_token` False). File names are not kept.
    """

    content_type: str
    url: str
    needs_token: bool
    file_type: str | None = None


class MessageIn(_Incoming):
    """A typed message; in a channel or group chat the bot's @mention is already stripped."""

    kind: Literal["message"] = "message"
    text: str
    mentioned_bot: bool = False
    attachments: tuple[AttachmentIn, ...] = ()


class CardSubmitIn(_Incoming):
    """An `Action.Submit` from a card: the raw data, parsed into a submission model by the handler."""

    kind: Literal["card_submit"] = "card_submit"
    data: dict[str, Any]


class CardActionIn(_Incoming):
    """An `Action.Execute` (invoke `adaptiveCard/action`): the verb and its data."""

    kind: Literal["card_action"] = "card_action"
    verb: str
    data: dict[str, Any]


class InstalledIn(_Incoming):
    """The bot was added to a personal chat, group chat or team."""

    kind: Literal["installed"] = "installed"


class MessageActionIn(_Incoming):
    """A message action chosen on a message in any chat or channel ("Meld dit bericht"; invoke
    `composeExtension/fetchTask`, context `message`): the bot answers with a dialog. `message` is what Teams
    says the message holds, None when it sent none that can be read."""

    kind: Literal["message_action"] = "message_action"
    command_id: str
    message: ReportedMessage | None


class DialogSubmitIn(_Incoming):
    """A dialog's card sent (invoke `composeExtension/submitAction`): the command and the card's data, raw,
    parsed into a submission model by the handler."""

    kind: Literal["dialog_submit"] = "dialog_submit"
    command_id: str
    data: dict[str, Any]


Incoming = Annotated[
    MessageIn | CardSubmitIn | CardActionIn | InstalledIn | MessageActionIn | DialogSubmitIn,
    Field(discriminator="kind"),
]
DialogIncoming = MessageActionIn | DialogSubmitIn


class TextReply(_Model):
    kind: Literal["text"] = "text"
    text: str


class CardReply(_Model):
    """An Adaptive Card; `summary` is the notification text (keep it free of personal data)."""

    kind: Literal["card"] = "card"
    card: dict[str, Any]
    summary: str | None = None


Reply = Annotated[TextReply | CardReply, Field(discriminator="kind")]


class DialogCard(_Model):
    """A dialog (task module) that shows a card: opened, or shown again after its card was sent."""

    kind: Literal["dialog_card"] = "dialog_card"
    title: str
    card: dict[str, Any]


class DialogMessage(_Model):
    """The dialog closes, or does not open, with a short plain message."""

    kind: Literal["dialog_message"] = "dialog_message"
    text: str


class TurnResult(_Model):
    """What one turn produces: messages to send, and for an `Action.Execute` the card that replaces it."""

    replies: tuple[TextReply | CardReply, ...] = ()
    updated_card: dict[str, Any] | None = None
    # The press came as an Action.Submit (no card to replace): send `updated_card` as a new message instead.
    resend_card_on_submit: bool = False
    # The answer to a message action or a dialog's card: what the dialog shows (replies are not sent then).
    dialog: DialogCard | DialogMessage | None = None

    @classmethod
    def say(cls, *texts: str) -> TurnResult:
        return cls(replies=tuple(TextReply(text=text) for text in texts))
