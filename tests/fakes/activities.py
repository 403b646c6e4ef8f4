"""Teams activities as the channel sends them (JSON), for turn and HTTP tests."""

from __future__ import annotations

import itertools
from typing import Any

TENANT = "11111111-2222-3333-4444-555555555555"
OTHER_TENANT = "99999999-8888-7777-6666-555555555555"
BOT_ID = "28:test-bot"
_ids = itertools.count(1)


def teams_message(
    text: str,
    *,
    service_url: str,
    user: str = "user-1",
    tenant: str | None = TENANT,
    data_tenant: str | None = None,
    conversation_type: str = "personal",
    channel_id: str = "msteams",
    mention_bot: bool = False,
    value: dict[str, Any] | None = None,
    activity_type: str = "message",
    name: str | None = None,
) -> dict[str, Any]:
    conversation: dict[str, Any] = {
        "id": f"conv-{user}-{conversation_type}",
        "conversationType": conversation_type,
    }
    if tenant is not None:
        conversation["tenantId"] = tenant
    channel_data: dict[str, Any] = {}
    if (data_tenant or tenant) is not None:
        channel_data["tenant"] = {"id": data_tenant or tenant}
    if conversation_type == "channel":
        channel_data["team"] = {"id": "19:team@thread.tacv2"}
        channel_data["channel"] = {"id": "19:channel@thread.tacv2"}
    activity: dict[str, Any] = {
        "type": activity_type,
        "id": f"act-{next(_ids)}",
        "channelId": channel_id,
        "serviceUrl": service_url,
        "from": {"id": f"29:{user}", "aadObjectId": f"aad-{user}", "name": "Test Gebruiker"},
        "recipient": {"id": BOT_ID, "name": "Mag dit?"},
        "conversation": conversation,
        "channelData": channel_data,
        "locale": "nl-NL",
        "text": text,
    }
    if mention_bot:
        activity["text"] = f"<at>Mag dit?</at> {text}"
        activity["entities"] = [
            {"type": "mention", "text": "<at>Mag dit?</at>", "mentioned": {"id": BOT_ID, "name": "Mag dit?"}}
        ]
    if value is not None:
        activity["value"] = value
    if name is not None:
        activity["name"] = name
    return activity


def execute_action(verb: str, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """An `adaptiveCard/action` invoke, as Teams sends it for Action.Execute."""
    value = {
        "action": {"type": "Action.Execute", "verb": verb, "data": {"verb": verb, **data}},
        "trigger": "manual",
    }
    return teams_message("", value=value, activity_type="invoke", name="adaptiveCard/action", **kwargs)


def message_payload(
    html: str,
    *,
    author: str = "Daan Jansen",
    sent: str = "2026-11-21T13:05:00.000Z",
    attachments: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """`value.messagePayload` as Teams describes the message a message action was chosen on."""
    return {
        "id": "1763730300000",
        "replyToId": None,
        "createdDateTime": sent,
        "lastModifiedDateTime": None,
        "deleted": False,
        "importance": "normal",
        "locale": "nl-nl",
        "body": {"contentType": "html", "content": html},
        "from": {"device": None, "conversation": None, "application": None,
                 "user": {"userIdentityType": "aadUser", "id": "aad-sender", "displayName": author}},
        "mentions": [],
        "reactions": [],
        "attachments": attachments or [],
        "linkToMessage": "https://teams.microsoft.com/l/message/19:chat@thread.v2/1763730300000",
    }  # fmt: skip


def message_action(
    payload: dict[str, Any] | None,
    *,
    command_id: str = "meldBericht",
    context: str = "message",
    **kwargs: Any,
) -> dict[str, Any]:
    """A `composeExtension/fetchTask` invoke: a message action chosen on a message (in a group chat)."""
    value: dict[str, Any] = {
        "commandId": command_id,
        "commandContext": context,
        "requestId": "request-1",
        "context": {"theme": "default"},
    }
    if payload is not None:
        value["messagePayload"] = payload
    kwargs.setdefault("conversation_type", "groupChat")
    return teams_message("", value=value, activity_type="invoke", name="composeExtension/fetchTask", **kwargs)


def dialog_submit(data: dict[str, Any], *, command_id: str = "meldBericht", **kwargs: Any) -> dict[str, Any]:
    """A `composeExtension/submitAction` invoke: the dialog's Action.Submit, inputs merged into `data`."""
    value = {
        "commandId": command_id,
        "commandContext": "message",
        "context": {"theme": "default"},
        "data": data,
    }
    kwargs.setdefault("conversation_type", "groupChat")
    return teams_message(
        "", value=value, activity_type="invoke", name="composeExtension/submitAction", **kwargs
    )
