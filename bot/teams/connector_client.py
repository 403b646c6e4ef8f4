"""Turn replies to the Bot Connector over one long-lived aiohttp session on the event loop.

botbuilder 4.17 builds a connector client per turn whose msrest pipeline sends with `requests` on the
default thread pool: a new requests session, a new TCP connection and TLS handshake for every turn, and
six threads holding the GIL for it besides the event loop. Measured in `bench.images` (10 users asking
at once): 39 ms of a 73 ms 'help' turn went to its two sends (typing, reply), and those threads took
about as much CPU as the event loop itself. Here the clients botbuilder builds send through
`PooledSender`: the app's session, its connections kept alive and reused, no threads. Everything above
the sender is unchanged (our `ConnectorCallPolicy` with the cached token, timeout and retries; msrest's
(de)serialisation; botbuilder's operations). Redirects are never followed (the token goes to the
service URL only).
"""

from __future__ import annotations

from typing import Any

import aiohttp
from botbuilder.integration.aiohttp import ConfigurationBotFrameworkAuthentication
from botbuilder.schema import Activity
from botframework.connector.about import __version__ as botframework_version
from botframework.connector.aio import ConnectorClient
from botframework.connector.aiohttp_bf_pipeline import AsyncBfPipeline
from botframework.connector.auth import (
    AuthenticateRequestResult,
    AuthenticationConstants,
    ClaimsIdentity,
    ConnectorFactory,
    ServiceClientCredentialsFactory,
)
from msrest.exceptions import ClientRequestError
from msrest.pipeline import Request, Response
from msrest.pipeline.async_abc import AsyncHTTPSender
from msrest.universal_http.aiohttp import AioHttpClientResponse

USER_AGENT = f"Microsoft-BotFramework/3.1 (BotBuilder Python/{botframework_version})"
# The Bot Connector of the public cloud: the only one this bot talks to (no CHANNEL_SERVICE setting).
OAUTH_SCOPE = AuthenticationConstants.TO_CHANNEL_FROM_BOT_OAUTH_SCOPE
LOGIN_ENDPOINT = AuthenticationConstants.TO_CHANNEL_FROM_BOT_LOGIN_URL
# How long an idle kept-alive connection may be reused: shorter than any server's own idle limit (Node's
# default, which the Agents Playground has, is 5 s). aiohttp's default of 15 s let a reply go out on a
# connection the server was closing at that moment: the send failed (ServerDisconnectedError) and the reply
# was lost, as once in the e2e. aiohttp retries that only for idempotent methods, and a reply is a POST
# (RFC 9112 9.3.1: not retried, it may have been applied), so the race is avoided instead.
KEEPALIVE_SECONDS = 4.0


def connector_session(keepalive_seconds: float = KEEPALIVE_SECONDS) -> aiohttp.ClientSession:
    """The app's session to the Bot Connector (turn replies and the outbox worker)."""
    return aiohttp.ClientSession(connector=aiohttp.TCPConnector(keepalive_timeout=keepalive_seconds))


class PooledSender(AsyncHTTPSender[Any, Any]):
    """msrest's last pipeline step: the request on the shared session, the body read before it returns.
    The session belongs to the app, which closes it at shutdown; a client leaving its pipeline does not."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> PooledSender:
        return self

    async def __aexit__(self, *exc_details: object) -> None:
        return None

    async def send(self, request: Request[Any], **config: Any) -> Response[Any, Any]:
        http = request.http_request
        headers = {k: v for k, v in http.headers.items() if k.lower() != "content-length"}
        timeout = config.get("timeout")
        try:
            answer = await self._session.request(
                http.method,
                http.url,
                headers=headers,
                data=_body(http.data),
                timeout=aiohttp.ClientTimeout(total=float(timeout)) if timeout else aiohttp.ClientTimeout(),
                allow_redirects=False,
            )
            response = _ReadResponse(http, answer)
            try:
                await response.load_body()
            finally:
                answer.release()
        except (aiohttp.ClientError, TimeoutError) as error:
            # What msrest's requests sender raises for a failed call, so error handling above stays the same.
            raise ClientRequestError(f"connector call failed: {type(error).__name__}", error) from error
        return Response(request, response)


class _ReadResponse(AioHttpClientResponse):
    """A response whose body was read: an empty one is an empty body. msrest's own raises "Body is not
    available" for an empty body (`if not self._body`), which the Playground's connector sends."""

    def body(self) -> bytes:
        return self._body or b""


def _body(data: object) -> bytes | None:
    """msrest puts a JSON body in as text (ASCII: json.dumps escapes the rest)."""
    if data is None:
        return None
    if isinstance(data, str):
        return data.encode("utf-8")
    if isinstance(data, bytes | bytearray):
        return bytes(data)
    raise TypeError(f"unsupported request body: {type(data).__name__}")


class PooledConnectorFactory(ConnectorFactory):  # type: ignore[misc]
    """botbuilder's connector factory, with clients that send through `PooledSender`."""

    def __init__(
        self, app_id: str | None, credentials: ServiceClientCredentialsFactory, sender: PooledSender
    ) -> None:
        self._app_id = app_id
        self._credentials = credentials
        self._sender = sender

    async def create(self, service_url: str, audience: str | None = None) -> ConnectorClient:
        credentials = await self._credentials.create_credentials(
            self._app_id, audience or OAUTH_SCOPE, LOGIN_ENDPOINT, True
        )
        client = ConnectorClient(credentials, base_url=service_url)
        client.config.add_user_agent(USER_AGENT)
        # Built last, after the client's own (requests) pipeline: msrest chains the config's policy objects
        # (our ConnectorCallPolicy among them) into whichever pipeline was built last.
        client.config.sender = self._sender
        client.config.pipeline = AsyncBfPipeline(client.config)
        return client


class PooledBotFrameworkAuthentication(ConfigurationBotFrameworkAuthentication):  # type: ignore[misc]
    """botbuilder's authentication from configuration; only its connector factories are ours (the one a
    request's authentication hands to the turn, and the one proactive calls ask for)."""

    def __init__(
        self,
        configuration: Any,
        *,
        credentials_factory: ServiceClientCredentialsFactory,
        session: aiohttp.ClientSession,
        **options: Any,
    ) -> None:
        super().__init__(configuration, credentials_factory=credentials_factory, **options)
        self._credentials = credentials_factory
        self._sender = PooledSender(session)

    async def authenticate_request(self, activity: Activity, auth_header: str) -> AuthenticateRequestResult:
        """botbuilder's result, whose connector factory (the one a turn's replies use) is ours."""
        result: AuthenticateRequestResult = await super().authenticate_request(activity, auth_header)
        if result.connector_factory is not None:
            result.connector_factory = self.create_connector_factory(result.claims_identity)
        return result

    def create_connector_factory(self, claims_identity: ClaimsIdentity) -> ConnectorFactory:
        # The bot's app id, where botbuilder finds it: the audience of a channel's token (appid: emulator).
        app_id = claims_identity.get_claim_value(AuthenticationConstants.AUDIENCE_CLAIM)
        if app_id is None:
            app_id = claims_identity.get_claim_value(AuthenticationConstants.APP_ID_CLAIM)
        return PooledConnectorFactory(app_id, self._credentials, self._sender)
