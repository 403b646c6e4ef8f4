"""The delivery ports: where a message goes, what sending returns, and the two Protocols around the worker.

`Sender` is implemented by the Bot Connector client in `bot/teams/proactive.py`; `OutboxHandler` turns one
outbox intent into Sender calls (the real one lives in `bot/leadership/outbox_handler.py`).
"""

from __future__ import annotations

from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

from bot.reports.model import OutboxMessage


class ConversationRef(BaseModel):
    """Where to send; stored as JSON with reports and channel registrations."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    service_url: str
    # 1:1 chat id, or the channel id ("19:...@thread.tacv2") for a new thread; empty for a 1:1 chat not known
    # yet, opened for `user_id` when something is sent (`personal_chat`)
    conversation_id: str
    tenant_id: str
    bot_id: str | None = None
    user_id: str | None = None  # the person's Teams id ("29:..."), for a 1:1 chat not known yet


class Sent(BaseModel):
    """What the connector answered for a new message."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    activity_id: str
    conversation_id: str  # for a new channel thread: "<channel>;messageid=<activity id>"


class DeliveryError(Exception):
    """A send that did not happen. `status` is the HTTP status, None for connection errors and timeouts;
    `retry_after` is the connector's Retry-After in seconds, when it gave one."""

    def __init__(self, status: int | None, retry_after: float | None = None, detail: str = "") -> None:
        self.status = status
        self.retry_after = retry_after
        self.detail = detail
        super().__init__(f"delivery failed: status={status} retry_after={retry_after} {detail}".rstrip())


class Sender(Protocol):
    async def new_thread(self, channel: ConversationRef, activity: dict[str, Any]) -> Sent:
        """Start a new thread in the channel `channel.conversation_id`."""
        ...

    async def send(self, conversation: ConversationRef, activity: dict[str, Any]) -> Sent:
        """A message in a 1:1 chat, or a reply in an existing thread (conversation_id incl. `;messageid=`)."""
        ...

    async def update(self, conversation: ConversationRef, activity_id: str, activity: dict[str, Any]) -> None:
        """Replace an activity the bot sent earlier (a card updated in place for everyone)."""
        ...

    async def open_chat(self, chat: ConversationRef) -> str:
        """The id of the bot's 1:1 chat with `chat.user_id`; Teams gives the existing chat where the app is
        installed for that person, and refuses (403) where it is not."""
        ...


UNPROCESSABLE = 422  # a message that can never be sent: the worker keeps it as dead and alerts


async def personal_chat(chat: ConversationRef, sender: Sender) -> ConversationRef:
    """`chat` ready to send to: a 1:1 chat known only by its member (a report made from a message in another
    conversation) is opened first. Opening is idempotent, so nothing needs to remember the id."""
    if chat.conversation_id:
        return chat
    if not chat.user_id:
        raise DeliveryError(UNPROCESSABLE, detail="conversation without id or member")
    return chat.model_copy(update={"conversation_id": await sender.open_chat(chat)})


class NotDeliverableYet(Exception):  # noqa: N818 — the agreed interface name
    """Nowhere to send yet (e.g. no leadership channel registered for the school): keep pending, alert on
    /readyz. `reason` holds ids only, e.g. "no leadership channel for school de-breul"."""

    def __init__(self, reason: str, school: str | None = None) -> None:
        self.reason = reason
        self.school = school
        super().__init__(reason)


def may_have_arrived(message: OutboxMessage) -> bool:
    """Whether an earlier attempt of this message may have reached Teams although its outcome was not
    recorded: a POST has no idempotency key, so a timeout, a dropped connection, a 5xx, a failure after
    the send or a crash (the lease passed, no outcome) leaves it open. Only a 4xx answer (other than 408)
    or "nowhere to send yet" says for certain that nothing arrived."""
    if message.attempts <= 1:
        return False
    error = message.last_error or ""
    if error.startswith("not deliverable"):
        return False
    return not (error.startswith("HTTP 4") and error != "HTTP 408")


class OutboxHandler(Protocol):
    async def deliver(self, message: OutboxMessage, sender: Sender) -> None:
        """Render from STORED state at send time, call the sender, record what later steps need.
        Raises DeliveryError / NotDeliverableYet to the worker."""
        ...
