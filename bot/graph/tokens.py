"""App-only tokens for Microsoft Graph, one per tenant, cached until shortly before they expire.

The same pattern as the Bot Connector token in `bot.teams.outbound` (one cached token, a lock, the
blocking MSAL call off the event loop), kept here so Graph does not depend on the Teams bridge.
Two sources: MSAL client credentials (app id + secret, any consented tenant) and azure-identity's
managed identity (only the tenant the identity lives in).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import time
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlsplit

log = logging.getLogger(__name__)

GRAPH_SCOPE = "https://graph.microsoft.com/.default"


class GraphTokenError(Exception):
    """No token: the credentials were refused or the identity platform could not be reached."""


@dataclass(frozen=True)
class GraphToken:
    token: str
    expires_at: float  # seconds since the epoch


class GraphTokenSource(Protocol):
    """Fetches an app-only Graph token for one tenant; `refresh` after Graph refused the last one."""

    async def fetch(self, tenant_id: str, *, refresh: bool = False) -> GraphToken: ...


class TenantTokens:
    """A token per tenant, shared by every lookup, fetched again only when it is about to expire."""

    def __init__(self, source: GraphTokenSource, *, margin_seconds: float = 300.0) -> None:
        self._source = source
        self._margin = margin_seconds
        self._tokens: dict[str, GraphToken] = {}
        self._refused: set[str] = set()
        self._locks: dict[str, asyncio.Lock] = {}

    async def get(self, tenant_id: str) -> str:
        current = self._tokens.get(tenant_id)
        if current is not None and self._fresh(current):
            return current.token
        async with self._locks.setdefault(tenant_id, asyncio.Lock()):
            current = self._tokens.get(tenant_id)
            if current is None or not self._fresh(current):
                current = await self._source.fetch(tenant_id, refresh=tenant_id in self._refused)
                self._refused.discard(tenant_id)
                self._tokens[tenant_id] = current
                log.info("graph token fetched for tenant %s", tenant_id)
            return current.token

    def forget(self, tenant_id: str) -> None:
        """Drop a token Graph refused (401), so the next lookup fetches a new one."""
        self._tokens.pop(tenant_id, None)
        self._refused.add(tenant_id)

    def _fresh(self, token: GraphToken) -> bool:
        return token.expires_at - self._margin > time.time()


class MsalGraphTokens:
    """Client credentials with `msal.ConfidentialClientApplication`, one application per tenant.

    MSAL does its OpenID discovery in the constructor (blocking I/O), so the application is built on a
    worker thread the first time a tenant is asked for. TLS trust is requests' (REQUESTS_CA_BUNDLE).
    """

    def __init__(
        self,
        client_id: str,
        secret: str,
        *,
        authority_url: str,
        timeout_seconds: float,
    ) -> None:
        self._client_id = client_id
        self._secret = secret
        self._authority_url = authority_url.rstrip("/")
        self._timeout = timeout_seconds
        self._apps: dict[str, Any] = {}

    async def fetch(self, tenant_id: str, *, refresh: bool = False) -> GraphToken:
        result: dict[str, Any] = await asyncio.to_thread(self._acquire, tenant_id, refresh)
        if "access_token" not in result:
            # `error` is an OAuth error code (e.g. invalid_client), never a secret.
            raise GraphTokenError(f"graph token refused: {result.get('error', 'unknown error')}")
        return GraphToken(str(result["access_token"]), time.time() + float(result.get("expires_in", 3600)))

    def _acquire(self, tenant_id: str, refresh: bool) -> dict[str, Any]:
        import msal
        import requests

        app = self._apps.get(tenant_id)
        if app is None:
            authority = f"{self._authority_url}/{tenant_id}"
            # A loopback authority is a test identity platform: it is not in Microsoft's instance list.
            local = _is_loopback(urlsplit(authority).hostname or "")
            try:
                app = msal.ConfidentialClientApplication(
                    client_id=self._client_id,
                    client_credential=self._secret,
                    authority=authority,
                    timeout=self._timeout,
                    validate_authority=not local,
                    instance_discovery=False if local else None,
                )
            except (ValueError, requests.RequestException) as error:  # no such tenant, or unreachable
                raise GraphTokenError(f"graph authority discovery failed: {type(error).__name__}") from error
            self._apps[tenant_id] = app
        if refresh:
            app.remove_tokens_for_client()  # MSAL's own cache would hand back the refused token
        try:
            result: dict[str, Any] = app.acquire_token_for_client(scopes=[GRAPH_SCOPE])
        except requests.RequestException as error:
            raise GraphTokenError(f"graph token request failed: {type(error).__name__}") from error
        return result


class ManagedIdentityGraphTokens:
    """azure-identity's async `ManagedIdentityCredential` (user-assigned with a client id, else
    system-assigned). A managed identity only has tokens for its own tenant."""

    def __init__(self, client_id: str | None, home_tenant_id: str) -> None:
        from azure.identity.aio import ManagedIdentityCredential

        self._credential = (
            ManagedIdentityCredential(client_id=client_id) if client_id else (ManagedIdentityCredential())
        )
        self._home_tenant = home_tenant_id.lower()

    async def fetch(self, tenant_id: str, *, refresh: bool = False) -> GraphToken:
        if tenant_id.lower() != self._home_tenant:
            raise GraphTokenError("a managed identity has no token for another tenant")
        from azure.core.exceptions import ClientAuthenticationError

        try:
            token = await self._credential.get_token(GRAPH_SCOPE)
        except ClientAuthenticationError as error:
            raise GraphTokenError("managed identity token refused") from error
        return GraphToken(token.token, float(token.expires_on))

    async def close(self) -> None:
        await self._credential.close()


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
