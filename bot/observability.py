"""Logs and traces for operations: one JSON object per line, ids only; OpenTelemetry when configured.

Every line has `time`, `level`, `logger`, `message` and the ids a call passes in `extra`
(`log.info("case escalated", extra={"case": "M-2025-0042"})`). Never log message text, report
content, names or tokens: the formatter keeps an exception's type and stack, not its text (a
validation error quotes its input). With APPLICATIONINSIGHTS_CONNECTION_STRING set, the same records
and a span per HTTP request go to Application Insights through `azure-monitor-opentelemetry`
(optional extra `azure`, imported only then), signed in with the managed identity (AZURE_CLIENT_ID).
"""

from __future__ import annotations

import json
import logging
import re
import sys
import traceback
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Literal, TextIO

from aiohttp import web

if TYPE_CHECKING:
    from bot.delivery.backlog import BacklogMonitor

LogFormat = Literal["json", "text"]
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s %(message)s"

# Attributes every LogRecord has; anything else on a record came in through `extra`.
_RECORD_FIELDS = frozenset(vars(logging.LogRecord("", 0, "", 0, "", (), None))) | {"message", "asctime"}
_MAX_STACK_FRAMES = 12
LOG_VALUE_MAX_CHARS = 80
# Line breaks, other controls, bidi overrides and isolates: what could forge or disguise a log line.
_UNSAFE_IN_LOGS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")

log = logging.getLogger(__name__)


def _escaped(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def escape_for_log(text: str) -> str:
    """`text` with line breaks, control and bidi characters escaped as `\\uXXXX`: one line, read as sent."""
    return _UNSAFE_IN_LOGS.sub(_escaped, text)


def log_value(value: object, max_chars: int = LOG_VALUE_MAX_CHARS) -> str:
    """A request-supplied value (activity id, conversation id, verb ...) for a log line: at most
    `max_chars` characters of it, escaped, so a request can neither flood nor forge the log."""
    if value is None:
        return "-"
    text = value if isinstance(value, str) else str(value)
    if len(text) <= max_chars:
        return escape_for_log(text)
    return f"{escape_for_log(text[:max_chars])}…(+{len(text) - max_chars} chars)"


def _error_stack(exc_info: Any) -> tuple[str, list[str]]:
    """An exception as its type and last frames: never its text, which may quote what someone typed."""
    kind, _, trace = exc_info
    frames = traceback.extract_tb(trace)[-_MAX_STACK_FRAMES:]
    return kind.__name__, [f"{frame.filename}:{frame.lineno} {frame.name}" for frame in frames]


class TextLineFormatter(logging.Formatter):
    """Plain lines for a terminal, with exceptions shown as type and stack only, like the JSON lines.
    A message is always one line: a line break that slipped into it is escaped, never written."""

    def formatMessage(self, record: logging.LogRecord) -> str:  # noqa: N802 - logging's own name
        record.message = escape_for_log(record.message)
        return super().formatMessage(record)

    def formatException(self, ei: Any) -> str:  # noqa: N802 - logging's own name
        kind, stack = _error_stack(ei)
        return "\n".join([f"{kind} (message withheld: it may contain personal data)", *stack])


class JsonLineFormatter(logging.Formatter):
    """A log record as one line of JSON: time (UTC), level, logger, message, the `extra` ids, error type."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key, value in vars(record).items():
            if key not in _RECORD_FIELDS and not key.startswith("_"):
                entry[key] = (
                    value if isinstance(value, str | int | float | bool) or value is None else str(value)
                )
        if record.exc_info and record.exc_info[0] is not None:
            entry["error"], entry["stack"] = _error_stack(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(level: str, log_format: LogFormat, stream: TextIO | None = None) -> None:
    """One handler on the root logger: JSON lines (Azure, containers) or plain text (a terminal)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLineFormatter() if log_format == "json" else TextLineFormatter(TEXT_FORMAT))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)


def configure_telemetry(connection_string: str | None, client_id: str | None = None) -> bool:
    """Send logs and traces to Application Insights when a connection string is set; True when on.

    With `client_id` (a user-assigned managed identity) telemetry is sent with an Entra token, so the
    Application Insights resource can refuse keys alone (DisableLocalAuth in the Bicep).
    """
    if not connection_string:
        return False
    try:
        from azure.monitor.opentelemetry import configure_azure_monitor
    except ImportError:
        log.error("APPLICATIONINSIGHTS_CONNECTION_STRING is set but the 'azure' extra is not installed")
        return False
    credential = None
    if client_id:
        from azure.identity import ManagedIdentityCredential

        credential = ManagedIdentityCredential(client_id=client_id)
    configure_azure_monitor(
        connection_string=connection_string,
        credential=credential,
        enable_live_metrics=False,
        logger_name="",  # the root logger: the same id-only records as the JSON lines
    )
    log.info("telemetry to application insights on")
    return True


Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@web.middleware
async def request_spans(request: web.Request, handler: Handler) -> web.StreamResponse:
    """One span per request, named by the route pattern (never the query or a body)."""
    from opentelemetry import trace

    route = request.match_info.route.resource
    name = f"{request.method} {route.canonical if route is not None else 'unmatched'}"
    with trace.get_tracer("magdit").start_as_current_span(name, kind=trace.SpanKind.SERVER) as span:
        span.set_attribute("http.request.method", request.method)
        span.set_attribute("http.route", name.split(" ", 1)[1])
        try:
            response = await handler(request)
        except web.HTTPException as error:
            span.set_attribute("http.response.status_code", error.status)
            raise
        span.set_attribute("http.response.status_code", response.status)
        return response


def backlog_gauges(monitor: BacklogMonitor, meter_provider: Any | None = None) -> bool:
    """The outbox backlog as OpenTelemetry gauges (`magdit.outbox.pending`, `magdit.outbox.oldest_pending_age`
    in seconds, `magdit.outbox.dead`), read from the monitor's last figures: never a query at export time.
    Exported to Application Insights when telemetry is on; False when OpenTelemetry is not installed."""
    try:
        from opentelemetry import metrics
    except ImportError:
        return False
    meter = (meter_provider or metrics.get_meter_provider()).get_meter("magdit")

    def observe(read: Callable[[BacklogMonitor], float | None]) -> Callable[[Any], list[Any]]:
        def callback(_: Any) -> list[Any]:
            value = read(monitor)
            return [] if value is None else [metrics.Observation(value)]

        return callback

    meter.create_observable_gauge(
        "magdit.outbox.pending",
        callbacks=[observe(lambda m: m.latest.pending if m.latest else None)],
        unit="{message}",
        description="outbox messages waiting to be sent",
    )
    meter.create_observable_gauge(
        "magdit.outbox.oldest_pending_age",
        callbacks=[observe(lambda m: m.oldest_age_seconds())],
        unit="s",
        description="how long the oldest pending outbox message has waited",
    )
    meter.create_observable_gauge(
        "magdit.outbox.dead",
        callbacks=[observe(lambda m: m.latest.dead if m.latest else None)],
        unit="{message}",
        description="outbox messages not delivered (403/404), kept",
    )
    return True
