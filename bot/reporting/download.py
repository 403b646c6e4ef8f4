"""Fetching a file a user sent in the 1:1 chat, within a byte cap, only from where Teams keeps it.

Teams gives an inline image as `contentUrl` on the activity's own service host
(`smba.trafficmanager.net/...`); that URL needs the bot's token, and the token goes nowhere else. A
file sent as an attachment is first stored in the sender's OneDrive for Business, and comes with a
pre-authorised `downloadUrl` there (`https://<tenant>-my.sharepoint.com/personal/.../download.aspx?
...&tempauth=...`, no token; Microsoft Teams docs "Send and receive files using bot"): only
SharePoint Online hosts are fetched. https only, except plain http on loopback in unauthenticated
local development (the Agents Playground). Redirects are never followed, every call has a timeout.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from ipaddress import ip_address
from typing import Protocol

import aiohttp
from yarl import URL

TokenGetter = Callable[[], Awaitable[str]]
# SharePoint Online and OneDrive for Business (`<tenant>.sharepoint.com`, `<tenant>-my.sharepoint.com`).
FILE_HOST_SUFFIXES = (".sharepoint.com",)


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
        self,
        session: aiohttp.ClientSession,
        token: TokenGetter | None,
        *,
        timeout_seconds: float,
        allow_loopback_http: bool = False,
    ) -> None:
        """`allow_loopback_http` only in unauthenticated local development."""
        self._session = session
        self._token = token
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._allow_loopback_http = allow_loopback_http

    async def fetch(self, url: str, *, service_url: str | None, with_token: bool, max_bytes: int) -> bytes:
        target = checked_url(
            url, service_url if with_token else None, allow_loopback_http=self._allow_loopback_http
        )
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


def checked_url(url: str, service_url: str | None, *, allow_loopback_http: bool = False) -> URL:
    """The URL if it may be fetched, else DownloadError. https (plain http only on loopback, and only
    with `allow_loopback_http`), no credentials; with `service_url` (an inline image, gets the bot's
    token) on exactly that scheme, host and port; without it (a file's `downloadUrl`) on a SharePoint
    Online host (or loopback, with `allow_loopback_http`)."""
    try:
        target = URL(url)
        host = (target.host or "").lower().rstrip(".")
    except (ValueError, TypeError):
        raise DownloadError("url refused: not a url") from None
    loopback = allow_loopback_http and target.scheme == "http" and _is_loopback(host)
    if not (target.scheme == "https" and host) and not loopback:
        raise DownloadError("url refused: not https")
    if target.user or target.password:
        raise DownloadError("url refused: credentials")
    if service_url is not None:
        service = URL(service_url)
        if (target.scheme, host, target.port) != (
            service.scheme,
            (service.host or "").lower().rstrip("."),
            service.port,
        ):
            raise DownloadError("url refused: not the service host")
        return target
    if not loopback and not (target.port == 443 and is_file_host(host)):
        raise DownloadError("url refused: not a SharePoint or OneDrive host")
    return target


def is_file_host(host: str) -> bool:
    """A SharePoint Online / OneDrive for Business host: `<name>.sharepoint.com`, nothing around it."""
    return any(host.endswith(suffix) and len(host) > len(suffix) for suffix in FILE_HOST_SUFFIXES)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ip_address(host).is_loopback
    except ValueError:
        return False
