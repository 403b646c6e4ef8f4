"""Loopback servers for the HTTP tests: an OpenID metadata + JWKS server and a Bot Connector."""

from __future__ import annotations

import asyncio
import itertools
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


async def _start(app: web.Application) -> tuple[web.AppRunner, str]:
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    server = site._server
    assert server is not None
    port = server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    return runner, f"http://127.0.0.1:{port}"


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


@dataclass
class Sent:
    """One call the bot made to the connector."""

    method: str
    path: str
    authorization: str | None
    body: dict[str, Any] = field(default_factory=dict)


class FakeConnector:
    """Records what the bot sends to `/v3/conversations/...`; answers like the Bot Connector."""

    def __init__(self) -> None:
        self.sent: list[Sent] = []
        self.url = ""
        self._ids = itertools.count(1)
        self._runner: web.AppRunner | None = None
        self._changed = asyncio.Event()
        self.fail_next: list[int] = []  # statuses to answer with before succeeding

    async def start(self) -> FakeConnector:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._record)
        self._runner, self.url = await _start(app)
        return self

    async def _record(self, request: web.Request) -> web.Response:
        body = await request.json() if request.can_read_body else {}
        self.sent.append(Sent(request.method, request.path, request.headers.get("Authorization"), body))
        self._changed.set()
        if self.fail_next:
            return web.json_response({"error": {"code": "Throttled"}}, status=self.fail_next.pop(0))
        return web.json_response({"id": f"sent-{next(self._ids)}"})

    def messages(self) -> list[dict[str, Any]]:
        """Bodies of the message activities sent (typing indicators left out)."""
        return [s.body for s in self.sent if s.body.get("type") == "message"]

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
