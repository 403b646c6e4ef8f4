"""Authenticate every inbound request explicitly, before the bot runs.

botbuilder's `CloudAdapter.process` turns most token failures into HTTP 500 and accepts emulator and
skill tokens on the same path. Here: only Bearer tokens issued by `https://api.botframework.com`, with
an expiry. `verify_token` checks the token alone (signature, issuer, audience = our app id, expiry,
a key endorsed for `msteams`) before the body is read, so an anonymous request never costs a parse;
`authenticate` then runs botbuilder's own channel validation against the activity (serviceUrl claim,
channel endorsement). Every failure becomes `NotAuthenticatedError` (401).
"""

from __future__ import annotations

import logging
from typing import Any

import jwt
from botbuilder.schema import Activity
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConfiguration,
    BotFrameworkAuthentication,
    SkillValidation,
)

from bot.errors import AuthMetadataUnavailableError, NotAuthenticatedError
from bot.teams.signing_keys import SigningKeys

log = logging.getLogger(__name__)

TEAMS_CHANNEL = "msteams"
BOT_FRAMEWORK_ISSUER = "https://api.botframework.com"
ALLOWED_ALGORITHMS = frozenset({"RS256"})
CLOCK_TOLERANCE_SECONDS = 300  # as botbuilder's channel validation


async def require_bot_framework_issuer(claims: Any) -> None:
    """claims_validator for botbuilder: the emulator and skill issuers are not accepted."""
    if not isinstance(claims, dict) or claims.get("iss") != BOT_FRAMEWORK_ISSUER:
        raise PermissionError("issuer not accepted")


def authentication_configuration() -> AuthenticationConfiguration:
    return AuthenticationConfiguration(
        required_endorsements=[TEAMS_CHANNEL], claims_validator=require_bot_framework_issuer
    )


class InboundAuthenticator:
    """Turns (activity, Authorization header) into botbuilder's AuthenticateRequestResult, or raises."""

    def __init__(
        self,
        authentication: BotFrameworkAuthentication,
        signing_keys: SigningKeys,
        *,
        app_id: str | None,
        unauthenticated: bool,
    ) -> None:
        self._authentication = authentication
        self._signing_keys = signing_keys
        self._app_id = app_id
        self._unauthenticated = unauthenticated

    async def verify_token(self, auth_header: str) -> None:
        """The token on its own, before the body is read: raises unless it is a current Bot Framework
        token for this bot, signed by a published key endorsed for `msteams`."""
        if self._unauthenticated:
            return
        kid = _precheck(auth_header)
        await self._signing_keys.ensure(kid)
        published = self._signing_keys.public_key(kid)
        if published is None:
            raise NotAuthenticatedError("unknown signing key")
        key, endorsements = published
        if endorsements and TEAMS_CHANNEL not in endorsements:
            raise NotAuthenticatedError("signing key not endorsed for msteams")
        try:
            jwt.decode(
                auth_header.partition(" ")[2],
                key,
                algorithms=sorted(ALLOWED_ALGORITHMS),
                audience=self._app_id,
                issuer=BOT_FRAMEWORK_ISSUER,
                leeway=CLOCK_TOLERANCE_SECONDS,
                options={"require": ["exp", "iss", "aud"]},
            )
        except jwt.PyJWTError as error:
            raise NotAuthenticatedError(f"token rejected: {type(error).__name__}") from error

    async def authenticate(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        if activity.channel_id != TEAMS_CHANNEL:
            # An empty channel id would skip botbuilder's endorsement check altogether.
            raise NotAuthenticatedError("channel not accepted")
        if not activity.service_url:
            # Without a serviceUrl botbuilder skips the serviceurl-claim check.
            raise NotAuthenticatedError("no serviceUrl")
        if self._unauthenticated:
            return await self._authentication.authenticate_request(activity, "")
        kid = _precheck(auth_header)
        await self._signing_keys.ensure(kid)
        try:
            result: AuthenticateRequestResult = await self._authentication.authenticate_request(
                activity, auth_header
            )
        except AuthMetadataUnavailableError:
            raise
        except Exception as error:  # botbuilder raises bare Exception, IndexError, jwt errors ...
            raise NotAuthenticatedError(f"token rejected: {type(error).__name__}") from error
        claims = result.claims_identity.claims if result.claims_identity else {}
        if not result.claims_identity or not result.claims_identity.is_authenticated:
            raise NotAuthenticatedError("no identity")
        if claims.get("iss") != BOT_FRAMEWORK_ISSUER:
            raise NotAuthenticatedError("issuer not accepted")
        return result


def _precheck(auth_header: str) -> str:
    """Reject what must never reach botbuilder's emulator or skill paths; return the token's `kid`."""
    scheme, _, token = auth_header.partition(" ")
    if scheme != "Bearer" or not token or " " in token:
        raise NotAuthenticatedError("missing or malformed Authorization header")
    try:
        header = jwt.get_unverified_header(token)
        claims = jwt.decode(token, options={"verify_signature": False})
    except jwt.PyJWTError as error:
        raise NotAuthenticatedError(f"malformed token: {type(error).__name__}") from error
    if header.get("alg") not in ALLOWED_ALGORITHMS:
        raise NotAuthenticatedError("signing algorithm not accepted")
    if claims.get("iss") != BOT_FRAMEWORK_ISSUER or SkillValidation.is_skill_claim(claims):
        raise NotAuthenticatedError("issuer not accepted")
    if not isinstance(claims.get("exp"), int | float) or isinstance(claims.get("exp"), bool):
        # botbuilder checks `exp` only when it is present: a token without one would never expire.
        raise NotAuthenticatedError("token has no expiry")
    kid = header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise NotAuthenticatedError("token has no key id")
    return kid
