"""Composition root: `create_app(settings)` builds the store, rule book, conversation and Teams endpoint.

Run with `python app.py` (settings from the environment and `.env`). Routes: POST /api/messages,
GET /healthz (alive), GET /readyz (rules loaded and the store reachable, from a background probe, with the
outbox backlog; every database read there is bounded by a short timeout, so a locked database never holds a
health check).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import sys
from collections.abc import AsyncIterator, Callable
from datetime import timedelta
from typing import Final

import aiohttp
from aiohttp import web

from bot.conversation.dispatcher import Conversation
from bot.conversation.ports import RoleDirectory
from bot.conversation.rate_limit import RateLimiter
from bot.conversation.services import Services
from bot.delivery.backlog import BacklogMonitor
from bot.delivery.ports import OutboxHandler
from bot.delivery.worker import OutboxWorker
from bot.errors import UnknownSchoolError
from bot.graph import role_directory_from
from bot.health import StoreHealth, probing
from bot.leadership.desk import LeadershipDesk
from bot.leadership.outbox_handler import LeadershipOutbox
from bot.leadership.reminders import remind_daily
from bot.observability import backlog_gauges, configure_logging, configure_telemetry, request_spans
from bot.protocol.engine import RuleBook
from bot.reporting.download import HttpFileSource, TokenGetter
from bot.reporting.privacy import purge_daily
from bot.settings import Settings
from bot.storage import Store, open_store
from bot.teams import AccessTokenSource, TeamsEndpoint
from bot.teams.connector_client import connector_session
from bot.teams.endpoint import token_source_from
from bot.teams.outbound import CachedToken
from bot.teams.proactive import connector_sender

log = logging.getLogger("magdit.app")

SETTINGS: Final = web.AppKey("settings", Settings)
RULES: Final = web.AppKey("rules", RuleBook)
STORE: Final = web.AppKey("store", Store)
ENDPOINT: Final = web.AppKey("endpoint", TeamsEndpoint)
WORKER: Final = web.AppKey("outbox_worker", OutboxWorker)
BACKLOG: Final = web.AppKey("outbox_backlog", BacklogMonitor)
HEALTH_TIMEOUT_SECONDS = 1.0  # a health check never waits longer on the database
HEALTH: Final = web.AppKey("store_health", StoreHealth)

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
        health = app[HEALTH] = StoreHealth(opened, interval=settings.health_probe_seconds)
        await health.check()  # known before the first /readyz; bounded by the probe's timeout
        worker, stop_waking = None, None
        session = connector_session()  # to the Bot Connector: turn replies and the outbox worker
        if outbox_handler is not None:
            sender = connector_sender(settings, session, source)
            lease = timedelta(seconds=settings.outbox_lease_seconds)
            worker = app[WORKER] = OutboxWorker(opened.outbox, outbox_handler(opened), sender, lease=lease)
            stop_waking = opened.on_enqueue(worker.notify)  # enqueues in this process wake the worker
        downloads = aiohttp.ClientSession()
        files = HttpFileSource(
            downloads,
            download_token(settings, source),
            timeout_seconds=settings.outbound_timeout_seconds,
            allow_loopback_http=settings.unauthenticated_local_dev,
        )
        services = Services(
            store=opened,
            rules=book,
            schools_for=settings.schools_for,
            roles=roles or built_roles,
            files=files,
            screenshot_max_bytes=settings.screenshot_max_bytes,
            retention_months=settings.retention_months,
        )
        purging = asyncio.create_task(purge_daily(opened, settings.retention_months), name="daily-purge")
        reminding = asyncio.create_task(remind_daily(opened, settings.response_days), name="daily-reminders")
        monitor = app[BACKLOG] = BacklogMonitor(
            opened.outbox, settings.outbox_alert_seconds, timeout_seconds=HEALTH_TIMEOUT_SECONDS
        )
        backlog_gauges(monitor)
        watching = asyncio.create_task(monitor.run(), name="outbox-backlog")
        services.leadership = LeadershipDesk(opened, settings, book, images=services.images)
        window = settings.rate_limit_window_seconds
        conversation = Conversation(
            services,
            RateLimiter(settings.rate_limit_messages, window),
            RateLimiter(settings.rate_limit_report_requests, window),
            turn_budget_seconds=settings.turn_budget_seconds,
        )
        app[ENDPOINT] = TeamsEndpoint(settings, conversation, session=session, token_source=source)
        if worker is not None:
            worker.start()
        # What start-up made (rules, the schema, SQLAlchemy's compiled statements) lives as long as the
        # process: kept out of the collector's full passes, which otherwise scan it again and again.
        gc.freeze()
        async with probing(health):
            yield
        if worker is not None:
            await worker.stop(grace_seconds=settings.outbound_timeout_seconds + 5)
        if stop_waking is not None:
            stop_waking()
        for task in (purging, reminding, watching):
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        services.images.close()
        await downloads.close()
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
    """From the background probe's last result (`bot.health`): never waits on the database."""
    schools = len(request.app[RULES].slugs)
    store = request.app[HEALTH].state()
    ready = schools > 0 and store.ok
    body: dict[str, object] = {
        "status": "ready" if ready else "not ready",
        "schools": schools,
        "store": store.ok,
        "store_checked_seconds_ago": store.checked_seconds_ago,
    }
    body.update(await _delivery_alerts(request.app))
    return web.json_response(body, status=200 if ready else 503)


async def _delivery_alerts(app: web.Application) -> dict[str, object]:
    """The outbox backlog (pending, the oldest's age), dead messages (403/404: kept, not retried) and
    messages with nowhere to go yet. A backlog does not make the instance unready: a new one would not
    reach Teams either."""
    alerts: dict[str, object] = {}
    monitor = app[BACKLOG]
    backlog = await monitor.check()
    if backlog is None:  # the store is slow or down: `store` says so, or the figures are unknown now
        alerts["outbox"] = "unknown (the store did not answer in time)"
        return alerts
    age = monitor.oldest_age_seconds() or 0.0
    alerts["outbox_pending"] = backlog.pending
    alerts["outbox_oldest_pending_seconds"] = round(age)
    alerts["outbox_dead"] = backlog.dead
    messages = []
    if monitor.alerting:
        messages.append(
            f"{backlog.pending} outbox message(s) pending, the oldest for {age:.0f}s: Teams unreachable?"
        )
    if backlog.dead:
        messages.append(
            f"{backlog.dead} outbox message(s) could not be delivered (403/404): kept,"
            " see `python -m bot outbox list`"
        )
    if messages:
        alerts["alert"] = "; ".join(messages)
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
