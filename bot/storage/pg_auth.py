"""PostgreSQL with Microsoft Entra authentication: an access token as the password (DATABASE_AUTH=entra).

Azure Database for PostgreSQL accepts an Entra access token for the scope below as the password of a
role named after the identity. asyncpg calls `EntraPassword` for every new connection; the token is
kept until shortly before it expires (about an hour), then fetched again. The credential is
azure-identity's `DefaultAzureCredential`: the managed identity named by AZURE_CLIENT_ID in Azure,
`az login` (developer credentials) on a laptop. Nothing is written to settings or logs.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Protocol

log = logging.getLogger(__name__)

POSTGRES_ENTRA_SCOPE = "https://ossrdbms-aad.database.windows.net/.default"


class TokenCredential(Protocol):
    """The part of azure-identity's (synchronous) TokenCredential used here."""

    def get_token(self, *scopes: str, **kwargs: Any) -> Any: ...


class EntraPassword:
    """A callable password for asyncpg: a cached Entra token, fetched off the event loop when due."""

    def __init__(self, credential: TokenCredential | None = None, *, margin_seconds: float = 300.0) -> None:
        self._credential = credential
        self._margin = margin_seconds
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = asyncio.Lock()

    async def __call__(self) -> str:
        if self._token is not None and self._expires_at - self._margin > time.time():
            return self._token
        async with self._lock:
            if self._token is None or self._expires_at - self._margin <= time.time():
                credential = self._credential or _default_credential()
                self._credential = credential
                access = await asyncio.to_thread(credential.get_token, POSTGRES_ENTRA_SCOPE)
                self._token, self._expires_at = str(access.token), float(access.expires_on)
                log.info(
                    "postgres entra token fetched",
                    extra={"expires_in_s": int(self._expires_at - time.time())},
                )
            return self._token


def _default_credential() -> TokenCredential:
    from azure.identity import DefaultAzureCredential

    credential: TokenCredential = DefaultAzureCredential(exclude_interactive_browser_credential=True)
    return credential
