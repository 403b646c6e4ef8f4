"""The Bot Framework's token signing keys, fetched asynchronously with timeouts.

botbuilder 4.17 refreshes its class-level key cache with a blocking `requests.get` without a timeout
on the event loop, and its refresh-on-unknown-`kid` branch is dead code. We fetch the OpenID metadata
and JWKS ourselves and hand the keys to botbuilder's cache, marked as never stale, so botbuilder
itself never fetches; its own validation (signature, issuer, expiry, endorsements) still decides.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from datetime import datetime
from typing import Any

import aiohttp
from botframework.connector.auth import AuthenticationConstants, ChannelValidation, JwtTokenExtractor
from jwt import PyJWTError
from jwt.algorithms import RSAAlgorithm

from bot.errors import AuthMetadataUnavailableError

log = logging.getLogger(__name__)

REFRESH_EVERY_SECONDS = 24 * 3600
UNKNOWN_KID_REFRESH_SECONDS = 300
STALE_KEYS_USABLE_SECONDS = 5 * 24 * 3600


def botbuilder_metadata_url() -> str:
    """The cache key botbuilder's channel validation looks up."""
    return str(
        ChannelValidation.open_id_metadata_endpoint
        or AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL
    )


class SigningKeys:
    """Keeps botbuilder's signing-key cache filled from `metadata_url`."""

    def __init__(self, metadata_url: str, timeout_seconds: float) -> None:
        self._metadata_url = metadata_url
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)
        self._keys: list[dict[str, Any]] = []
        self._public_keys: dict[str, Any] = {}
        self._fetched_at: float | None = None
        self._last_attempt: float = 0.0
        self._lock = asyncio.Lock()

    async def ensure(self, kid: str | None) -> None:
        """Make sure keys are cached and fresh; refresh once on an unknown `kid` (rate-limited).

        Raises AuthMetadataUnavailableError when no usable keys can be had.
        """
        now = time.monotonic()
        if self._fresh(now) and (kid is None or self._knows(kid)):
            return
        async with self._lock:
            now = time.monotonic()
            due = not self._fresh(now)
            unknown = kid is not None and not self._knows(kid)
            if due or (unknown and now - self._last_attempt > UNKNOWN_KID_REFRESH_SECONDS):
                await self._refresh(now)
            if not self._usable(time.monotonic()):
                raise AuthMetadataUnavailableError("no Bot Framework signing keys available")
            self._install()

    def public_key(self, kid: str) -> tuple[Any, tuple[str, ...]] | None:
        """The RSA public key published under `kid` and its channel endorsements, or None."""
        if kid not in self._public_keys:
            jwk = next((key for key in self._keys if key.get("kid") == kid), None)
            if jwk is None:
                return None
            endorsements = jwk.get("endorsements")
            try:
                self._public_keys[kid] = (
                    RSAAlgorithm.from_jwk(json.dumps(jwk)),
                    tuple(str(e) for e in endorsements) if isinstance(endorsements, list) else (),
                )
            except (PyJWTError, ValueError, TypeError, KeyError):
                return None
        found: tuple[Any, tuple[str, ...]] = self._public_keys[kid]
        return found

    def _fresh(self, now: float) -> bool:
        return self._fetched_at is not None and now - self._fetched_at < REFRESH_EVERY_SECONDS

    def _usable(self, now: float) -> bool:
        return self._fetched_at is not None and now - self._fetched_at < STALE_KEYS_USABLE_SECONDS

    def _knows(self, kid: str) -> bool:
        return any(key.get("kid") == kid for key in self._keys)

    async def _refresh(self, now: float) -> None:
        self._last_attempt = now
        try:
            async with aiohttp.ClientSession(timeout=self._timeout) as session:
                async with session.get(self._metadata_url) as response:
                    response.raise_for_status()
                    metadata = await response.json(content_type=None)
                async with session.get(str(metadata["jwks_uri"])) as response:
                    response.raise_for_status()
                    jwks = await response.json(content_type=None)
            keys = [key for key in jwks["keys"] if isinstance(key, dict) and key.get("kid")]
        except (aiohttp.ClientError, TimeoutError, KeyError, TypeError, ValueError) as error:
            log.warning("signing key refresh failed: %s", type(error).__name__)
            return
        self._keys = keys
        self._public_keys = {}
        self._fetched_at = time.monotonic()
        log.info("signing keys refreshed: %d keys", len(keys))

    def _install(self) -> None:
        metadata = JwtTokenExtractor.get_open_id_metadata(botbuilder_metadata_url())
        metadata.keys = list(self._keys)
        # Never stale for botbuilder: its own refresh would block the event loop.
        metadata.last_updated = datetime.max  # noqa: DTZ901 botbuilder compares with naive now()
