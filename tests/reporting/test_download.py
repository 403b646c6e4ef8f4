"""`HttpFileSource` against a loopback server: the token only with `with_token` on the service host, the
byte cap while streaming, no redirects followed."""

from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.reporting.download import DownloadError, HttpFileSource, TooLargeError


@pytest.fixture
async def server() -> AsyncIterator[tuple[TestServer, list[str | None]]]:
    seen: list[str | None] = []

    async def small(request: web.Request) -> web.Response:
        seen.append(request.headers.get("Authorization"))
        return web.Response(body=b"x" * 100)

    async def big(request: web.Request) -> web.StreamResponse:
        response = web.StreamResponse()  # no Content-Length: the cap must hold while streaming
        await response.prepare(request)
        for _ in range(50):
            await response.write(b"y" * 10_000)
        return response

    async def moved(request: web.Request) -> web.Response:
        raise web.HTTPFound("https://attacker.example/steal")

    app = web.Application()
    app.router.add_get("/small", small)
    app.router.add_get("/big", big)
    app.router.add_get("/moved", moved)
    test_server = TestServer(app, host="127.0.0.1")
    await test_server.start_server()
    yield test_server, seen
    await test_server.close()


async def token() -> str:
    return "bot-token"


async def test_fetch_with_and_without_the_token(server: tuple[TestServer, list[str | None]]) -> None:
    test_server, seen = server
    base = str(test_server.make_url("/"))
    async with aiohttp.ClientSession() as session:
        files = HttpFileSource(session, token, timeout_seconds=2)
        assert (
            await files.fetch(base + "small", service_url=base, with_token=True, max_bytes=1000) == b"x" * 100
        )
        assert (
            await files.fetch(base + "small", service_url=None, with_token=False, max_bytes=1000)
            == b"x" * 100
        )
        with pytest.raises(TooLargeError):
            await files.fetch(base + "big", service_url=base, with_token=True, max_bytes=100_000)
        with pytest.raises(DownloadError):
            await files.fetch(base + "moved", service_url=base, with_token=True, max_bytes=1000)
        with pytest.raises(DownloadError):  # the token never goes to another host
            await files.fetch("http://localhost:9/x", service_url=base, with_token=True, max_bytes=1000)
    assert seen == ["Bearer bot-token", None]
