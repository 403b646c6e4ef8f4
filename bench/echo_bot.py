"""The floor: a bare botbuilder echo bot on CloudAdapter, with the same authentication as Mag dit?.

Same app id, app type and tenant, the same `AuthenticationConfiguration` (endorsement `msteams`,
issuer check), the same signed tokens; botbuilder fetches the signing keys itself from the local
OpenID server. Outbound it uses botbuilder's own credentials path with a fixed token instead of a
call to Entra ID (the only change from a stock bot, which would fetch a token over the internet).
"""

from __future__ import annotations

from typing import Any

from aiohttp import web
from botbuilder.core import ActivityHandler, MessageFactory, TurnContext
from botbuilder.integration.aiohttp import CloudAdapter, ConfigurationBotFrameworkAuthentication
from botframework.connector.auth import (
    ChannelValidation,
    MicrosoftAppCredentials,
    ServiceClientCredentialsFactory,
)

from bot.teams.inbound_auth import authentication_configuration

OUTBOUND_TOKEN = "echo-outbound-token"  # noqa: S105 a fake token for the fake connector


class EchoBot(ActivityHandler):  # type: ignore[misc]
    async def on_message_activity(self, turn_context: TurnContext) -> None:
        await turn_context.send_activity(MessageFactory.text(f"Echo: {turn_context.activity.text}"))


class _FixedTokenCredentials(MicrosoftAppCredentials):  # type: ignore[misc]
    def get_access_token(self, force_refresh: bool = False) -> str:
        return OUTBOUND_TOKEN


class _FixedTokenCredentialsFactory(ServiceClientCredentialsFactory):  # type: ignore[misc]
    def __init__(self, app_id: str) -> None:
        self._app_id = app_id

    async def is_valid_app_id(self, app_id: str) -> bool:
        return app_id == self._app_id

    async def is_authentication_disabled(self) -> bool:
        return False

    async def create_credentials(
        self, app_id: str, oauth_scope: str, login_endpoint: str, validate_authority: bool
    ) -> Any:
        return _FixedTokenCredentials(app_id, "unused", oauth_scope=oauth_scope)


class _Config:
    def __init__(self, app_id: str, tenant_id: str) -> None:
        self.APP_ID = app_id
        self.APP_PASSWORD = "bench-secret"  # noqa: S105 never used: the credentials are fixed
        self.APP_TYPE = "SingleTenant"
        self.APP_TENANTID = tenant_id


def create_echo_app(app_id: str, tenant_id: str, openid_metadata_url: str) -> web.Application:
    ChannelValidation.open_id_metadata_endpoint = openid_metadata_url  # botbuilder fetches the keys
    authentication = ConfigurationBotFrameworkAuthentication(
        _Config(app_id, tenant_id),
        credentials_factory=_FixedTokenCredentialsFactory(app_id),
        auth_configuration=authentication_configuration(),
    )
    adapter = CloudAdapter(authentication)
    bot = EchoBot()

    async def messages(request: web.Request) -> web.StreamResponse:
        response: web.StreamResponse = await adapter.process(request, bot)
        return response

    app = web.Application()
    app.router.add_post("/api/messages", messages)
    return app
