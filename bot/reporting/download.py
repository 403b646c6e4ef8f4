"""Fetching a file a user sent in the 1:1 chat, within a byte cap.

Teams gives an inline image as `contentUrl` on the activity's own service host; that URL needs the bot's
token, and the token goes nowhere else. A file sent as an attachment comes with a pre-authorised
`downloadUrl` (https, no token). Redirects are never followed, every call has a timeout.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from ipaddress import ip_address
from typing import Protocol

import aiohttp
from yarl import URL

TokenGetter = Callable[[], Awaitable[str]]


class DownloadError(Exception):
    """The file could not be fetched (refused URL, HTTP error, timeout)."""


class TooLargeError(DownloadError):
    """More bytes than the cap."""


class FileSource(Protocol):
    async def fetch(self, url: str, *, service_url: str | None, with_token: bool, max_bytes: int) -> bytes:
        """The file's bytes. `with_token`: the URL must be on the service host and gets the bot's token."""
        ...


class HttpFileSource:
    def __init__(
        self, session: aiohttp.ClientSession, token: TokenGetter | None, *, timeout_seconds: float
    ) -> None:
        self._session = session
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    async def fetch(self, url: str, *, service_url: str | None, with_token: bool, max_bytes: int) -> bytes:
        target = checked_url(url, service_url if with_token else None)
        headers: dict[str, str] = {}
        if with_token and self._token is not None:
            headers["Authorization"] = f"Bearer {await self._token()}"
        try:
            async with self._session.get(
                target, headers=headers, timeout=self._timeout, allow_redirects=False
            ) as response:
                if response.status != 200:
                    raise DownloadError(f"answered {response.status}")
                if (response.content_length or 0) > max_bytes:
                    raise TooLargeError("content-length above the cap")
                data = bytearray()
                async for chunk in response.content.iter_chunked(64 * 1024):
                    data.extend(chunk)
                    if len(data) > max_bytes:
                        raise TooLargeError("body above the cap")
                return bytes(data)
        except (aiohttp.ClientError, TimeoutError) as error:
            raise DownloadError(type(error).__name__) from None


def checked_url(url: str, service_url: str | None) -> URL:
    """The URL if it may be fetched: https (or http on loopback, for tests), no credentials; with
    `service_url`, on exactly that scheme, host and port (where the bot's token may go)."""
    target = URL(url)
    host = target.host or ""
    if not (target.scheme == "https" and host) and not (target.scheme == "http" and _is_loopback(host)):
        raise DownloadError("url refused: not https")
    if target.user or target.password:
        raise DownloadError("url refused: credentials")
    if service_url is not None:
        service = URL(service_url)
        if (target.scheme, target.host, target.port) != (service.scheme, service.host, service.port):
            raise DownloadError("url refused: not the service host")
    return target


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False
