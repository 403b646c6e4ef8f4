"""`POST /api/messages`: authenticate the token, then parse, check the activity and tenant, then (and
only then) run the turn.

Statuses: 400 not an activity (or nested deeper than any activity), 401 any token problem or a channel
other than `msteams`, 403 a tenant that is not allowed, 413 body too large (`client_max_size`), 415 not
JSON, 503 signing keys unavailable. The token is checked before the body is read, so an anonymous
request costs no parsing; the bot runs only after all checks passed, so a rejected request stores and
sends nothing. Rejections are logged through a rate-limited `RejectionLog`, request values escaped.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import partial
from typing import Any

import aiohttp
from aiohttp import web
from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import Activity, ActivityTypes
from msrest.universal_http.requests import ClientRetryPolicy

from bot.errors import (
    AuthMetadataUnavailableError,
    BadActivityError,
    NotAuthenticatedError,
    TenantNotAllowedError,
)
from bot.observability import log_value
from bot.settings import Settings
from bot.teams.activities import activity_tenant
from bot.teams.connector_client import PooledBotFrameworkAuthentication
from bot.teams.inbound_auth import InboundAuthenticator, authentication_configuration
from bot.teams.outbound import (
    AccessTokenSource,
    CachedCredentialsFactory,
    CachedToken,
    ManagedIdentityTokenSource,
    MsalTokenSource,
)
from bot.teams.rejections import RejectionLog
from bot.teams.request_body import json_body
from bot.teams.signing_keys import SigningKeys
from bot.teams.turns import DIALOG_INVOKES, ConversationHandler, TeamsTurns, error_dialog
from bot.texts import lang_for_locale, t

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class BotFrameworkConfig:
    """The attribute names botbuilder reads; any other name silently disables authentication."""

    APP_ID: str | None
    APP_PASSWORD: str | None
    APP_TYPE: str
    APP_TENANTID: str | None


def token_source_from(settings: Settings) -> MsalTokenSource | ManagedIdentityTokenSource | None:
    """The token source the settings ask for; whoever builds one closes it (`close()`) at shutdown."""
    if not settings.app_id or not settings.app_tenant_id:
        return None
    if settings.app_type == "UserAssignedMSI":
        return ManagedIdentityTokenSource(settings.app_id)
    if settings.app_password is None:
        return None
    return MsalTokenSource(
        settings.app_id,
        settings.app_password.get_secret_value(),
        settings.app_tenant_id,
        settings.outbound_timeout_seconds,
    )


def _cheaper_msrest_clients() -> None:
    """botbuilder builds two msrest clients per turn, and each builds its retry list by testing 999 codes
    against a 500-item *list* (about 5 ms CPU a client, half of a turn's cost). The attribute is only ever
    used for membership tests, so a frozenset gives the same retry list in microseconds."""
    ClientRetryPolicy.safe_codes = frozenset(ClientRetryPolicy.safe_codes)  # type: ignore[assignment]


class TeamsEndpoint:
    """The Bot Framework messaging endpoint, with botbuilder's CloudAdapter behind our own checks."""

    def __init__(
        self,
        settings: Settings,
        conversation: ConversationHandler,
        *,
        session: aiohttp.ClientSession,
        token_source: AccessTokenSource | None = None,
    ) -> None:
        """`session`: replies to the Bot Connector go out on it (`connector_client`); the caller closes it."""
        _cheaper_msrest_clients()
        self._allowed_tenants = settings.allowed_tenants
        source = token_source or token_source_from(settings)
        token = CachedToken(source) if source is not None and settings.app_id else None
        config = BotFrameworkConfig(
            APP_ID=settings.app_id,
            APP_PASSWORD=settings.app_password.get_secret_value() if settings.app_password else None,
            APP_TYPE=settings.app_type,
            APP_TENANTID=settings.app_tenant_id,
        )
        authentication = PooledBotFrameworkAuthentication(
            config,
            credentials_factory=CachedCredentialsFactory(
                settings.app_id, token, timeout_seconds=settings.outbound_timeout_seconds
            ),
            session=session,
            auth_configuration=authentication_configuration(),
        )
        self._adapter = CloudAdapter(authentication)
        self._adapter.on_turn_error = self._on_turn_error
        self._authenticator = InboundAuthenticator(
            authentication,
            SigningKeys(settings.openid_metadata_url, settings.openid_timeout_seconds),
            app_id=settings.app_id,
            unauthenticated=settings.unauthenticated_local_dev,
        )
        self._rejections = RejectionLog()
        self._turns = TeamsTurns(conversation)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.content_type != "application/json":
            return self._reject(415, "expected application/json")
        auth_header = request.headers.get("Authorization", "")
        try:
            await self._authenticator.verify_token(auth_header)  # before the body is even read
        except NotAuthenticatedError as error:
            return self._reject(401, "unauthorized", str(error))
        except AuthMetadataUnavailableError:
            return self._reject(503, "authentication metadata unavailable", "signing keys unavailable")
        try:
            body = json_body(await request.read())
            activity = _activity_from(body)
        except web.HTTPRequestEntityTooLarge:
            return self._reject(413, "body too large")
        except BadActivityError as error:
            return self._reject(400, str(error))
        try:
            auth = await self._authenticator.authenticate(activity, auth_header)
        except NotAuthenticatedError as error:
            return self._reject(401, "unauthorized", str(error), activity.id)
        except AuthMetadataUnavailableError:
            return self._reject(503, "authentication metadata unavailable", "signing keys unavailable")
        try:
            tenant_id = activity_tenant(body, self._allowed_tenants)
        except TenantNotAllowedError as error:
            return self._reject(403, "tenant not allowed", str(error), activity.id)
        invoke = await self._adapter.process_activity(
            auth, activity, partial(self._turns.run, tenant_id=tenant_id)
        )
        if invoke is not None:
            return web.json_response(invoke.body, status=invoke.status)
        if activity.type == ActivityTypes.invoke:
            return _status(500, "no invoke response")
        return web.Response(status=201)

    async def _on_turn_error(self, context: TurnContext, error: Exception) -> None:
        activity = context.activity
        conversation_id = activity.conversation.id if activity.conversation else None
        log.error(
            "turn failed: %s (activity %s, conversation %s)",
            type(error).__name__,
            log_value(activity.id),
            log_value(conversation_id),
            exc_info=error,
        )
        if activity.type == ActivityTypes.message:
            try:
                await context.send_activity(t("reply.error", lang_for_locale(activity.locale)))
            except Exception as send_error:  # the connector may be what failed
                log.error("could not send the error reply: %s", type(send_error).__name__)
        elif activity.type == ActivityTypes.invoke and activity.name in DIALOG_INVOKES:
            # A dialog says so itself (nothing goes to the conversation the action was chosen in).
            await context.send_activity(error_dialog(t("reply.error", lang_for_locale(activity.locale))))

    def _reject(
        self, status: int, reason: str, detail: str | None = None, activity_id: object = None
    ) -> web.Response:
        """The error response; the log line (ours, rate-limited) may say more than the response does."""
        self._rejections.rejected(status, detail or reason, activity_id)
        return _status(status, reason)


def _activity_from(body: Any) -> Activity:
    if not isinstance(body, dict):
        raise BadActivityError("body is not an object")
    try:
        activity = Activity().deserialize(body)
    except Exception as error:  # msrest raises DeserializationError and friends
        raise BadActivityError("not an activity") from error
    if not activity.type:
        raise BadActivityError("activity without type")
    return activity


def _status(status: int, reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=status)
