"""Convert botbuilder activities into our models (`bot.conversation.models`) and check the tenant.

Nothing from botbuilder leaves this package: handlers get `Incoming` models only.
"""

from __future__ import annotations

import re
from typing import Any

from botbuilder.schema import Activity, ActivityTypes

from bot.conversation.models import (
    AttachmentIn,
    CardActionIn,
    CardSubmitIn,
    ConversationKind,
    DialogSubmitIn,
    InstalledIn,
    MessageActionIn,
    MessageIn,
    Sender,
    Where,
)
from bot.errors import BadActivityError, TenantNotAllowedError
from bot.teams.message_payload import reported_message

_KINDS: dict[str, ConversationKind] = {"personal": "personal", "groupChat": "groupChat", "channel": "channel"}
_AT_TAG = re.compile(r"<at>[^<]*</at>", re.IGNORECASE)


def activity_tenant(body: dict[str, Any], allowed: frozenset[str]) -> str:
    """The tenant of a raw activity: `conversation.tenantId` and `channelData.tenant.id`, present,
    equal and allowed. Read from the JSON itself: botbuilder's schema maps `tenantID`, not `tenantId`.
    """
    conversation = body.get("conversation")
    channel_data = body.get("channelData")
    tenant = channel_data.get("tenant") if isinstance(channel_data, dict) else None
    conversation_tenant = conversation.get("tenantId") if isinstance(conversation, dict) else None
    data_tenant = tenant.get("id") if isinstance(tenant, dict) else None
    if not isinstance(conversation_tenant, str) or not isinstance(data_tenant, str):
        raise TenantNotAllowedError("tenant missing")
    if conversation_tenant.lower() != data_tenant.lower():
        raise TenantNotAllowedError("tenant ids disagree")
    if conversation_tenant.lower() not in allowed:
        raise TenantNotAllowedError("tenant not allowed")
    return conversation_tenant.lower()


def sender_of(activity: Activity) -> Sender:
    user = activity.from_property
    if user is None or not user.id:
        raise BadActivityError("activity without sender")
    return Sender(teams_id=user.id, aad_object_id=user.aad_object_id or None, name=user.name or None)


def where_of(activity: Activity, tenant_id: str) -> Where:
    conversation = activity.conversation
    if conversation is None or not conversation.id:
        raise BadActivityError("activity without conversation")
    kind = _KINDS.get(conversation.conversation_type or "personal", "personal")
    channel_data = activity.channel_data if isinstance(activity.channel_data, dict) else {}
    team = channel_data.get("team")
    team_id = team.get("id") if isinstance(team, dict) and isinstance(team.get("id"), str) else None
    channel = channel_data.get("channel")
    channel = channel if isinstance(channel, dict) else {}
    channel_id = channel.get("id") if isinstance(channel.get("id"), str) else None
    return Where(
        conversation_id=conversation.id,
        kind=kind,
        tenant_id=tenant_id,
        team_id=team_id,
        service_url=activity.service_url or None,
        channel_id=channel_id,
        bot_id=activity.recipient.id if activity.recipient and activity.recipient.id else None,
        shared_channel=_is_shared(channel, channel_data),
    )


def _is_shared(channel: dict[str, Any], channel_data: dict[str, Any]) -> bool:
    """Teams marks a shared channel by `channel.type` (or `membershipType`) "shared", and lists the
    teams it is shared with in `sharedWithTeams`."""
    kinds = {str(channel.get("type", "")).lower(), str(channel.get("membershipType", "")).lower()}
    return "shared" in kinds or bool(channel_data.get("sharedWithTeams"))


def _common(activity: Activity, tenant_id: str) -> dict[str, Any]:
    return {
        "activity_id": activity.id,
        "sender": sender_of(activity),
        "where": where_of(activity, tenant_id),
        "locale": activity.locale or None,
    }


