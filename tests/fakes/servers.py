"""Loopback servers for the HTTP tests: an OpenID metadata + JWKS server and a Bot Connector."""

from __future__ import annotations

import asyncio
import itertools
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from aiohttp import web


async def _start(
    app: web.Application, port: int = 0, ssl_context: ssl.SSLContext | None = None
) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", port, reuse_address=True, ssl_context=ssl_context)
    await site.start()
    server = site._server
    assert server is not None
    port = server.sockets[0].getsockname()[1]  # type: ignore[attr-defined]
    return runner, f"{'https' if ssl_context else 'http'}://127.0.0.1:{port}"


class OpenIdServer:
    """Serves `/openid` (OpenID metadata naming `/keys`) and `/keys` (a JWKS); counts fetches."""

    def __init__(self, jwks: dict[str, Any]) -> None:
        self.jwks = jwks
        self.fetches = 0
        self.url = ""
        self._runner: web.AppRunner | None = None

    async def start(self) -> OpenIdServer:
        app = web.Application()
        app.router.add_get("/openid", self._metadata)
        app.router.add_get("/keys", self._keys)
        self._runner, self.url = await _start(app)
        return self

    @property
    def metadata_url(self) -> str:
        return f"{self.url}/openid"

    async def _metadata(self, request: web.Request) -> web.Response:
        self.fetches += 1
        return web.json_response({"issuer": "https://api.botframework.com", "jwks_uri": f"{self.url}/keys"})

    async def _keys(self, request: web.Request) -> web.Response:
        return web.json_response(self.jwks)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()


Failure = int | tuple[int, dict[str, str]]  # a status, or a status with headers (e.g. Retry-After)
Clock = Callable[[], datetime]


@dataclass
class Sent:
    """One call the bot made to the connector."""

    method: str
    path: str
    authorization: str | None
    body: dict[str, Any] = field(default_factory=dict)
    at: datetime | None = None  # the connector's clock when the call arrived (if it has one)
    status: int = 200  # what the connector answered
    user_agent: str = ""  # who called: botbuilder's msrest client (turn replies) or our aiohttp Sender

    @property
    def conversation_id(self) -> str | None:
        """The conversation of `/v3/conversations/{id}/activities...`; None for other paths."""
        prefix = "/v3/conversations/"
        if not self.path.startswith(prefix) or "/activities" not in self.path:
            return None
        return self.path.removeprefix(prefix).split("/activities", 1)[0]


class FakeConnector:
    """Answers like the Bot Connector and records every call.

    Scripted faults: `fail_next` (statuses, or (status, headers), for the next calls of any kind),
    `fail_conversation[id]` (the same, for calls in one conversation), `delay_seconds` (a slow answer),
    `down()`/`up()` (connection refused, then back on the same port). `POST /v3/conversations` starts a
    channel thread: `{"id": "<channel>;messageid=<activity id>", "activityId": ...}`, or with `members`
    opens the bot's 1:1 chat with that member: `{"id": "a:chat-<member id>"}`. With `ssl_context` it
    speaks https, as the real service host does.
    """

    def __init__(self, clock: Clock | None = None, ssl_context: ssl.SSLContext | None = None) -> None:
        self.sent: list[Sent] = []
        self.url = ""
        self.clock = clock
        self._ssl_context = ssl_context
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._port = 0
        self._changed = asyncio.Event()
        self.fail_next: list[Failure] = []  # statuses to answer with before succeeding
        self.fail_conversation: dict[str, list[Failure]] = {}
        self.delay_seconds = 0.0

    async def start(self) -> FakeConnector:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._record)
        self._runner, self.url = await _start(app, self._port, self._ssl_context)
        self._port = int(self.url.rsplit(":", 1)[1])
        return self

    async def down(self) -> None:
        """Stop listening: calls get "connection refused" until `up()`."""
        await self.stop()
        self._runner = None

    async def up(self) -> None:
        await self.start()

    async def _record(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else {}
        at = self.clock() if self.clock is not None else None
        call = Sent(request.method, request.path, request.headers.get("Authorization"), body, at)
        call.user_agent = request.headers.get("User-Agent", "")
        self.sent.append(call)
        self._changed.set()
        if self.delay_seconds:
            await asyncio.sleep(self.delay_seconds)
        failure = self._failure(call)
        if failure is not None:
            status, headers = failure if isinstance(failure, tuple) else (failure, {})
            call.status = status
            return web.json_response({"error": {"code": "Scripted"}}, status=status, headers=headers)
        activity_id = f"sent-{next(self._ids)}"
        if request.method == "POST" and request.path == "/v3/conversations" and body.get("members"):
            return web.json_response({"id": f"a:chat-{body['members'][0].get('id', '')}"})
        if request.method == "POST" and request.path == "/v3/conversations":
            channel = body.get("channelData", {}).get("channel", {}).get("id", "")
            return web.json_response({"id": f"{channel};messageid={activity_id}", "activityId": activity_id})
        return web.json_response({"id": activity_id})

    def _failure(self, call: Sent) -> Failure | None:
        scripted = self.fail_conversation.get(call.conversation_id or "")
        if scripted:
            return scripted.pop(0)
        if self.fail_next:
            return self.fail_next.pop(0)
        return None

    def messages(self) -> list[dict[str, Any]]:
        """Bodies of the message activities sent (typing indicators left out)."""
        return [s.body for s in self.sent if s.body.get("type") == "message"]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
