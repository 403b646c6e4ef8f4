"""One turn in Teams: convert the activity, show typing, let the conversation layer decide, send.

The conversation layer (`ConversationHandler`) sees only our models; this module is the only place
that turns its `TurnResult` into botbuilder activities and invoke responses (a card action's updated card,
a message action's dialog).
"""

from __future__ import annotations

import logging
from typing import Any, Protocol

from botbuilder.core import CardFactory, InvokeResponse, MessageFactory, TurnContext
from botbuilder.schema import Activity, ActivityTypes

from bot.conversation.models import CardReply, DialogCard, DialogMessage, Incoming, TextReply, TurnResult
from bot.observability import log_value
from bot.teams.activities import (
    bot_was_added,
    card_action_in,
    dialog_submit_in,
    installed_in,
    message_action_in,
    message_in,
)

log = logging.getLogger(__name__)

ADAPTIVE_CARD_ACTION = "adaptiveCard/action"
# A message-extension action command: its dialog asked for, and its dialog's card sent.
FETCH_TASK = "composeExtension/fetchTask"
SUBMIT_ACTION = "composeExtension/submitAction"
DIALOG_INVOKES = frozenset({FETCH_TASK, SUBMIT_ACTION})
ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive"
MESSAGE_CONTENT_TYPE = "application/vnd.microsoft.activity.message"


class ConversationHandler(Protocol):
    async def handle(self, incoming: Incoming) -> TurnResult: ...


class TeamsTurns:
    """Routes each kind of activity to the conversation layer and sends what it returns."""

    def __init__(self, conversation: ConversationHandler) -> None:
        self._conversation = conversation

    async def run(self, context: TurnContext, tenant_id: str) -> None:
        activity: Activity = context.activity
        if activity.type == ActivityTypes.message:
            incoming: Incoming = message_in(activity, tenant_id)
            await context.send_activity(Activity(type=ActivityTypes.typing))
            await self._send(context, await self._conversation.handle(incoming))
        elif activity.type == ActivityTypes.invoke and activity.name == ADAPTIVE_CARD_ACTION:
            result = await self._conversation.handle(card_action_in(activity, tenant_id))
            await self._send(context, result.model_copy(update={"updated_card": None}))
            await _set_invoke_response(context, _card_action_response(result))
        elif activity.type == ActivityTypes.invoke and activity.name in DIALOG_INVOKES:
            # Nothing is sent into the conversation: it may be a group chat the pupil reports from.
            convert = message_action_in if activity.name == FETCH_TASK else dialog_submit_in
            result = await self._conversation.handle(convert(activity, tenant_id))
            await _set_invoke_response(context, _dialog_response(result.dialog))
        elif activity.type == ActivityTypes.invoke:
            await _set_invoke_response(context, InvokeResponse(status=501))
        elif activity.type in (ActivityTypes.conversation_update, ActivityTypes.installation_update):
            if bot_was_added(activity):
                await self._send(context, await self._conversation.handle(installed_in(activity, tenant_id)))
        else:
            log.debug("ignored activity type %s", log_value(activity.type))

    @staticmethod
    async def _send(context: TurnContext, result: TurnResult) -> None:
        for reply in result.replies:
            await context.send_activity(_to_activity(reply))


def _to_activity(reply: TextReply | CardReply) -> Activity:
    if isinstance(reply, TextReply):
        return MessageFactory.text(reply.text)
    message = MessageFactory.attachment(CardFactory.adaptive_card(reply.card))
    if reply.summary:
        message.summary = reply.summary
    return message


def _card_action_response(result: TurnResult) -> InvokeResponse:
    # Built by hand: botbuilder 4.17's on_adaptive_card_invoke path fails with 500 (TEAMS-FACTS).
    body: dict[str, Any]
    if result.updated_card is not None:
        body = {"statusCode": 200, "type": ADAPTIVE_CARD_CONTENT_TYPE, "value": result.updated_card}
    else:
        body = {"statusCode": 200, "type": MESSAGE_CONTENT_TYPE, "value": ""}
    return InvokeResponse(status=200, body=body)


def _dialog_response(dialog: DialogCard | DialogMessage | None) -> InvokeResponse:
    """The `task` a message extension answers with: a dialog with a card, or a short message."""
    if isinstance(dialog, DialogCard):
        card = {"contentType": ADAPTIVE_CARD_CONTENT_TYPE, "content": dialog.card}
        task = {
            "type": "continue",
            "value": {"title": dialog.title, "width": "medium", "height": "large", "card": card},
        }
        return InvokeResponse(status=200, body={"task": task})
    if isinstance(dialog, DialogMessage):
        return InvokeResponse(status=200, body={"task": {"type": "message", "value": dialog.text}})
    return InvokeResponse(status=200, body={})


def error_dialog(text: str) -> Activity:
    """The invoke response of a dialog whose turn failed: a short message instead of Teams' own error."""
    return Activity(type=ActivityTypes.invoke_response, value=_dialog_response(DialogMessage(text=text)))


async def _set_invoke_response(context: TurnContext, response: InvokeResponse) -> None:
    await context.send_activity(Activity(type=ActivityTypes.invoke_response, value=response))
