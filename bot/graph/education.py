"""The user's role from the Microsoft Graph Education API (`primaryRole`), so the bot need not ask.

`GET {base}/education/users/{object id}?$select=primaryRole` with an app-only token (application
permission EduRoster.Read.All, consented per school tenant). student → leerling, teacher and faculty
→ medewerker. Anything else — `none`, `unknownFutureValue`, 404, 403, a timeout, Graph down — is
None: the bot then asks, it never guesses. One lookup (token included) takes at most
`timeout_seconds`, so a slow Graph never holds a turn up for long.

Parents and guardians cannot come from here: the Education API only lists accounts that School Data
Sync (or the school) provisioned as pupils and staff of the tenant. A guardian is at most a
`relatedContacts` entry (name, e-mail, relationship) on a pupil's record — not an account — and a
parent who uses Teams signs in with their own account or as a guest, which has no educationUser and
gives 404. So `ouder` is always chosen by the person, on the role card.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from yarl import URL

from bot.graph.tokens import GraphTokenError, TenantTokens
from bot.observability import log_value
from bot.protocol.model import Role

log = logging.getLogger(__name__)

ROLES_BY_PRIMARY_ROLE: dict[str, Role] = {
    "student": "leerling",
    "teacher": "medewerker",
    "faculty": "medewerker",
}
MAX_BODY_BYTES = 64 * 1024
MAX_PAUSE_SECONDS = 300.0


class GraphConfigError(ValueError):
    """The Graph base URL is not one a token may be sent to."""


class EducationRoleDirectory:
    """`bot.conversation.ports.RoleDirectory` over Graph, with answers kept in memory per user.

    A role is kept for `role_ttl_seconds` (24 h), "no role" (none, 404) for `unknown_ttl_seconds`, a
    failed lookup for `failure_ttl_seconds`. After a timeout, 429 or 5xx a tenant is not asked again
    for `pause_seconds` (or Retry-After, at most five minutes): turns go on, the bot asks the role.
    """

    def __init__(
        self,
        tokens: TenantTokens,
        *,
        base_url: str,
        tenants: frozenset[str],
        timeout_seconds: float = 1.5,
        role_ttl_seconds: float = 24 * 3600.0,
        unknown_ttl_seconds: float = 3600.0,
        failure_ttl_seconds: float = 60.0,
        pause_seconds: float = 30.0,
        max_entries: int = 50_000,
        clock: Callable[[], float] = time.monotonic,
        on_close: Callable[[], Awaitable[None]] | None = None,
    ) -> None:
        self._base = graph_base_url(base_url)
        self._tokens = tokens
        self._tenants = frozenset(tenant.lower() for tenant in tenants)
        self._timeout = timeout_seconds
        self._role_ttl = role_ttl_seconds
        self._unknown_ttl = unknown_ttl_seconds
        self._failure_ttl = failure_ttl_seconds
        self._pause = pause_seconds
        self._max_entries = max_entries
        self._clock = clock
        self._on_close = on_close
        self._known: dict[tuple[str, str], tuple[Role | None, float]] = {}
        self._paused_until: dict[str, float] = {}
        self._session: aiohttp.ClientSession | None = None

    async def role_of(self, tenant_id: str, user_object_id: str) -> Role | None:
        tenant, user = tenant_id.lower(), _object_id(user_object_id)
        if tenant not in self._tenants or user is None or _object_id(tenant) is None:
            return None
        now = self._clock()
        known = self._known.get((tenant, user))
        if known is not None and known[1] > now:
            return known[0]
        if self._paused_until.get(tenant, 0.0) > now:
            return None
        role, ttl = await self._look_up(tenant, user)
        self._remember((tenant, user), role, ttl)
        return role

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session = None
        if self._on_close is not None:
            await self._on_close()

    async def _look_up(self, tenant: str, user: str) -> tuple[Role | None, float]:
        """The role and how long to keep the answer."""
        try:
            async with asyncio.timeout(self._timeout):
                return await self._ask_graph(tenant, user)
        except (TimeoutError, aiohttp.ClientError, GraphTokenError) as error:
            log.warning("graph role lookup failed for tenant %s: %s", log_value(tenant), type(error).__name__)
            self._pause_tenant(tenant, self._pause)
            return None, self._failure_ttl

    async def _ask_graph(self, tenant: str, user: str) -> tuple[Role | None, float]:
        token = await self._tokens.get(tenant)
        url = URL(f"{self._base}/education/users/{user}?$select=primaryRole", encoded=True)
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        async with self._client().get(url, headers=headers, allow_redirects=False) as response:
            status = response.status
            log.debug("graph education user %s in tenant %s: %d", log_value(user), log_value(tenant), status)
            if status == 200:
                body = await _json_object(response)
                role = ROLES_BY_PRIMARY_ROLE.get(str(body.get("primaryRole") or "").strip().lower())
                return role, self._role_ttl if role is not None else self._unknown_ttl
            if status == 404:  # not an education user: a parent, a guest, or no School Data Sync
                return None, self._unknown_ttl
            if status == 401:
                self._tokens.forget(tenant)
            if status == 429 or status >= 500:
                self._pause_tenant(tenant, _retry_after(response.headers.get("Retry-After"), self._pause))
            log.warning("graph role lookup for tenant %s answered %d", log_value(tenant), status)
            return None, self._failure_ttl

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None:
            self._session = aiohttp.ClientSession(
                timeout=aiohttp.ClientTimeout(total=self._timeout), trust_env=False
            )
        return self._session

    def _remember(self, key: tuple[str, str], role: Role | None, ttl: float) -> None:
        self._known.pop(key, None)
        self._known[key] = (role, self._clock() + ttl)
        while len(self._known) > self._max_entries:
            del self._known[next(iter(self._known))]

    def _pause_tenant(self, tenant: str, seconds: float) -> None:
        self._paused_until[tenant] = self._clock() + min(seconds, MAX_PAUSE_SECONDS)


def graph_base_url(value: str) -> str:
    """The base URL, checked: https, or plain http on loopback (tests) — the token goes nowhere else."""
    url = URL(value.rstrip("/"))
    host = url.host or ""
    if not (url.scheme == "https" and host) and not (url.scheme == "http" and _is_loopback(host)):
        raise GraphConfigError(f"GRAPH_BASE_URL must be https (or http on loopback), not {value!r}")
    if url.user or url.password or url.query_string or url.fragment:
        raise GraphConfigError("GRAPH_BASE_URL may not hold credentials, a query or a fragment")
    return str(url)


def _object_id(value: str) -> str | None:
    """An Entra object id (a GUID) in canonical form; anything else never reaches a URL."""
    try:
        return str(uuid.UUID(value.strip()))
    except ValueError:
        return None


async def _json_object(response: aiohttp.ClientResponse) -> dict[str, Any]:
    raw = await response.content.read(MAX_BODY_BYTES + 1)
    if len(raw) > MAX_BODY_BYTES:
        return {}
    try:
        body = json.loads(raw)
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _retry_after(value: str | None, default: float) -> float:
    try:
        return max(float(value), 0.0) if value else default
    except ValueError:
        return default


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"
