"""Calls from the bot to the Bot Connector: one cached token, a timeout on every call, bounded retries.

botbuilder 4.17 builds a new MSAL app and fetches a new token on every turn, leaves the read timeout
at 100 s and never retries a POST. Here the token comes from one `CachedToken` (until shortly before
it expires), each connector client gets `timeout_seconds`, and 429/412/502/504 are retried with
backoff and jitter, honouring `Retry-After`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass
from typing import Any, Protocol

from botframework.connector.auth import ServiceClientCredentialsFactory
from msrest.pipeline.async_abc import AsyncHTTPPolicy

log = logging.getLogger(__name__)

BOT_CONNECTOR_SCOPE = "https://api.botframework.com/.default"
RETRYABLE_STATUSES = frozenset({412, 429, 502, 504})


@dataclass(frozen=True)
class AccessToken:
    token: str
    expires_at: float  # seconds since the epoch


class AccessTokenSource(Protocol):
    """Fetches a new token for the Bot Connector (MSAL client credentials, managed identity, a fake)."""

    async def fetch(self) -> AccessToken: ...


class CachedToken:
    """One token shared by every turn, fetched again only when it is about to expire."""

    def __init__(self, source: AccessTokenSource, *, margin_seconds: float = 300.0) -> None:
        self._source = source
        self._margin = margin_seconds
        self._current: AccessToken | None = None
        self._lock = asyncio.Lock()

    async def get(self) -> str:
        current = self._current
        if current is not None and current.expires_at - self._margin > time.time():
            return current.token
        async with self._lock:
            current = self._current
            if current is None or current.expires_at - self._margin <= time.time():
                current = await self._source.fetch()
                self._current = current
                log.info("bot connector token fetched")
            return current.token


class MsalTokenSource:
    """Client credentials (app id + secret) against the bot's own tenant, off the event loop."""

    def __init__(self, app_id: str, secret: str, tenant_id: str, timeout_seconds: float) -> None:
        import msal

        self._app = msal.ConfidentialClientApplication(
            client_id=app_id,
            client_credential=secret,
            authority=f"https://login.microsoftonline.com/{tenant_id}",
            timeout=timeout_seconds,
        )

    async def fetch(self) -> AccessToken:
        result: dict[str, Any] = await asyncio.to_thread(
            self._app.acquire_token_for_client, scopes=[BOT_CONNECTOR_SCOPE]
        )
        if "access_token" not in result:
            raise PermissionError(f"bot connector token refused: {result.get('error', 'unknown error')}")
        return AccessToken(str(result["access_token"]), time.time() + float(result.get("expires_in", 3600)))

    async def close(self) -> None:
        """Nothing to close: MSAL's HTTP client is synchronous and closes with the process."""


class ManagedIdentityTokenSource:
    """A user-assigned managed identity (MicrosoftAppType=UserAssignedMSI). azure-identity keeps an
    aiohttp session for it: `close()` at shutdown, or aiohttp logs "Unclosed client session"."""

    def __init__(self, client_id: str) -> None:
        from azure.identity.aio import ManagedIdentityCredential

        self._credential = ManagedIdentityCredential(client_id=client_id)

    async def fetch(self) -> AccessToken:
        token = await self._credential.get_token(BOT_CONNECTOR_SCOPE)
        return AccessToken(token.token, float(token.expires_on))

    async def close(self) -> None:
        await self._credential.close()


class ConnectorCallPolicy(AsyncHTTPPolicy[Any, Any]):
    """msrest pipeline policy: the cached Bearer token on every call, and bounded retries."""

    def __init__(
        self,
        token: CachedToken | None,
        *,
        timeout_seconds: float,
        attempts: int = 3,
        max_delay_seconds: float = 4.0,
    ) -> None:
        super().__init__()
        self._token = token
        self._timeout = timeout_seconds
        self._attempts = attempts
        self._max_delay = max_delay_seconds

    async def send(self, request: Any, **kwargs: Any) -> Any:
        kwargs["timeout"] = self._timeout
        for attempt in range(1, self._attempts + 1):
            if self._token is not None:
                request.http_request.headers["Authorization"] = f"Bearer {await self._token.get()}"
            if self.next is None:
                raise RuntimeError("policy used outside a pipeline")
            response = await self.next.send(request, **kwargs)
            status = response.http_response.status_code
            if status not in RETRYABLE_STATUSES or attempt == self._attempts:
                return response
            delay = self._delay(attempt, response.http_response.headers.get("Retry-After"))
            log.warning("connector answered %d, retry %d in %.1fs", status, attempt, delay)
            await asyncio.sleep(delay)
        raise AssertionError("unreachable")

    def _delay(self, attempt: int, retry_after: str | None) -> float:
        if retry_after:
            try:
                return min(float(retry_after), self._max_delay)
            except ValueError:
                pass
        return min(0.25 * 2.0**attempt + random.uniform(0, 0.25), self._max_delay)  # noqa: S311


class CachedCredentialsFactory(ServiceClientCredentialsFactory):  # type: ignore[misc]
    """botbuilder's credentials factory over our cached token; empty credentials in local dev mode."""

    def __init__(self, app_id: str | None, token: CachedToken | None, *, timeout_seconds: float) -> None:
        self._app_id = app_id
        self._token = token
        self._timeout = timeout_seconds

    async def is_valid_app_id(self, app_id: str) -> bool:
        return bool(self._app_id) and app_id == self._app_id

    async def is_authentication_disabled(self) -> bool:
        return not self._app_id

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> Any:
        if not self._app_id or self._token is None:
            # Local development without an app id: no token is sent, the timeout still applies.
            return ConnectorCallPolicy(None, timeout_seconds=self._timeout)
        if app_id != self._app_id:
            raise PermissionError("credentials asked for another app id")
        return ConnectorCallPolicy(self._token, timeout_seconds=self._timeout)