def message_in(activity: Activity, tenant_id: str) -> MessageIn | CardSubmitIn:
    """A message: typed text (bot mention stripped), or the data of an `Action.Submit`."""
    if isinstance(activity.value, dict) and not (activity.text or "").strip():
        return CardSubmitIn(data=activity.value, **_common(activity, tenant_id))
    recipient_id = activity.recipient.id if activity.recipient else None
    mentioned = False
    text = activity.text or ""
    for entity in activity.entities or []:
        props = getattr(entity, "additional_properties", None) or {}
        mentioned_id = (props.get("mentioned") or {}).get("id") if isinstance(props, dict) else None
        if getattr(entity, "type", None) == "mention" and recipient_id and mentioned_id == recipient_id:
            mentioned = True
            mention_text = props.get("text")
            if isinstance(mention_text, str) and mention_text:
                text = text.replace(mention_text, " ")
    text = _AT_TAG.sub(" ", text) if mentioned else text
    return MessageIn(
        text=" ".join(text.split()),
        mentioned_bot=mentioned,
        attachments=attachments_of(activity),
        **_common(activity, tenant_id),
    )


FILE_DOWNLOAD_INFO = "application/vnd.microsoft.teams.file.download.info"


def attachments_of(activity: Activity) -> tuple[AttachmentIn, ...]:
    """Inline images (`image/*` with a contentUrl) and files (download info with a downloadUrl); the
    `text/html` copy of the message and cards are left out."""
    found: list[AttachmentIn] = []
    for attachment in (activity.attachments or [])[:10]:
        kind = attachment.content_type or ""
        if kind.startswith("image/") and isinstance(attachment.content_url, str) and attachment.content_url:
            found.append(AttachmentIn(content_type=kind, url=attachment.content_url, needs_token=True))
        elif kind == FILE_DOWNLOAD_INFO and isinstance(attachment.content, dict):
            url = attachment.content.get("downloadUrl")
            file_type = attachment.content.get("fileType")
            if isinstance(url, str) and url:
                found.append(
                    AttachmentIn(
                        content_type=kind,
                        url=url,
                        needs_token=False,
                        file_type=file_type if isinstance(file_type, str) else None,
                    )
                )
    return tuple(found)


def card_action_in(activity: Activity, tenant_id: str) -> CardActionIn:
    """An `adaptiveCard/action` invoke: `value.action.verb` and `value.action.data`."""
    value = activity.value if isinstance(activity.value, dict) else {}
    action = value.get("action")
    if not isinstance(action, dict) or not isinstance(action.get("verb"), str):
        raise BadActivityError("adaptiveCard/action without verb")
    data = action.get("data") if isinstance(action.get("data"), dict) else {}
    return CardActionIn(verb=action["verb"], data=data, **_common(activity, tenant_id))


def message_action_in(activity: Activity, tenant_id: str) -> MessageActionIn:
    """A `composeExtension/fetchTask` invoke: the command and, chosen on a message, that message."""
    value = activity.value if isinstance(activity.value, dict) else {}
    on_message = value.get("commandContext") == "message"
    return MessageActionIn(
        command_id=_command_id(value),
        message=reported_message(value.get("messagePayload")) if on_message else None,
        **_common(activity, tenant_id),
    )


def dialog_submit_in(activity: Activity, tenant_id: str) -> DialogSubmitIn:
    """A `composeExtension/submitAction` invoke: the command and the dialog card's data (inputs merged)."""
    value = activity.value if isinstance(activity.value, dict) else {}
    data = value.get("data")
    return DialogSubmitIn(
        command_id=_command_id(value),
        data=data if isinstance(data, dict) else {},
        **_common(activity, tenant_id),
    )


def _command_id(value: dict[str, Any]) -> str:
    command = value.get("commandId")
    return command[:64] if isinstance(command, str) else ""


def installed_in(activity: Activity, tenant_id: str) -> InstalledIn:
    return InstalledIn(**_common(activity, tenant_id))


def bot_was_added(activity: Activity) -> bool:
    """An installationUpdate `add`: the one signal of an install.

    Teams also sends a conversationUpdate with the bot in membersAdded for the same install; answering
    both would greet twice, so that one is left alone.
    """
    return activity.type == ActivityTypes.installation_update and (activity.action or "").startswith("add")
