"""Composition root: `create_app(settings)` builds the store, rule book, conversation and Teams endpoint.

Run with `python app.py` (settings from the environment and `.env`). Routes: POST /api/messages,
GET /healthz (alive), GET /readyz (rules loaded and store reachable).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import sys
from collections.abc import AsyncIterator, Callable
from typing import Final

import aiohttp
from aiohttp import web

from bot.conversation.dispatcher import Conversation
from bot.conversation.ports import RoleDirectory
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.delivery.ports import OutboxHandler
from bot.delivery.wake import waking_store
from bot.delivery.worker import OutboxWorker
from bot.errors import UnknownSchoolError
from bot.graph import role_directory_from
from bot.leadership.desk import LeadershipDesk
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.observability import configure_logging, configure_telemetry, request_spans
from bot.protocol.engine import RuleBook
from bot.reporting.download import HttpFileSource, TokenGetter
from bot.reporting.privacy import purge_daily
from bot.settings import Settings
from bot.storage import Store, open_store
from bot.teams import AccessTokenSource, TeamsEndpoint
from bot.teams.endpoint import token_source_from
from bot.teams.outbound import CachedToken
from bot.teams.proactive import connector_sender

log = logging.getLogger("magdit.app")

SETTINGS: Final = web.AppKey("settings", Settings)
RULES: Final = web.AppKey("rules", RuleBook)
STORE: Final = web.AppKey("store", Store)
ENDPOINT: Final = web.AppKey("endpoint", TeamsEndpoint)
WORKER: Final = web.AppKey("outbox_worker", OutboxWorker)

OutboxHandlerFactory = Callable[[Store], OutboxHandler]


def create_app(
    settings: Settings,
    *,
    rules: RuleBook | None = None,
    store: Store | None = None,
    token_source: AccessTokenSource | None = None,
    roles: RoleDirectory | None = None,
    outbox_handler: OutboxHandlerFactory | None = None,
) -> web.Application:
    """The web application. `rules`, `store`, `token_source` and `roles` may be given (tests);
    otherwise they are built from `settings`. A given store is not closed by the app.
    `outbox_handler(store)` builds the handler the outbox worker delivers with; without it no worker runs."""
    if settings.unauthenticated_local_dev:
        log.warning(
            "!!! UNAUTHENTICATED LOCAL DEVELOPMENT MODE: requests to /api/messages are NOT verified. "
            "Never expose %s:%d beyond this machine. !!!",
            settings.host,
            settings.port,
        )
    book = rules if rules is not None else RuleBook.load(settings.rules_dir, settings.help_lines())
    _check_schools(settings, book)
    built_roles = role_directory_from(settings) if roles is None else None  # Graph, when GRAPH_ENABLED

    app = web.Application(client_max_size=settings.max_body_bytes)
    app[SETTINGS] = settings
    app[RULES] = book

    async def store_lifetime(app: web.Application) -> AsyncIterator[None]:
        opened = (
            store
            if store is not None
            else await open_store(settings.database_url, auth=settings.database_auth)
        )
        app[STORE] = opened
        # One token source for the endpoint, the outbox sender and downloads; one we build, we close.
        owned_source = token_source_from(settings) if token_source is None else None
        source = token_source or owned_source
        session, worker, writing = None, None, opened
        if outbox_handler is not None:
            session = aiohttp.ClientSession()
            sender = connector_sender(settings, session, source)
            worker = app[WORKER] = OutboxWorker(opened.outbox, outbox_handler(opened), sender)
            writing = waking_store(opened, worker.notify)  # enqueues in this process wake the worker
        downloads = aiohttp.ClientSession()
        files = HttpFileSource(
            downloads,
            download_token(settings, source),
            timeout_seconds=settings.outbound_timeout_seconds,
            allow_loopback_http=settings.unauthenticated_local_dev,
        )
        services = Services(
            store=writing,
            rules=book,
            schools_for=settings.schools_for,
            roles=roles or built_roles,
            files=files,
            screenshot_max_bytes=settings.screenshot_max_bytes,
            retention_months=settings.retention_months,
        )
        purging = asyncio.create_task(purge_daily(opened, settings.retention_months), name="daily-purge")
        services.leadership = LeadershipDesk(writing, settings, book)
        limiter = RateLimiter(settings.rate_limit_messages, settings.rate_limit_window_seconds)
        app[ENDPOINT] = TeamsEndpoint(settings, Conversation(services, limiter), token_source=source)
        if worker is not None:
            worker.start()
        yield
        if worker is not None:
            await worker.stop(grace_seconds=settings.outbound_timeout_seconds + 5)
        purging.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await purging
        await downloads.close()
        if session is not None:
            await session.close()
        if built_roles is not None:
            await built_roles.close()
        if owned_source is not None:
            await owned_source.close()
        if store is None:
            await opened.close()

    app.cleanup_ctx.append(store_lifetime)
    app.router.add_post("/api/messages", messages)
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    return app


async def messages(request: web.Request) -> web.StreamResponse:
    return await request.app[ENDPOINT].handle(request)


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok"})


async def readyz(request: web.Request) -> web.Response:
    schools = len(request.app[RULES].slugs)
    store_ok = await request.app[STORE].ping()
    ready = schools > 0 and store_ok
    body: dict[str, object] = {
        "status": "ready" if ready else "not ready",
        "schools": schools,
        "store": store_ok,
    }
    body.update(await _delivery_alerts(request.app))
    return web.json_response(body, status=200 if ready else 503)


async def _delivery_alerts(app: web.Application) -> dict[str, object]:
    """Dead outbox messages (403/404: kept, not retried) and messages with nowhere to go yet."""
    alerts: dict[str, object] = {}
    try:
        dead = await app[STORE].outbox.dead_count()
    except Exception as error:  # the store is down: `store` already says so
        log.error("readyz: outbox count failed: %s", type(error).__name__)
        return alerts
    alerts["outbox_dead"] = dead
    if dead:
        alerts["alert"] = f"{dead} outbox message(s) could not be delivered (403/404): kept, see the log"
    worker = app.get(WORKER)
    if worker is not None and (waiting := worker.not_deliverable()):
        alerts["not_deliverable"] = waiting
    return alerts


def download_token(settings: Settings, token_source: AccessTokenSource | None) -> TokenGetter | None:
    """The bot's token for screenshots on the service host; None in unauthenticated local development."""
    source = token_source or token_source_from(settings)
    if source is None or not settings.app_id:
        return None
    return CachedToken(source).get


def _check_schools(settings: Settings, book: RuleBook) -> None:
    """Every school a tenant is mapped to must have a rules file: fail at start, not at the first user."""
    known = set(book.slugs)
    for tenant, schools in settings.tenant_schools.items():
        unknown = [slug for slug in schools if slug not in known]
        if unknown:
            raise UnknownSchoolError(
                f"TENANT_SCHOOLS: tenant {tenant} names unknown school(s) {', '.join(unknown)}"
            )


def main() -> int:
    try:
        settings = Settings()
    except ValueError as error:
        print(f"Mag dit? kan niet starten / cannot start:\n{error}", file=sys.stderr)
        return 2
    configure_logging(settings.log_level, settings.log_format)
    connection_string = settings.applicationinsights_connection_string
    telemetry = configure_telemetry(
        connection_string.get_secret_value() if connection_string else None, settings.azure_client_id
    )
    book = RuleBook.load(settings.rules_dir, settings.help_lines())
    app = create_app(
        settings, rules=book, outbox_handler=lambda store: LeadershipOutbox(store, settings, book)
    )
    if telemetry:
        app.middlewares.append(request_spans)
    web.run_app(app, host=settings.host, port=settings.port, access_log=None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
