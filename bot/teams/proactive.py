"""The Sender: messages the bot sends on its own initiative, as direct Bot Connector REST calls.

One attempt per call: the outbox worker owns retrying (botbuilder's own retries do not work with
urllib3 2, and a durable retry must survive restarts anyway). Every call has a timeout, redirects are
never followed, and the token goes only to the conversation's own service URL: https, or plain http on
loopback (tests, Agents Playground). Statuses are mapped into `DeliveryError`.
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from ipaddress import ip_address
from typing import Any
from urllib.parse import quote

import aiohttp
from yarl import URL

from bot.delivery.ports import ConversationRef, DeliveryError, Sent
from bot.settings import Settings
from bot.teams.endpoint import token_source_from
from bot.teams.outbound import AccessTokenSource, CachedToken

log = logging.getLogger(__name__)

LOOPBACK_NAMES = frozenset({"localhost"})
REFUSED_URL = 403  # a service URL we will not send a token to: permanent, like a 403 from the connector


class ConnectorSender:
    """`bot.delivery.ports.Sender` over aiohttp. `token` is None only in unauthenticated local development."""

    def __init__(
        self, session: aiohttp.ClientSession, token: CachedToken | None, *, timeout_seconds: float
    ) -> None:
        self._session = session
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    async def new_thread(self, channel: ConversationRef, activity: dict[str, Any]) -> Sent:
        body: dict[str, Any] = {
            "isGroup": True,
            "channelData": {"channel": {"id": channel.conversation_id}, "tenant": {"id": channel.tenant_id}},
            "tenantId": channel.tenant_id,
            "activity": activity,
        }
        if channel.bot_id:
            body["bot"] = {"id": channel.bot_id}
        answer = await self._call("POST", channel, "/v3/conversations", body)
        activity_id = str(answer.get("activityId") or "")
        conversation_id = str(answer.get("id") or "")
        if not activity_id:
            raise DeliveryError(None, detail="new thread answer without activityId")
        if not conversation_id:
            conversation_id = f"{channel.conversation_id};messageid={activity_id}"
        return Sent(activity_id=activity_id, conversation_id=conversation_id)

    async def open_chat(self, chat: ConversationRef) -> str:
        body: dict[str, Any] = {
            "isGroup": False,
            "members": [{"id": chat.user_id}],
            "channelData": {"tenant": {"id": chat.tenant_id}},
            "tenantId": chat.tenant_id,
        }
        if chat.bot_id:
            body["bot"] = {"id": chat.bot_id}
        answer = await self._call("POST", chat, "/v3/conversations", body)
        conversation_id = str(answer.get("id") or "")
        if not conversation_id:
            raise DeliveryError(None, detail="new chat answer without id")
        return conversation_id

    async def send(self, conversation: ConversationRef, activity: dict[str, Any]) -> Sent:
        path = f"/v3/conversations/{_segment(conversation.conversation_id)}/activities"
        answer = await self._call("POST", conversation, path, activity)
        activity_id = str(answer.get("id") or "")
        if not activity_id:
            raise DeliveryError(None, detail="send answer without id")
        return Sent(activity_id=activity_id, conversation_id=conversation.conversation_id)

    async def update(self, conversation: ConversationRef, activity_id: str, activity: dict[str, Any]) -> None:
        path = (
            f"/v3/conversations/{_segment(conversation.conversation_id)}/activities/{_segment(activity_id)}"
        )
        await self._call("PUT", conversation, path, {**activity, "id": activity_id})

    async def _call(
        self, method: str, target: ConversationRef, path: str, body: dict[str, Any]
    ) -> dict[str, Any]:
        url = _endpoint(target.service_url, path)
        headers = {"Content-Type": "application/json"}
        if self._token is not None:
            headers["Authorization"] = f"Bearer {await self._token.get()}"
        try:
            async with self._session.request(
                method, url, json=body, headers=headers, timeout=self._timeout, allow_redirects=False
            ) as response:
                if 200 <= response.status < 300:
                    return await _json_object(response)
                raise DeliveryError(
                    response.status,
                    retry_after=_retry_after(response.headers.get("Retry-After")),
                    detail=f"{method} answered {response.status}",
                )
        except (aiohttp.ClientError, TimeoutError) as error:
            raise DeliveryError(None, detail=f"{method} failed: {type(error).__name__}") from error


def _segment(value: str) -> str:
    """One path segment: `19:x@thread.tacv2;messageid=1` cannot add segments, a query or another host."""
    return quote(value, safe="")


def _endpoint(service_url: str, path: str) -> URL:
    base = URL(service_url)
    host = base.host or ""
    secure = base.scheme == "https" and bool(host)
    if not (secure or (base.scheme == "http" and _is_loopback(host))):
        raise DeliveryError(REFUSED_URL, detail="service url refused (not https, not loopback)")
    if base.user or base.password or base.query_string or base.fragment:
        raise DeliveryError(REFUSED_URL, detail="service url refused (credentials, query or fragment)")
    url = URL(str(base).rstrip("/") + path, encoded=True)
    if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port):
        raise DeliveryError(REFUSED_URL, detail="service url refused (host changed)")
    return url


def _is_loopback(host: str) -> bool:
    if host in LOOPBACK_NAMES:
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False


async def _json_object(response: aiohttp.ClientResponse) -> dict[str, Any]:
    try:
        answer = await response.json(content_type=None)
    except ValueError:
        return {}
    return answer if isinstance(answer, dict) else {}


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds or as an HTTP date; None when absent or unreadable."""
    if not value:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max((moment - datetime.now(UTC)).total_seconds(), 0.0)


def connector_sender(
    settings: Settings, session: aiohttp.ClientSession, token_source: AccessTokenSource | None = None
) -> ConnectorSender:
    """The Sender for the app: its own cached token from the same source the endpoint uses; no token
    (and no Authorization header) only in unauthenticated local development."""
    source = token_source or token_source_from(settings)
    token = CachedToken(source) if source is not None and settings.app_id else None
    return ConnectorSender(session, token, timeout_seconds=settings.outbound_timeout_seconds)
