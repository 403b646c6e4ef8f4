"""`HttpFileSource` against a loopback server: the token only with `with_token` on the service host, the
byte cap while streaming, no redirects followed; and outside local development only https, files only
from SharePoint Online / OneDrive for Business hosts."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult
from aiohttp.test_utils import TestServer

from bot.conversation.dispatcher import Conversation
from bot.conversation.models import AttachmentIn, MessageIn
from bot.reporting.download import DownloadError, HttpFileSource, TooLargeError
from bot.storage import Store
from bot.teams.activities import FILE_DOWNLOAD_INFO
from tests.reporting.conftest import FakeFiles, message, png
from tests.reporting.test_report_turns import text_of
from tests.reporting.test_screenshots import report

ONEDRIVE_FILE = (
    "https://contoso-my.sharepoint.com/personal/lotte_contoso_nl/_layouts/15/download.aspx"
    "?UniqueId=1150d938&Translate=false&tempauth=abc"
)


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
        files = HttpFileSource(session, token, timeout_seconds=2, allow_loopback_http=True)  # local mode
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


class RecordingResolver(AbstractResolver):
    """The network's edge: records every host name the client looks up, resolves none (no network)."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    async def resolve(self, host: str, port: int = 0, family: Any = socket.AF_INET) -> list[ResolveResult]:
        self.asked.append(host)
        raise OSError("no network in tests")

    async def close(self) -> None:
        return None


async def test_outside_local_mode_files_come_only_from_sharepoint_over_https(
    server: tuple[TestServer, list[str | None]],
) -> None:
    test_server, seen = server
    base = str(test_server.make_url("/"))
    resolver = RecordingResolver()
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(resolver=resolver)) as session:
        files = HttpFileSource(session, token, timeout_seconds=2)  # production: no loopback http
        for url in (
            "https://attacker.example/x.png",
            "https://contoso-my.sharepoint.com.attacker.example/x.png",
            "https://evilsharepoint.com/x.png",
            "http://contoso-my.sharepoint.com/x.png",  # not https
            "https://contoso-my.sharepoint.com:8443/x.png",
            base + "small",  # plain http on loopback
        ):
            with pytest.raises(DownloadError):
                await files.fetch(url, service_url=None, with_token=False, max_bytes=1000)
        with pytest.raises(DownloadError):  # an inline image on a plain-http service host: no token sent
            await files.fetch(base + "small", service_url=base, with_token=True, max_bytes=1000)
        assert resolver.asked == [] and seen == []  # none of them was even looked up

        with pytest.raises(DownloadError):  # OneDrive for Business is asked for (there is no network here)
            await files.fetch(ONEDRIVE_FILE, service_url=None, with_token=False, max_bytes=1000)
        assert resolver.asked == ["contoso-my.sharepoint.com"]


def file_message(url: str) -> MessageIn:
    attachment = AttachmentIn(content_type=FILE_DOWNLOAD_INFO, url=url, needs_token=False, file_type="png")
    return message("", "u1", "personal", attachments=(attachment,))


async def test_a_file_on_another_host_is_never_fetched_one_on_onedrive_is(
    conversation: Conversation, store: Store, files: FakeFiles
) -> None:
    await report(conversation)
    files.files["https://attacker.example/x.png"] = png()
    files.files[ONEDRIVE_FILE] = png()

    refused = await conversation.handle(file_message("https://attacker.example/x.png"))
    assert "lukte niet" in text_of(refused)
    assert files.fetched == []

    await conversation.handle(file_message(ONEDRIVE_FILE))
    assert files.fetched == [(ONEDRIVE_FILE, False)]
    [case] = await store.reports.for_reporter("aad-u1")
    assert len(await store.reporting.attachments(case.id)) == 1
